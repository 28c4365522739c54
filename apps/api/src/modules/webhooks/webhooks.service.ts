import { randomUUID } from "node:crypto";
import { audit } from "../audit/audit";
import type { EntityManager } from "typeorm";
import type { Logger } from "pino";
import type { InputProblem } from "@trouw/domain";
import type { Clock } from "../../common/clock";
import { assertNoProblems, conflict, notFound } from "../../common/errors";
import type { Page } from "../../common/graphql-types";
import { assertId, isId } from "../../common/ids";
import { decodeCursor, planPage, toPage, type PageArgs } from "../../common/pagination";
import type { RequestActor } from "../../context";
import type { Database } from "../../db/database";
import { returnedRows } from "../../db/rows";
import type { JobsService } from "../jobs/jobs.service";
import { endpointUrlProblems } from "./endpoint-url";
import { OUTBOX_TOPICS, TEST_TOPIC, type OutboxTopic } from "./outbox";
import { retryDelayMs } from "./retry";
import {
  deliveryColumns,
  ENDPOINT_COLUMNS,
  toDelivery,
  toEndpoint,
  type DeliveryRow,
  type DeliveryStatus,
  type EndpointRow,
} from "./rows";
import { postEvent, type AttemptResult } from "./send";
import { newSigningSecret, SIGNATURE_HEADER, signatureHeader } from "./signature";

export const DELIVER_WEBHOOKS_JOB = "webhooks.deliver";

/** How the worker behaves; from WEBHOOK_* configuration. */
export interface WebhookSettings {
  /** Plain http to localhost is allowed outside production only. */
  production: boolean;
  /** Per attempt, connect to last byte of the response. */
  timeoutMs: number;
  /** Attempts before a delivery is dead (manual redelivery only). */
  maxAttempts: number;
  /** First retry after about this long; each further one waits twice as long (capped). */
  retryBaseMs: number;
  /** Delivered and dead deliveries older than this go, with outbox events none refers to. */
  retentionDays: number;
}

export const PURGE_WEBHOOKS_JOB = "webhooks.purge";
/** How often each process queues the purge (a keyed job: one waits at a time). */
const PURGE_EVERY_MS = 3600_000;
/** Rows the purge deletes per transaction. */
const PURGE_BATCH = 5_000;

/** Longest wait between two attempts, however many failed. */
const MAX_RETRY_DELAY_MS = 6 * 3600_000;
/** Outbox events turned into deliveries per transaction. */
const DISPATCH_BATCH = 500;
/** Deliveries claimed and sent at once by one worker. */
const SEND_BATCH = 10;
/** A job run stops taking new work after this long (real time), so other jobs get a turn. */
const RUN_BUDGET_MS = 20_000;
const MAX_DESCRIPTION = 500;
const MAX_GRACE_HOURS = 7 * 24;
const MAX_BIGINT = 2n ** 63n - 1n;

export interface EndpointInput {
  url?: string | null;
  description?: string | null;
  topics?: OutboxTopic[] | null;
  segmentIds?: string[] | null;
  active?: boolean | null;
}

export interface DeliveryFilter {
  endpointId: string;
  status?: DeliveryStatus | null;
}

/** A delivery claimed for one attempt, with what sending it needs. */
interface Claimed {
  delivery: DeliveryRow;
  leaseToken: string;
  url: string;
  secret: string;
  /** Signs too until `previousUntil` (a rotation's grace period). */
  previousSecret: string | null;
  previousUntil: Date | null;
}

const COUNTS_JOIN = `LEFT JOIN (
    SELECT endpoint_id,
      count(*) FILTER (WHERE status = 'pending')::int AS pending_count,
      count(*) FILTER (WHERE status = 'failed')::int AS failed_count,
      count(*) FILTER (WHERE status = 'dead')::int AS dead_count
    FROM webhook_deliveries WHERE status <> 'delivered' GROUP BY endpoint_id
  ) n ON n.endpoint_id = e.id`;
const COUNT_COLUMNS = `coalesce(n.pending_count, 0) AS pending_count,
  coalesce(n.failed_count, 0) AS failed_count, coalesce(n.dead_count, 0) AS dead_count`;

