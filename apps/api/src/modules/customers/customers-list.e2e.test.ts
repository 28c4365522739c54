import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";

let t: TestServer;
const N = 30;
const SOURCES = ["DIRECT", "REFERRAL", "CAMPAIGN"];
const COLOURS = ["RED", "BLUE", "YELLOW", "GREEN", null];

beforeAll(async () => {
  t = await startTestServer();
  const events = [];
  for (let i = 0; i < N; i++) {
    const input = {
      externalId: `list-${String(i).padStart(2, "0")}`,
      name: i % 7 === 0 ? null : `Person ${String.fromCharCode(65 + ((i * 7) % 26))}${i}`,
      email: `p${i}@${i % 2 ? "example.nl" : "shop.com"}`,
      signedUpAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
      acquisitionSource: SOURCES[i % 3],
      personalityColour: COLOURS[i % 5],
      tags: i % 4 === 0 ? ["vip"] : i % 4 === 1 ? ["newsletter"] : [],
    };
    const res = await t.gql(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
      { input },
      t.writeKey,
    );
    expect(res.errors).toBeUndefined();
    const id = (res.data as { createCustomer: { id: string } }).createCustomer.id;
    events.push(
      { visit: { customerId: id } },
      { supportContact: { customerId: id, kind: "OTHER", subject: `s${i}` } },
    );
  }
  await t.gql(
    `mutation($e: [EventInput!]!) { recordEvents(events: $e) { acceptedCount } }`,
    { e: events },
    t.writeKey,
  );
});
afterAll(async () => {
  await t?.stop();
});

type Conn = {
  customers: {
    totalCount: number;
    edges: {
      cursor: string;
      node: { externalId: string; name: string | null; signedUpAt: string };
    }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      endCursor: string;
      startCursor: string;
    };
  };
};
const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {
  customers(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { externalId name signedUpAt } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const list = async (vars: Record<string, unknown>) => {
  const res = await t.gql<Conn>(LIST, vars, t.admin);
  expect(res.errors).toBeUndefined();
  return res.data!.customers;
};

async function walk(vars: Record<string, unknown>, size: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await list({ ...vars, first: size, after });
    ids.push(...page.edges.map((e) => e.node.externalId));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

describe("customers list", () => {
  it("pages forward through every customer once, newest signup first by default", async () => {
    const ids = await walk({}, 7);
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    expect(ids[0]).toBe("list-29");
    expect(ids.at(-1)).toBe("list-00");
  });

  it("sorts by name (missing names first ascending) with stable keyset pages", async () => {
    const ids = await walk({ orderBy: { field: "NAME", direction: "ASC" } }, 4);
    const all = await list({ first: 200, orderBy: { field: "NAME", direction: "ASC" } });
    expect(ids).toEqual(all.edges.map((e) => e.node.externalId));
    const names = all.edges.map((e) => (e.node.name ?? "").toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(all.edges[0]!.node.name).toBeNull();
  });

  it("pages backward from a cursor", async () => {
    const first = await list({ first: 10 });
    const back = await list({ last: 5, before: first.edges[9]!.cursor });
    expect(back.edges.map((e) => e.node.externalId)).toEqual(
      first.edges.slice(4, 9).map((e) => e.node.externalId),
    );
    expect(back.pageInfo.hasNextPage).toBe(true);
    expect(back.pageInfo.hasPreviousPage).toBe(true);
  });

  it("searches name and email case-insensitively and counts matches", async () => {
    const res = await list({ first: 50, filter: { search: "EXAMPLE.NL" } });
    expect(res.totalCount).toBe(15);
    const byName = await list({ first: 50, filter: { search: "person b1" } });
    expect(byName.edges.every((e) => e.node.name!.toLowerCase().includes("person b1"))).toBe(true);
    expect(byName.totalCount).toBeGreaterThan(0);
  });

  it("treats LIKE wildcards in a search literally", async () => {
    expect((await list({ first: 5, filter: { search: "%" } })).totalCount).toBe(0);
  });

  it("filters by tag, acquisition source, colour and signup window together", async () => {
    const res = await list({
      first: 50,
      filter: {
        tags: ["VIP"],
        acquisitionSources: ["DIRECT", "CAMPAIGN"],
        signedUpFrom: "2025-01-05T00:00:00Z",
        signedUpTo: "2025-01-25T00:00:00Z",
      },
    });
    // i % 4 == 0 (vip), i % 3 != 1 (not referral), 4 <= i < 24
    const expected = Array.from({ length: N }, (_, i) => i).filter(
      (i) => i % 4 === 0 && i % 3 !== 1 && i >= 4 && i < 24,
    );
    expect(res.edges.map((e) => e.node.externalId).sort()).toEqual(
      expected.map((i) => `list-${String(i).padStart(2, "0")}`).sort(),
    );
    expect(res.totalCount).toBe(expected.length);
    const green = await list({ first: 50, filter: { personalityColours: ["GREEN"] } });
    expect(green.totalCount).toBe(6);
  });

  it("rejects a page size over the maximum and a forged cursor", async () => {
    const big = await t.gql(LIST, { first: 5000 }, t.admin);
    expect(big.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const forged = await t.gql(LIST, { first: 5, after: "garbage!!" }, t.admin);
    expect(forged.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("resolves a page of customers with their timelines, contacts and referrers in a bounded number of queries", async () => {
    const query = (n: number) =>
      t.gql(
        `{ customers(first: ${n}) { edges { node { id referredBy { id } contactGuidance { colour } timeline(first: 3) { totalCount edges { node { type customer { id } } } } supportContacts(first: 2) { totalCount edges { node { subject } } } } } } }`,
        {},
        t.admin,
      );
    const small = await query(2);
    const large = await query(30);
    expect(large.errors).toBeUndefined();
    expect(small.extensions?.queryCount).toBeGreaterThan(0);
    expect(large.extensions?.queryCount).toBe(small.extensions?.queryCount);
  });
});
