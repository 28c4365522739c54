import { randomUUID } from "node:crypto";
import { audit } from "../audit/audit";
import type { EntityManager } from "typeorm";
import {
  compileRule,
  explainRule,
  normaliseTags,
  referencedSegments,
  validateRule,
  type Explanation,
  type Rule,
} from "@trouw/domain";
import type { Clock } from "../../common/clock";
import {
  assertNoProblems,
  badInput,
  conflict,
  isUniqueViolation,
  notFound,
} from "../../common/errors";
import type { Page } from "../../common/graphql-types";
import { assertId } from "../../common/ids";
import { decodeCursor, planPage, toPage, type PageArgs } from "../../common/pagination";
import type { RequestActor } from "../../context";
import type { Database } from "../../db/database";
import { returnedRows } from "../../db/rows";
import { CustomerEntity } from "../customers/customer.entity";
import type { JobRow, JobsService } from "../jobs/jobs.service";
import { markDirty } from "./dirty";
import { segmentSqlSettings } from "./settings";
import { SegmentEntity } from "./segment.entity";
import type { SegmentUse, SegmentUseKind } from "./segments.types";
import { loadSubject } from "./subjects";
import { emitSegmentChanges, segmentChangesMark } from "../webhooks/emitters";

export const REFRESH_SEGMENT_JOB = "segments.refresh";
export const REFRESH_DIRTY_JOB = "segments.refresh_dirty";
const DIRTY_BATCH = 5_000;

export interface SegmentInput {
  name?: string | null;
  description?: string | null;
  rule?: unknown;
  tags?: string[] | null;
  templateKey?: string | null;
}

/**
 * The steps of a refresh, each with the share of the work done when it starts: computing the
 * member set (the rule over every customer) and writing the entries dominate a first refresh
 * of a large segment; later refreshes are mostly the computing.
 */
export const REFRESH_STEPS = {
  MEMBERS: 0,
  EXITS: 0.45,
  ENTRIES: 0.55,
  WEBHOOKS: 0.9,
  DONE: 1,
} as const;
export type RefreshStep = keyof typeof REFRESH_STEPS;

/** Called as a refresh starts each step, inside its transaction `em`. */
export type OnRefreshStep = (step: RefreshStep, em: EntityManager) => Promise<void>;

export interface RefreshResult {
  size: number;
  entered: number;
  exited: number;
  ms: number;
}

