import { describe, expect, it, vi } from "vitest";
import { gql } from "@urql/core";
import { createGraphqlClient, SESSION_PROBE } from "./client";

function jsonResponse(body: unknown) {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
}

describe("GraphQL client", () => {
  const Query = gql`
    query Anything {
      customerTags
    }
  `;
  const unauthenticated = {
    data: null,
    errors: [{ message: "Sign in first", extensions: { code: "UNAUTHENTICATED" } }],
  };

  it("posts queries with the session cookie", async () => {
    const fetch = vi.fn(async () => jsonResponse({ data: { customerTags: [] } }));
    const client = createGraphqlClient({
      url: "http://api.test/graphql",
      onUnauthenticated: () => {},
    });
    await client.query(Query, {}, { fetch }).toPromise();
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("http://api.test/graphql");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("include");
  });

  it("reports an UNAUTHENTICATED answer, so the app can send the user to sign in", async () => {
    const onUnauthenticated = vi.fn();
    const client = createGraphqlClient({ url: "http://api.test/graphql", onUnauthenticated });
    const fetch = vi.fn(async () => jsonResponse(unauthenticated));
    await client.query(Query, {}, { fetch, requestPolicy: "network-only" }).toPromise();
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it("does not report UNAUTHENTICATED for the probe that asks who is signed in", async () => {
    const onUnauthenticated = vi.fn();
    const client = createGraphqlClient({ url: "http://api.test/graphql", onUnauthenticated });
    const fetch = vi.fn(async () => jsonResponse(unauthenticated));
    await client
      .query(Query, {}, { fetch, requestPolicy: "network-only", [SESSION_PROBE]: true })
      .toPromise();
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});
