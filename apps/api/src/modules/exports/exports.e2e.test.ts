import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Credentials, type TestServer } from "../../test-support/server";
import { loyaltyFixtures } from "../../test-support/loyalty-fixtures";
import { surveyFixtures } from "../surveys/survey-fixtures";

/**
 * CSV exports over HTTP, streamed (COPY TO on PostgreSQL, keyset pages on PGlite): each one
 * parsed back equals what the database holds, and each needs customers:read.
 */

let t: TestServer;
let base: string;
let loyalty: ReturnType<typeof loyaltyFixtures>;
let surveys: ReturnType<typeof surveyFixtures>;

beforeAll(async () => {
  t = await startTestServer();
  base = t.url.replace(/\/graphql$/, "");
  loyalty = loyaltyFixtures(t);
  surveys = surveyFixtures(t);
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

async function download(path: string, as: Credentials = t.admin) {
  const headers: Record<string, string> = {};
  if (as && "apiKey" in as) headers.authorization = `Bearer ${as.apiKey}`;
  if (as && "cookie" in as) headers.cookie = as.cookie;
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    text,
    rows: res.status === 200 ? (parse(text, { columns: true }) as Record<string, string>[]) : [],
  };
}

const iso = (v: unknown) => new Date(v as string).toISOString();

describe("exports", () => {
  it("exports a program's ledger and one customer's ledger equal to ledger_entries", async () => {
    const programId = await loyalty.program("Points", {
      type: "points",
      earning: { rate: { points: 1, perMinor: 100 } },
    });
    const a = await loyalty.customer();
    const b = await loyalty.customer();
    await loyalty.order(a, [{ amountMinor: 5000 }]);
    await loyalty.order(b, [{ amountMinor: 1234, category: "shoes" }]);
    await loyalty.order(a, [{ amountMinor: 999 }]);

    const res = await download(
      `/exports/ledger.csv?programId=${programId}`,
      await t.createKey(["read"]),
    );
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    const db = await t.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT l.seq::text AS seq, l.occurred_at, p.name AS program, c.external_id, l.kind, l.amount::text AS amount,
                l.pending_delta::text AS pending_delta, l.reason, l.actor, l.source_event_id::text AS source_event_id
         FROM ledger_entries l JOIN customers c ON c.id = l.customer_id JOIN loyalty_programs p ON p.id = l.program_id
         WHERE l.program_id = $1 ORDER BY l.seq`,
        [programId],
      ),
    );
    expect(db.length).toBe(3);
    expect(res.rows).toEqual(
      db.map((r) => ({
        seq: r.seq,
        occurred_at: iso(r.occurred_at),
        program: r.program,
        customer_external_id: r.external_id,
        kind: r.kind,
        amount: r.amount,
        pending_delta: r.pending_delta,
        reason: r.reason,
        actor: r.actor,
        source_event_id: r.source_event_id ?? "",
      })),
    );
    const mine = await download(`/exports/ledger.csv?customerId=${a}`);
    expect(mine.rows.map((r) => r.amount)).toEqual(["50", "9"]);
  });

  it("exports a segment's members equal to segment_members", async () => {
    const created = await t.gql<{ createSegment: { id: string } }>(
      `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
      {
        i: {
          name: "Buyers",
          rule: {
            version: 1,
            root: {
              type: "condition",
              kind: "event_aggregate",
              args: {
                filter: { types: ["order"] },
                window: { kind: "all" },
                aggregate: "count",
                compare: { op: "gte", value: 1 },
              },
            },
          },
        },
      },
      t.admin,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createSegment.id;
    await t.app.services.jobs.runReady();
    const res = await download(`/exports/segments/${id}/members.csv`);
    expect(res.status).toBe(200);
    const db = await t.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT c.external_id, c.email, c.name, m.since FROM segment_members m JOIN customers c ON c.id = m.customer_id
         WHERE m.segment_id = $1 ORDER BY m.customer_id`,
        [id],
      ),
    );
    expect(db.length).toBe(2);
    expect(res.rows).toEqual(
      db.map((r) => ({
        external_id: r.external_id,
        email: r.email ?? "",
        name: r.name ?? "",
        member_since: iso(r.since),
      })),
    );
  });

  it("exports a survey's responses equal to survey_responses", async () => {
    const surveyId = await surveys.survey();
    const c1 = await surveys.customer();
    const c2 = await surveys.customer({ locale: "nl" });
    await surveys.answered(surveyId, c1, { nps: 10, csat: 5 });
    await surveys.answered(surveyId, c2, { nps: 3, why: 'Slow, "very" slow' });
    const res = await download(
      `/exports/surveys/${surveyId}/responses.csv`,
      await t.createUser("analyst"),
    );
    expect(res.status).toBe(200);
    const db = await t.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT r.id::text AS id, r.submitted_at, c.external_id, r.source, r.locale, r.nps_score, r.csat_score,
                r.ces_score, r.answers FROM survey_responses r JOIN customers c ON c.id = r.customer_id
         WHERE r.survey_id = $1 ORDER BY r.id`,
        [surveyId],
      ),
    );
    expect(db.length).toBe(2);
    expect(res.rows.map((r) => ({ ...r, answers: JSON.parse(r.answers!) as unknown }))).toEqual(
      db.map((r) => ({
        response_id: r.id,
        submitted_at: iso(r.submitted_at),
        customer_external_id: r.external_id,
        source: r.source,
        locale: r.locale,
        nps_score: r.nps_score === null ? "" : String(r.nps_score),
        csat_score: r.csat_score === null ? "" : String(r.csat_score),
        ces_score: r.ces_score === null ? "" : String(r.ces_score),
        answers: r.answers,
      })),
    );
  });

  it("needs credentials with customers:read, and answers NOT_FOUND or BAD_USER_INPUT for bad ids", async () => {
    expect((await download(`/exports/customers.csv`, null)).status).toBe(401);
    expect((await download(`/exports/customers.csv`, await t.createKey(["write"]))).status).toBe(
      403,
    );
    const unknown = await download(
      `/exports/segments/00000000-0000-4000-8000-000000000000/members.csv`,
    );
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).errors[0].extensions.code).toBe("NOT_FOUND");
    const malformed = await download(`/exports/surveys/nope/responses.csv`);
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const neither = await download(`/exports/ledger.csv`);
    expect(neither.status).toBe(404);
  });
});
