import type { Question } from "./definition";
import type { ResponseProblemCode } from "./problems";
import { onScale, scaleOf } from "./scales";

/**
 * An answer as stored: a whole number for scale questions (nps, csat, ces, rating), true or
 * false for yes/no, an option id for single choice, option ids for multiple choice, text for
 * open text.
 */
export type AnswerValue = number | boolean | string | string[];
/** Answers keyed by question id; unanswered questions are absent. */
export type SurveyAnswers = Record<string, AnswerValue>;

export type CheckedAnswer =
  | { ok: true; value: AnswerValue }
  | { ok: false; code: ResponseProblemCode; message: string };

/** undefined, null, blank text and an empty selection all mean "not answered". */
export function isBlankAnswer(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Length in characters (code points), so an emoji counts once, as in PostgreSQL. */
export const characterCount = (text: string): number => [...text].length;

const refuse = (code: ResponseProblemCode, message: string): CheckedAnswer => ({
  ok: false,
  code,
  message,
});

/**
 * Checks one non-blank answer against its question and returns it as stored (open text
 * trimmed). Whether the question may be answered at all is `validateResponse`'s concern.
 */
export function checkAnswer(q: Question, value: unknown): CheckedAnswer {
  const scale = scaleOf(q);
  if (scale) {
    if (typeof value !== "number" || !Number.isFinite(value))
      return refuse("WRONG_TYPE", "must be a number");
    if (!onScale(value, scale))
      return refuse("OUT_OF_RANGE", `must be a whole number from ${scale.min} to ${scale.max}`);
    return { ok: true, value };
  }
  switch (q.type) {
    case "yes_no":
      return typeof value === "boolean"
        ? { ok: true, value }
        : refuse("WRONG_TYPE", "must be true or false");
    case "open_text": {
      if (typeof value !== "string") return refuse("WRONG_TYPE", "must be text");
      const text = value.trim();
      return characterCount(text) > q.maxLength
        ? refuse("TOO_LONG", `must be at most ${q.maxLength} characters`)
        : { ok: true, value: text };
    }
    case "single_choice":
      if (typeof value !== "string") return refuse("WRONG_TYPE", "must be an option id");
      return q.options.some((o) => o.id === value)
        ? { ok: true, value }
        : refuse("UNKNOWN_OPTION", `"${value}" is not an option of this question`);
    case "multiple_choice": {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
        return refuse("WRONG_TYPE", "must be a list of option ids");
      const ids = value as string[];
      const unknown = ids.find((v) => !q.options.some((o) => o.id === v));
      if (unknown !== undefined)
        return refuse("UNKNOWN_OPTION", `"${unknown}" is not an option of this question`);
      if (new Set(ids).size !== ids.length)
        return refuse("DUPLICATE_OPTION", "selects an option more than once");
      if (q.minSelections !== undefined && ids.length < q.minSelections)
        return refuse("TOO_FEW_SELECTIONS", `select at least ${q.minSelections} options`);
      if (q.maxSelections !== undefined && ids.length > q.maxSelections)
        return refuse("TOO_MANY_SELECTIONS", `select at most ${q.maxSelections} options`);
      return { ok: true, value: [...ids] };
    }
    default:
      // Scale types were handled above.
      return refuse("WRONG_TYPE", "cannot be answered");
  }
}
