import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";
import { loyaltyFixtures, pointsConfig } from "../../test-support/loyalty-fixtures";
import { surveyFixtures } from "../surveys/survey-fixtures";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const recent = {
  version: 1,
  root: {
    type: "condition",
    kind: "event_aggregate",
    args: {
      filter: { types: ["order"] },
      window: { kind: "last_days", days: 90 },
      aggregate: "count",
      compare: { op: "gte", value: 1 },
    },
  },
};

interface Use {
  kind: string;
  name: string;
  programId: string | null;
}

async function usages(id: string): Promise<Use[]> {
  const res = await t.gql<{ segment: { usages: Use[] } }>(
    `query($id: ID!) { segment(id: $id) { usages { kind name programId } } }`,
    { id },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.segment.usages;
}

describe("where a segment is used", () => {
  it("lists the segments, campaigns, rewards and surveys that use it, and refuses to delete it while they do", async () => {
    const f = loyaltyFixtures(t);
    const s = surveyFixtures(t);
    const target = await s.segment("Recent buyers", recent);
    const unused = await s.segment("Nobody uses me", recent);
    expect(await usages(target)).toEqual([]);

    await s.segment("Recent buyers again", {
      version: 1,
      root: { type: "condition", kind: "segment_member", args: { segmentId: target } },
    });
    const program = await f.program("Usage points", pointsConfig());
    const campaign = await t.gql(
      `mutation($p: ID!, $i: CampaignInput!) { createLoyaltyCampaign(programId: $p, input: $i) { id } }`,
      {
        p: program,
        i: {
          name: "Double for recent buyers",
          segmentId: target,
          multiplier: 2,
          startsAt: "2026-06-01T00:00:00Z",
          endsAt: "2026-07-01T00:00:00Z",
        },
      },
      t.admin,
    );
    expect(campaign.errors ?? []).toEqual([]);
    await f.reward(program, { name: "Members' gift", cost: 10, segmentIds: [target] });
    await f.reward(program, { name: "Everyone's gift", cost: 10 });
    await s.survey({ audience: { kind: "segment", segmentId: target } });

    expect(await usages(target)).toEqual([
      { kind: "CAMPAIGN", name: "Double for recent buyers", programId: program },
      { kind: "REWARD", name: "Members' gift", programId: program },
      { kind: "SEGMENT", name: "Recent buyers again", programId: null },
      { kind: "SURVEY", name: expect.any(String), programId: null },
    ]);

    const segmentsBefore = await t.count("segments");
    const del = await t.gql(
      `mutation($id: ID!) { deleteSegment(id: $id) { id } }`,
      { id: target },
      t.admin,
    );
    expect(del.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "SEGMENT_IN_USE",
    });
    expect(del.errors?.[0]?.message).toMatch(/campaign "Double for recent buyers"/);
    expect(await t.count("segments")).toBe(segmentsBefore);

    const ok = await t.gql(
      `mutation($id: ID!) { deleteSegment(id: $id) { id } }`,
      { id: unused },
      t.admin,
    );
    expect(ok.errors ?? []).toEqual([]);
  });

  it("answers a list of segments with their usages in a bounded number of queries", async () => {
    const q = async () => {
      const res = await t.gql<{ segments: { edges: unknown[] } }>(
        `{ segments(first: 50) { edges { node { id usages { kind name } } } } }`,
        {},
        t.admin,
      );
      expect(res.errors ?? []).toEqual([]);
      return res;
    };
    const before = await q();
    const s = surveyFixtures(t);
    for (let i = 0; i < 3; i++) await s.segment(`More ${i}`, recent);
    const after = await q();
    expect(after.data!.segments.edges.length).toBe(before.data!.segments.edges.length + 3);
    expect(after.extensions!.queryCount).toBe(before.extensions!.queryCount);
  });
});
