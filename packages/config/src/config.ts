import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/**
 * Every setting Trouw reads, declared once. Apps receive a parsed, typed Config;
 * nothing else in the codebase reads process.env.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** postgres://… for real PostgreSQL, memory:// for a throwaway PGlite, absent for PGlite under DATA_DIR. */
    DATABASE_URL: z
      .string()
      .refine((v) => /^(postgres(ql)?:\/\/|memory:\/\/)/.test(v), {
        message: "must start with postgres://, postgresql:// or memory://",
      })
      .optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    /**
     * Connections the API keeps to PostgreSQL (ignored on PGlite). Each order holds one for its
     * transaction, and concurrent commits share a WAL flush, so more can mean more throughput.
     */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default("127.0.0.1"),
    ADMIN_ORIGIN: z.url().default("http://localhost:5173"),
    /** Folder with the built admin app; when set, the API serves it at / (one origin, no CORS). */
    ADMIN_DIST: z.string().optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
    FIRST_ADMIN_EMAIL: z.email().default("admin@trouw.local"),
    FIRST_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").default("trouw-admin"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    DEMO_CUSTOMERS: z.coerce.number().int().min(0).default(2000),
    GRAPHQL_INTROSPECTION: bool.optional(),
    /** Saved segments are fully re-evaluated at least this often (relative dates move with time). */
    SEGMENT_REFRESH_MINUTES: z.coerce.number().int().min(1).default(60),
    /** How often loyalty upkeep runs: unlock pending points, expire, evaluate tiers, anniversaries. */
    LOYALTY_MAINTENANCE_MINUTES: z.coerce.number().int().min(1).default(15),
    /** How often the job runner looks for due work. */
    JOBS_POLL_MS: z.coerce.number().int().min(10).default(1000),
    /** Deepest field nesting a GraphQL operation may have (introspection fields not counted). */
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(12),
    /** Highest estimated cost of one operation: 1 per field, times the page size under a list. */
    GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(10_000),
    /** Most tokens a GraphQL document may have; bounds parse and validation work. */
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(5_000),
    /** Largest JSON body accepted at /graphql (1,000 orders of eight lines are about 1.3 MB). */
    GRAPHQL_BODY_LIMIT_KB: z.coerce.number().int().min(1).default(2048),
    /** Sustained requests per second per API key (token bucket; 0 turns the limit off). */
    API_KEY_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(50),
    /** Requests an API key may send at once above the sustained rate. */
    API_KEY_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(100),
    /**
     * How long a process trusts an API key it has checked before reading it again (0: every
     * request). A key revoked through this process stops at once; other replicas stop within this.
     */
    API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
    /** Sign-in attempts per client IP per minute (0 turns the limit off). */
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(10),
    /** Failed sign-ins to one email within LOGIN_LOCKOUT_MINUTES that lock it (0: no lockout). */
    LOGIN_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(0).default(5),
    /** The window failures are counted in, and how long the lock lasts. */
    LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
    /**
     * Express "trust proxy": unset or false when clients connect directly; true, a hop count
     * or a list of proxy addresses when behind a load balancer, so per-IP limits see the client.
     */
    TRUST_PROXY: z
      .string()
      .transform((v): boolean | number | string =>
        v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v,
      )
      .default(false),
    /** Bearer token that unlocks GET /metrics (Prometheus); unset: no metrics endpoint. */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** How long one webhook attempt may take, connect to last byte of the answer. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Attempts per webhook delivery before it is dead (redelivered only by hand). */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
    /** First webhook retry after about this long; each next waits twice as long (max 6 h), with jitter. */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(100).default(30_000),
    /**
     * Days a delivered or dead webhook delivery (and an outbox event once none of its
     * deliveries is left) is kept before the background purge removes it.
     */
    WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  })
  .transform((c, ctx) => {
    if (c.NODE_ENV === "production" && !c.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production",
      });
      return z.NEVER;
    }
    return {
      ...c,
      // Outside production a random per-process secret keeps the two-command start working.
      SESSION_SECRET: c.SESSION_SECRET ?? randomBytes(32).toString("hex"),
      GRAPHQL_INTROSPECTION: c.GRAPHQL_INTROSPECTION ?? c.NODE_ENV !== "production",
    };
  });

export type Config = z.output<typeof configSchema>;
export type DatabaseKind = "postgres" | "pglite-memory" | "pglite-file";

export function databaseKind(config: Pick<Config, "DATABASE_URL">): DatabaseKind {
  if (!config.DATABASE_URL) return "pglite-file";
  return config.DATABASE_URL.startsWith("memory://") ? "pglite-memory" : "postgres";
}

export class ConfigError extends Error {
  constructor(readonly problems: { key: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.key} ${p.message}`).join("; ")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Reads an optional .env file; real environment variables win over it. */
function readDotenv(path: string): Env {
  return existsSync(path) ? parseDotenv(readFileSync(path)) : {};
}

export function loadConfig(env: Env = process.env, dotenvPath = ".env"): Config {
  const merged: Env = { ...readDotenv(dotenvPath), ...env };
  // Empty strings mean "unset", as in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(
    Object.entries(merged).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => ({ key: String(i.path[0] ?? "(root)"), message: i.message })),
    );
  }
  return result.data;
}

/** For entry points: one clear line naming every bad key, then a non-zero exit. */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
