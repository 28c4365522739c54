import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import {
  isCurrencyCode,
  programUnit,
  validateCampaign,
  validateProgramConfig,
  validateReward,
  type InputProblem,
  type ProgramStatus,
  type ProgramType,
} from "@trouw/domain";
import type { Clock } from "../../common/clock";
import { assertNoProblems, badInput, conflict, notFound } from "../../common/errors";
import { assertId } from "../../common/ids";
import type { Page } from "../../common/graphql-types";
import { decodeCursor, planPage, toPage, type PageArgs } from "../../common/pagination";
import type { Database } from "../../db/database";
import { returnedRows } from "../../db/rows";
import type { RequestActor } from "../../context";
import { audit } from "../audit/audit";
import {
  toCampaign,
  toProgram,
  toReward,
  type CampaignRow,
  type ProgramRow,
  type RewardRow,
} from "./rows";

export interface ProgramInput {
  name: string;
  description?: string | null;
  currency: string;
  validFrom?: Date | null;
  validUntil?: Date | null;
  config: unknown;
}

export interface RewardInput {
  kind: string;
  name: string;
  description?: string | null;
  cost: number;
  valueMinor?: number | null;
  percent?: number | null;
  stock?: number | null;
  perCustomerLimit?: number | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  tierCodes?: string[] | null;
  segmentIds?: string[] | null;
}

export interface CampaignInput {
  name: string;
  segmentId?: string | null;
  startsAt: Date;
  endsAt: Date;
  multiplier?: number | null;
  bonusPoints?: number | null;
  stacking?: "stackable" | "exclusive" | null;
  capPerCustomer?: number | null;
}

/** Which status a program may move to from each status. Archived is final. */
const TRANSITIONS: Record<ProgramStatus, ProgramStatus[]> = {
  draft: ["active", "archived"],
  active: ["paused", "archived"],
  paused: ["active", "archived"],
  archived: [],
};

function prefixed(problems: InputProblem[], prefix: string): InputProblem[] {
  return problems.map((p) => ({ ...p, path: p.path ? `${prefix}.${p.path}` : prefix }));
}

/**
 * How long a process trusts its copy of the active programs. Every order reads them, they
 * change rarely, and this process's own writes drop the copy at once; another replica's
 * change is seen within this time.
 */
const ACTIVE_CACHE_MS = 5_000;

interface ActiveCache {
  loadedAt: number;
  programs: ProgramRow[];
  /** Programs with at least one campaign that is not archived. */
  withCampaigns: Set<string>;
}

/** Programs, their rewards catalog and campaigns: the configuration side of loyalty. */
export class ProgramsService {
  private active: ActiveCache | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Drops the cached active programs; called after every committed program or campaign write. */
  private changed<T>(result: T): T {
    this.active = null;
    return result;
  }

  private async activeCache(em: EntityManager): Promise<ActiveCache> {
    if (this.active && performance.now() - this.active.loadedAt < ACTIVE_CACHE_MS)
      return this.active;
    const loadedAt = performance.now();
    const rows = await em.query<(Record<string, unknown> & { has_campaigns: boolean })[]>(
      `SELECT p.*, EXISTS (SELECT 1 FROM loyalty_campaigns c WHERE c.program_id = p.id AND c.status = 'active') AS has_campaigns
       FROM loyalty_programs p WHERE p.status = 'active' ORDER BY p.created_at, p.id`,
    );
    this.active = {
      loadedAt,
      programs: rows.map(toProgram),
      withCampaigns: new Set(rows.filter((r) => r.has_campaigns).map((r) => r.id as string)),
    };
    return this.active;
  }

  private checkProgram(input: ProgramInput) {
    const problems: InputProblem[] = [];
    if (!input.name.trim()) problems.push({ path: "name", message: "must not be empty" });
    if (input.name.length > 120) problems.push({ path: "name", message: "at most 120 characters" });
    if (!isCurrencyCode(input.currency))
      problems.push({ path: "currency", message: "must be an ISO 4217 code such as EUR" });
    if (input.validFrom && input.validUntil && input.validUntil <= input.validFrom)
      problems.push({ path: "validUntil", message: "must be after validFrom" });
    const result = validateProgramConfig(input.config);
    if (!result.ok) problems.push(...prefixed(result.problems, "config"));
    assertNoProblems(problems, "Invalid program");
    return result.ok ? result.config : null!;
  }