export class SegmentsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
  ) {
    jobs.register(REFRESH_SEGMENT_JOB, async ({ job, progress }) => {
      const result = await this.refresh(job.payload.segmentId as string, undefined, (step, em) =>
        progress(REFRESH_STEPS[step], step, em),
      );
      await progress(REFRESH_STEPS.DONE, "DONE");
      return result;
    });
    jobs.register(REFRESH_DIRTY_JOB, ({ progress }) =>
      this.refreshDirtyCustomers((fraction, em) => progress(fraction, undefined, em)),
    );
  }

  /** Rules of all saved segments, for "member of segment X" and cycle checks. */
  private async ruleLookup(em: EntityManager): Promise<(id: string) => Rule | null> {
    const rows = (await em.query(`SELECT id, rule FROM segments`)) as { id: string; rule: Rule }[];
    const byId = new Map(rows.map((r) => [r.id, r.rule]));
    return (id) => byId.get(id) ?? null;
  }

  private async validated(
    em: EntityManager,
    rule: unknown,
    selfId?: string,
  ): Promise<{ rule: Rule; lookup: (id: string) => Rule | null }> {
    const lookup = await this.ruleLookup(em);
    const result = validateRule(rule, { selfId, segmentRule: lookup });
    if (!result.ok)
      throw badInput(
        `Invalid rule: ${result.problems.map((p) => `${p.path} ${p.message}`).join("; ")}`,
        result.problems.map((p) => ({ ...p, path: p.path ? `rule.${p.path}` : "rule" })),
      );
    return { rule: result.rule, lookup };
  }

  private checkFields(input: SegmentInput, creating: boolean) {
    const problems = [];
    if (creating || input.name !== undefined) {
      if (!input.name?.trim() || input.name.length > 120)
        problems.push({ path: "name", message: "must be 1 to 120 characters" });
    }
    if (input.description && input.description.length > 2000)
      problems.push({ path: "description", message: "must be at most 2000 characters" });
    if (input.tags && input.tags.length > 20)
      problems.push({ path: "tags", message: "at most 20 tags" });
    assertNoProblems(problems, "Invalid segment");
  }

  async create(actor: RequestActor, input: SegmentInput): Promise<SegmentEntity> {
    this.checkFields(input, true);
    const now = this.clock.now();
    const segment = await this.saving(input.name, () =>
      this.db.transaction(async (em) => {
        const { rule } = await this.validated(em, input.rule);
        const segment = em.create(SegmentEntity, {
          id: randomUUID(),
          name: input.name!.trim(),
          description: input.description?.trim() ?? "",
          rule,
          tags: normaliseTags(input.tags ?? []),
          templateKey: input.templateKey ?? null,
          referencedSegments: referencedSegments(rule),
          ownerId: actor.actor.kind === "user" ? actor.actor.id : null,
          version: 1,
          memberCount: 0,
          refreshedAt: null,
          createdAt: now,
          updatedAt: now,
        });
        await em.insert(SegmentEntity, segment as never);
        await this.recordVersion(em, segment, actor);
        await audit.record(
          em,
          {
            entityType: "segment",
            entityId: segment.id,
            action: "created",
            after: auditedSegment(segment),
          },
          now,
        );
        return segment;
      }),
    );
    await this.jobs.enqueue(REFRESH_SEGMENT_JOB, {
      key: segment.id,
      payload: { segmentId: segment.id },
    });
    return segment;
  }

  async update(actor: RequestActor, id: string, input: SegmentInput): Promise<SegmentEntity> {
    assertId(id);
    this.checkFields(input, false);
    let ruleChanged = false;
    const segment = await this.saving(input.name, () =>
      this.db.transaction(async (em) => {
        const segment = await em.findOne(SegmentEntity, {
          where: { id },
          lock: this.db.isPglite ? undefined : { mode: "pessimistic_write" },
        });
        if (!segment) throw notFound("Segment");
        const before = auditedSegment(segment);
        if (input.rule !== undefined && input.rule !== null) {
          const { rule } = await this.validated(em, input.rule, id);
          ruleChanged = JSON.stringify(rule) !== JSON.stringify(segment.rule);
          segment.rule = rule;
          segment.referencedSegments = referencedSegments(rule);
        }
        if (input.name != null) segment.name = input.name.trim();
        if (input.description != null) segment.description = input.description.trim();
        if (input.tags != null) segment.tags = normaliseTags(input.tags);
        segment.version += 1;
        segment.updatedAt = this.clock.now();
        await em.save(segment);
        await this.recordVersion(em, segment, actor);
        await audit.record(
          em,
          {
            entityType: "segment",
            entityId: id,
            action: "updated",
            before,
            after: auditedSegment(segment),
          },
          segment.updatedAt,
        );
        return segment;
      }),
    );
    if (ruleChanged)
      await this.jobs.enqueue(REFRESH_SEGMENT_JOB, {
        key: segment.id,
        payload: { segmentId: segment.id },
      });
    return segment;
  }

  private async saving<T>(name: string | null | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err, "segments_name_key"))
        throw conflict(`A segment named "${name}" already exists`);
      throw err;
    }
  }

  private async recordVersion(em: EntityManager, s: SegmentEntity, actor: RequestActor) {
    await em.query(
      `INSERT INTO segment_versions (segment_id, version, name, description, rule, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [s.id, s.version, s.name, s.description, JSON.stringify(s.rule), actor.caller, s.updatedAt],
    );
  }

  async delete(id: string): Promise<SegmentEntity> {
    assertId(id);
    return this.db.transaction(async (em) => {
      const segment = await em.findOneBy(SegmentEntity, { id });
      if (!segment) throw notFound("Segment");
      const users = await this.usagesOf([id], em);
      if (users.length)
        throw conflict(
          `Segment is used by ${users.map((u) => `${u.kind} "${u.name}"`).join(", ")}; change those first`,
          "SEGMENT_IN_USE",
        );
      // Membership and its history carry no foreign keys (they are written in bulk).
      await em.query(`DELETE FROM segment_membership_changes WHERE segment_id = $1`, [id]);
      await em.query(`DELETE FROM segment_members WHERE segment_id = $1`, [id]);
      await em.query(`DELETE FROM segments WHERE id = $1`, [id]);
      await audit.record(
        em,
        { entityType: "segment", entityId: id, action: "deleted", before: auditedSegment(segment) },
        this.clock.now(),
      );
      return segment;
    });
  }

  get(id: string): Promise<SegmentEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(null);
    return this.db.read((em) => em.findOneBy(SegmentEntity, { id }));
  }

  async list(args: PageArgs & { search?: string | null }): Promise<Page<SegmentEntity>> {
    const plan = planPage(args);
    return this.db.read(async (em) => {
      const base = () => {
        const qb = em.createQueryBuilder(SegmentEntity, "s");
        if (args.search?.trim())
          qb.andWhere("strpos(lower(s.name), :q) > 0", { q: args.search.trim().toLowerCase() });
        return qb;
      };
      const page = base();
      const dir = plan.backward ? "DESC" : "ASC";
      if (plan.cursor) {
        const [name, id] = decodeCursor(plan.cursor, 2);
        page.andWhere(`(lower(s.name), s.id) ${plan.backward ? "<" : ">"} (:name, :id)`, {
          name,
          id,
        });
      }
      const rows = await page
        .orderBy("lower(s.name)", dir)
        .addOrderBy("s.id", dir)
        .limit(plan.limit + 1)
        .getMany();
      return toPage(rows, plan, (s) => [s.name.toLowerCase(), s.id], await base().getCount());
    });
  }

  /** Count and a sample of an unsaved rule, straight from the compiled SQL. */
  async preview(
    rule: unknown,
    sampleSize: number,
  ): Promise<{ count: number; sample: CustomerEntity[] }> {
    if (sampleSize < 0 || sampleSize > 50)
      throw badInput("sampleSize must be between 0 and 50", [
        { path: "sampleSize", message: "must be between 0 and 50" },
      ]);
    return this.db.transaction(async (em) => {
      await segmentSqlSettings(em);
      const { rule: valid, lookup } = await this.validated(em, rule);
      const compiled = compileRule(valid, {
        now: this.clock.now(),
        segmentRule: lookup,
        facts: true,
      });
      const [{ n }] = (await em.query(
        `SELECT count(*)::int AS n FROM ${compiled.from} WHERE ${compiled.sql}`,
        compiled.params,
      )) as [{ n: number }];
      const ids = (await em.query(
        `SELECT c.id FROM ${compiled.from} WHERE ${compiled.sql} ORDER BY c.signed_up_at DESC, c.id LIMIT ${Number(sampleSize)}`,
        compiled.params,
      )) as { id: string }[];
      const sample = ids.length
        ? await em.findByIds(
            CustomerEntity,
            ids.map((r) => r.id),
          )
        : [];
      const order = new Map(ids.map((r, i) => [r.id, i]));
      return { count: n, sample: sample.sort((a, b) => order.get(a.id)! - order.get(b.id)!) };
    });
  }

  /** Why a customer is or is not in a segment (saved, or an unsaved rule), per condition. */
  async explain(
    customerId: string,
    ref: { segmentId?: string | null; rule?: unknown },
  ): Promise<{
    customer: CustomerEntity;
    segment: SegmentEntity | null;
    member: boolean | null;
    explanation: Explanation;
  }> {
    assertId(customerId, "customerId");
    return this.db.read(async (em) => {
      let segment: SegmentEntity | null = null;
      let rule: unknown = ref.rule;
      if (ref.segmentId) {
        segment = await em.findOneBy(SegmentEntity, { id: assertId(ref.segmentId, "segmentId") });
        if (!segment) throw notFound("Segment");
        rule = segment.rule;
      }
      if (rule == null)
        throw badInput("Give segmentId or rule", [
          { path: "segmentId", message: "give segmentId or rule" },
        ]);
      const { rule: valid, lookup } = await this.validated(em, rule, segment?.id);
      const subject = await loadSubject(em, customerId);
      if (!subject) throw notFound("Customer");
      const customer = (await em.findOneBy(CustomerEntity, { id: customerId }))!;
      const member = segment
        ? (
            (await em.query(
              `SELECT 1 FROM segment_members WHERE segment_id = $1 AND customer_id = $2`,
              [segment.id, customerId],
            )) as unknown[]
          ).length > 0
        : null;
      return {
        customer,
        segment,
        member,
        explanation: explainRule(valid, subject, { now: this.clock.now(), segmentRule: lookup }),
      };
    });
  }

  async members(segmentId: string, args: PageArgs): Promise<Page<CustomerEntity>> {
    const plan = planPage(args);
    return this.db.read(async (em) => {
      const qb = em
        .createQueryBuilder(CustomerEntity, "c")
        .innerJoin("segment_members", "m", "m.customer_id = c.id AND m.segment_id = :segmentId", {
          segmentId,
        });
      const dir = plan.backward ? "DESC" : "ASC";
      if (plan.cursor) {
        const [id] = decodeCursor(plan.cursor, 1);
        qb.andWhere(`c.id ${plan.backward ? "<" : ">"} :after`, { after: id });
      }
      const rows = await qb
        .orderBy("c.id", dir)
        .limit(plan.limit + 1)
        .getMany();
      const [{ n }] = (await em.query(
        `SELECT count(*)::int AS n FROM segment_members WHERE segment_id = $1`,
        [segmentId],
      )) as [{ n: number }];
      return toPage(rows, plan, (c) => [c.id], n);
    });
  }

  async changes(
    segmentId: string,
    args: PageArgs & { from?: Date | null; to?: Date | null; change?: "entered" | "left" | null },
  ) {
    const plan = planPage(args);
    const params: unknown[] = [segmentId];
    const where = ["segment_id = $1"];
    if (args.from) where.push(`at >= $${params.push(args.from)}`);
    if (args.to) where.push(`at < $${params.push(args.to)}`);
    if (args.change) where.push(`change = $${params.push(args.change)}`);
    const countSql = `SELECT count(*)::int AS n FROM segment_membership_changes WHERE ${where.join(" AND ")}`;
    const countParams = [...params];
    if (plan.cursor) {
      const [id] = decodeCursor(plan.cursor, 1);
      where.push(`id < $${params.push(id)}`);
    }
    return this.db.read(async (em) => {
      const rows = (await em.query(
        `SELECT id::text AS id, customer_id AS "customerId", change, at FROM segment_membership_changes WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ${plan.limit + 1}`,
        params,
      )) as { id: string; customerId: string; change: "entered" | "left"; at: Date }[];
      const [{ n }] = (await em.query(countSql, countParams)) as [{ n: number }];
      return toPage(
        rows.map((r) => ({ ...r, at: new Date(r.at) })),
        { ...plan, backward: false },
        (r) => [r.id],
        n,
      );
    });
  }

  async sizeHistory(segmentId: string, from?: Date | null, to?: Date | null) {
    const rows = (await this.db.read((em) =>
      em.query(
        `SELECT at, size, entered, exited, scope FROM segment_refreshes WHERE segment_id = $1 AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3) ORDER BY at`,
        [segmentId, from ?? null, to ?? null],
      ),
    )) as { at: Date; size: number; entered: number; exited: number; scope: string }[];
    return rows.map((r) => ({ ...r, at: new Date(r.at) }));
  }

  async versions(segmentId: string) {
    const rows = (await this.db.read((em) =>
      em.query(
        `SELECT version, name, description, rule, changed_by AS "changedBy", changed_at AS "changedAt" FROM segment_versions WHERE segment_id = $1 ORDER BY version DESC`,
        [segmentId],
      ),
    )) as {
      version: number;
      name: string;
      description: string;
      rule: Rule;
      changedBy: string;
      changedAt: Date;
    }[];
    return rows.map((r) => ({ ...r, changedAt: new Date(r.changedAt) }));
  }

  /** Everything that uses these segments (rules, campaigns, rewards, surveys), in one query. */
  usagesOf(
    segmentIds: readonly string[],
    em?: EntityManager,
  ): Promise<(SegmentUse & { segmentId: string })[]> {
    const run = async (m: EntityManager) => {
      const rows = await m.query<
        {
          segment_id: string;
          kind: SegmentUseKind;
          id: string;
          name: string;
          program_id: string | null;
        }[]
      >(
        `SELECT segment_id, kind, id, name, program_id FROM (
           SELECT r AS segment_id, 'segment' AS kind, s.id, s.name, NULL::uuid AS program_id
             FROM segments s CROSS JOIN LATERAL unnest(s.referenced_segments) AS r WHERE r = ANY($1::uuid[])
           UNION ALL
           SELECT c.segment_id, 'campaign', c.id, c.name, c.program_id FROM loyalty_campaigns c
             WHERE c.segment_id = ANY($1::uuid[])
           UNION ALL
           SELECT x.segment_id::uuid, 'reward', w.id, w.name, w.program_id FROM rewards w
             CROSS JOIN LATERAL jsonb_array_elements_text(w.eligibility -> 'segmentIds') AS x(segment_id)
             WHERE x.segment_id = ANY($1::text[])
           UNION ALL
           SELECT v.audience_segment_id, 'survey', v.id, v.title, NULL FROM surveys v
             WHERE v.audience_segment_id = ANY($1::uuid[])
         ) AS u ORDER BY kind, name, id`,
        [[...segmentIds]],
      );
      return rows.map((r) => ({
        segmentId: r.segment_id,
        kind: r.kind,
        id: r.id,
        name: r.name,
        programId: r.program_id,
      }));
    };
    return em ? run(em) : this.db.read(run);
  }

  usedBy(segmentId: string): Promise<SegmentEntity[]> {
    return this.db.read((em) =>
      em
        .createQueryBuilder(SegmentEntity, "s")
        .where(":id = ANY(s.referenced_segments)", { id: segmentId })
        .orderBy("s.name")
        .getMany(),
    );
  }

  /** One query for any number of customers: their segments, by name. */
  segmentsOfCustomers(
    customerIds: readonly string[],
  ): Promise<{ customerId: string; segment: SegmentEntity }[]> {
    return this.db.read(async (em) => {
      const { entities, raw } = await em
        .createQueryBuilder(SegmentEntity, "s")
        .innerJoin("segment_members", "m", "m.segment_id = s.id")
        .addSelect("m.customer_id", "member_customer_id")
        .where("m.customer_id = ANY(:ids)", { ids: [...customerIds] })
        .orderBy("s.name")
        .addOrderBy("m.customer_id")
        .getRawAndEntities<{ member_customer_id: string }>();
      // One raw row per (segment, customer); entities are deduplicated, so match them by id.
      const byId = new Map(entities.map((e) => [e.id, e]));
      return raw.map((r) => ({
        customerId: r.member_customer_id,
        segment: byId.get((r as unknown as { s_id: string }).s_id)!,
      }));
    });
  }

  requestRefresh(segmentId: string): Promise<JobRow> {
    return this.jobs.enqueue(REFRESH_SEGMENT_JOB, { key: segmentId, payload: { segmentId } });
  }

  latestRefreshJob(segmentId: string): Promise<JobRow | null> {
    return this.jobs.latest(REFRESH_SEGMENT_JOB, segmentId);
  }

  /**
   * Recomputes a segment in SQL and applies the difference: the new member set is computed
   * once into a temporary table, then one statement removes those who left and one adds those
   * who entered, each also writing the membership history. Entries are written in customer
   * order, so the indexes are walked in order. `customerIds` limits the work to those customers
   * (incremental refresh after ingest); `onStep` hears of each step as it starts.
   */
  async refresh(
    segmentId: string,
    customerIds?: string[],
    onStep?: OnRefreshStep,
  ): Promise<RefreshResult> {
    const started = performance.now();
    return this.db.transaction(async (em) => {
      // One refresh of a segment at a time (full and incremental may overlap): the second
      // waits here, then sees the first's members, so plain inserts cannot collide.
      const segment = await em.findOne(SegmentEntity, {
        where: { id: segmentId },
        lock: this.db.isPglite ? undefined : { mode: "pessimistic_write" },
      });
      if (!segment) throw notFound("Segment");
      await onStep?.("MEMBERS", em);
      await segmentSqlSettings(em);
      const now = this.clock.now();
      const scoped = customerIds !== undefined;
      const memberScope = scoped ? " AND m.customer_id = ANY($3::uuid[])" : "";
      const head = scoped ? [segmentId, now, customerIds] : [segmentId, now];
      const count = async (sql: string, params: unknown[]) =>
        ((await em.query(sql, params)) as [{ n: number }])[0].n;
      // The new member set, computed once by the compiled rule ($1 = the scoped ids, if any).
      const target = compileRule(segment.rule, {
        now,
        paramOffset: scoped ? 1 : 0,
        segmentRule: await this.ruleLookup(em),
        facts: true,
      });
      await em.query(`CREATE TEMP TABLE segment_target (id uuid NOT NULL) ON COMMIT DROP`);
      await em.query(
        `INSERT INTO segment_target SELECT ${target.id} FROM ${target.from} WHERE ${target.sql}${scoped ? ` AND ${target.id} = ANY($1::uuid[])` : ""}`,
        [...(scoped ? [customerIds] : []), ...target.params],
      );
      await em.query(`ANALYZE segment_target`);
      // Webhooks: entered / left events for the changes below, if any endpoint wants them.
      const webhookMark = await segmentChangesMark(em, segmentId);
      await onStep?.("EXITS", em);
      const left = await count(
        `WITH gone AS (
           DELETE FROM segment_members m WHERE m.segment_id = $1${memberScope}
             AND NOT EXISTS (SELECT 1 FROM segment_target t WHERE t.id = m.customer_id)
           RETURNING m.customer_id),
         logged AS (
           INSERT INTO segment_membership_changes (segment_id, customer_id, change, at)
           SELECT $1, customer_id, 'left', $2 FROM gone ORDER BY customer_id RETURNING 1)
         SELECT count(*)::int AS n FROM logged`,
        head,
      );
      await onStep?.("ENTRIES", em);
      const entered = await count(
        `WITH came AS (
           INSERT INTO segment_members (segment_id, customer_id, since)
           SELECT $1, t.id, $2 FROM segment_target t
           WHERE NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = $1 AND m.customer_id = t.id)
           ORDER BY t.id
           RETURNING customer_id),
         logged AS (
           INSERT INTO segment_membership_changes (segment_id, customer_id, change, at)
           SELECT $1, customer_id, 'entered', $2 FROM came RETURNING 1)
         SELECT count(*)::int AS n FROM logged`,
        [segmentId, now],
      );
      await onStep?.("WEBHOOKS", em);
      await emitSegmentChanges(em, segmentId, webhookMark);
      // A full refresh leaves exactly the target. A scoped one only touched some members: only
      // refreshes write segment_members and they hold the segment's row lock (PGlite runs one
      // transaction at a time), so the stored count plus the changes is exact without
      // recounting a large segment for every few customers.
      const n = scoped
        ? segment.memberCount + entered - left
        : await count(`SELECT count(*)::int AS n FROM segment_target`, []);
      const ms = Math.round(performance.now() - started);
      await em.query(`UPDATE segments SET member_count = $2, refreshed_at = $3 WHERE id = $1`, [
        segmentId,
        n,
        now,
      ]);
      await em.query(
        `INSERT INTO segment_refreshes (id, segment_id, scope, at, size, entered, exited, ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [randomUUID(), segmentId, scoped ? "customers" : "full", now, n, entered, left, ms],
      );
      return { size: n, entered, exited: left, ms };
    });
  }

  /** Re-evaluates every segment for customers whose data changed since the last pass. */
  async refreshDirtyCustomers(
    progress?: (fraction: number, within?: EntityManager) => Promise<void>,
  ): Promise<{ customers: number; segments: number }> {
    const ids = returnedRows<{ customer_id: string }>(
      await this.db.transaction((em) =>
        em.query(
          `DELETE FROM segment_dirty_customers WHERE customer_id IN (SELECT customer_id FROM segment_dirty_customers ORDER BY marked_at LIMIT ${DIRTY_BATCH} FOR UPDATE SKIP LOCKED) RETURNING customer_id`,
        ),
      ),
    ).map((r) => r.customer_id);
    if (ids.length === 0) return { customers: 0, segments: 0 };
    const segments = (await this.db.read((em) =>
      em.query(`SELECT id FROM segments ORDER BY id`),
    )) as { id: string }[];
    try {
      // One transaction per segment, each reporting its steps as a share of its part.
      for (const [i, s] of segments.entries()) {
        const part = (share: number) => (i + share) / segments.length;
        await this.refresh(s.id, ids, async (step, em) => {
          await progress?.(part(REFRESH_STEPS[step]), em);
        });
        await progress?.(part(1));
      }
    } catch (err) {
      // Put them back so the next pass (a retry) sees them again.
      await this.db.transaction(async (em) => {
        for (const id of ids) await markDirty(em, id, this.clock.now());
      });
      throw err;
    }
    if (ids.length === DIRTY_BATCH) await this.jobs.enqueue(REFRESH_DIRTY_JOB, { key: "all" });
    return { customers: ids.length, segments: segments.length };
  }

  /** Called on a schedule: incremental pass if anything changed, full refresh of stale segments. */
  async scheduleDue(maxAgeMs: number): Promise<void> {
    const now = this.clock.now();
    const [{ dirty }] = (await this.db.read((em) =>
      em.query(`SELECT EXISTS (SELECT 1 FROM segment_dirty_customers) AS dirty`),
    )) as [{ dirty: boolean }];
    if (dirty) await this.jobs.enqueue(REFRESH_DIRTY_JOB, { key: "all" });
    const stale = (await this.db.read((em) =>
      em.query(`SELECT id FROM segments WHERE refreshed_at IS NULL OR refreshed_at < $1`, [
        new Date(now.getTime() - maxAgeMs),
      ]),
    )) as { id: string }[];
    for (const s of stale) await this.requestRefresh(s.id);
  }
}

/** What the audit log keeps of a segment: its definition, not its ever-moving member count. */
function auditedSegment(s: SegmentEntity): Record<string, unknown> {
  return {
    name: s.name,
    description: s.description,
    rule: s.rule,
    tags: s.tags,
    templateKey: s.templateKey,
    version: s.version,
  };
}
