/**
 * The segment rule language: a versioned JSON AST shared by the admin (builder), the API
 * (storage, preview, refresh) and this package (validation, evaluation, SQL compilation).
 */
export const RULE_VERSION = 1;

export interface Rule {
  version: typeof RULE_VERSION;
  root: RuleNode;
}

export type RuleNode = AndNode | OrNode | NotNode | ConditionNode;

export interface AndNode {
  type: "and";
  children: RuleNode[];
}

export interface OrNode {
  type: "or";
  children: RuleNode[];
}

export interface NotNode {
  type: "not";
  child: RuleNode;
}

/** One condition of a registered kind; `args` are validated by that kind's schema. */
export interface ConditionNode {
  type: "condition";
  kind: string;
  args: Record<string, unknown>;
}

export const and = (...children: RuleNode[]): AndNode => ({ type: "and", children });
export const or = (...children: RuleNode[]): OrNode => ({ type: "or", children });
export const not = (child: RuleNode): NotNode => ({ type: "not", child });
export const condition = (kind: string, args: Record<string, unknown>): ConditionNode => ({
  type: "condition",
  kind,
  args,
});
export const rule = (root: RuleNode): Rule => ({ version: RULE_VERSION, root });