  async create(actor: RequestActor, input: ProgramInput): Promise<ProgramRow> {
    const config = this.checkProgram(input);
    const now = this.clock.now();
    return this.changed(
      await this.db.transaction(async (em) => {
        const [row] = await em.query<Record<string, unknown>[]>(
          `INSERT INTO loyalty_programs (id, name, description, type, status, currency, valid_from, valid_until, config, created_by, created_at, updated_at)
         VALUES ($1,$2,$3,$4,'draft',$5,$6,$7,$8,$9,$10,$10) RETURNING *`,
          [
            randomUUID(),
            input.name.trim(),
            input.description?.trim() || null,
            config.type,
            input.currency,
            input.validFrom ?? null,
            input.validUntil ?? null,
            JSON.stringify(config),
            actor.caller,
            now,
          ],
        );
        const created = toProgram(row!);
        await audit.record(
          em,
          {
            entityType: "loyalty_program",
            entityId: created.id,
            action: "created",
            after: { ...created },
          },
          now,
        );
        return created;
      }),
    );
  }

  async update(id: string, input: ProgramInput, expectedVersion?: number | null) {
    const config = this.checkProgram(input);
    return this.changed(
      await this.db.transaction(async (em) => {
        const current = await this.getIn(em, id);
        if (current.status === "archived")
          throw conflict("An archived program cannot be changed", "PROGRAM_ARCHIVED");
        if (config.type !== current.type)
          throw badInput("A program's type cannot change", [
            { path: "config.type", message: `must stay ${current.type}` },
          ]);
        if (expectedVersion != null && expectedVersion !== current.version)
          throw conflict(
            `The program was changed by someone else (version ${current.version}); reload and try again`,
            "VERSION_CONFLICT",
          );
        const [row] = returnedRows<Record<string, unknown>>(
          await em.query(
            `UPDATE loyalty_programs SET name = $2, description = $3, currency = $4, valid_from = $5, valid_until = $6,
             config = $7, version = version + 1, updated_at = $8 WHERE id = $1 RETURNING *`,
            [
              id,
              input.name.trim(),
              input.description?.trim() || null,
              input.currency,
              input.validFrom ?? null,
              input.validUntil ?? null,
              JSON.stringify(config),
              this.clock.now(),
            ],
          ),
        );
        const updated = toProgram(row!);
        await audit.record(
          em,
          {
            entityType: "loyalty_program",
            entityId: id,
            action: "updated",
            before: { ...current },
            after: { ...updated },
          },
          this.clock.now(),
        );
        return updated;
      }),
    );
  }

  async setStatus(id: string, status: ProgramStatus): Promise<ProgramRow> {
    return this.changed(
      await this.db.transaction(async (em) => {
        const current = await this.getIn(em, id);
        if (current.status === status) return current;
        if (!TRANSITIONS[current.status].includes(status))
          throw conflict(
            `A ${current.status} program cannot become ${status}`,
            "INVALID_TRANSITION",
          );
        const [row] = returnedRows<Record<string, unknown>>(
          await em.query(
            `UPDATE loyalty_programs SET status = $2, version = version + 1, updated_at = $3 WHERE id = $1 RETURNING *`,
            [id, status, this.clock.now()],
          ),
        );
        const updated = toProgram(row!);
        await audit.record(
          em,
          {
            entityType: "loyalty_program",
            entityId: id,
            action: status === "archived" ? "archived" : "status_changed",
            before: { status: current.status },
            after: { status },
          },
          this.clock.now(),
        );
        return updated;
      }),
    );
  }

  async getIn(em: EntityManager, id: string): Promise<ProgramRow> {
    const [row] = await em.query<Record<string, unknown>[]>(
      `SELECT * FROM loyalty_programs WHERE id = $1`,
      [assertId(id, "programId")],
    );
    if (!row) throw notFound("Program");
    return toProgram(row);
  }

  get(id: string): Promise<ProgramRow> {
    return this.db.read((em) => this.getIn(em, id));
  }

