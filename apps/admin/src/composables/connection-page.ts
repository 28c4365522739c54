import type { AnyVariables, Client, CombinedError, TypedDocumentNode } from "@urql/core";

/** One page of a Relay connection, flattened to what the paging composables need. */
export interface Page<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

export type PageResult<T> =
  | { page: Page<T>; error?: undefined }
  | { page?: undefined; error: CombinedError };

/** The part of a Relay connection (`edges/node/pageInfo` + `totalCount`) a page is read from. */
export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: readonly { node: T }[];
}

/** A connection as a page; a missing connection (e.g. the record is gone) is an empty page. */
export function connectionPage<T>(connection: Connection<T> | null | undefined): Page<T> {
  return {
    items: connection?.edges.map((e) => e.node) ?? [],
    endCursor: connection?.pageInfo.endCursor ?? null,
    hasNextPage: connection?.pageInfo.hasNextPage ?? false,
    totalCount: connection?.totalCount ?? 0,
  };
}

/**
 * Asks `query` once from the network (pages must not come from a stale cache) and reads one page
 * out of the answer with `pick`.
 */
export async function queryConnectionPage<Data, Variables extends AnyVariables, T>(
  client: Client,
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  pick: (data: Data | undefined) => Connection<T> | null | undefined,
): Promise<PageResult<T>> {
  const result = await client
    .query(query, variables, { requestPolicy: "network-only" })
    .toPromise();
  if (result.error) return { error: result.error };
  return { page: connectionPage(pick(result.data)) };
}
