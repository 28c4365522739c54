import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  getNamedType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { createApp } from "../app";
import { buildTrouwSchema } from "../schema";
import { sampleArguments } from "../test-support/operation-samples";
import { startTestServer, type TestServer } from "../test-support/server";
import { MAX_PAGE_SIZE } from "../common/pagination";

let t: TestServer;
let base: string;
beforeAll(async () => {
  t = await startTestServer();
  base = t.url.replace(/\/graphql$/, "");
});
afterAll(async () => {
  await t?.stop();
});

interface Reply {
  status: number;
  headers: Headers;
  body: {
    data?: unknown;
    extensions?: { queryCount?: number };
    errors?: {
      message: string;
      extensions?: { code?: string; reason?: string; problems?: { path: string }[] } & Record<
        string,
        unknown
      >;
    }[];
  };
}

async function send(init: RequestInit & { path?: string } = {}): Promise<Reply> {
  const res = await fetch(`${base}${init.path ?? "/graphql"}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

const post = (
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  send({
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });

const get = (query: string, headers: Record<string, string> = {}) =>
  send({
    path: `/graphql?query=${encodeURIComponent(query)}`,
    headers: { "apollo-require-preflight": "true", ...headers },
  });

const code = (r: Reply) => r.body.errors?.[0]?.extensions?.code;
const adminCookie = () => (t.admin as { cookie: string }).cookie;

describe("query limits", () => {
  it("refuses an operation nested deeper than GRAPHQL_MAX_DEPTH with QUERY_TOO_COMPLEX and 400", async () => {
    const limit = t.config.GRAPHQL_MAX_DEPTH;
    // segments > edges > node > usedBy... : 3 levels, then one per usedBy, then id.
    const nest = (n: number): string => `usedBy { ${n > 1 ? nest(n - 1) : "id"} }`;
    const query = (usedBy: number) =>
      `{ segments(first: 1) { edges { node { ${nest(usedBy)} } } } }`;
    const within = await post(query(limit - 4), {}, { cookie: adminCookie() });
    expect(within.status).toBe(200);
    expect(within.body.errors).toBeUndefined();

    const deep = await post(query(limit - 3), {}, { cookie: adminCookie() });
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0]!.extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      reason: "DEPTH",
      limit,
      actual: limit + 1,
    });
    expect(deep.body.data).toBeUndefined();
  });

  it("refuses an operation whose estimated cost is over GRAPHQL_MAX_COST before running anything", async () => {
    const query = `{ customers(first: 200) { edges { node { timeline(first: 200) { edges { node { id } } } } } } }`;
    const res = await post(query, {}, { cookie: adminCookie() });
    expect(res.status).toBe(400);
    // The only SQL of the request is the session lookup, as for a query that does nothing.
    const idle = await post(`{ __typename }`, {}, { cookie: adminCookie() });
    expect(res.body.extensions?.queryCount).toBe(idle.body.extensions?.queryCount);
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      reason: "COST",
      limit: t.config.GRAPHQL_MAX_COST,
    });
    expect(res.body.errors![0]!.extensions!.actual).toBeGreaterThan(t.config.GRAPHQL_MAX_COST);
    // The same shape with small pages is fine.
    const small = await post(
      `{ customers(first: 20) { edges { node { timeline(first: 20) { edges { node { id } } } } } } }`,
      {},
      { cookie: adminCookie() },
    );
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
  });

  it("refuses a document over GRAPHQL_MAX_TOKENS at parse time", async () => {
    const fields = Array.from({ length: t.config.GRAPHQL_MAX_TOKENS }, () => "__typename").join(
      " ",
    );
    const res = await post(`{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(code(res)).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("refuses a page larger than MAX_PAGE_SIZE on every list of the schema, nested ones too", async () => {
    const schema = await buildTrouwSchema();
    const cases = pagedFieldQueries(schema);
    // Every connection and sized list: customers, timelines, members, ledger, surveys...
    expect(cases.length).toBeGreaterThanOrEqual(12);
    const failures: string[] = [];
    for (const c of cases) {
      const res = await post(c.document, c.variables, { cookie: adminCookie() });
      const paths = (res.body.errors?.[0]?.extensions?.problems ?? []).map((p) => p.path);
      if (res.status !== 400 || code(res) !== "BAD_USER_INPUT" || !paths.includes(c.problem))
        failures.push(`${c.problem}: ${res.status} ${JSON.stringify(res.body.errors?.[0])}`);
    }
    expect(failures).toEqual([]);
  });
});

/**
 * For every field with a `first` or `last` argument, an operation that reaches it from Query
 * (by the first path found) and asks it for MAX_PAGE_SIZE + 1 items.
 */
function pagedFieldQueries(schema: GraphQLSchema) {
  type Step = { field: GraphQLField<unknown, unknown> };
  const paths = new Map<string, Step[]>([[schema.getQueryType()!.name, []]]);
  const queue: GraphQLObjectType[] = [schema.getQueryType()!];
  while (queue.length) {
    const type = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      if (isObjectType(target) && !paths.has(target.name)) {
        paths.set(target.name, [...paths.get(type.name)!, { field }]);
        queue.push(target);
      }
    }
  }
  const cases: { problem: string; document: string; variables: Record<string, unknown> }[] = [];
  for (const [typeName, path] of paths) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const field of Object.values(type.getFields())) {
      const pageArg = ["first", "last"].find((a) => field.args.some((d) => d.name === a));
      if (!pageArg) continue;
      const definitions: string[] = [];
      const variables: Record<string, unknown> = {};
      const steps = [...path.map((s) => s.field), field].map((f, i) => {
        const sample = sampleArguments(f, `v${i}_`);
        definitions.push(...sample.definitions);
        Object.assign(variables, sample.variables);
        return { f, args: sample.args };
      });
      const last = steps.length - 1;
      let selection = "__typename";
      for (let i = last; i >= 0; i--) {
        const { f, args } = steps[i]!;
        let argList = args;
        if (i === last) {
          const extra = `${pageArg}: ${MAX_PAGE_SIZE + 1}`;
          argList = args ? args.replace(/\)$/, `, ${extra})`) : `(${extra})`;
        }
        selection = `${f.name}${argList} { ${selection} }`;
      }
      const vars = definitions.length ? `(${definitions.join(", ")})` : "";
      cases.push({
        problem: `${typeName}.${field.name}.${pageArg}`,
        document: `query${vars} { ${selection} }`,
        variables,
      });
    }
  }
  return cases;
}

