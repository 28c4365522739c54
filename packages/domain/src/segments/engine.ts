import type { Rule, RuleNode } from "./ast";
import { defaultRegistry } from "./default-registry";
import type { CompileContext, EvalContext, Outcome } from "./registry";
import { SEGMENT_FROM, SEGMENT_FROM_FACTS } from "./facts";
import { SqlParams, type CompiledPredicate } from "./sql";
import type { Subject } from "./subject";

/**
 * The oracle: evaluates a (validated) rule against one customer's data in memory.
 * Conditions are never null: missing data makes a comparison false, so NOT is plain negation,
 * exactly as in the compiled SQL (where every condition is wrapped in coalesce(…, false)).
 */
export function evaluateNode(
  node: RuleNode,
  subject: Subject,
  ctx: EvalContext,
  registry = defaultRegistry,
): boolean {
  switch (node.type) {
    case "and":
      return node.children.every((c) => evaluateNode(c, subject, ctx, registry));
    case "or":
      return node.children.some((c) => evaluateNode(c, subject, ctx, registry));
    case "not":
      return !evaluateNode(node.child, subject, ctx, registry);
    case "condition":
      return evaluateCondition(node, subject, ctx, registry).holds;
  }
}

function evaluateCondition(
  node: Extract<RuleNode, { type: "condition" }>,
  subject: Subject,
  ctx: EvalContext,
  registry = defaultRegistry,
): Outcome {
  const kind = registry.get(node.kind);
  if (!kind) throw new Error(`unknown condition kind ${node.kind}`);
  return kind.evaluate(kind.args.parse(node.args), subject, ctx);
}

export function evaluateRule(
  rule: Rule,
  subject: Subject,
  ctx: EvalContext,
  registry = defaultRegistry,
): boolean {
  return evaluateNode(rule.root, subject, ctx, registry);
}

export function compileNode(
  node: RuleNode,
  ctx: CompileContext,
  registry = defaultRegistry,
): string {
  switch (node.type) {
    case "and":
      return node.children.length === 0
        ? "true"
        : `(${node.children.map((c) => compileNode(c, ctx, registry)).join(" AND ")})`;
    case "or":
      return node.children.length === 0
        ? "false"
        : `(${node.children.map((c) => compileNode(c, ctx, registry)).join(" OR ")})`;
    case "not":
      return `(NOT ${compileNode(node.child, ctx, registry)})`;
    case "condition": {
      const kind = registry.get(node.kind);
      if (!kind) throw new Error(`unknown condition kind ${node.kind}`);
      return `coalesce(${kind.toSql(kind.args.parse(node.args), ctx)}, false)`;
    }
  }
}

/**
 * Compiles a (validated) rule to a boolean SQL expression over `customers c`, with every
 * value a bind parameter numbered from `paramOffset + 1`.
 */
export function compileRule(
  rule: Rule,
  opts: {
    now: Date;
    paramOffset?: number;
    segmentRule?: CompileContext["segmentRule"];
    facts?: boolean;
  },
  registry = defaultRegistry,
): CompiledPredicate {
  const params = new SqlParams(opts.paramOffset ?? 0);
  // No customer without facts (no events, no survey answers) can match: drive the query
  // from the facts.
  const byFacts =
    opts.facts === true && holdsWithoutFacts(rule.root, { now: opts.now }, registry) === false;
  const sql = compileNode(
    rule.root,
    {
      now: opts.now,
      params,
      segmentRule: opts.segmentRule,
      facts: opts.facts,
      customerId: byFacts ? "f.customer_id" : "c.id",
    },
    registry,
  );
  return {
    sql,
    params: params.values,
    from: byFacts ? SEGMENT_FROM_FACTS : SEGMENT_FROM,
    id: byFacts ? "f.customer_id" : "c.id",
  };
}

/** A customer with no events and no survey answers, for conditions that read nothing else. */
const WITHOUT_FACTS = { customer: null, events: [] } as unknown as Subject;

/**
 * Whether a node holds for a customer without facts (no events, no survey answers): true or
 * false when that follows from the facts-only conditions alone (three-valued: AND with a false child is false, and so on),
 * null when it depends on the customer's own fields or on another segment.
 */
export function holdsWithoutFacts(
  node: RuleNode,
  ctx: EvalContext,
  registry = defaultRegistry,
): boolean | null {
  switch (node.type) {
    case "not": {
      const v = holdsWithoutFacts(node.child, ctx, registry);
      return v === null ? null : !v;
    }
    case "and":
    case "or": {
      const decisive = node.type === "or";
      const values = node.children.map((c) => holdsWithoutFacts(c, ctx, registry));
      if (values.includes(decisive)) return decisive;
      return values.includes(null) ? null : !decisive;
    }
    case "condition": {
      const kind = registry.get(node.kind);
      if (!kind?.factsOnly) return null;
      return kind.evaluate(kind.args.parse(node.args), WITHOUT_FACTS, ctx).holds;
    }
  }
}

export interface Explanation {
  path: string;
  type: RuleNode["type"];
  holds: boolean;
  kind?: string;
  description?: string;
  seen?: Outcome["seen"];
  children?: Explanation[];
}

/** Why a customer is (or is not) in a segment: every node with what it saw and whether it held. */
export function explainRule(
  rule: Rule,
  subject: Subject,
  ctx: EvalContext,
  registry = defaultRegistry,
): Explanation {
  const walk = (node: RuleNode, path: string): Explanation => {
    if (node.type === "condition") {
      const kind = registry.get(node.kind);
      if (!kind) throw new Error(`unknown condition kind ${node.kind}`);
      const args = kind.args.parse(node.args);
      const outcome = kind.evaluate(args, subject, ctx);
      return {
        path,
        type: "condition",
        kind: node.kind,
        description: kind.describe(args),
        holds: outcome.holds,
        seen: outcome.seen,
      };
    }
    if (node.type === "not") {
      const child = walk(node.child, `${path}.child`);
      return { path, type: "not", holds: !child.holds, children: [child] };
    }
    const children = node.children.map((c, i) => walk(c, `${path}.children[${i}]`));
    const holds =
      node.type === "and" ? children.every((c) => c.holds) : children.some((c) => c.holds);
    return { path, type: node.type, holds, children };
  };
  return walk(rule.root, "root");
}
