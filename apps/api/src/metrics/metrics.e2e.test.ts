import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type TrouwApp } from "../app";
import { startTestServer, type TestServer } from "../test-support/server";

const TOKEN = "metrics-token-for-tests-0123";
let t: TestServer;
let base: string;
let unprotected: TrouwApp | undefined;
beforeAll(async () => {
  t = await startTestServer({ METRICS_TOKEN: TOKEN });
  base = t.url.replace(/\/graphql$/, "");
});
afterAll(async () => {
  await unprotected?.stop();
  await t?.stop();
});

const scrape = async (token: string | null = TOKEN) =>
  fetch(`${base}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe("GET /metrics", () => {
  it("answers 401 without the bearer METRICS_TOKEN", async () => {
    for (const token of [null, "not-the-token-at-all"]) {
      const res = await scrape(token);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.text()).not.toContain("trouw_");
    }
  });

  it("does not exist when METRICS_TOKEN is not set", async () => {
    unprotected = await createApp({
      config: { ...t.config, METRICS_TOKEN: undefined },
      db: t.db,
      clock: t.clock,
      logger: pino({ level: "silent" }),
    });
    const url = await unprotected.listen(0, "127.0.0.1");
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
  });

  it("exposes request latency by operation, errors by code, job queue depth and the outbox backlog", async () => {
    await t.gql(`query CustomerList { customers(first: 1) { totalCount } }`, {}, t.admin);
    await t.gql(`query CustomerList { customers(first: 1) { totalCount } }`, {}, t.admin);
    await t.gql(
      `mutation AddCustomer { createCustomer(input: { externalId: "m-1" }) { id } }`,
      {},
      t.writeKey,
    );
    await t.gql(`query WhoAmI { me { id } }`, {}, null);
    await t.gql(`{ customers(first: 500) { totalCount } }`, {}, t.admin);
    await t.app.services.jobs.enqueue("metrics.example", { runAfter: new Date("2100-01-01") });
    await t.db.transaction((em) =>
      em.query(
        `INSERT INTO outbox (topic, customer_id, payload, created_at) VALUES ($1, NULL, '{}', $2)`,
        ["loyalty.tier_changed", t.clock.now()],
      ),
    );
    t.clock.advance(3_600_000);

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const sample = (name: string, labels: Record<string, string>) => {
      const line = text
        .split("\n")
        .find(
          (l) =>
            l.startsWith(`${name}{`) &&
            Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
        );
      return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : undefined;
    };
    const plain = (name: string) => {
      const line = text.split("\n").find((l) => l.startsWith(`${name} `));
      return line ? Number(line.slice(name.length + 1)) : undefined;
    };

    expect(
      sample("trouw_graphql_request_duration_seconds_count", {
        operation_type: "query",
        operation_name: "CustomerList",
      }),
    ).toBe(2);
    expect(
      sample("trouw_graphql_request_duration_seconds_count", {
        operation_type: "mutation",
        operation_name: "AddCustomer",
      }),
    ).toBe(1);
    expect(
      sample("trouw_graphql_request_duration_seconds_bucket", {
        operation_name: "CustomerList",
        le: "+Inf",
      }),
    ).toBe(2);
    expect(sample("trouw_graphql_errors_total", { code: "UNAUTHENTICATED" })).toBe(1);
    expect(sample("trouw_graphql_errors_total", { code: "BAD_USER_INPUT" })).toBe(1);
    expect(sample("trouw_jobs", { kind: "metrics.example", status: "queued" })).toBe(1);
    expect(sample("trouw_jobs", { kind: "metrics.example", status: "running" })).toBe(0);
    // The row inserted above and the customer.created event of AddCustomer.
    expect(plain("trouw_outbox_undelivered")).toBe(2);
    expect(plain("trouw_outbox_oldest_undelivered_age_seconds")).toBe(3600);
    expect(
      sample("trouw_http_request_duration_seconds_count", {
        route: "/graphql",
        method: "POST",
        status: "200",
      }),
    ).toBeGreaterThanOrEqual(4);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });
});
