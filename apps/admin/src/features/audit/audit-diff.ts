/** One changed field of an audit entry, its values as readable text. */
export interface DiffRow {
  field: string;
  before: string | null;
  after: string | null;
  /** Only on one side: the field was added or removed. */
  kind: "changed" | "added" | "removed";
}

/** Scalars as themselves, everything else as indented JSON; absent is null. */
export function readable(value: unknown): string | null {
  if (value === undefined) return null;
  if (value === null) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value, null, 2);
}

/**
 * The fields of an audit entry's before and after side by side, in name order. The API keeps
 * only changed fields on updates; creations have only `after`, deletions only `before`.
 */
export function diffRows(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): DiffRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  return fields.map((field) => {
    const inBefore = before != null && field in before;
    const inAfter = after != null && field in after;
    return {
      field,
      before: inBefore ? readable(before[field]) : null,
      after: inAfter ? readable(after[field]) : null,
      kind: inBefore && inAfter ? "changed" : inAfter ? "added" : "removed",
    };
  });
}
