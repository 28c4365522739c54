import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from "vue";
import { RULE_VERSION, validateRule, type Rule } from "@trouw/domain";
import { defaultArgs } from "./condition-kinds";
import {
  cloneJson,
  draftCondition,
  emptyGroup,
  placeProblems,
  toDraft,
  toRule,
  type DraftGroup,
  type DraftNode,
  type GroupOp,
  type NodeProblem,
  type Problem,
} from "./rule-draft";

export interface RuleBuilderOptions {
  /** The saved segment being edited, so a rule that contains itself is caught before saving. */
  selfId?: MaybeRefOrGetter<string | null | undefined>;
}

// Whether another segment exists (and whether it leads back here) is the API's to check; the
// client only needs a rule to stand in for it.
const anySegment = (): Rule => ({ version: RULE_VERSION, root: { type: "and", children: [] } });

interface Located {
  node: DraftNode;
  parent: DraftGroup | null;
  index: number;
}

/**
 * The visual rule builder's state: a draft tree with operations on it, the rule it stands
 * for, instant client-side validation, and problems (client or server) placed on the nodes.
 */
export function useRuleBuilder(initial?: Rule | null, options: RuleBuilderOptions = {}) {
  const root = ref<DraftGroup>(toDraft(initial));
  const rule = computed<Rule>(() => toRule(root.value));
  const ruleJson = computed(() => JSON.stringify(rule.value));
  const baseline = ref(ruleJson.value);

  const validation = computed(() =>
    validateRule(rule.value, {
      selfId: toValue(options.selfId) ?? undefined,
      segmentRule: anySegment,
    }),
  );
  const clientProblems = computed<Problem[]>(() =>
    validation.value.ok ? [] : validation.value.problems,
  );
  // Problems the API reported for the rule as it was then; any edit makes them stale.
  const reported = shallowRef<{ for: string; problems: Problem[] }>({ for: "", problems: [] });
  const serverProblems = computed(() =>
    reported.value.for === ruleJson.value ? reported.value.problems : [],
  );

  const placed = computed(() =>
    placeProblems(root.value, [...clientProblems.value, ...serverProblems.value]),
  );

  function locate(
    id: string,
    node: DraftNode = root.value,
    parent: DraftGroup | null = null,
    index = 0,
  ): Located | null {
    if (node.id === id) return { node, parent, index };
    if (node.type !== "group") return null;
    for (let i = 0; i < node.children.length; i++) {
      const found = locate(id, node.children[i]!, node, i);
      if (found) return found;
    }
    return null;
  }

  function group(id: string): DraftGroup {
    const found = locate(id)?.node;
    if (found?.type !== "group") throw new Error(`no group ${id}`);
    return found;
  }

  function condition(id: string) {
    const found = locate(id)?.node;
    if (found?.type !== "condition") throw new Error(`no condition ${id}`);
    return found;
  }

  return {
    root,
    rule,
    ruleJson,
    /** The rule passes the domain's validation (the API checks again). */
    valid: computed(() => validation.value.ok),
    clientProblems,
    serverProblems,
    unplacedProblems: computed(() => placed.value.unplaced),
    problemsOf: (id: string): NodeProblem[] => placed.value.byNode.get(id) ?? [],
    problemCount: computed(() => clientProblems.value.length + serverProblems.value.length),
    dirty: computed(() => ruleJson.value !== baseline.value),

    /** Adds a condition of `kind` with its default arguments; returns its id. */
    addCondition(groupId: string, kind: string, args = defaultArgs(kind)): string {
      const node = draftCondition(kind, args);
      group(groupId).children.push(node);
      return node.id;
    },
    addGroup(groupId: string, op: GroupOp = "or"): string {
      const node = emptyGroup(op);
      group(groupId).children.push(node);
      return node.id;
    },
    remove(id: string) {
      const found = locate(id);
      if (!found?.parent) return;
      found.parent.children.splice(found.index, 1);
    },
    /** Moves a node up (-1) or down (+1) among its siblings. */
    move(id: string, delta: -1 | 1) {
      const found = locate(id);
      if (!found?.parent) return;
      const to = found.index + delta;
      const siblings = found.parent.children;
      if (to < 0 || to >= siblings.length) return;
      siblings.splice(found.index, 1);
      siblings.splice(to, 0, found.node);
    },
    canMove(id: string, delta: -1 | 1): boolean {
      const found = locate(id);
      if (!found?.parent) return false;
      const to = found.index + delta;
      return to >= 0 && to < found.parent.children.length;
    },
    setNegated(id: string, negated: boolean) {
      const found = locate(id);
      if (found) found.node.negated = negated;
    },
    setOp(groupId: string, op: GroupOp) {
      group(groupId).op = op;
    },
    setArgs(id: string, args: Record<string, unknown>) {
      condition(id).args = cloneJson(args);
    },
    setKind(id: string, kind: string) {
      const node = condition(id);
      node.kind = kind;
      node.args = defaultArgs(kind);
    },
    /** Replaces the whole rule, e.g. with a template's; `asSaved` makes it the clean state. */
    reset(next: Rule | null | undefined, asSaved = true) {
      root.value = toDraft(next);
      if (asSaved) baseline.value = ruleJson.value;
    },
    /** Remembers the current rule as saved (not dirty). */
    markSaved() {
      baseline.value = ruleJson.value;
    },
    /** Problems the API reported for the current rule (paths like `rule.root.children[0]…`). */
    setServerProblems(problems: Problem[]) {
      reported.value = { for: ruleJson.value, problems };
    },
  };
}

export type RuleBuilder = ReturnType<typeof useRuleBuilder>;
