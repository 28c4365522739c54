import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@trouw/config";
import { startTestServer, type Credentials, type TestServer } from "../../test-support/server";
import { surveyFixtures } from "../surveys/survey-fixtures";
import { rebuildFacts } from "./facts";

let t: TestServer;
let analyst: Credentials;
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY).toISOString();

const ordersAtLeast = (n: number, days = 30) => ({
  version: 1,
  root: {
    type: "condition",
    kind: "event_aggregate",
    args: {
      filter: { types: ["order"] },
      window: { kind: "last_days", days },
      aggregate: "count",
      compare: { op: "gte", value: n },
    },
  },
});
const vip = {
  version: 1,
  root: { type: "condition", kind: "tags", args: { op: "contains_any", tags: ["vip"] } },
};

async function order(customer: string, orderId: string, daysAgo: number, amountMinor = 5000) {
  const res = await t.gql(
    `mutation($i: RecordOrderInput!) { recordOrder(input: $i) { id } }`,
    {
      i: {
        customerExternalId: customer,
        orderId,
        currency: "EUR",
        occurredAt: ago(daysAgo),
        lines: [{ productId: "p", quantity: 1, amountMinor }],
      },
    },
    t.writeKey,
  );
  expect(res.errors).toBeUndefined();
}

const SEGMENT_FIELDS = `id name version memberCount refreshedAt members(first: 50) { totalCount edges { node { externalId } } }`;
type Seg = {
  id: string;
  name: string;
  version: number;
  memberCount: number;
  members: { totalCount: number; edges: { node: { externalId: string } }[] };
};
const members = (s: Seg) => s.members.edges.map((e) => e.node.externalId).sort();

async function create(name: string, rule: object, as: Credentials = analyst) {
  return t.gql<{ createSegment: Seg }>(
    `mutation($i: SegmentInput!) { createSegment(input: $i) { ${SEGMENT_FIELDS} } }`,
    { i: { name, rule, description: `${name} segment` } },
    as,
  );
}
async function get(id: string) {
  return (
    await t.gql<{ segment: Seg }>(
      `query($id: ID!) { segment(id: $id) { ${SEGMENT_FIELDS} } }`,
      { id },
      analyst,
    )
  ).data!.segment;
}
const runJobs = () => t.app.services.jobs.runReady();
const onPostgres = Boolean(loadConfig(process.env, "/nonexistent/.env").DATABASE_URL);