describe("GraphQL over HTTP", () => {
  it("answers a query sent by GET", async () => {
    const res = await get(`{ customers(first: 1) { totalCount } }`, { cookie: adminCookie() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ data: { customers: { totalCount: expect.any(Number) } } });
  });

  it("refuses a mutation sent by GET with 405 and Allow: POST, and changes nothing", async () => {
    const before = await t.count("customers");
    const res = await get(`mutation { createCustomer(input: { externalId: "by-get" }) { id } }`, {
      cookie: adminCookie(),
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(code(res)).toBe("BAD_REQUEST");
    expect(await t.count("customers")).toBe(before);
  });

  it("answers in application/graphql-response+json when the client accepts it, else application/json", async () => {
    const modern = await post(
      `{ __typename }`,
      {},
      { accept: "application/graphql-response+json" },
    );
    expect(modern.status).toBe(200);
    expect(modern.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    const legacy = await post(`{ __typename }`, {}, { accept: "application/json" });
    expect(legacy.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("gives 400 for a request that cannot run: unparsable, invalid, or not JSON", async () => {
    const accept = { accept: "application/graphql-response+json" };
    const syntax = await post(`{ customers(`, {}, accept);
    expect([syntax.status, code(syntax)]).toEqual([400, "GRAPHQL_PARSE_FAILED"]);
    const invalid = await post(`{ noSuchField }`, {}, accept);
    expect([invalid.status, code(invalid)]).toEqual([400, "GRAPHQL_VALIDATION_FAILED"]);
    const badVariables = await post(`query($n: Int) { customers(first: $n) { totalCount } }`, {
      n: "many",
    });
    expect([badVariables.status, code(badVariables)]).toEqual([400, "BAD_USER_INPUT"]);
    const notJson = await send({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    expect([notJson.status, code(notJson)]).toEqual([400, "BAD_REQUEST"]);
  });

  it("keeps 200 with data and errors once execution has run, as the spec asks", async () => {
    const res = await post(`{ me { id } }`, {}, { accept: "application/graphql-response+json" });
    expect(res.status).toBe(200);
    expect(code(res)).toBe("UNAUTHENTICATED");
    expect(res.body).toHaveProperty("data", null);
  });
});

describe("CSRF protection for cookie sessions", () => {
  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { login(email: "root@test.trouw", password: "correct horse") { id } }`,
      }),
    });
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/i);
  });

  it("refuses requests a foreign page could send without a preflight, even with the cookie", async () => {
    const before = await t.count("customers");
    const mutation = `mutation { createCustomer(input: { externalId: "csrf" }) { id } }`;
    // A form post (text/plain, urlencoded or multipart) and a plain GET link or <img>.
    for (const contentType of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const res = await send({
        method: "POST",
        headers: { "content-type": contentType, cookie: adminCookie() },
        body: JSON.stringify({ query: mutation }),
      });
      expect([res.status, code(res)], contentType).toEqual([400, "BAD_REQUEST"]);
      expect(res.body.errors![0]!.message).toMatch(/Cross-Site Request Forgery/);
    }
    const link = await send({
      path: `/graphql?query=${encodeURIComponent("{ customers(first: 1) { totalCount } }")}`,
      headers: { cookie: adminCookie() },
    });
    expect([link.status, code(link)]).toEqual([400, "BAD_REQUEST"]);
    expect(await t.count("customers")).toBe(before);
  });
});

describe("request size", () => {
  it("answers 413 PAYLOAD_TOO_LARGE over GRAPHQL_BODY_LIMIT_KB", async () => {
    const res = await post(`{ __typename }`, {
      padding: "x".repeat(t.config.GRAPHQL_BODY_LIMIT_KB * 1024),
    });
    expect(res.status).toBe(413);
    expect(code(res)).toBe("PAYLOAD_TOO_LARGE");
  });

  it("still takes a batch of 1,000 orders of eight lines each (about 1.3 MB)", async () => {
    await t.gql(
      `mutation { createCustomer(input: { externalId: "batch-size" }) { id } }`,
      {},
      t.writeKey,
    );
    const events = Array.from({ length: 1000 }, (_, i) => ({
      idempotencyKey: `size-check-order-${String(i).padStart(6, "0")}-${"k".repeat(20)}`,
      order: {
        customerExternalId: "batch-size",
        orderId: `size-check-${String(i).padStart(8, "0")}`,
        currency: "EUR",
        channel: "web",
        occurredAt: "2026-06-01T12:00:00.000Z",
        lines: Array.from({ length: 8 }, (_, l) => ({
          productId: `sku-${String(l).padStart(10, "0")}`,
          category: "outerwear-and-accessories",
          quantity: 2,
          amountMinor: 12_995,
          discountMinor: 1_000,
        })),
      },
    }));
    const query = `mutation($e: [EventInput!]!) { recordEvents(events: $e) { acceptedCount rejectedCount } }`;
    const size = JSON.stringify({ query, variables: { e: events } }).length;
    expect(size).toBeGreaterThan(1024 * 1024);
    expect(size).toBeLessThan(t.config.GRAPHQL_BODY_LIMIT_KB * 1024);
    const res = await t.gql<{ recordEvents: { acceptedCount: number; rejectedCount: number } }>(
      query,
      { e: events },
      t.writeKey,
    );
    expect(res.status).toBe(200);
    expect(res.data!.recordEvents).toEqual({ acceptedCount: 1000, rejectedCount: 0 });
  }, 120_000);
});

describe("security headers", () => {
  it("sends no-sniff, no-framing and same-origin headers on every response, and no HSTS outside production", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("in production: HSTS, no introspection, and a CSP on the admin app that allows only this origin", async () => {
    const dist = mkdtempSync(join(tmpdir(), "trouw-admin-"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Trouw admin</title>");
    // A second app on the same database (PGlite is one per process).
    const prod = await createApp({
      config: {
        ...t.config,
        NODE_ENV: "production",
        ADMIN_DIST: dist,
        GRAPHQL_INTROSPECTION: false,
      },
      db: t.db,
      clock: t.clock,
      logger: pino({ level: "silent" }),
    });
    const root = await prod.listen(0, "127.0.0.1");
    try {
      const page = await fetch(`${root}/customers/123`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Trouw admin");
      expect(page.headers.get("strict-transport-security")).toMatch(
        /max-age=\d+; includeSubDomains/,
      );
      const csp = page.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);

      const introspection = await fetch(`${root}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ __schema { queryType { name } } }` }),
      });
      expect(introspection.status).toBe(400);
      expect(((await introspection.json()) as Reply["body"]).errors![0]!.extensions!.code).toBe(
        "GRAPHQL_VALIDATION_FAILED",
      );
    } finally {
      await prod.stop();
    }
  });
});
