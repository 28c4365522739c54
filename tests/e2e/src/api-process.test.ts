import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPostgres, gql, loginCookie, startApi } from "@trouw/test-support/api-process";

type Api = Awaited<ReturnType<typeof startApi>>;
const ADMIN = { FIRST_ADMIN_EMAIL: "owner@shop.test", FIRST_ADMIN_PASSWORD: "open sesame" };

describe("the API as a process", () => {
  let db: Awaited<ReturnType<typeof freshPostgres>>;
  let api: Api;
  let dataDir: string;

  beforeAll(async () => {
    db = await freshPostgres();
    dataDir = mkdtempSync(join(tmpdir(), "trouw-e2e-"));
    api = await startApi({
      env: { ...ADMIN, DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}) },
    });
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it("answers /healthz with the database kind", async () => {
    const res = await fetch(`${api.base}/healthz`);
    expect(await res.json()).toEqual({ status: "ok", database: db ? "postgres" : "pglite-file" });
  });

  it("creates the first admin; an admin creates an API key and an integrator queries with it", async () => {
    const cookie = await loginCookie(api.base, ADMIN.FIRST_ADMIN_EMAIL, ADMIN.FIRST_ADMIN_PASSWORD);
    const key = await gql(
      api.base,
      `mutation { createApiKey(name: "e2e", scopes: [READ, WRITE]) { secret } }`,
      {},
      { cookie },
    );
    const secret = key.body.data.createApiKey.secret as string;
    const auth = { authorization: `Bearer ${secret}` };
    const created = await gql(
      api.base,
      `mutation { createCustomer(input: { externalId: "p-1", name: "Process Test" }) { id } }`,
      {},
      auth,
    );
    expect(created.body.errors).toBeUndefined();
    const read = await gql(
      api.base,
      `{ customers(first: 5) { totalCount edges { node { externalId } } } }`,
      {},
      auth,
    );
    expect(
      read.body.data.customers.edges.map(
        (e: { node: { externalId: string } }) => e.node.externalId,
      ),
    ).toContain("p-1");
  });

  it("writes structured JSON logs with request ids", async () => {
    const res = await fetch(`${api.base}/healthz`, { headers: { "x-request-id": "trace-me-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-me-123");
    await new Promise((r) => setTimeout(r, 100));
    const lines = api.output().stdout.split("\n").filter(Boolean);
    const entry = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.reqId === "trace-me-123");
    expect(entry).toMatchObject({ msg: "request", method: "GET", status: 200 });
  });

  it("rejects a GET-based mutation and a non-JSON cross-site POST (CSRF prevention)", async () => {
    const res = await fetch(`${api.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it("shuts down gracefully on SIGTERM", async () => {
    const other = await startApi({ env: { ...ADMIN, DATABASE_URL: "memory://" } });
    const { code } = await other.stop("SIGTERM");
    expect(code).toBe(0);
    expect(other.output().stdout).toContain("shutting down");
  });

  it.skipIf(!!process.env.DATABASE_URL)(
    "keeps embedded PGlite data under DATA_DIR across restarts",
    async () => {
      const cookie = await loginCookie(
        api.base,
        ADMIN.FIRST_ADMIN_EMAIL,
        ADMIN.FIRST_ADMIN_PASSWORD,
      );
      await gql(
        api.base,
        `mutation { createCustomer(input: { externalId: "persist-1" }) { id } }`,
        {},
        { cookie },
      );
      await api.stop();
      api = await startApi({ env: { ...ADMIN, DATA_DIR: dataDir } });
      const again = await loginCookie(
        api.base,
        ADMIN.FIRST_ADMIN_EMAIL,
        ADMIN.FIRST_ADMIN_PASSWORD,
      );
      const res = await gql(
        api.base,
        `{ customer(externalId: "persist-1") { externalId } }`,
        {},
        { cookie: again },
      );
      expect(res.body.data.customer).toEqual({ externalId: "persist-1" });
    },
  );
});

describe("configuration and production mode", () => {
  it("exits non-zero with one message naming every bad key", async () => {
    const api = await startApi({
      env: { PORT: "not-a-port", DATABASE_URL: "mysql://nope", ADMIN_ORIGIN: "nope" },
      waitForHealth: false,
    });
    const { code } = await api.exited;
    expect(code).not.toBe(0);
    const err = api.output().stderr.trim();
    expect(err.split("\n")).toHaveLength(1);
    for (const key of ["PORT", "DATABASE_URL", "ADMIN_ORIGIN"]) expect(err).toContain(key);
  });

  it("in production: no stack traces, no introspection, masked internal errors", async () => {
    const api = await startApi({
      env: {
        NODE_ENV: "production",
        SESSION_SECRET: "s".repeat(48),
        DATABASE_URL: "memory://",
        LOG_LEVEL: "silent",
      },
    });
    try {
      const bad = await gql(api.base, `{ customers(first: "x") { totalCount } }`);
      expect(bad.body.errors[0].extensions.stacktrace).toBeUndefined();
      expect(bad.body.errors[0].extensions.code).toBeDefined();
      const intro = await gql(api.base, `{ __schema { types { name } } }`);
      expect(intro.body.errors?.[0]?.message).toMatch(/introspection/i);
      const unauth = await gql(api.base, `{ customers(first: 1) { totalCount } }`);
      expect(unauth.body.errors[0].extensions).toEqual({ code: "UNAUTHENTICATED" });
    } finally {
      await api.stop();
    }
  });
});

describe("the start command's demo data", () => {
  it("loads the demo set once on first start and prints how to sign in", async () => {
    const db = await freshPostgres();
    const dataDir = mkdtempSync(join(tmpdir(), "trouw-demo-"));
    const env = {
      ...ADMIN,
      DATA_DIR: dataDir,
      DEMO_CUSTOMERS: "300",
      ...(db ? { DATABASE_URL: db.url } : {}),
    };
    let api = await startApi({ env, args: ["--demo"] });
    try {
      expect(api.output().stdout).toContain(`sign in as ${ADMIN.FIRST_ADMIN_EMAIL}`);
      const count = async () => {
        const cookie = await loginCookie(
          api.base,
          ADMIN.FIRST_ADMIN_EMAIL,
          ADMIN.FIRST_ADMIN_PASSWORD,
        );
        const res = await gql(
          api.base,
          `{ customers(first: 1, filter: { personalityColours: [RED, BLUE, YELLOW, GREEN] }) { totalCount } all: customers(first: 1) { totalCount } }`,
          {},
          { cookie },
        );
        return res.body.data as { customers: { totalCount: number }; all: { totalCount: number } };
      };
      const first = await count();
      expect(first.all.totalCount).toBe(300);
      expect(first.customers.totalCount).toBeGreaterThan(100);
      await api.stop();
      api = await startApi({ env, args: ["--demo"] });
      expect((await count()).all.totalCount).toBe(300);
    } finally {
      await api.stop();
      await db?.drop();
    }
  });
});