  byIds(ids: readonly string[]): Promise<ProgramRow[]> {
    return this.db.read((em) => this.byIdsIn(em, ids));
  }

  async byIdsIn(em: EntityManager, ids: readonly string[]): Promise<ProgramRow[]> {
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT * FROM loyalty_programs WHERE id = ANY($1)`,
      [[...ids]],
    );
    return rows.map(toProgram);
  }

  /** Active programs in their validity window: the ones orders earn in. */
  async activeIn(em: EntityManager, at: Date): Promise<ProgramRow[]> {
    const { programs } = await this.activeCache(em);
    return programs.filter(
      (p) => (!p.validFrom || p.validFrom <= at) && (!p.validUntil || p.validUntil > at),
    );
  }

  async list(
    args: PageArgs & {
      status?: ProgramStatus | null;
      type?: ProgramType | null;
      search?: string | null;
    },
  ): Promise<Page<ProgramRow>> {
    const plan = planPage(args);
    const where: string[] = [];
    const params: unknown[] = [];
    if (args.status) where.push(`status = $${params.push(args.status)}`);
    if (args.type) where.push(`type = $${params.push(args.type)}`);
    if (args.search?.trim())
      where.push(`strpos(lower(name), $${params.push(args.search.trim().toLowerCase())}) > 0`);
    const filter = where.length ? `WHERE ${where.join(" AND ")}` : "";
    return this.db.read(async (em) => {
      const pageWhere = [...where];
      const pageParams = [...params];
      if (plan.cursor) {
        const [name, id] = decodeCursor(plan.cursor, 2);
        pageWhere.push(
          `(lower(name), id) ${plan.backward ? "<" : ">"} ($${pageParams.push(name)}, $${pageParams.push(id)})`,
        );
      }
      const dir = plan.backward ? "DESC" : "ASC";
      const rows = await em.query<Record<string, unknown>[]>(
        `SELECT * FROM loyalty_programs ${pageWhere.length ? `WHERE ${pageWhere.join(" AND ")}` : ""}
         ORDER BY lower(name) ${dir}, id ${dir} LIMIT ${plan.limit + 1}`,
        pageParams,
      );
      const [{ n }] = (await em.query(
        `SELECT count(*)::int AS n FROM loyalty_programs ${filter}`,
        params,
      )) as [{ n: number }];
      return toPage(rows.map(toProgram), plan, (p) => [p.name.toLowerCase(), p.id], n);
    });
  }

  unitOf(program: ProgramRow) {
    return programUnit(program.type);
  }

  // Rewards -----------------------------------------------------------------------------

  private checkReward(input: RewardInput) {
    const result = validateReward({
      ...input,
      description: input.description ?? undefined,
      eligibility: { tierCodes: input.tierCodes ?? [], segmentIds: input.segmentIds ?? [] },
    });
    if (!result.ok) assertNoProblems(result.problems, "Invalid reward");
    const problems: InputProblem[] = [];
    (input.segmentIds ?? []).forEach((id, i) => {
      try {
        assertId(id);
      } catch {
        problems.push({ path: `segmentIds[${i}]`, message: "is not a valid id" });
      }
    });
    assertNoProblems(problems, "Invalid reward");
  }

  private checkTiers(program: ProgramRow, tierCodes: string[]) {
    if (!tierCodes.length) return;
    const known = program.config.type === "tiered" ? program.config.tiers.map((t) => t.code) : [];
    const problems = tierCodes
      .map((code, i) => ({ code, i }))
      .filter(({ code }) => !known.includes(code))
      .map(({ code, i }) => ({
        path: `tierCodes[${i}]`,
        message: known.length
          ? `"${code}" is not a tier of this program (${known.join(", ")})`
          : "only tiered programs have tiers",
      }));
    assertNoProblems(problems, "Invalid reward");
  }

  async createReward(programId: string, input: RewardInput): Promise<RewardRow> {
    this.checkReward(input);
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const program = await this.getIn(em, programId);
      if (program.status === "archived")
        throw conflict("An archived program cannot change", "PROGRAM_ARCHIVED");
      this.checkTiers(program, input.tierCodes ?? []);
      const [row] = await em.query<Record<string, unknown>[]>(
        `INSERT INTO rewards (id, program_id, kind, name, description, cost, value_minor, percent, stock, per_customer_limit,
           valid_from, valid_until, eligibility, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14) RETURNING *`,
        [randomUUID(), program.id, ...this.rewardValues(input), now],
      );
      const created = toReward(row!);
      await audit.record(
        em,
        { entityType: "reward", entityId: created.id, action: "created", after: { ...created } },
        now,
      );
      return created;
    });
  }

  private rewardValues(input: RewardInput): unknown[] {
    return [
      input.kind,
      input.name.trim(),
      input.description?.trim() || null,
      input.cost,
      input.valueMinor ?? null,
      input.percent ?? null,
      input.stock ?? null,
      input.perCustomerLimit ?? null,
      input.validFrom ?? null,
      input.validUntil ?? null,
      JSON.stringify({ tierCodes: input.tierCodes ?? [], segmentIds: input.segmentIds ?? [] }),
    ];
  }

  async updateReward(id: string, input: RewardInput): Promise<RewardRow> {
    this.checkReward(input);
    return this.db.transaction(async (em) => {
      const reward = await this.rewardIn(em, id);
      this.checkTiers(await this.getIn(em, reward.programId), input.tierCodes ?? []);
      const [row] = returnedRows<Record<string, unknown>>(
        await em.query(
          `UPDATE rewards SET kind = $2, name = $3, description = $4, cost = $5, value_minor = $6, percent = $7, stock = $8,
             per_customer_limit = $9, valid_from = $10, valid_until = $11, eligibility = $12, updated_at = $13
           WHERE id = $1 RETURNING *`,
          [id, ...this.rewardValues(input), this.clock.now()],
        ),
      );
      const updated = toReward(row!);
      await audit.record(
        em,
        {
          entityType: "reward",
          entityId: id,
          action: "updated",
          before: { ...reward },
          after: { ...updated },
        },
        this.clock.now(),
      );
      return updated;
    });
  }

  async archiveReward(id: string): Promise<RewardRow> {
    return this.db.transaction(async (em) => {
      const reward = await this.rewardIn(em, id);
      const [row] = returnedRows<Record<string, unknown>>(
        await em.query(
          `UPDATE rewards SET status = 'archived', updated_at = $2 WHERE id = $1 RETURNING *`,
          [id, this.clock.now()],
        ),
      );
      const archived = toReward(row!);
      await audit.record(
        em,
        {
          entityType: "reward",
          entityId: id,
          action: "archived",
          before: { status: reward.status },
          after: { status: archived.status },
        },
        this.clock.now(),
      );
      return archived;
    });
  }

  async rewardIn(em: EntityManager, id: string): Promise<RewardRow> {
    const [row] = await em.query<Record<string, unknown>[]>(`SELECT * FROM rewards WHERE id = $1`, [
      assertId(id, "rewardId"),
    ]);
    if (!row) throw notFound("Reward");
    return toReward(row);
  }

  reward(id: string) {
    return this.db.read((em) => this.rewardIn(em, id));
  }

  async rewardsOf(programIds: readonly string[], includeArchived = false): Promise<RewardRow[]> {
    const rows = await this.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT * FROM rewards WHERE program_id = ANY($1) ${includeArchived ? "" : "AND status = 'active'"}
         ORDER BY cost, lower(name), id`,
        [[...programIds]],
      ),
    );
    return rows.map(toReward);
  }

  // Campaigns ---------------------------------------------------------------------------

  private async checkCampaign(em: EntityManager, input: CampaignInput) {
    const problems: InputProblem[] = validateCampaign(input);
    if (input.segmentId) {
      assertId(input.segmentId, "segmentId");
      const [seg] = await em.query(`SELECT id FROM segments WHERE id = $1`, [input.segmentId]);
      if (!seg) problems.push({ path: "segmentId", message: "no such segment" });
    }
    assertNoProblems(problems, "Invalid campaign");
  }

  private campaignValues(input: CampaignInput): unknown[] {
    return [
      input.name.trim(),
      input.segmentId ?? null,
      input.startsAt,
      input.endsAt,
      input.multiplier ?? 1,
      input.bonusPoints ?? 0,
      input.stacking ?? "stackable",
      input.capPerCustomer ?? null,
    ];
  }

  async createCampaign(programId: string, input: CampaignInput): Promise<CampaignRow> {
    return this.changed(
      await this.db.transaction(async (em) => {
        const program = await this.getIn(em, programId);
        if (program.type !== "points" && program.type !== "tiered")
          throw badInput("Campaigns apply to points and tiered programs", [
            { path: "programId", message: `is a ${program.type} program` },
          ]);
        await this.checkCampaign(em, input);
        const [row] = await em.query<Record<string, unknown>[]>(
          `INSERT INTO loyalty_campaigns (id, program_id, name, segment_id, starts_at, ends_at, multiplier, bonus_points, stacking, cap_per_customer, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING *`,
          [randomUUID(), program.id, ...this.campaignValues(input), this.clock.now()],
        );
        const created = toCampaign(row!);
        await audit.record(
          em,
          {
            entityType: "campaign",
            entityId: created.id,
            action: "created",
            after: { ...created },
          },
          this.clock.now(),
        );
        return created;
      }),
    );
  }

  async updateCampaign(id: string, input: CampaignInput): Promise<CampaignRow> {
    return this.changed(
      await this.db.transaction(async (em) => {
        const before = await this.campaignIn(em, id);
        await this.checkCampaign(em, input);
        const [row] = returnedRows<Record<string, unknown>>(
          await em.query(
            `UPDATE loyalty_campaigns SET name = $2, segment_id = $3, starts_at = $4, ends_at = $5, multiplier = $6,
             bonus_points = $7, stacking = $8, cap_per_customer = $9, updated_at = $10 WHERE id = $1 RETURNING *`,
            [id, ...this.campaignValues(input), this.clock.now()],
          ),
        );
        const updated = toCampaign(row!);
        await audit.record(
          em,
          {
            entityType: "campaign",
            entityId: id,
            action: "updated",
            before: { ...before },
            after: { ...updated },
          },
          this.clock.now(),
        );
        return updated;
      }),
    );
  }

  async archiveCampaign(id: string): Promise<CampaignRow> {
    return this.changed(
      await this.db.transaction(async (em) => {
        const before = await this.campaignIn(em, id);
        const [row] = returnedRows<Record<string, unknown>>(
          await em.query(
            `UPDATE loyalty_campaigns SET status = 'archived', updated_at = $2 WHERE id = $1 RETURNING *`,
            [id, this.clock.now()],
          ),
        );
        const archived = toCampaign(row!);
        await audit.record(
          em,
          {
            entityType: "campaign",
            entityId: id,
            action: "archived",
            before: { status: before.status },
            after: { status: archived.status },
          },
          this.clock.now(),
        );
        return archived;
      }),
    );
  }

  private async campaignIn(em: EntityManager, id: string): Promise<CampaignRow> {
    const [row] = await em.query<Record<string, unknown>[]>(
      `SELECT * FROM loyalty_campaigns WHERE id = $1`,
      [assertId(id, "campaignId")],
    );
    if (!row) throw notFound("Campaign");
    return toCampaign(row);
  }

  async campaignsOf(programIds: readonly string[]): Promise<CampaignRow[]> {
    const rows = await this.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT * FROM loyalty_campaigns WHERE program_id = ANY($1) ORDER BY starts_at DESC, id`,
        [[...programIds]],
      ),
    );
    return rows.map(toCampaign);
  }

  /** Campaigns running at `at` that target this customer (everyone, or a segment they are in). */
  async campaignsFor(
    em: EntityManager,
    programId: string,
    customerId: string,
    at: Date,
  ): Promise<CampaignRow[]> {
    if (!(await this.activeCache(em)).withCampaigns.has(programId)) return [];
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT c.* FROM loyalty_campaigns c
       WHERE c.program_id = $1 AND c.status = 'active' AND c.starts_at <= $3 AND c.ends_at > $3
         AND (c.segment_id IS NULL OR EXISTS (
           SELECT 1 FROM segment_members m WHERE m.segment_id = c.segment_id AND m.customer_id = $2))
       ORDER BY c.created_at, c.id`,
      [programId, customerId, at],
    );
    return rows.map(toCampaign);
  }
}
