import type { Rule } from "../ast";
import { validateRule } from "../validate";
import { LIFECYCLE_TEMPLATES, RESEARCH_PAGE_TYPES } from "./lifecycle";
import { RFM_CELLS, RFM_PARAMETERS, RFM_TEMPLATES, rfmCutPointsFromData } from "./rfm";
import { SENTIMENT_TEMPLATES } from "./sentiment";
import { TemplateError, resolveTemplateValues, type SegmentTemplate } from "./template";

export {
  TEMPLATE_GROUPS,
  PARAMETER_TYPES,
  TemplateError,
  defaultValues,
  resolveTemplateValues,
  type TemplateGroup,
  type ParameterType,
  type TemplateParameter,
  type TemplateValues,
  type SegmentTemplate,
  type ResolvedValues,
  type TemplateErrorCode,
} from "./template";
export { LIFECYCLE_TEMPLATES, RESEARCH_PAGE_TYPES, SENTIMENT_TEMPLATES };
export { RFM_CELLS, RFM_PARAMETERS, RFM_TEMPLATES, rfmCutPointsFromData };
export type { BuyerMeasures, RfmCell, ScoreRange } from "./rfm";

/** Every built-in template: the sixteen lifecycle types, three sentiment groups, eleven RFM cells. */
export const SEGMENT_TEMPLATES: readonly SegmentTemplate[] = [
  ...LIFECYCLE_TEMPLATES,
  ...SENTIMENT_TEMPLATES,
  ...RFM_TEMPLATES,
];

export function findTemplate(key: string): SegmentTemplate | undefined {
  return SEGMENT_TEMPLATES.find((t) => t.key === key);
}

/**
 * The rule of template `key` with its defaults overridden by `values`. Throws a
 * `TemplateError` (UNKNOWN_TEMPLATE, or INVALID_PARAMETERS with every problem by path, e.g.
 * `parameters.lapsedDays`). The rule always passes `validateRule`.
 */
export function instantiateTemplate(key: string, values?: Record<string, unknown>): Rule {
  const template = findTemplate(key);
  if (!template)
    throw new TemplateError("UNKNOWN_TEMPLATE", `There is no segment template "${key}"`, [
      { path: "key", message: "is not a segment template" },
    ]);
  const resolved = resolveTemplateValues(template, values);
  if (!resolved.ok)
    throw new TemplateError(
      "INVALID_PARAMETERS",
      `Invalid parameters for template "${key}": ${resolved.problems.map((p) => `${p.path} ${p.message}`).join("; ")}`,
      resolved.problems,
    );
  const built = template.build(resolved.values);
  const checked = validateRule(built);
  // Checked values always make a valid rule; anything else is a bug in the template.
  if (!checked.ok)
    throw new Error(
      `template ${key} built an invalid rule: ${checked.problems.map((p) => `${p.path} ${p.message}`).join("; ")}`,
    );
  return checked.rule;
}