/**
 * Webhooks: endpoints and their signing secrets, and delivery of outbox events to them.
 *
 * Delivery is at-least-once and unordered. The dispatcher turns outbox events into one
 * delivery row per subscribed endpoint and marks the event handled in the same transaction
 * (a unique (endpoint, event) key makes a repeat harmless). The worker claims due deliveries
 * with a lease, POSTs them signed, and records the outcome only while it still holds the
 * lease. A worker that dies mid-delivery leaves the lease to run out, and the next worker
 * sends the delivery again: a receiver may see an event twice (it dedupes by
 * `Trouw-Event-Id`), never zero times.
 */
export class WebhooksService {
  /**
   * This process's job key: one delivery job per process waits at a time, and a job left
   * "running" by a killed process cannot hold up the restarted one (deliveries have leases of
   * their own, so two runs never send the same delivery at once anyway).
   */
  private readonly jobKey = `deliver:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly settings: WebhookSettings,
    private readonly logger: Pick<Logger, "info" | "warn" | "error">,
  ) {
    jobs.register(DELIVER_WEBHOOKS_JOB, () => this.run());
    jobs.register(PURGE_WEBHOOKS_JOB, () => this.purge());
  }

  /** When this process last queued the purge (clock time). */
  private purgeQueuedAt = -Infinity;

  /**
   * How long a claimed delivery stays with its worker: the request is cut off at the timeout,
   * so twice that plus a margin to record the outcome is plenty. Should it still run out, the
   * delivery is sent twice (allowed) and the late outcome is not recorded.
   */
  private get leaseMs(): number {
    return 2 * this.settings.timeoutMs + 5_000;
  }

  // ---- Endpoints ------------------------------------------------------------------------

  async listEndpoints(): Promise<EndpointRow[]> {
    const rows = await this.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT ${ENDPOINT_COLUMNS}, ${COUNT_COLUMNS} FROM webhook_endpoints e ${COUNTS_JOIN}
         ORDER BY e.created_at, e.id`,
      ),
    );
    return rows.map(toEndpoint);
  }

  async getEndpoint(id: string): Promise<EndpointRow> {
    assertId(id);
    const found = await this.db.read((em) => this.endpointIn(em, id));
    if (!found) throw notFound("Webhook endpoint");
    return found;
  }

  /** Registers an endpoint; the signing secret is returned here and never again. */
  async createEndpoint(
    actor: RequestActor,
    input: EndpointInput & { url: string; topics: OutboxTopic[] },
  ): Promise<{ endpoint: EndpointRow; secret: string }> {
    const now = this.clock.now();
    const secret = newSigningSecret();
    return this.db.transaction(async (em) => {
      const fields = await this.checkedFields(em, input, true);
      const id = randomUUID();
      await em.query(
        `INSERT INTO webhook_endpoints (id, url, description, topics, segment_ids, active, secret,
           created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [
          id,
          fields.url,
          fields.description ?? "",
          fields.topics,
          fields.segmentIds ?? [],
          fields.active ?? true,
          secret,
          actor.caller,
          now,
        ],
      );
      const endpoint = (await this.endpointIn(em, id))!;
      await audit.record(
        em,
        {
          entityType: "webhook_endpoint",
          entityId: id,
          action: "created",
          after: auditedEndpoint(endpoint),
        },
        now,
      );
      return { endpoint, secret };
    });
  }

  /** Changes what is given; events already queued for the endpoint still go out. */
  async updateEndpoint(id: string, input: EndpointInput): Promise<EndpointRow> {
    assertId(id);
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const fields = await this.checkedFields(em, input, false);
      const before = await this.endpointIn(em, id);
      const sets: string[] = [];
      const params: unknown[] = [id, now];
      const set = (column: string, value: unknown) => {
        if (value !== undefined) sets.push(`${column} = $${params.push(value)}`);
      };
      set("url", fields.url);
      set("description", fields.description);
      set("topics", fields.topics);
      set("segment_ids", fields.segmentIds);
      set("active", fields.active);
      const updated = returnedRows(
        await em.query(
          `UPDATE webhook_endpoints SET ${[...sets, "updated_at = $2"].join(", ")} WHERE id = $1 RETURNING id`,
          params,
        ),
      );
      if (updated.length === 0 || !before) throw notFound("Webhook endpoint");
      const after = (await this.endpointIn(em, id))!;
      await audit.record(
        em,
        {
          entityType: "webhook_endpoint",
          entityId: id,
          action: "updated",
          before: auditedEndpoint(before),
          after: auditedEndpoint(after),
        },
        now,
      );
      return after;
    });
  }

  /** Deletes an endpoint with its delivery log; deliveries in flight are not recorded. */
  async deleteEndpoint(id: string): Promise<EndpointRow> {
    assertId(id);
    return this.db.transaction(async (em) => {
      const endpoint = await this.endpointIn(em, id);
      if (!endpoint) throw notFound("Webhook endpoint");
      await em.query(`DELETE FROM webhook_endpoints WHERE id = $1`, [id]);
      await audit.record(
        em,
        {
          entityType: "webhook_endpoint",
          entityId: id,
          action: "deleted",
          before: auditedEndpoint(endpoint),
        },
        this.clock.now(),
      );
      return endpoint;
    });
  }

  /**
   * Issues a new signing secret, returned once. For `keepPreviousForHours` the old secret
   * signs too (a second `v1=`), so the receiver can be switched over without failed checks.
   */
  async rotateSecret(
    id: string,
    keepPreviousForHours: number,
  ): Promise<{ endpoint: EndpointRow; secret: string }> {
    assertId(id);
    if (
      !Number.isInteger(keepPreviousForHours) ||
      keepPreviousForHours < 0 ||
      keepPreviousForHours > MAX_GRACE_HOURS
    )
      assertNoProblems(
        [
          {
            path: "keepPreviousForHours",
            message: `must be a whole number from 0 to ${MAX_GRACE_HOURS}`,
          },
        ],
        "Invalid rotation",
      );
    const now = this.clock.now();
    const secret = newSigningSecret();
    const until =
      keepPreviousForHours > 0 ? new Date(now.getTime() + keepPreviousForHours * 3600_000) : null;
    return this.db.transaction(async (em) => {
      const rotated = returnedRows(
        await em.query(
          `UPDATE webhook_endpoints SET
             previous_secret = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE secret END,
             previous_secret_expires_at = $3, secret = $4, secret_rotated_at = $2, updated_at = $2
           WHERE id = $1 RETURNING id`,
          [id, now, until, secret],
        ),
      );
      if (rotated.length === 0) throw notFound("Webhook endpoint");
      // Never the secrets themselves.
      await audit.record(
        em,
        {
          entityType: "webhook_endpoint",
          entityId: id,
          action: "secret_rotated",
          after: { previousSecretExpiresAt: until },
        },
        now,
      );
      return { endpoint: (await this.endpointIn(em, id))!, secret };
    });
  }

  private async endpointIn(em: EntityManager, id: string): Promise<EndpointRow | null> {
    const [row] = await em.query<Record<string, unknown>[]>(
      `SELECT ${ENDPOINT_COLUMNS}, ${COUNT_COLUMNS} FROM webhook_endpoints e ${COUNTS_JOIN}
       WHERE e.id = $1`,
      [id],
    );
    return row ? toEndpoint(row) : null;
  }

  /** Normalised fields, or BAD_USER_INPUT naming every problem. `undefined`: leave as is. */
  private async checkedFields(em: EntityManager, input: EndpointInput, creating: boolean) {
    const problems: InputProblem[] = [];
    const url = input.url?.trim();
    if (url !== undefined || creating)
      problems.push(...endpointUrlProblems(url ?? "", this.settings.production));
    const description = input.description === null ? "" : input.description?.trim();
    if (description !== undefined && description.length > MAX_DESCRIPTION)
      problems.push({
        path: "description",
        message: `must be at most ${MAX_DESCRIPTION} characters`,
      });
    const topics = input.topics === null ? undefined : input.topics;
    if ((creating || input.topics !== undefined) && !topics?.length)
      problems.push({ path: "topics", message: "must name at least one topic" });
    for (const [i, topic] of (topics ?? []).entries())
      if (!(OUTBOX_TOPICS as readonly string[]).includes(topic))
        problems.push({ path: `topics.${i}`, message: "is not a webhook topic" });
    const segmentIds = input.segmentIds === null ? [] : input.segmentIds;
    const ids = [...new Set((segmentIds ?? []).map((s) => s.toLowerCase()))];
    for (const [i, s] of (segmentIds ?? []).entries())
      if (!isId(s)) problems.push({ path: `segmentIds.${i}`, message: "is not a valid id" });
    if (ids.length && ids.every(isId)) {
      const found = await em.query<{ id: string }[]>(
        `SELECT id FROM segments WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const known = new Set(found.map((f) => f.id));
      for (const [i, s] of (segmentIds ?? []).entries())
        if (!known.has(s.toLowerCase()))
          problems.push({ path: `segmentIds.${i}`, message: "is not a segment" });
    }
    if (input.active === null) problems.push({ path: "active", message: "cannot be cleared" });
    assertNoProblems(problems, "Invalid webhook endpoint");
    return {
      url,
      description,
      topics: topics ? [...new Set(topics)] : undefined,
      segmentIds: segmentIds === undefined ? undefined : ids,
      active: input.active ?? undefined,
    };
  }

  // ---- Delivery log and manual actions ----------------------------------------------------

  /** An endpoint's deliveries, newest first, optionally of one status. */
  async deliveries(args: PageArgs & DeliveryFilter): Promise<Page<DeliveryRow>> {
    assertId(args.endpointId, "endpointId");
    const plan = planPage(args);
    return this.db.read(async (em) => {
      if (!(await this.endpointIn(em, args.endpointId))) throw notFound("Webhook endpoint");
      const where = ["d.endpoint_id = $1"];
      const params: unknown[] = [args.endpointId];
      if (args.status) where.push(`d.status = $${params.push(args.status)}`);
      const countWhere = [...where];
      const countParams = [...params];
      if (plan.cursor) {
        const [seq] = decodeCursor(plan.cursor, 1);
        if (typeof seq !== "string" || !/^\d{1,19}$/.test(seq) || BigInt(seq) > MAX_BIGINT)
          assertNoProblems([{ path: "after", message: "is not a cursor this list returned" }]);
        where.push(`d.seq ${plan.backward ? ">" : "<"} $${params.push(seq)}::bigint`);
      }
      const rows = await em.query<Record<string, unknown>[]>(
        `SELECT ${deliveryColumns()} FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id
         WHERE ${where.join(" AND ")} ORDER BY d.seq ${plan.backward ? "ASC" : "DESC"}
         LIMIT ${plan.limit + 1}`,
        params,
      );
      const [{ n }] = await em.query<[{ n: number }]>(
        `SELECT count(*)::int AS n FROM webhook_deliveries d WHERE ${countWhere.join(" AND ")}`,
        countParams,
      );
      return toPage(rows.map(toDelivery), plan, (d) => [d.seq], n);
    });
  }

  async delivery(id: string): Promise<DeliveryRow> {
    assertId(id);
    const found = await this.db.read((em) => this.deliveryIn(em, id));
    if (!found) throw notFound("Webhook delivery");
    return found;
  }

  private async deliveryIn(em: EntityManager, id: string): Promise<DeliveryRow | null> {
    const [row] = await em.query<Record<string, unknown>[]>(
      `SELECT ${deliveryColumns()} FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id
       WHERE d.id = $1`,
      [id],
    );
    return row ? toDelivery(row) : null;
  }

  /**
   * Sends a `webhook.test` event to this endpoint only (active or not) and waits for the
   * attempt, so the admin sees at once whether the receiver answers. It is logged and
   * retried like any other delivery.
   */
  async sendTestEvent(endpointId: string): Promise<DeliveryRow> {
    assertId(endpointId);
    const now = this.clock.now();
    const deliveryId = randomUUID();
    await this.db.transaction(async (em) => {
      const endpoint = await this.endpointIn(em, endpointId);
      if (!endpoint) throw notFound("Webhook endpoint");
      const [event] = await em.query<[{ id: string }]>(
        `INSERT INTO outbox (topic, customer_id, payload, created_at, delivered_at)
         VALUES ($1, NULL, $2, $3, $3) RETURNING id`,
        [
          TEST_TOPIC,
          JSON.stringify({ endpointId, message: "A test event sent from the Trouw admin." }),
          now,
        ],
      );
      await em.query(
        `INSERT INTO webhook_deliveries (id, endpoint_id, outbox_id, topic, status, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $5, $5)`,
        [deliveryId, endpointId, event.id, TEST_TOPIC, now],
      );
    });
    return this.attemptNow(deliveryId);
  }

  /**
   * Sends one delivery again, whatever its status, with a fresh set of attempts; waits for the
   * first. CONFLICT while a worker is sending it.
   */
  async redeliver(deliveryId: string): Promise<DeliveryRow> {
    assertId(deliveryId);
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      const reset = returnedRows<{ endpoint_id: string }>(
        await em.query(
          `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2,
             lease_token = NULL, locked_until = NULL, updated_at = $2
           WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) RETURNING endpoint_id`,
          [deliveryId, now],
        ),
      );
      if (reset.length) {
        await audit.record(
          em,
          {
            entityType: "webhook_endpoint",
            entityId: reset[0]!.endpoint_id,
            action: "redelivered",
            after: { deliveryId },
          },
          now,
        );
        return;
      }
      if (await this.deliveryIn(em, deliveryId))
        throw conflict("This delivery is being sent right now", "DELIVERY_IN_PROGRESS");
      throw notFound("Webhook delivery");
    });
    return this.attemptNow(deliveryId);
  }

  /** Queues every dead delivery of an endpoint again, with a fresh set of attempts each. */
  async redeliverDead(endpointId: string): Promise<number> {
    assertId(endpointId);
    const now = this.clock.now();
    const queued = await this.db.transaction(async (em) => {
      if (!(await this.endpointIn(em, endpointId))) throw notFound("Webhook endpoint");
      const n = returnedRows(
        await em.query(
          `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2,
             lease_token = NULL, locked_until = NULL, updated_at = $2
           WHERE endpoint_id = $1 AND status = 'dead' RETURNING id`,
          [endpointId, now],
        ),
      ).length;
      if (n > 0)
        await audit.record(
          em,
          {
            entityType: "webhook_endpoint",
            entityId: endpointId,
            action: "dead_redelivered",
            after: { deliveries: n },
          },
          now,
        );
      return n;
    });
    if (queued > 0) await this.requestRun();
    return queued;
  }

  private async attemptNow(deliveryId: string): Promise<DeliveryRow> {
    const [claimed] = await this.claim({ id: deliveryId });
    if (claimed) await this.attempt(claimed);
    return this.delivery(deliveryId);
  }

  // ---- The worker -------------------------------------------------------------------------

  /**
   * Called on the background schedule: queues a delivery run when there is work, and the
   * purge of old deliveries once an hour.
   */
  async scheduleDue(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() - this.purgeQueuedAt >= PURGE_EVERY_MS) {
      await this.jobs.enqueue(PURGE_WEBHOOKS_JOB, { key: "all" });
      this.purgeQueuedAt = now.getTime();
    }
    const [{ due }] = await this.db.read((em) =>
      em.query<[{ due: boolean }]>(
        `SELECT EXISTS (SELECT 1 FROM outbox WHERE delivered_at IS NULL)
             OR EXISTS (SELECT 1 FROM webhook_deliveries d
                          JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.active
                        WHERE d.status IN ('pending','failed') AND d.next_attempt_at <= $1
                          AND (d.locked_until IS NULL OR d.locked_until <= $1)) AS due`,
        [now],
      ),
    );
    if (due) await this.requestRun();
  }

  /**
   * Retention: deletes deliveries that are settled (delivered or dead) and unchanged for
   * `retentionDays`, then outbox events handled that long ago that no delivery refers to any
   * more. Pending and failing deliveries stay whatever their age, and so do their events.
   * In transactions of at most `batch` rows, oldest first, each found through a partial index
   * (migration WebhookRetention), so a first purge of a long history neither holds one huge
   * transaction nor scans the tables. Deliveries go first and commit, so the events' check sees
   * them gone; a dispatched event never gets new deliveries, so nothing refers to it again.
   */
  async purge(batch = PURGE_BATCH): Promise<{ deliveries: number; events: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.settings.retentionDays * 86_400_000);
    const drain = async (sql: string) => {
      let total = 0;
      for (;;) {
        const [{ n }] = await this.db.transaction((em) =>
          em.query<[{ n: number }]>(sql, [cutoff, batch]),
        );
        total += n;
        if (n < batch) return total;
      }
    };
    const deliveries = await drain(
      `WITH doomed AS (
         SELECT id FROM webhook_deliveries
         WHERE status IN ('delivered','dead') AND updated_at < $1 ORDER BY updated_at LIMIT $2),
       gone AS (DELETE FROM webhook_deliveries d USING doomed WHERE d.id = doomed.id RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
    );
    const events = await drain(
      `WITH doomed AS (
         SELECT o.id FROM outbox o
         WHERE o.delivered_at < $1
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_id = o.id)
         ORDER BY o.delivered_at LIMIT $2),
       gone AS (DELETE FROM outbox o USING doomed WHERE o.id = doomed.id RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
    );
    return { deliveries, events };
  }

  async requestRun(): Promise<void> {
    await this.jobs.enqueue(DELIVER_WEBHOOKS_JOB, { key: this.jobKey });
  }

  /** One job run: dispatch every waiting event, then send due deliveries for a while. */
  async run(): Promise<{ events: number; deliveries: number; sent: number; delivered: number }> {
    const started = performance.now();
    const dispatched = { events: 0, deliveries: 0 };
    for (;;) {
      const batch = await this.dispatch();
      dispatched.events += batch.events;
      dispatched.deliveries += batch.deliveries;
      if (batch.events < DISPATCH_BATCH) break;
    }
    let sent = 0;
    let delivered = 0;
    let more = false;
    for (;;) {
      if (performance.now() - started > RUN_BUDGET_MS) {
        more = true;
        break;
      }
      const claimed = await this.claim({ limit: SEND_BATCH });
      if (claimed.length === 0) break;
      const results = await Promise.all(claimed.map((c) => this.attempt(c)));
      sent += results.length;
      delivered += results.filter((r) => r.ok).length;
    }
    // Out of time with work left: queue the next run rather than hold the job runner.
    if (more) await this.requestRun();
    return { ...dispatched, sent, delivered };
  }

  /**
   * Turns up to one batch of waiting outbox events into deliveries, one per active endpoint
   * subscribed to the topic (and, for segment events, to the segment), and marks the events
   * handled: one statement, so a crash leaves either both or neither.
   */
  async dispatch(limit = DISPATCH_BATCH): Promise<{ events: number; deliveries: number }> {
    const now = this.clock.now();
    const [row] = await this.db.transaction((em) =>
      em.query<[{ events: number; deliveries: number }]>(
        `WITH batch AS (
           SELECT id, topic, payload FROM outbox WHERE delivered_at IS NULL
           ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED),
         fanned AS (
           INSERT INTO webhook_deliveries (id, endpoint_id, outbox_id, topic, status, next_attempt_at, created_at, updated_at)
           SELECT gen_random_uuid(), e.id, b.id, b.topic, 'pending', $1, $1, $1
           FROM batch b JOIN webhook_endpoints e ON e.active AND b.topic = ANY(e.topics)
             AND (cardinality(e.segment_ids) = 0 OR b.topic NOT LIKE 'segment.%'
                  OR b.payload->>'segmentId' = ANY(e.segment_ids::text[]))
           ORDER BY b.id, e.id
           ON CONFLICT (endpoint_id, outbox_id) DO NOTHING
           RETURNING 1),
         handled AS (
           UPDATE outbox o SET delivered_at = $1 FROM batch b WHERE o.id = b.id RETURNING 1)
         SELECT (SELECT count(*)::int FROM handled) AS events,
                (SELECT count(*)::int FROM fanned) AS deliveries`,
        [now, limit],
      ),
    );
    return row ?? { events: 0, deliveries: 0 };
  }

  /**
   * Claims due deliveries of active endpoints (or one delivery by id, whatever its endpoint's
   * state) for one attempt each: the attempt is counted and a lease taken up front, so a
   * worker that dies mid-request still used an attempt and leaves a lease that runs out.
   */
  private async claim(which: { limit: number } | { id: string }): Promise<Claimed[]> {
    const now = this.clock.now();
    const leaseToken = randomUUID();
    const lockedUntil = new Date(now.getTime() + this.leaseMs);
    const pick =
      "id" in which
        ? `SELECT x.id FROM webhook_deliveries x
           WHERE x.id = $4 AND x.status IN ('pending','failed')
             AND (x.locked_until IS NULL OR x.locked_until <= $1) FOR UPDATE SKIP LOCKED`
        : `SELECT x.id FROM webhook_deliveries x JOIN webhook_endpoints e ON e.id = x.endpoint_id
           WHERE x.status IN ('pending','failed') AND x.next_attempt_at <= $1
             AND (x.locked_until IS NULL OR x.locked_until <= $1) AND e.active
           ORDER BY x.next_attempt_at, x.seq LIMIT $4 FOR UPDATE OF x SKIP LOCKED`;
    const rows = await this.db.transaction((em) =>
      em.query<Record<string, unknown>[]>(
        `WITH claimed AS (
           UPDATE webhook_deliveries d SET lease_token = $2, locked_until = $3,
             attempts = d.attempts + 1, last_attempt_at = $1, updated_at = $1
           WHERE d.id IN (${pick})
           RETURNING d.*)
         SELECT ${deliveryColumns("c")}, c.lease_token,
           e.url, e.secret, e.previous_secret, e.previous_secret_expires_at
         FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id
           JOIN outbox o ON o.id = c.outbox_id
         ORDER BY c.next_attempt_at, c.seq`,
        [now, leaseToken, lockedUntil, "id" in which ? which.id : which.limit],
      ),
    );
    return rows.map((r) => ({
      delivery: toDelivery(r),
      leaseToken,
      url: r.url as string,
      secret: r.secret as string,
      previousSecret: (r.previous_secret as string | null) ?? null,
      previousUntil: r.previous_secret_expires_at
        ? new Date(r.previous_secret_expires_at as string)
        : null,
    }));
  }

  /** POSTs one claimed delivery and records the outcome, if the lease is still ours. */
  private async attempt(claimed: Claimed): Promise<AttemptResult> {
    const { delivery, previousSecret, previousUntil } = claimed;
    const body = JSON.stringify(delivery.event);
    const at = this.clock.now();
    const secrets = [
      claimed.secret,
      ...(previousSecret && previousUntil && previousUntil > at ? [previousSecret] : []),
    ];
    const result = await postEvent(
      claimed.url,
      body,
      {
        [SIGNATURE_HEADER]: signatureHeader(secrets, at, body),
        "Trouw-Event-Id": delivery.eventId,
        "Trouw-Topic": delivery.topic,
        "Trouw-Delivery-Id": delivery.id,
        "Trouw-Delivery-Attempt": String(delivery.attempts),
      },
      this.settings.timeoutMs,
    );
    const now = this.clock.now();
    const dead = !result.ok && delivery.attempts >= this.settings.maxAttempts;
    const next = result.ok
      ? null
      : dead
        ? null
        : new Date(
            now.getTime() +
              retryDelayMs(delivery.attempts, {
                baseMs: this.settings.retryBaseMs,
                maxMs: MAX_RETRY_DELAY_MS,
              }),
          );
    const recorded = returnedRows(
      await this.db.transaction((em) =>
        em.query(
          `UPDATE webhook_deliveries SET status = $3, next_attempt_at = $4, lease_token = NULL,
             locked_until = NULL, last_status_code = $5, last_error = $6, last_response_ms = $7,
             delivered_at = CASE WHEN $3 = 'delivered' THEN $8::timestamptz ELSE delivered_at END,
             updated_at = $8
           WHERE id = $1 AND lease_token = $2 RETURNING id`,
          [
            delivery.id,
            claimed.leaseToken,
            result.ok ? "delivered" : dead ? "dead" : "failed",
            next,
            result.statusCode,
            result.error,
            result.ms,
            now,
          ],
        ),
      ),
    );
    if (recorded.length === 0)
      this.logger.warn(
        { deliveryId: delivery.id },
        "webhook attempt finished after its lease was taken over; outcome not recorded",
      );
    else if (dead)
      this.logger.warn(
        { deliveryId: delivery.id, endpointId: delivery.endpointId, error: result.error },
        "webhook delivery dead after its last attempt",
      );
    return result;
  }
}

/** What the audit log keeps of an endpoint: its settings, never its secrets. */
function auditedEndpoint(e: EndpointRow): Record<string, unknown> {
  return {
    url: e.url,
    description: e.description,
    topics: e.topics,
    segmentIds: e.segmentIds,
    active: e.active,
  };
}
