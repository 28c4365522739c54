import { randomBytes } from "node:crypto";
import pino from "pino";
import { Client } from "pg";
import { loadConfig, type Config } from "@trouw/config";
import { createApp, SESSION_COOKIE, type TrouwApp } from "../app";
import { FixedClock } from "../common/clock";
import { openDatabase, type Database } from "../db/database";
import type { Role } from "../modules/users/user.entities";

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; problems?: { path: string; message: string }[] };
  }[];
  extensions?: { queryCount?: number };
}

export type Credentials = { apiKey: string } | { cookie: string } | null;

export interface TestServer {
  url: string;
  db: Database;
  clock: FixedClock;
  app: TrouwApp;
  config: Config;
  /** Credentials of a full admin (session cookie) and of a read+write API key. */
  admin: Credentials;
  writeKey: Credentials;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Credentials,
  ): Promise<GqlResponse<T>>;
  login(email: string, password: string): Promise<Credentials>;
  createUser(role: Role): Promise<Credentials>;
  createKey(scopes: ("read" | "write")[]): Promise<Credentials>;
  count(table: string): Promise<number>;
  stop(): Promise<void>;
}

/** A fresh PostgreSQL database per test file when DATABASE_URL is set; an in-memory PGlite otherwise. */
export async function freshDatabaseUrl(
  base: string | undefined,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!base?.startsWith("postgres")) return { url: "memory://", drop: async () => {} };
  const name = `trouw_t_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const TEST_NOW = new Date("2026-06-15T10:00:00.000Z");

/**
 * Starts the API on a fresh database. The test clock stands still, so rate-limit buckets
 * would never refill: request rate limits are off unless a test passes its own settings.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const env = loadConfig(process.env, "/nonexistent/.env");
  const database = await freshDatabaseUrl(env.DATABASE_URL);
  const config: Config = {
    ...env,
    DATABASE_URL: database.url,
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PORT: 0,
    API_KEY_RATE_LIMIT_PER_SECOND: 0,
    LOGIN_RATE_LIMIT_PER_MINUTE: 0,
    ...overrides,
  };
  const db = await openDatabase(config);
  const clock = new FixedClock(TEST_NOW);
  const app = await createApp({
    config,
    db,
    clock,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
  });
  const url = `${await app.listen(0, "127.0.0.1")}/graphql`;
  // The server never times idle sockets out, so fetch's pooled sockets are only closed by the
  // client: otherwise, after a CPU-heavy test, a request can race the server closing an idle
  // socket and fail with ECONNRESET (seen under load). stop() still closes idle sockets.
  app.server.keepAliveTimeout = 0;

  const gql = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    as: Credentials = null,
  ): Promise<GqlResponse<T>> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (as && "apiKey" in as) headers.authorization = `Bearer ${as.apiKey}`;
    if (as && "cookie" in as) headers.cookie = as.cookie;
    const res = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GqlResponse<T>, "status">;
    return {
      status: res.status,
      data: body.data ?? null,
      errors: body.errors,
      extensions: body.extensions,
    };
  };

  const login = async (email: string, password: string): Promise<Credentials> => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`,
        variables: { e: email, p: password },
      }),
    });
    const setCookie = res.headers.get("set-cookie") ?? "";
    const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie);
    if (!match) throw new Error(`login failed: ${await res.text()}`);
    return { cookie: `${SESSION_COOKIE}=${match[1]}` };
  };

  let users = 0;
  const createUser = async (role: Role): Promise<Credentials> => {
    const email = `${role}${++users}@test.trouw`;
    await app.services.users.createUser({
      email,
      name: `Test ${role}`,
      role,
      password: "correct horse",
    });
    return login(email, "correct horse");
  };

  const adminUser = await app.services.users.createUser({
    email: "root@test.trouw",
    name: "Root",
    role: "admin",
    password: "correct horse",
  });
  const rootActor = {
    kind: "user" as const,
    id: adminUser.id,
    email: adminUser.email,
    name: adminUser.name,
    role: "admin" as const,
  };
  const createKey = async (scopes: ("read" | "write")[]): Promise<Credentials> => ({
    apiKey: (await app.services.users.createApiKey(rootActor, `test ${scopes.join("+")}`, scopes))
      .secret,
  });

  return {
    url,
    db,
    clock,
    app,
    config,
    admin: await login("root@test.trouw", "correct horse"),
    writeKey: await createKey(["read", "write"]),
    gql,
    login,
    createUser,
    createKey,
    count: async (table) =>
      Number(
        (
          (await db.read((em) => em.query(`SELECT count(*)::int AS n FROM ${table}`))) as [
            { n: number },
          ]
        )[0].n,
      ),
    stop: async () => {
      await app.stop();
      await db.close();
      await database.drop();
    },
  };
}
