import type { z } from "zod";
import type { InputProblem } from "../events/event-types";
import { PROGRAM_TYPES, programConfigSchema, type ProgramConfig } from "./program";

/** `["tiers", 1, "threshold"]` → `tiers[1].threshold`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path)
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out;
}

/** Zod issues as problems with JSON paths. */
export function toProblems(issues: readonly z.core.$ZodIssue[]): InputProblem[] {
  return issues.map((issue) => ({
    path: formatPath(issue.path),
    message:
      issue.code === "invalid_union" && issue.path.at(-1) === "type"
        ? `must be one of ${PROGRAM_TYPES.join(", ")}`
        : issue.message,
  }));
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Codes must be unique within a list; reports each repeat at its own path. */
function uniqueCodes(items: unknown[], path: string, problems: InputProblem[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const code = isObject(item) ? item.code : undefined;
    if (typeof code !== "string") return;
    const first = seen.get(code);
    if (first === undefined) seen.set(code, i);
    else
      problems.push({
        path: `${path}[${i}].code`,
        message: `"${code}" is already used by ${path}[${first}]`,
      });
  });
}

/** Each number must be above the one before it. */
function ascending(
  items: unknown[],
  path: string,
  field: string,
  what: string,
  problems: InputProblem[],
): void {
  let previous: number | undefined;
  items.forEach((item, i) => {
    const v = isObject(item) ? item[field] : undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) return;
    if (previous !== undefined && v <= previous)
      problems.push({
        path: `${path}[${i}].${field}`,
        message: `must be above the previous ${what} (${previous}): list them from lowest to highest`,
      });
    previous = v;
  });
}

/**
 * Keys that differ only in case or surrounding spaces ("Shoes", "shoes ") are almost always
 * one category typed twice; categories match exactly, so only one of them would ever apply.
 */
function distinctCategories(
  categories: { key: string; path: string }[],
  problems: InputProblem[],
): void {
  const seen = new Map<string, string>();
  for (const { key, path } of categories) {
    if (key !== key.trim())
      problems.push({ path, message: "no leading or trailing spaces: categories match exactly" });
    const norm = key.trim().toLowerCase();
    const first = seen.get(norm);
    if (first === undefined) seen.set(norm, key);
    else problems.push({ path, message: `duplicates the category "${first}"` });
  }
}

/** Rules across fields that the schema alone cannot express. Works on unparsed input. */
function crossFieldProblems(input: Record<string, unknown>): InputProblem[] {
  const problems: InputProblem[] = [];
  const earning = isObject(input.earning) ? input.earning : null;
  if (earning && (input.type === "points" || input.type === "tiered")) {
    if (isObject(earning.categoryMultipliers))
      distinctCategories(
        Object.keys(earning.categoryMultipliers).map((key) => ({
          key,
          path: `earning.categoryMultipliers.${key}`,
        })),
        problems,
      );
    if (isObject(earning.bonuses))
      uniqueCodes(list(earning.bonuses.custom), "earning.bonuses.custom", problems);
  }
  if (input.type === "tiered") {
    const tiers = list(input.tiers);
    const first = tiers[0];
    if (isObject(first) && typeof first.threshold === "number" && first.threshold !== 0)
      problems.push({
        path: "tiers[0].threshold",
        message:
          "the first tier must start at 0: every member has a tier, so the lowest one is where everyone starts",
      });
    ascending(tiers, "tiers", "threshold", "tier's threshold", problems);
    uniqueCodes(tiers, "tiers", problems);
  }
  if (input.type === "spend") {
    const thresholds = list(input.thresholds);
    ascending(thresholds, "thresholds", "spendMinor", "threshold", problems);
    uniqueCodes(thresholds, "thresholds", problems);
  }
  if (input.type === "punch_card") {
    const categories = list(input.categories).flatMap((key, i) =>
      typeof key === "string" ? [{ key, path: `categories[${i}]` }] : [],
    );
    distinctCategories(categories, problems);
  }
  return problems;
}

/**
 * Checks an untrusted program configuration and applies its defaults. Every problem is
 * reported with its JSON path (`earning.rate.points`, `tiers[1].threshold`), schema problems
 * and cross-field ones together.
 */
export function validateProgramConfig(
  input: unknown,
): { ok: true; config: ProgramConfig } | { ok: false; problems: InputProblem[] } {
  const parsed = programConfigSchema.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : toProblems(parsed.error.issues)),
    ...(isObject(input) ? crossFieldProblems(input) : []),
  ];
  if (problems.length > 0 || !parsed.success)
    return {
      ok: false,
      problems: problems.length ? problems : [{ path: "", message: "invalid configuration" }],
    };
  return { ok: true, config: parsed.data };
}
