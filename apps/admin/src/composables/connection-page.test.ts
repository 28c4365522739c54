import { describe, expect, it, vi } from "vitest";
import { fakeClient, gqlError } from "@/testing/fake-client";
import { CustomerTimelineQuery } from "@/features/customers/use-customer-timeline";
import { connectionPage, queryConnectionPage } from "./connection-page";

const connection = {
  totalCount: 3,
  pageInfo: { hasNextPage: true, endCursor: "c2" },
  edges: [{ node: { id: "a" } }, { node: { id: "b" } }],
};

describe("connectionPage", () => {
  it("flattens the edges' nodes and keeps the cursor, next-page flag and total", () => {
    expect(connectionPage(connection)).toEqual({
      items: [{ id: "a" }, { id: "b" }],
      endCursor: "c2",
      hasNextPage: true,
      totalCount: 3,
    });
  });

  it("reads a missing connection as an empty last page", () => {
    expect(connectionPage(null)).toEqual({
      items: [],
      endCursor: null,
      hasNextPage: false,
      totalCount: 0,
    });
  });
});

describe("queryConnectionPage", () => {
  it("asks the query from the network with the variables and picks the page out of the answer", async () => {
    const { client, calls } = fakeClient({
      CustomerTimeline: { data: { customer: { id: "c1", timeline: connection } } },
    });
    const result = await queryConnectionPage(
      client,
      CustomerTimelineQuery,
      { id: "c1", first: 2, after: "c0" },
      (data) => data?.customer?.timeline,
    );
    expect(result.page?.items.map((item) => item.id)).toEqual(["a", "b"]);
    expect(result.page?.endCursor).toBe("c2");
    expect(calls).toEqual([
      { name: "CustomerTimeline", variables: { id: "c1", first: 2, after: "c0" } },
    ]);
    const operation = vi.mocked(client.executeQuery).mock.calls[0]?.[1];
    expect(operation?.requestPolicy).toBe("network-only");
  });

  it("returns the error instead of a page when the query fails", async () => {
    const { client } = fakeClient({ CustomerTimeline: gqlError("Boom", { code: "FORBIDDEN" }) });
    const result = await queryConnectionPage(
      client,
      CustomerTimelineQuery,
      { id: "c1", first: 2, after: null },
      (data) => data?.customer?.timeline,
    );
    expect(result.page).toBeUndefined();
    expect(result.error?.graphQLErrors[0]?.extensions.code).toBe("FORBIDDEN");
  });
});
