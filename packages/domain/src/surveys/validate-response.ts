import { checkAnswer, isBlankAnswer, type AnswerValue, type SurveyAnswers } from "./answers";
import { visibleQuestions } from "./conditions";
import type { SurveyDefinition } from "./definition";
import type { ResponseProblem } from "./problems";

export interface ValidateResponseOptions {
  /** The locale the respondent answered in; must be one of the survey's locales. */
  locale?: string;
}

export type ValidatedResponse =
  | { ok: true; answers: SurveyAnswers }
  | { ok: false; problems: ResponseProblem[] };

/**
 * Checks a respondent's answers (keyed by question id) against a valid definition. Reports
 * every problem with path `answers.<questionId>` and a code; messages are English, front ends
 * translate by code. Blank answers (null, blank text, empty selection) count as unanswered and
 * are dropped from the accepted answers, so they are allowed even for hidden questions.
 */
export function validateResponse(
  def: SurveyDefinition,
  answers: unknown,
  { locale }: ValidateResponseOptions = {},
): ValidatedResponse {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers))
    return {
      ok: false,
      problems: [
        { path: "answers", code: "WRONG_TYPE", message: "must be an object keyed by question id" },
      ],
    };
  const given = answers as Record<string, unknown>;
  const problems: ResponseProblem[] = [];
  if (locale !== undefined && !def.locales.includes(locale))
    problems.push({
      path: "locale",
      code: "UNSUPPORTED_LOCALE",
      message: `must be one of ${def.locales.join(", ")}`,
    });

  const known = new Set(def.questions.map((q) => q.id));
  for (const id of Object.keys(given))
    if (!known.has(id))
      problems.push({
        path: `answers.${id}`,
        code: "UNKNOWN_QUESTION",
        message: "is not a question of this survey",
      });

  const visible = new Set(visibleQuestions(def, given).map((q) => q.id));
  // Entries, not assignment: a question id such as __proto__ must stay an ordinary key.
  const accepted: [string, AnswerValue][] = [];
  for (const q of def.questions) {
    const path = `answers.${q.id}`;
    const value = Object.hasOwn(given, q.id) ? given[q.id] : undefined;
    if (isBlankAnswer(value)) {
      if (q.required && visible.has(q.id))
        problems.push({ path, code: "REQUIRED", message: "needs an answer" });
      continue;
    }
    if (!visible.has(q.id)) {
      problems.push({
        path,
        code: "HIDDEN_QUESTION",
        message: "is not shown for the earlier answers, so it cannot be answered",
      });
      continue;
    }
    const checked = checkAnswer(q, value);
    if (checked.ok) accepted.push([q.id, checked.value]);
    else problems.push({ path, code: checked.code, message: checked.message });
  }
  return problems.length
    ? { ok: false, problems }
    : { ok: true, answers: Object.fromEntries(accepted) };
}
