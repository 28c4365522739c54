import type { z } from "zod";
import type { Rule } from "./ast";
import type { SqlParams } from "./sql";
import type { Subject } from "./subject";

export interface EvalContext {
  now: Date;
  /** Looks up another saved segment's rule, for "member of segment X". */
  segmentRule?: (segmentId: string) => Rule | null;
  /** Segments being evaluated further up, to stop cycles. */
  visiting?: ReadonlySet<string>;
}

export interface CompileContext {
  now: Date;
  params: SqlParams;
  /**
   * When true the query joins customer_facts as `f` (see SEGMENT_FROM) and conditions may
   * answer from facts or skip customers that facts rule out.
   */
  facts?: boolean;
  /**
   * SQL of the customer's id for subqueries over events: `c.id`, or `f.customer_id` when the
   * query is driven by the facts (then conditions on facts alone filter before the join).
   */
  customerId?: string;
  segmentRule?: (segmentId: string) => Rule | null;
  visiting?: ReadonlySet<string>;
}

/** What a condition saw and whether it held: the raw material of "why is this customer in it". */
export interface Outcome {
  holds: boolean;
  seen: string | number | boolean | null | string[];
}

/**
 * One kind of condition: its arguments' schema, the oracle (`evaluate`) and the compiler
 * (`toSql`). Adding a kind is adding an entry, not editing a switch in five places.
 */
export interface ConditionKind<A = unknown> {
  kind: string;
  label: string;
  args: z.ZodType<A>;
  evaluate(args: A, subject: Subject, ctx: EvalContext): Outcome;
  toSql(args: A, ctx: CompileContext): string;
  describe(args: A): string;
  /**
   * True when the condition reads only what customer facts summarise (the customer's events,
   * their latest survey answers): then a customer without facts decides it the same way
   * whoever they are (see `holdsWithoutFacts`).
   */
  factsOnly?: boolean;
  /** Segment ids this condition depends on. */
  references?(args: A): string[];
}

export class ConditionRegistry {
  private readonly kinds = new Map<string, ConditionKind<unknown>>();

  register<A>(kind: ConditionKind<A>): this {
    if (this.kinds.has(kind.kind))
      throw new Error(`condition kind ${kind.kind} is already registered`);
    this.kinds.set(kind.kind, kind as ConditionKind<unknown>);
    return this;
  }

  get(kind: string): ConditionKind<unknown> | undefined {
    return this.kinds.get(kind);
  }

  list(): ConditionKind<unknown>[] {
    return [...this.kinds.values()];
  }
}
