import type { InputProblem } from "../events/event-types";
import { RULE_VERSION, type Rule, type RuleNode } from "./ast";
import { defaultRegistry } from "./default-registry";
import type { ConditionRegistry } from "./registry";

export const MAX_RULE_DEPTH = 20;
export const MAX_RULE_NODES = 300;

export interface ValidateOptions {
  registry?: ConditionRegistry;
  /** The saved segment this rule belongs to, to refuse rules that reach back to it. */
  selfId?: string;
  /** Rules of other saved segments (null: no such segment). */
  segmentRule?: (segmentId: string) => Rule | null;
}

export type Validated = { ok: true; rule: Rule } | { ok: false; problems: InputProblem[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function joinPath(base: string, key: PropertyKey): string {
  return typeof key === "number" ? `${base}[${key}]` : `${base}.${String(key)}`;
}

/** Segment ids a rule refers to directly. */
export function referencedSegments(
  rule: Rule,
  registry: ConditionRegistry = defaultRegistry,
): string[] {
  const out: string[] = [];
  const walk = (n: RuleNode) => {
    if (n.type === "and" || n.type === "or") n.children.forEach(walk);
    else if (n.type === "not") walk(n.child);
    else {
      const kind = registry.get(n.kind);
      const parsed = kind?.args.safeParse(n.args);
      if (kind?.references && parsed?.success) out.push(...kind.references(parsed.data));
    }
  };
  walk(rule.root);
  return [...new Set(out)];
}

/**
 * Checks an untrusted rule. Every problem is reported with its JSON path
 * (e.g. `root.children[1].args.compare.value`), not just the first.
 */
export function validateRule(input: unknown, opts: ValidateOptions = {}): Validated {
  const registry = opts.registry ?? defaultRegistry;
  const problems: InputProblem[] = [];
  let nodes = 0;

  const node = (v: unknown, path: string, depth: number): void => {
    nodes += 1;
    if (nodes > MAX_RULE_NODES) {
      if (nodes === MAX_RULE_NODES + 1)
        problems.push({ path, message: `a rule has at most ${MAX_RULE_NODES} nodes` });
      return;
    }
    if (depth > MAX_RULE_DEPTH) {
      problems.push({ path, message: `groups nest at most ${MAX_RULE_DEPTH} deep` });
      return;
    }
    if (!isObject(v)) {
      problems.push({ path, message: "must be an object" });
      return;
    }
    switch (v.type) {
      case "and":
      case "or":
        if (!Array.isArray(v.children))
          problems.push({ path: `${path}.children`, message: "must be an array" });
        else v.children.forEach((c, i) => node(c, `${path}.children[${i}]`, depth + 1));
        return;
      case "not":
        node(v.child, `${path}.child`, depth + 1);
        return;
      case "condition": {
        const kind = typeof v.kind === "string" ? registry.get(v.kind) : undefined;
        if (!kind) {
          problems.push({
            path: `${path}.kind`,
            message: `is not a known condition kind (${registry
              .list()
              .map((k) => k.kind)
              .join(", ")})`,
          });
          return;
        }
        const parsed = kind.args.safeParse(v.args);
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            problems.push({
              path: issue.path.reduce<string>(joinPath, `${path}.args`),
              message: issue.message,
            });
          return;
        }
        for (const id of kind.references?.(parsed.data) ?? []) {
          if (id === opts.selfId)
            problems.push({
              path: `${path}.args.segmentId`,
              message: "a segment cannot contain itself",
            });
          else if (!opts.segmentRule?.(id))
            problems.push({ path: `${path}.args.segmentId`, message: "is not a saved segment" });
          else if (opts.selfId && reaches(id, opts.selfId, opts.segmentRule, registry))
            problems.push({
              path: `${path}.args.segmentId`,
              message: "would create a cycle: that segment refers back to this one",
            });
        }
        return;
      }
      default:
        problems.push({ path: `${path}.type`, message: "must be and, or, not or condition" });
    }
  };

  if (!isObject(input))
    return {
      ok: false,
      problems: [{ path: "", message: "a rule must be an object { version, root }" }],
    };
  if (input.version !== RULE_VERSION)
    problems.push({ path: "version", message: `must be ${RULE_VERSION}` });
  node(input.root, "root", 1);
  return problems.length ? { ok: false, problems } : { ok: true, rule: input as unknown as Rule };
}

/** Whether segment `from` refers (through any chain) to segment `target`. */
function reaches(
  from: string,
  target: string,
  segmentRule: (id: string) => Rule | null,
  registry: ConditionRegistry,
  seen = new Set<string>(),
): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const rule = segmentRule(from);
  return rule
    ? referencedSegments(rule, registry).some((id) =>
        reaches(id, target, segmentRule, registry, seen),
      )
    : false;
}
