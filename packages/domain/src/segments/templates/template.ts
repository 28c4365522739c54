import type { InputProblem } from "../../events/event-types";
import type { Rule } from "../ast";

export const TEMPLATE_GROUPS = ["lifecycle", "sentiment", "rfm"] as const;
export type TemplateGroup = (typeof TEMPLATE_GROUPS)[number];

export const PARAMETER_TYPES = ["days", "count", "percent", "money", "number"] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** One named, editable number of a template, e.g. "lapsed after N days". */
export interface TemplateParameter {
  key: string;
  label: string;
  description: string;
  /** days, count and money (integer minor units) are whole numbers; percent is 0-100. */
  type: ParameterType;
  default: number;
  min?: number;
  max?: number;
}

export type TemplateValues = Record<string, number>;

/**
 * A built-in segment an analyst can open, read, tune and save as their own (DOMAIN.md
 * section 2): plain data plus `build`, which turns complete, checked parameter values into a
 * rule of the ordinary rule language.
 */
export interface SegmentTemplate {
  key: string;
  name: string;
  group: TemplateGroup;
  /** What the segment means and how the rule expresses it, including what it cannot see. */
  description: string;
  treatment: string;
  parameters: TemplateParameter[];
  /** Problems between parameters (e.g. cut points out of order); paths as `parameters.<key>`. */
  check?(values: TemplateValues): InputProblem[];
  build(values: TemplateValues): Rule;
}

/** Bounds every parameter of a type has, whatever the template says. */
const TYPE_BOUNDS: Record<ParameterType, { min: number; max: number; integer: boolean }> = {
  // The rule language's own limit on day counts.
  days: { min: 0, max: 36_500, integer: true },
  count: { min: 0, max: 1_000_000, integer: true },
  percent: { min: 0, max: 100, integer: false },
  money: { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true },
  number: { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, integer: false },
};

export const parameterPath = (key: string) => `parameters.${key}`;

export type ResolvedValues =
  | { ok: true; values: TemplateValues }
  | { ok: false; problems: InputProblem[] };

/**
 * The template's defaults overridden by `values`, or every problem: unknown keys, values that
 * are not finite numbers, not whole where they must be, out of range, or inconsistent.
 */
export function resolveTemplateValues(
  template: SegmentTemplate,
  values: Record<string, unknown> = {},
): ResolvedValues {
  if (typeof values !== "object" || values === null || Array.isArray(values))
    return { ok: false, problems: [{ path: "parameters", message: "must be an object" }] };
  const problems: InputProblem[] = [];
  const known = new Map(template.parameters.map((p) => [p.key, p]));
  for (const key of Object.keys(values))
    if (!known.has(key))
      problems.push({
        path: parameterPath(key),
        message: known.size
          ? `is not a parameter of this template (${[...known.keys()].join(", ")})`
          : "is not a parameter of this template (it has none)",
      });

  const resolved: TemplateValues = {};
  for (const p of template.parameters) {
    const v = Object.hasOwn(values, p.key) ? values[p.key] : p.default;
    const path = parameterPath(p.key);
    const bounds = TYPE_BOUNDS[p.type];
    const min = Math.max(p.min ?? bounds.min, bounds.min);
    const max = Math.min(p.max ?? bounds.max, bounds.max);
    if (typeof v !== "number" || !Number.isFinite(v))
      problems.push({ path, message: "must be a finite number" });
    else if (bounds.integer && !Number.isInteger(v))
      problems.push({ path, message: `must be a whole number (${p.type})` });
    else if (v < min) problems.push({ path, message: `must be at least ${min}` });
    else if (v > max) problems.push({ path, message: `must be at most ${max}` });
    else resolved[p.key] = v;
  }
  if (problems.length) return { ok: false, problems };
  const inconsistent = template.check?.(resolved) ?? [];
  return inconsistent.length
    ? { ok: false, problems: inconsistent }
    : { ok: true, values: resolved };
}

/** The defaults of every parameter. */
export function defaultValues(template: SegmentTemplate): TemplateValues {
  return Object.fromEntries(template.parameters.map((p) => [p.key, p.default]));
}

export type TemplateErrorCode = "UNKNOWN_TEMPLATE" | "INVALID_PARAMETERS";

/** Thrown by `instantiateTemplate`; `problems` carry paths such as `parameters.lapsedDays`. */
export class TemplateError extends Error {
  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    readonly problems: InputProblem[],
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

/** Problems of an ascending chain of parameters, e.g. cut points that must strictly increase. */
export function checkAscending(values: TemplateValues, keys: readonly string[]): InputProblem[] {
  const problems: InputProblem[] = [];
  for (let i = 1; i < keys.length; i++) {
    const [before, key] = [keys[i - 1]!, keys[i]!];
    if (!(values[key]! > values[before]!))
      problems.push({ path: parameterPath(key), message: `must be greater than ${before}` });
  }
  return problems;
}
