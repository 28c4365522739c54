import { createHash, timingSafeEqual } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Clock } from "../common/clock";
import type { Database } from "../db/database";

/** Distinct operation names kept as label values; later ones are counted as "other". */
const MAX_OPERATION_NAMES = 200;
const JOB_STATUSES = ["queued", "running", "failed"] as const;

/**
 * Prometheus metrics of one API process, on a registry of its own (tests run several apps
 * in one process). Request figures are counted as requests finish; queue depths are read
 * from the database when Prometheus scrapes.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly graphqlDuration: Histogram<"operation_type" | "operation_name">;
  private readonly graphqlErrors: Counter<"code">;
  private readonly httpDuration: Histogram<"route" | "method" | "status">;
  private readonly rateLimited: Counter<"limit">;

  constructor(db: Database, clock: Clock, logger: Logger) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.graphqlDuration = new Histogram({
      name: "trouw_graphql_request_duration_seconds",
      help: "GraphQL requests from parsing to response, by operation type and name",
      labelNames: ["operation_type", "operation_name"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.graphqlErrors = new Counter({
      name: "trouw_graphql_errors_total",
      help: "Errors returned to GraphQL clients, by extensions.code",
      labelNames: ["code"],
      registers,
    });
    this.httpDuration = new Histogram({
      name: "trouw_http_request_duration_seconds",
      help: "HTTP requests, by route, method and status",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.rateLimited = new Counter({
      name: "trouw_rate_limited_total",
      help: "Requests refused by a rate limit, by limit (api_key, login_ip)",
      labelNames: ["limit"],
      registers,
    });

    const seenJobs = new Set<string>();
    new Gauge({
      name: "trouw_jobs",
      help: "Jobs not done yet, by kind and status (queued, running, failed)",
      labelNames: ["kind", "status"],
      registers,
      async collect() {
        try {
          const rows = await db.read((em) =>
            em.query<{ kind: string; status: string; n: number }[]>(
              `SELECT kind, status, count(*)::int AS n FROM jobs WHERE status <> 'done' GROUP BY kind, status`,
            ),
          );
          // A kind once seen keeps reporting 0 rather than vanishing from the graph.
          for (const r of rows) seenJobs.add(r.kind);
          this.reset();
          for (const kind of seenJobs)
            for (const status of JOB_STATUSES)
              this.set(
                { kind, status },
                rows.find((r) => r.kind === kind && r.status === status)?.n ?? 0,
              );
        } catch (err) {
          logger.warn({ err }, "metrics: could not read job queue depth");
        }
      },
    });
    // Both outbox gauges come from one query; a scrape collects them concurrently.
    let outboxRead: Promise<{ n: number; oldestSeconds: number } | null> | null = null;
    const readOutbox = () =>
      (outboxRead ??= db
        .read((em) =>
          em.query<{ n: number; oldest: Date | null }[]>(
            `SELECT count(*)::int AS n, min(created_at) AS oldest FROM outbox WHERE delivered_at IS NULL`,
          ),
        )
        .then(([row]) => ({
          n: row?.n ?? 0,
          oldestSeconds: row?.oldest
            ? Math.max(0, (clock.now().getTime() - new Date(row.oldest).getTime()) / 1000)
            : 0,
        }))
        .catch((err: unknown) => {
          logger.warn({ err }, "metrics: could not read the outbox");
          return null;
        })
        .finally(() => {
          outboxRead = null;
        }));
    new Gauge({
      name: "trouw_outbox_undelivered",
      help: "Outbox rows (events for webhooks) not delivered yet",
      registers,
      async collect() {
        const outbox = await readOutbox();
        if (outbox) this.set(outbox.n);
      },
    });
    new Gauge({
      name: "trouw_outbox_oldest_undelivered_age_seconds",
      help: "Age of the oldest undelivered outbox row (0 when there is none)",
      registers,
      async collect() {
        const outbox = await readOutbox();
        if (outbox) this.set(outbox.oldestSeconds);
      },
    });
    new Gauge({
      name: "trouw_webhook_deliveries",
      help: "Webhook deliveries not delivered yet, by status (pending, failed: retrying, dead: out of attempts)",
      labelNames: ["status"],
      registers,
      async collect() {
        try {
          const rows = await db.read((em) =>
            em.query<{ status: string; n: number }[]>(
              `SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE status <> 'delivered' GROUP BY status`,
            ),
          );
          for (const status of ["pending", "failed", "dead"])
            this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
        } catch (err) {
          logger.warn({ err }, "metrics: could not read webhook deliveries");
        }
      },
    });
  }

  countRateLimited(limit: "api_key" | "login_ip"): void {
    this.rateLimited.inc({ limit });
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return "other";
    this.operationNames.add(name);
    return name;
  }

  /** Latency by operation and errors by code, as Apollo sends each response. */
  plugin<C extends object>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ response, operation, operationName }) => {
            this.graphqlDuration.observe(
              {
                operation_type: operation?.operation ?? "unknown",
                operation_name: this.operationLabel(operation ? operationName : null),
              },
              Number(process.hrtime.bigint() - started) / 1e9,
            );
            if (response.body.kind === "single")
              for (const error of response.body.singleResult.errors ?? [])
                this.graphqlErrors.inc({ code: String(error.extensions?.code ?? "UNKNOWN") });
          },
        };
      },
    };
  }

  /** Times every HTTP request; routes are a fixed set so labels stay few. */
  httpTimer(): RequestHandler {
    return (req, res, next) => {
      const end = this.httpDuration.startTimer();
      res.on("finish", () => {
        // originalUrl: mounted routers rewrite req.url while they run.
        const path = req.originalUrl.split("?")[0]!;
        const route = ["/graphql", "/healthz", "/metrics"].includes(path) ? path : "other";
        end({ route, method: req.method, status: String(res.statusCode) });
      });
      next();
    };
  }

  /** GET /metrics for Prometheus, behind `Authorization: Bearer <METRICS_TOKEN>`. */
  handler(token: string): RequestHandler {
    const expected = digest(token);
    return async (req, res) => {
      const auth = req.headers.authorization ?? "";
      const given = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
      if (!given || !timingSafeEqual(digest(given), expected)) {
        res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
        res.status(401).type("text/plain").send("Send Authorization: Bearer <METRICS_TOKEN>\n");
        return;
      }
      const body = await this.registry.metrics();
      // end(), not send(): send() would rewrite the exposition format's content type.
      res.setHeader("Content-Type", this.registry.contentType);
      res.setHeader("Cache-Control", "no-store");
      res.end(body);
    };
  }
}

const digest = (s: string) => createHash("sha256").update(s).digest();
