import { RULE_VERSION, type Rule, type RuleNode } from "@trouw/domain";

/**
 * The builder's editable form of a rule. NOT is a flag on a group or condition rather than a
 * node of its own, so it can be toggled without restructuring, and every node has a stable id
 * for keys, focus and problems. The root is always a group.
 */
export type GroupOp = "and" | "or";

export interface DraftGroup {
  id: string;
  type: "group";
  op: GroupOp;
  negated: boolean;
  children: DraftNode[];
}

export interface DraftCondition {
  id: string;
  type: "condition";
  kind: string;
  args: Record<string, unknown>;
  negated: boolean;
}

export type DraftNode = DraftGroup | DraftCondition;

let sequence = 0;
export const newNodeId = () => `node-${++sequence}`;

/** Plain JSON copy: args may be reactive proxies, which structuredClone refuses. */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function emptyGroup(op: GroupOp = "and"): DraftGroup {
  return { id: newNodeId(), type: "group", op, negated: false, children: [] };
}

export function draftCondition(kind: string, args: Record<string, unknown>): DraftCondition {
  return { id: newNodeId(), type: "condition", kind, args: cloneJson(args), negated: false };
}

function nodeToDraft(node: RuleNode, negated: boolean): DraftNode {
  switch (node.type) {
    case "not":
      return nodeToDraft(node.child, !negated);
    case "and":
    case "or":
      return {
        id: newNodeId(),
        type: "group",
        op: node.type,
        negated,
        children: node.children.map((c) => nodeToDraft(c, false)),
      };
    case "condition":
      return {
        id: newNodeId(),
        type: "condition",
        kind: node.kind,
        args: cloneJson(node.args ?? {}),
        negated,
      };
  }
}

/** A rule as a draft; a root that is not a group is put in an AND group of its own. */
export function toDraft(rule: Rule | null | undefined): DraftGroup {
  if (!rule?.root) return emptyGroup();
  const draft = nodeToDraft(rule.root, false);
  if (draft.type === "group") return draft;
  const root = emptyGroup();
  root.children.push(draft);
  return root;
}

function draftToNode(node: DraftNode): RuleNode {
  const inner: RuleNode =
    node.type === "group"
      ? { type: node.op, children: node.children.map(draftToNode) }
      : { type: "condition", kind: node.kind, args: cloneJson(node.args) };
  return node.negated ? { type: "not", child: inner } : inner;
}

export function toRule(root: DraftGroup): Rule {
  return { version: RULE_VERSION, root: draftToNode(root) };
}

/**
 * Where each draft node sits in the rule's JSON: `outer` is the node as placed in its parent,
 * `inner` the group or condition itself (`outer.child` when negated).
 */
export interface NodePaths {
  outer: string;
  inner: string;
}

export function rulePaths(root: DraftGroup): Map<string, NodePaths> {
  const paths = new Map<string, NodePaths>();
  const walk = (node: DraftNode, outer: string) => {
    const inner = node.negated ? `${outer}.child` : outer;
    paths.set(node.id, { outer, inner });
    if (node.type === "group")
      node.children.forEach((child, i) => walk(child, `${inner}.children[${i}]`));
  };
  walk(root, "root");
  return paths;
}

export interface Problem {
  path: string;
  message: string;
}

/** A problem placed on a node: `field` is its path inside the condition's args ("" for the node). */
export interface NodeProblem {
  field: string;
  message: string;
}

export interface PlacedProblems {
  byNode: Map<string, NodeProblem[]>;
  /** Problems no node claims (e.g. the rule's version). */
  unplaced: Problem[];
}

const startsPath = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/**
 * Puts each problem on the deepest node its path runs through. Paths are the domain's
 * (`root.children[1].args.compare.value`) or the API's, which start with `rule.`.
 */
export function placeProblems(root: DraftGroup, problems: readonly Problem[]): PlacedProblems {
  const paths = [...rulePaths(root)].flatMap(([id, p]) => [
    { id, path: p.inner, inner: true },
    { id, path: p.outer, inner: false },
  ]);
  // Deepest first, and a node's inner path before its outer one.
  paths.sort((a, b) => b.path.length - a.path.length);
  const byNode = new Map<string, NodeProblem[]>();
  const unplaced: Problem[] = [];
  for (const problem of problems) {
    const path = problem.path === "rule" ? "root" : problem.path.replace(/^rule\./, "");
    const hit = paths.find((p) => startsPath(path, p.path));
    if (!hit) {
      unplaced.push(problem);
      continue;
    }
    let field = path.slice(hit.path.length).replace(/^\./, "");
    if (hit.inner) field = field.replace(/^args\.?/, "");
    const list = byNode.get(hit.id) ?? [];
    list.push({ field, message: problem.message });
    byNode.set(hit.id, list);
  }
  return { byNode, unplaced };
}

/** The node of a rule at an explain or problem path such as `root.children[0].child`. */
export function nodeAtPath(rule: Rule | null | undefined, path: string): RuleNode | null {
  if (!rule) return null;
  const steps = path.match(/children\[\d+\]|child/g) ?? [];
  if (!path.startsWith("root")) return null;
  let node: RuleNode | undefined = rule.root;
  for (const step of steps) {
    if (!node) return null;
    if (step === "child") node = node.type === "not" ? node.child : undefined;
    else {
      const index = Number(step.slice(9, -1));
      node = node.type === "and" || node.type === "or" ? node.children[index] : undefined;
    }
  }
  return node ?? null;
}
