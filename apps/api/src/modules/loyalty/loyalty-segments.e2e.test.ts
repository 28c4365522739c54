import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";
import { loyaltyFixtures } from "../../test-support/loyalty-fixtures";

let t: TestServer;
let f: ReturnType<typeof loyaltyFixtures>;
beforeAll(async () => {
  t = await startTestServer();
  f = loyaltyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

type Members = { createSegment: { id: string } };

async function segmentMembers(name: string, root: object): Promise<string[]> {
  const created = await t.gql<Members>(
    `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
    { i: { name, rule: { version: 1, root } } },
    t.admin,
  );
  expect(created.errors ?? []).toEqual([]);
  await t.app.services.jobs.runReady();
  const res = await t.gql<{ segment: { members: { edges: { node: { id: string } }[] } } }>(
    `query($id: ID!) { segment(id: $id) { members(first: 100) { edges { node { id } } } } }`,
    { id: created.data!.createSegment.id },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.segment.members.edges.map((e) => e.node.id).sort();
}

async function preview(root: object): Promise<number> {
  const res = await t.gql<{ previewSegment: { count: number } }>(
    `query($r: JSONObject!) { previewSegment(rule: $r) { count } }`,
    { r: { version: 1, root } },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.previewSegment.count;
}

describe("segments over loyalty data", () => {
  it("selects by tier, balance, membership and points earned; SQL and the explanation agree", async () => {
    const program = await f.program("Segmentable tiers", {
      type: "tiered",
      earning: { rate: { points: 1, perMinor: 100 } },
      tiers: [
        { code: "bronze", name: "Bronze", threshold: 0 },
        { code: "gold", name: "Gold", threshold: 500 },
      ],
      qualification: { basis: "points_earned", window: { kind: "rolling", months: 12 } },
    });
    const gold = await f.customer();
    const bronze = await f.customer();
    await f.customer(); // never enrolled
    await f.order(gold, [{ amountMinor: 60_000 }]);
    await f.order(bronze, [{ amountMinor: 10_000 }]);
    // The gold customer spends most of their points: still gold, lower balance.
    const reward = await f.reward(program, { cost: 550 });
    expect((await f.redeem(gold, reward)).errors ?? []).toEqual([]);

    const tier = {
      type: "condition",
      kind: "loyalty_tier",
      args: { programId: program, tierCodes: ["gold"] },
    };
    expect(await segmentMembers("Gold members", tier)).toEqual([gold]);
    expect(await preview(tier)).toBe(1);

    const rich = {
      type: "condition",
      kind: "loyalty_balance",
      args: { programId: program, compare: { op: "gte", value: 90 } },
    };
    expect(await segmentMembers("Balance 90+", rich)).toEqual([bronze]);

    const earned = {
      type: "condition",
      kind: "loyalty_points_earned",
      args: { programId: program, days: 30, compare: { op: "gte", value: 500 } },
    };
    expect(await segmentMembers("Earned 500 in 30 days", earned)).toEqual([gold]);

    const nonMembers = {
      type: "not",
      child: { type: "condition", kind: "loyalty_member", args: { programId: program } },
    };
    expect(await preview(nonMembers)).toBe(1);

    const explained = await t.gql<{
      explainMembership: { holds: boolean; tree: { seen: unknown; holds: boolean } };
    }>(
      `query($c: ID!, $r: JSONObject!) { explainMembership(customerId: $c, rule: $r) { holds tree } }`,
      { c: gold, r: { version: 1, root: rich } },
      t.admin,
    );
    expect(explained.errors ?? []).toEqual([]);
    expect(explained.data!.explainMembership.holds).toBe(false);
    expect(explained.data!.explainMembership.tree).toMatchObject({ seen: 50, holds: false });
  });

  it("refuses loyalty conditions with bad arguments by path", async () => {
    const res = await t.gql(
      `query($r: JSONObject!) { previewSegment(rule: $r) { count } }`,
      {
        r: {
          version: 1,
          root: {
            type: "condition",
            kind: "loyalty_points_earned",
            args: { programId: "x", days: 0 },
          },
        },
      },
      t.admin,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(
      res.errors?.[0]?.extensions?.problems?.some((p) => p.path.startsWith("rule.root.args")),
    ).toBe(true);
  });
});