type JobView = {
  status: string;
  progress: number;
  step: string | null;
  steps: { step: string; progress: number; attempt: number; at: string }[];
};
async function jobSteps(id: string): Promise<JobView> {
  const res = await t.gql<{ job: JobView }>(
    `query($id: ID!) { job(id: $id) { status progress step steps { step progress attempt at } } }`,
    { id },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.job;
}

beforeAll(async () => {
  t = await startTestServer();
  analyst = await t.createUser("analyst");
  for (const [ext, tags] of [
    ["ana", ["vip"]],
    ["bo", []],
    ["cas", ["vip"]],
    ["dirk", []],
  ] as const) {
    const res = await t.gql<{ createCustomer: { id: string } }>(
      `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
      { i: { externalId: ext, name: ext, tags } },
      t.writeKey,
    );
    ids[ext] = res.data!.createCustomer.id;
  }
  await order("ana", "a1", 3);
  await order("ana", "a2", 10);
  await order("bo", "b1", 5);
  await order("cas", "c1", 40);
});
afterAll(async () => {
  await t?.stop();
});

describe("segments", () => {
  it("previews an unsaved rule with a count and a sample", async () => {
    const res = await t.gql<{
      previewSegment: { count: number; sample: { externalId: string }[] };
    }>(
      `query($r: JSONObject!) { previewSegment(rule: $r, sampleSize: 5) { count sample { externalId } } }`,
      { r: ordersAtLeast(1) },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.previewSegment.count).toBe(2);
    expect(res.data!.previewSegment.sample.map((c) => c.externalId).sort()).toEqual(["ana", "bo"]);
  });

  it("rejects an invalid rule with BAD_USER_INPUT naming each problem's path", async () => {
    const bad = {
      version: 1,
      root: {
        type: "and",
        children: [
          {
            type: "condition",
            kind: "event_aggregate",
            args: {
              filter: { types: ["order"] },
              window: { kind: "last_days", days: -3 },
              aggregate: "count",
              compare: { op: "gte", value: 1 },
            },
          },
          { type: "maybe" },
        ],
      },
    };
    const res = await t.gql(
      `query($r: JSONObject!) { previewSegment(rule: $r) { count } }`,
      { r: bad },
      analyst,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.problems?.map((p) => p.path)).toEqual([
      "rule.root.children[0].args.window.days",
      "rule.root.children[1].type",
    ]);
  });

  it("saves nothing for a malformed rule, an unknown field or an operator that does not fit the field", async () => {
    const before = await t.count("segments");
    const bad = [
      { version: 1 },
      { version: 2, root: vip.root },
      {
        version: 1,
        root: {
          type: "condition",
          kind: "text_field",
          args: { field: "shoeSize", match: { op: "eq", value: "x" } },
        },
      },
      {
        version: 1,
        root: {
          type: "condition",
          kind: "enum_field",
          args: { field: "personalityColour", op: "contains", values: ["red"] },
        },
      },
      {
        version: 1,
        root: {
          type: "condition",
          kind: "date_field",
          args: { field: "signedUpAt", match: { op: "in_last_days", days: 1e9 } },
        },
      },
    ];
    for (const [i, rule] of bad.entries()) {
      const res = await create(`Broken ${i}`, rule);
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(rule)).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.extensions?.problems?.[0]?.path).toMatch(/^rule/);
    }
    expect(await t.count("segments")).toBe(before);
    expect(await t.count("jobs")).toBe(0);
  });

  it("materialises members on refresh and explains membership per condition", async () => {
    const created = await create("Recent buyers", ordersAtLeast(1));
    expect(created.errors).toBeUndefined();
    const seg = created.data!.createSegment;
    ids.recent = seg.id;
    expect(seg.memberCount).toBe(0); // computed by the background refresh, not in the request
    await runJobs();
    const after = await get(seg.id);
    expect(after.memberCount).toBe(2);
    expect(members(after)).toEqual(["ana", "bo"]);

    const explain = await t.gql<{
      explainMembership: {
        member: boolean;
        holds: boolean;
        tree: { holds: boolean; seen: number; description: string };
      };
    }>(
      `query($c: ID!, $s: ID) { explainMembership(customerId: $c, segmentId: $s) { member holds tree } }`,
      { c: ids.ana, s: seg.id },
      analyst,
    );
    expect(explain.data!.explainMembership).toMatchObject({
      member: true,
      holds: true,
      tree: { holds: true, seen: 2 },
    });
    const no = await t.gql<{
      explainMembership: { member: boolean; holds: boolean; tree: { seen: number } };
    }>(
      `query($c: ID!, $s: ID) { explainMembership(customerId: $c, segmentId: $s) { member holds tree } }`,
      { c: ids.cas, s: seg.id },
      analyst,
    );
    expect(no.data!.explainMembership).toMatchObject({
      member: false,
      holds: false,
      tree: { seen: 0 },
    });

    const mine = await t.gql<{ customer: { segments: { name: string }[] } }>(
      `query($id: ID) { customer(id: $id) { segments { name } } }`,
      { id: ids.ana },
      t.admin,
    );
    expect(mine.data!.customer.segments.map((s) => s.name)).toEqual(["Recent buyers"]);
  });

  it("versions rule edits and records who entered and left, and the size over time", async () => {
    t.clock.advance(60_000);
    const edited = await t.gql<{ updateSegment: Seg }>(
      `mutation($id: ID!, $i: SegmentInput!) { updateSegment(id: $id, input: $i) { version } }`,
      { id: ids.recent, i: { rule: ordersAtLeast(1, 60) } },
      analyst,
    );
    expect(edited.data!.updateSegment.version).toBe(2);
    await runJobs();
    const after = await get(ids.recent!);
    expect(members(after)).toEqual(["ana", "bo", "cas"]);

    t.clock.advance(60_000);
    await t.gql(
      `mutation($id: ID!, $i: SegmentInput!) { updateSegment(id: $id, input: $i) { version } }`,
      { id: ids.recent, i: { rule: ordersAtLeast(2, 60) } },
      analyst,
    );
    await runJobs();
    const res = await t.gql<{
      segment: {
        versions: { version: number; changedBy: string }[];
        sizeHistory: { size: number; entered: number; exited: number }[];
        membershipChanges: {
          totalCount: number;
          edges: { node: { change: string; customer: { externalId: string } } }[];
        };
      };
    }>(
      `query($id: ID!, $from: DateTime) { segment(id: $id) {
         versions { version changedBy }
         sizeHistory { size entered exited }
         membershipChanges(from: $from, change: LEFT) { totalCount edges { node { change customer { externalId } } } } } }`,
      { id: ids.recent, from: new Date(t.clock.now().getTime() - 30_000).toISOString() },
      analyst,
    );
    const s = res.data!.segment;
    expect(s.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(s.versions[0]!.changedBy).toMatch(/^user:/);
    expect(s.sizeHistory.map((p) => p.size)).toEqual([2, 3, 1]);
    expect(s.sizeHistory.map((p) => [p.entered, p.exited])).toEqual([
      [2, 0],
      [1, 0],
      [0, 2],
    ]);
    expect(s.membershipChanges.edges.map((e) => e.node.customer.externalId).sort()).toEqual([
      "bo",
      "cas",
    ]);
  });

  it("updates membership after ingest, for the affected customers only", async () => {
    await order("dirk", "d1", 1);
    await order("dirk", "d2", 2);
    await t.app.services.segments.scheduleDue(60 * 60_000);
    await runJobs();
    const after = await get(ids.recent!);
    expect(members(after)).toEqual(["ana", "dirk"]);
    // The scoped refresh keeps the stored count (count + entered - left) equal to a recount.
    const [{ stored, counted }] = (await t.db.read((em) =>
      em.query(
        `SELECT s.member_count AS stored, (SELECT count(*)::int FROM segment_members m WHERE m.segment_id = s.id) AS counted
         FROM segments s WHERE s.id = $1`,
        [ids.recent],
      ),
    )) as [{ stored: number; counted: number }];
    expect([stored, counted]).toEqual([2, 2]);
    expect(after.memberCount).toBe(2);
    const [{ n }] = (await t.db.read((em) =>
      em.query(`SELECT count(*)::int AS n FROM segment_dirty_customers`),
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("keeps customer facts folded on ingest equal to facts rebuilt from events and survey responses", async () => {
    // Latest answers: a later lower NPS replaces a promoter's, CSAT keeps the earlier answer;
    // two answers at one instant (the clock stands still) keep the lower; a customer without
    // events gets facts from an answer alone.
    const surveys = surveyFixtures(t);
    const survey = await surveys.survey({ allowMultipleResponses: true });
    await surveys.answered(survey, ids.ana!, { nps: 10, csat: 4 });
    t.clock.advance(1000);
    await surveys.answered(survey, ids.ana!, { nps: 3 });
    await surveys.answered(survey, ids.bo!, { nps: 6, csat: 2 });
    await surveys.answered(survey, ids.bo!, { nps: 9, csat: 1 });
    const quiet = await surveys.customer();
    await surveys.answered(survey, quiet, { nps: 8 });
    const latest = await t.db.read((em) =>
      em.query(
        `SELECT customer_id, latest_nps, latest_csat, order_count FROM customer_facts WHERE customer_id = ANY($1) ORDER BY latest_nps`,
        [[ids.ana, ids.bo, quiet]],
      ),
    );
    expect(latest).toEqual([
      { customer_id: ids.ana, latest_nps: 3, latest_csat: 4, order_count: 2 },
      { customer_id: ids.bo, latest_nps: 6, latest_csat: 1, order_count: 1 },
      { customer_id: quiet, latest_nps: 8, latest_csat: null, order_count: 0 },
    ]);
    await t.gql(
      `mutation($i: RecordRefundInput!) { recordRefund(input: $i) { id } }`,
      { i: { orderId: "a1", amountMinor: 100 } },
      t.writeKey,
    );
    await t.gql(
      `mutation($i: RecordVisitInput!) { recordVisit(input: $i) { id } }`,
      { i: { customerExternalId: "bo", kind: "PAGE_VIEW", occurredAt: ago(400) } },
      t.writeKey,
    );
    const snapshot = () =>
      t.db.read((em) => em.query(`SELECT * FROM customer_facts ORDER BY customer_id`));
    const folded = await snapshot();
    expect(folded.length).toBeGreaterThanOrEqual(5);
    await t.db.transaction((em) => rebuildFacts(em));
    expect(await snapshot()).toEqual(folded);
    // And for some customers only.
    await t.db.transaction((em) => rebuildFacts(em, [ids.bo!, quiet]));
    expect(await snapshot()).toEqual(folded);
  });

  it("supports 'member of segment', refuses cycles, and refuses deleting a segment in use", async () => {
    const vipSeg = (await create("VIPs", vip)).data!.createSegment;
    const combined = await create("VIP recent buyers", {
      version: 1,
      root: {
        type: "and",
        children: [
          { type: "condition", kind: "segment_member", args: { segmentId: vipSeg.id } },
          ordersAtLeast(2, 60).root,
        ],
      },
    });
    expect(combined.errors).toBeUndefined();
    await runJobs();
    expect(members(await get(combined.data!.createSegment.id))).toEqual(["ana"]);

    const cycle = await t.gql(
      `mutation($id: ID!, $i: SegmentInput!) { updateSegment(id: $id, input: $i) { id } }`,
      {
        id: vipSeg.id,
        i: {
          rule: {
            version: 1,
            root: {
              type: "condition",
              kind: "segment_member",
              args: { segmentId: combined.data!.createSegment.id },
            },
          },
        },
      },
      analyst,
    );
    expect(cycle.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(cycle.errors?.[0]?.extensions?.problems?.[0]?.message).toMatch(/cycle/);

    const used = await t.gql<{ segment: { usedBy: { name: string }[] } }>(
      `query($id: ID!) { segment(id: $id) { usedBy { name } } }`,
      { id: vipSeg.id },
      analyst,
    );
    expect(used.data!.segment.usedBy.map((s) => s.name)).toEqual(["VIP recent buyers"]);
    const del = await t.gql(
      `mutation($id: ID!) { deleteSegment(id: $id) { id } }`,
      { id: vipSeg.id },
      analyst,
    );
    expect(del.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("refuses duplicate names and lets only admins and analysts manage segments", async () => {
    expect((await create("Recent buyers", vip)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const support = await t.createUser("support");
    expect((await create("Support's", vip, support)).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await create("Key's", vip, t.writeKey)).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    const readKey = await t.createKey(["read"]);
    const list = await t.gql<{ segments: { totalCount: number } }>(
      `{ segments(first: 10) { totalCount } }`,
      {},
      readKey,
    );
    expect(list.data!.segments.totalCount).toBeGreaterThanOrEqual(3);
  });

  it("runs refreshes in the background job runner and reports their progress", async () => {
    t.app.startBackgroundWork();
    try {
      const job = await t.gql<{ refreshSegment: { id: string; status: string } }>(
        `mutation($id: ID!) { refreshSegment(id: $id) { id status } }`,
        { id: ids.recent },
        analyst,
      );
      expect(job.data!.refreshSegment.status).toMatch(/QUEUED|RUNNING|DONE/);
      await expect
        .poll(
          async () =>
            (
              await t.gql<{ job: { status: string; progress: number } }>(
                `query($id: ID!) { job(id: $id) { status progress } }`,
                { id: job.data!.refreshSegment.id },
                analyst,
              )
            ).data!.job,
          { timeout: 10_000 },
        )
        .toEqual({ status: "DONE", progress: 1 });
    } finally {
      await t.app.services.jobs.stop();
    }
  });

  it("records each step of a refresh with its progress, in order", async () => {
    const queued = await t.gql<{ refreshSegment: { id: string } }>(
      `mutation($id: ID!) { refreshSegment(id: $id) { id } }`,
      { id: ids.recent },
      analyst,
    );
    await runJobs();
    const job = await jobSteps(queued.data!.refreshSegment.id);
    expect(job).toMatchObject({ status: "DONE", progress: 1, step: "DONE" });
    expect(job.steps.map((s) => [s.step, s.progress, s.attempt])).toEqual([
      ["MEMBERS", 0, 1],
      ["EXITS", 0.45, 1],
      ["ENTRIES", 0.55, 1],
      ["WEBHOOKS", 0.9, 1],
      ["DONE", 1, 1],
    ]);
  });

  // PGlite admits no reader while a refresh's transaction runs; PostgreSQL shows it live.
  it.runIf(onPostgres)(
    "shows the step a running refresh is at while it waits on the membership table",
    async () => {
      const queued = await t.gql<{ refreshSegment: { id: string } }>(
        `mutation($id: ID!) { refreshSegment(id: $id) { id } }`,
        { id: ids.recent },
        analyst,
      );
      const id = queued.data!.refreshSegment.id;
      // Hold the membership table: the refresh computes its member set, then waits to write.
      const holder = t.db.dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      let running: Promise<number> | undefined;
      try {
        await holder.query(`LOCK TABLE segment_members IN ACCESS EXCLUSIVE MODE`);
        running = runJobs();
        await expect.poll(async () => (await jobSteps(id)).step, { timeout: 20_000 }).toBe("EXITS");
        const waiting = await jobSteps(id);
        expect(waiting).toMatchObject({ status: "RUNNING", progress: 0.45 });
        expect(waiting.steps.map((s) => s.step)).toEqual(["MEMBERS", "EXITS"]);
      } finally {
        await holder.commitTransaction();
        await holder.release();
      }
      await running;
      expect(await jobSteps(id)).toMatchObject({ status: "DONE", progress: 1, step: "DONE" });
    },
  );

  it("lists customers with their segments in a bounded number of queries", async () => {
    const q = (n: number) =>
      t.gql(`{ customers(first: ${n}) { edges { node { id segments { name } } } } }`, {}, t.admin);
    expect((await q(4)).extensions?.queryCount).toBe((await q(1)).extensions?.queryCount);
  });
});
