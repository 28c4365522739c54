import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";
import { loyaltyFixtures, pointsConfig } from "../../test-support/loyalty-fixtures";
import { errorOf, surveyFixtures } from "./survey-fixtures";

let t: TestServer;
let f: ReturnType<typeof surveyFixtures>;
let l: ReturnType<typeof loyaltyFixtures>;

beforeAll(async () => {
  t = await startTestServer();
  f = surveyFixtures(t);
  l = loyaltyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

const DAY = 86_400_000;

type Members = { segment: { memberCount: number; members: { edges: { node: { id: string } }[] } } };
async function members(segmentId: string): Promise<string[]> {
  const res = await t.gql<Members>(
    `query($id: ID!) { segment(id: $id) { memberCount members(first: 50) { edges { node { id } } } } }`,
    { id: segmentId },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.segment.members.edges.map((e) => e.node.id).sort();
}
const sorted = (...ids: string[]) => [...ids].sort();
const rule = (kind: string, args: Record<string, unknown>) => ({
  version: 1,
  root: { type: "condition", kind, args },
});

describe("survey answers in segments", () => {
  it("puts customers in a segment by their latest NPS category, and moves them when they answer again", async () => {
    const surveyId = await f.survey({ allowMultipleResponses: true });
    const [detractor, passive, promoter, silent] = [
      await f.customer(),
      await f.customer(),
      await f.customer(),
      await f.customer(),
    ];
    await f.answered(surveyId, detractor, { nps: 3 });
    await f.answered(surveyId, passive, { nps: 7 });
    await f.answered(surveyId, promoter, { nps: 10 });

    const unhappy = await f.segment(
      "Detractors",
      rule("survey_nps_category", { categories: ["detractor"] }),
    );
    const notUnhappy = await f.segment("Not detractors", {
      version: 1,
      root: {
        type: "not",
        child: {
          type: "condition",
          kind: "survey_nps_category",
          args: { categories: ["detractor"] },
        },
      },
    });
    const fans = await f.segment(
      "Fans and passives",
      rule("survey_nps_category", { categories: ["promoter", "passive"] }),
    );
    expect(await members(unhappy)).toEqual([detractor]);
    expect(await members(fans)).toEqual(sorted(passive, promoter));
    expect(await members(notUnhappy)).toEqual(
      expect.arrayContaining(sorted(passive, promoter, silent)),
    );
    expect(await members(notUnhappy)).not.toContain(detractor);

    t.clock.advance(60_000);
    await f.answered(surveyId, detractor, { nps: 9 });
    await f.answered(surveyId, promoter, { nps: 0 });
    await t.app.services.segments.refreshDirtyCustomers();
    expect(await members(unhappy)).toEqual([promoter]);
    expect(await members(fans)).toEqual(sorted(detractor, passive));

    const why = await t.gql<{
      explainMembership: { member: boolean; holds: boolean; tree: { seen: unknown } };
    }>(
      `query($c: ID!, $s: ID) { explainMembership(customerId: $c, segmentId: $s) { member holds tree } }`,
      { c: promoter, s: unhappy },
      t.admin,
    );
    expect(why.data!.explainMembership).toMatchObject({
      member: true,
      holds: true,
      tree: { seen: "detractor (0)" },
    });
  });

  it("selects by the latest CSAT, within a number of days", async () => {
    const surveyId = await f.survey();
    const [low, high, old] = [await f.customer(), await f.customer(), await f.customer()];
    await f.answered(surveyId, old, { nps: 5, csat: 1 });
    t.clock.advance(40 * DAY);
    await f.answered(surveyId, low, { nps: 5, csat: 2 });
    await f.answered(surveyId, high, { nps: 5, csat: 5 });
    // The admin's session is older than its lifetime now: sign in again.
    t.admin = await t.login("root@test.trouw", "correct horse");
    const dissatisfied = await f.segment(
      "Dissatisfied lately",
      rule("survey_csat", { compare: { op: "lte", value: 2 }, withinDays: 30 }),
    );
    expect(await members(dissatisfied)).toEqual([low]);
    const preview = await t.gql<{ previewSegment: { count: number } }>(
      `query($r: JSONObject!) { previewSegment(rule: $r) { count } }`,
      { r: rule("survey_csat", { compare: { op: "lte", value: 2 } }) },
      t.admin,
    );
    expect(preview.data!.previewSegment.count).toBe(2);
  });

  it("refuses a survey condition with bad arguments by path", async () => {
    const res = await t.gql(
      `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
      { i: { name: "Bad", rule: rule("survey_nps_category", { categories: ["fans"] }) } },
      t.admin,
    );
    expect(errorOf(res).code).toBe("BAD_USER_INPUT");
    expect(errorOf(res).problems[0]!.path).toMatch(/^rule\.root\.args\.categories/);
  });
});

describe("the survey bonus", () => {
  it("credits survey_answered in active points programs the customer is enrolled in, once per survey", async () => {
    const points = await l.program(
      "Survey points",
      pointsConfig({ bonuses: { survey_answered: 50, custom: [] } }),
    );
    const draft = await l.program(
      "Draft points",
      pointsConfig({ bonuses: { survey_answered: 70, custom: [] } }),
      false,
    );
    const member = await f.customer();
    const stranger = await f.customer();
    for (const programId of [points, draft]) {
      const enrolled = await t.gql(
        `mutation($p: ID!, $c: LoyaltyCustomerInput!) { enrolCustomer(programId: $p, customer: $c) { balance } }`,
        { p: programId, c: { customerId: member } },
        t.writeKey,
      );
      if (programId === points) expect(enrolled.errors ?? []).toEqual([]);
    }

    const surveyId = await f.survey({ allowMultipleResponses: true });
    const first = await f.answered(surveyId, member, { nps: 9 });
    expect(first.loyaltyPoints).toBe(50);
    expect((await l.account(member, points))!.balance).toBe(50);
    const entries = await l.ledger(member, points);
    expect(entries.edges[0]!.node).toMatchObject({
      kind: "EARN",
      amount: 50,
      actor: "system",
      details: { bonus: "survey_answered", surveyId, responseId: first.id },
    });

    const again = await f.answered(surveyId, member, { nps: 10 });
    expect(again.loyaltyPoints).toBe(0);
    const another = await f.answered(await f.survey(), member, { nps: 8 });
    expect(another.loyaltyPoints).toBe(50);
    expect((await l.account(member, points))!.balance).toBe(100);
    expect((await f.answered(surveyId, stranger, { nps: 9 })).loyaltyPoints).toBe(0);
    await l.ledgerIsConsistent();
  });

  it("credits nothing when the answers are refused", async () => {
    const before = await t.count("ledger_entries");
    const member = await f.customer();
    const res = await f.respond(await f.survey(), member, { nps: 42 });
    expect(errorOf(res).code).toBe("BAD_USER_INPUT");
    expect(await t.count("ledger_entries")).toBe(before);
  });
});
