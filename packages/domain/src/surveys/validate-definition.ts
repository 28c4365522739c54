import { checkCondition } from "./conditions";
import {
  surveyDefinitionSchema,
  type LocalizedText,
  type Question,
  type SurveyDefinition,
} from "./definition";
import type { DefinitionProblem } from "./problems";

export type ValidatedSurvey =
  | { ok: true; definition: SurveyDefinition }
  | { ok: false; problems: DefinitionProblem[] };

function joinPath(base: string, key: PropertyKey): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return base ? `${base}.${String(key)}` : String(key);
}

/**
 * Checks an untrusted survey definition and reports every problem with its JSON path (e.g.
 * `questions[2].showIf.questionId`) and a code. Shape problems (code INVALID) come first: the
 * checks between fields only run on a definition of the right shape.
 */
export function validateSurveyDefinition(input: unknown): ValidatedSurvey {
  const parsed = surveyDefinitionSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.reduce<string>(joinPath, ""),
        code: "INVALID",
        message: issue.message,
      })),
    };
  const def = parsed.data;
  const problems = [...checkLocales(def), ...checkQuestions(def)];
  return problems.length ? { ok: false, problems } : { ok: true, definition: def };
}

function checkLocales(def: SurveyDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  def.locales.forEach((l, i) => {
    if (def.locales.indexOf(l) !== i)
      problems.push({
        path: `locales[${i}]`,
        code: "DUPLICATE_LOCALE",
        message: `${l} is listed twice`,
      });
  });
  if (!def.locales.includes(def.defaultLocale))
    problems.push({
      path: "defaultLocale",
      code: "UNDECLARED_LOCALE",
      message: "must be one of the survey's locales",
    });
  checkText(def.title, "title", def.locales, problems);
  if (def.description) checkText(def.description, "description", def.locales, problems);
  return problems;
}

/** Every declared locale has non-blank text, and no other locale appears. */
function checkText(
  text: LocalizedText,
  path: string,
  locales: readonly string[],
  problems: DefinitionProblem[],
): void {
  for (const l of new Set(locales))
    if (!text[l]?.trim())
      problems.push({
        path: `${path}.${l}`,
        code: "MISSING_TRANSLATION",
        message: `needs a text in ${l}`,
      });
  for (const l of Object.keys(text))
    if (!locales.includes(l))
      problems.push({
        path: `${path}.${l}`,
        code: "UNDECLARED_LOCALE",
        message: `${l} is not one of the survey's locales (${locales.join(", ")})`,
      });
}

function checkQuestions(def: SurveyDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const firstIndex = new Map<string, number>();
  def.questions.forEach((q, i) => {
    const at = `questions[${i}]`;
    if (firstIndex.has(q.id))
      problems.push({
        path: `${at}.id`,
        code: "DUPLICATE_ID",
        message: `question id ${q.id} is used twice`,
      });
    else firstIndex.set(q.id, i);
    checkText(q.title, `${at}.title`, def.locales, problems);
    if (q.help) checkText(q.help, `${at}.help`, def.locales, problems);
    if (q.type === "single_choice" || q.type === "multiple_choice")
      checkChoices(q, at, def.locales, problems);
    if (q.showIf) {
      const path = `${at}.showIf`;
      const target = firstIndex.get(q.showIf.questionId);
      const later = def.questions.findIndex((o, j) => j >= i && o.id === q.showIf?.questionId);
      if (target === undefined && later === -1)
        problems.push({
          path: `${path}.questionId`,
          code: "UNKNOWN_QUESTION",
          message: `no question has id ${q.showIf.questionId}`,
        });
      else if (target === undefined || target >= i)
        problems.push({
          path: `${path}.questionId`,
          code: "FORWARD_REFERENCE",
          message: "must refer to an earlier question",
        });
      else problems.push(...checkCondition(q.showIf, def.questions[target]!, path));
    }
  });
  return problems;
}

function checkChoices(
  q: Extract<Question, { type: "single_choice" | "multiple_choice" }>,
  at: string,
  locales: readonly string[],
  problems: DefinitionProblem[],
): void {
  const needed = q.type === "single_choice" ? 2 : 1;
  if (q.options.length < needed)
    problems.push({
      path: `${at}.options`,
      code: "TOO_FEW_OPTIONS",
      message: `a ${q.type === "single_choice" ? "single" : "multiple"} choice needs at least ${needed} option${needed > 1 ? "s" : ""}`,
    });
  const seen = new Set<string>();
  q.options.forEach((o, j) => {
    if (seen.has(o.id))
      problems.push({
        path: `${at}.options[${j}].id`,
        code: "DUPLICATE_ID",
        message: `option id ${o.id} is used twice`,
      });
    seen.add(o.id);
    checkText(o.label, `${at}.options[${j}].label`, locales, problems);
  });
  if (q.type !== "multiple_choice") return;
  const bound = (path: string, message: string) =>
    problems.push({ path: `${at}.${path}`, code: "INVALID_SELECTION_BOUNDS", message });
  const { minSelections: min, maxSelections: max } = q;
  if (min !== undefined && max !== undefined && min > max)
    bound("minSelections", "must not exceed maxSelections");
  if (min !== undefined && min > q.options.length)
    bound("minSelections", `must not exceed the number of options (${q.options.length})`);
  if (max !== undefined && max > q.options.length)
    bound("maxSelections", `must not exceed the number of options (${q.options.length})`);
}
