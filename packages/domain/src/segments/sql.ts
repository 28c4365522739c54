/**
 * A tiny SQL builder for the compiler: values only ever enter as numbered bind parameters,
 * identifiers only from the compiler's own whitelists.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly offset = 0) {}

  /** Adds a bind parameter and returns its placeholder, cast so PostgreSQL never guesses. */
  bind(
    value: unknown,
    cast:
      | "text"
      | "text[]"
      | "numeric"
      | "int"
      | "bigint"
      | "timestamptz"
      | "boolean"
      | "uuid"
      | "jsonb",
  ): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}::${cast}`;
  }
}

export interface CompiledPredicate {
  /** A boolean SQL expression over `customers c` (and `customer_facts f`, see `from`). */
  sql: string;
  params: unknown[];
  /**
   * The FROM clause to evaluate `sql` over: `SEGMENT_FROM`, or an inner join of the facts
   * when no customer without events can match (facts then filter before the join).
   */
  from: string;
  /** The customer's id in `from` (`c.id`, or `f.customer_id` when the facts drive it). */
  id: string;
}
