import { badInput } from "./errors";
import type { Page } from "./graphql-types";

export const MAX_PAGE_SIZE = 200;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A keyset position: the sort value(s) and the id of the last row seen. */
export type CursorKey = (string | number | null)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((v) => v === null || ["string", "number"].includes(typeof v))
    ) {
      return key as CursorKey;
    }
  } catch {
    // fall through
  }
  throw badInput("Invalid cursor", [
    { path: "after", message: "is not a cursor this list returned" },
  ]);
}

export interface PagePlan {
  limit: number;
  /** True when paging backwards (last/before): query in reverse order, then flip. */
  backward: boolean;
  cursor: string | null;
}

export function planPage(args: PageArgs, defaultSize = 25): PagePlan {
  const problems = [];
  if (args.first != null && (args.first < 0 || args.first > MAX_PAGE_SIZE))
    problems.push({ path: "first", message: `must be between 0 and ${MAX_PAGE_SIZE}` });
  if (args.last != null && (args.last < 0 || args.last > MAX_PAGE_SIZE))
    problems.push({ path: "last", message: `must be between 0 and ${MAX_PAGE_SIZE}` });
  if (args.first != null && args.last != null)
    problems.push({ path: "last", message: "cannot be combined with first" });
  if (problems.length) throw badInput("Invalid page arguments", problems);
  const backward = args.last != null || (args.before != null && args.first == null);
  return {
    limit: (backward ? args.last : args.first) ?? defaultSize,
    backward,
    cursor: (backward ? args.before : args.after) ?? null,
  };
}

/** Builds a connection from `limit + 1` rows fetched in query order. */
export function toPage<T>(
  rows: T[],
  plan: PagePlan,
  keyOf: (row: T) => CursorKey,
  totalCount: number,
): Page<T> {
  const hasMore = rows.length > plan.limit;
  const slice = rows.slice(0, plan.limit);
  if (plan.backward) slice.reverse();
  const edges = slice.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: plan.backward ? plan.cursor !== null : hasMore,
      hasPreviousPage: plan.backward ? hasMore : plan.cursor !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
