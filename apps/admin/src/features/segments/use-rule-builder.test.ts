import { describe, expect, it } from "vitest";
import { validateRule, type Rule } from "@trouw/domain";
import { nodeAtPath, placeProblems, toDraft, toRule } from "./rule-draft";
import { useRuleBuilder } from "./use-rule-builder";

const ordersInLast90Days = {
  filter: { types: ["order"] },
  window: { kind: "last_days", days: 90 },
  aggregate: "count",
  compare: { op: "gte", value: 2 },
};

describe("useRuleBuilder", () => {
  it("starts with an empty AND group that is a valid rule matching everyone", () => {
    const builder = useRuleBuilder();
    expect(builder.rule.value).toEqual({ version: 1, root: { type: "and", children: [] } });
    expect(builder.valid.value).toBe(true);
    expect(builder.dirty.value).toBe(false);
  });

  it("adds conditions and nested groups, negates them and produces a valid rule", () => {
    const builder = useRuleBuilder();
    const rootId = builder.root.value.id;
    builder.addCondition(rootId, "event_aggregate", ordersInLast90Days);
    const orId = builder.addGroup(rootId, "or");
    builder.addCondition(orId, "marketing_consent");
    const tagsId = builder.addCondition(orId, "tags", { op: "contains_any", tags: ["vip"] });
    builder.setNegated(orId, true);

    expect(builder.rule.value).toEqual({
      version: 1,
      root: {
        type: "and",
        children: [
          { type: "condition", kind: "event_aggregate", args: ordersInLast90Days },
          {
            type: "not",
            child: {
              type: "or",
              children: [
                { type: "condition", kind: "marketing_consent", args: { value: true } },
                { type: "condition", kind: "tags", args: { op: "contains_any", tags: ["vip"] } },
              ],
            },
          },
        ],
      },
    });
    expect(validateRule(builder.rule.value).ok).toBe(true);
    expect(builder.dirty.value).toBe(true);

    builder.move(tagsId, -1);
    expect(builder.canMove(tagsId, -1)).toBe(false);
    const or = builder.rule.value.root.type === "and" && builder.rule.value.root.children[1];
    expect(or && or.type === "not" && or.child.type === "or" && or.child.children[0]).toMatchObject(
      { kind: "tags" },
    );

    builder.remove(orId);
    expect(builder.rule.value.root).toEqual({
      type: "and",
      children: [{ type: "condition", kind: "event_aggregate", args: ordersInLast90Days }],
    });
  });

  it("switches a group between AND and OR and a condition to another kind", () => {
    const builder = useRuleBuilder();
    const id = builder.addCondition(builder.root.value.id, "marketing_consent");
    builder.setOp(builder.root.value.id, "or");
    builder.setKind(id, "date_field");
    expect(builder.rule.value.root).toEqual({
      type: "or",
      children: [
        {
          type: "condition",
          kind: "date_field",
          args: { field: "signedUpAt", match: { op: "in_last_days", days: 30 } },
        },
      ],
    });
  });

  it("reads a saved rule back, NOTs included, and is not dirty until something changes", () => {
    const saved: Rule = {
      version: 1,
      root: {
        type: "not",
        child: { type: "condition", kind: "marketing_consent", args: { value: false } },
      },
    };
    const builder = useRuleBuilder(saved);
    // A root that is not a group gets one around it.
    expect(builder.root.value.children[0]).toMatchObject({
      kind: "marketing_consent",
      negated: true,
    });
    expect(builder.dirty.value).toBe(false);
    builder.setNegated(builder.root.value.children[0]!.id, false);
    expect(builder.dirty.value).toBe(true);
    builder.markSaved();
    expect(builder.dirty.value).toBe(false);
  });

  it("shows client validation problems at the condition and field they belong to", () => {
    const builder = useRuleBuilder();
    const group = builder.addGroup(builder.root.value.id, "and");
    const id = builder.addCondition(group, "enum_field");
    expect(builder.valid.value).toBe(false);
    expect(builder.problemsOf(id)).toEqual([
      { field: "values", message: "give at least one value" },
    ]);
    builder.setArgs(id, { field: "acquisitionSource", op: "in", values: ["referral"] });
    expect(builder.valid.value).toBe(true);
    expect(builder.problemsOf(id)).toEqual([]);
  });

  it("maps the API's problem paths to the conditions they name, through NOT and nesting", () => {
    const builder = useRuleBuilder();
    const rootId = builder.root.value.id;
    const first = builder.addCondition(rootId, "marketing_consent");
    const groupId = builder.addGroup(rootId, "or");
    const inner = builder.addCondition(groupId, "event_aggregate", ordersInLast90Days);
    builder.setNegated(inner, true);

    builder.setServerProblems([
      { path: "rule.root.children[1].children[0].child.args.compare.value", message: "too big" },
      { path: "rule.root.children[0]", message: "odd" },
      { path: "rule.root.children[1].children", message: "must be an array" },
      { path: "rule.version", message: "must be 1" },
    ]);
    expect(builder.problemsOf(inner)).toEqual([{ field: "compare.value", message: "too big" }]);
    expect(builder.problemsOf(first)).toEqual([{ field: "", message: "odd" }]);
    expect(builder.problemsOf(groupId)).toEqual([
      { field: "children", message: "must be an array" },
    ]);
    expect(builder.unplacedProblems.value).toEqual([
      { path: "rule.version", message: "must be 1" },
    ]);

    // Any edit makes the server's problems stale.
    builder.setArgs(inner, { ...ordersInLast90Days, compare: { op: "gte", value: 3 } });
    expect(builder.problemsOf(inner)).toEqual([]);
  });
});

describe("rule drafts", () => {
  it("round-trips a rule and finds nodes by explain path", () => {
    const rule: Rule = {
      version: 1,
      root: {
        type: "or",
        children: [
          { type: "condition", kind: "tags", args: { op: "is_empty", tags: [] } },
          { type: "not", child: { type: "and", children: [] } },
        ],
      },
    };
    expect(toRule(toDraft(rule))).toEqual(rule);
    expect(nodeAtPath(rule, "root.children[1].child")).toEqual({ type: "and", children: [] });
    expect(nodeAtPath(rule, "root.children[0]")).toMatchObject({ kind: "tags" });
    expect(nodeAtPath(rule, "root.children[5]")).toBeNull();
  });

  it("leaves problems outside the rule unplaced", () => {
    expect(placeProblems(toDraft(null), [{ path: "name", message: "x" }]).unplaced).toHaveLength(1);
  });
});
