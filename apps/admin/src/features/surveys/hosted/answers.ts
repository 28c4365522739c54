import {
  isBlankAnswer,
  validateResponse,
  visibleQuestions,
  type AnswerValue,
  type SurveyAnswers,
  type SurveyDefinition,
} from "@trouw/domain";
import type { CombinedError } from "@urql/core";
import type { RenderedQuestion } from "./rendered";

/** What a respondent has given so far; an unanswered question has no entry. */
export type Answers = Partial<Record<string, AnswerValue>>;

/** A problem with one answer, by the domain's (or the API's) code. */
export interface AnswerProblem {
  code: string;
  message: string;
}

/** Problems keyed by question id; "" holds problems of the whole response. */
export type AnswerProblems = Record<string, AnswerProblem>;

/**
 * The answers to send: those of the questions shown, not blank. An answer to a follow-up that
 * an earlier change hid stays in the form (it comes back if the follow-up does) but is not sent.
 */
export function answersToSend(def: SurveyDefinition, answers: Answers): SurveyAnswers {
  const shown = new Set(visibleQuestions(def, answers).map((q) => q.id));
  const out: SurveyAnswers = {};
  for (const [id, value] of Object.entries(answers))
    if (shown.has(id) && value !== undefined && !isBlankAnswer(value)) out[id] = value;
  return out;
}

const questionOf = (path: string) => (path.startsWith("answers.") ? path.slice(8) : "");

/** The domain's check of the answers, as the API will make it, by question. */
export function checkAnswers(def: SurveyDefinition, answers: Answers): AnswerProblems {
  const result = validateResponse(def, answersToSend(def, answers));
  const problems: AnswerProblems = {};
  if (!result.ok)
    for (const p of result.problems)
      problems[questionOf(p.path)] ??= { code: p.code, message: p.message };
  return problems;
}

/** The API's problems with the answers (BAD_USER_INPUT), by question. */
export function problemsOfError(error: CombinedError | null | undefined): AnswerProblems {
  const problems: AnswerProblems = {};
  for (const e of error?.graphQLErrors ?? []) {
    if (e.extensions?.code !== "BAD_USER_INPUT") continue;
    const list = Array.isArray(e.extensions.problems) ? e.extensions.problems : [];
    for (const p of list as { path?: unknown; code?: unknown; message?: unknown }[])
      if (typeof p?.path === "string")
        problems[questionOf(p.path)] ??= {
          code: typeof p.code === "string" ? p.code : "INVALID",
          message: typeof p.message === "string" ? p.message : "",
        };
    if (!list.length) problems[""] ??= { code: "INVALID", message: e.message };
  }
  return problems;
}

type ChromeT = (key: string, named?: Record<string, unknown>, plural?: number) => string;

/** A problem in the respondent's language, by its code and the question's bounds. */
export function answerProblemText(t: ChromeT, p: AnswerProblem, q?: RenderedQuestion): string {
  switch (p.code) {
    case "REQUIRED":
      return q?.type === "OPEN_TEXT"
        ? t("surveys.hosted.problems.requiredText")
        : t("surveys.hosted.problems.required");
    case "OUT_OF_RANGE":
      return t("surveys.hosted.problems.outOfRange", {
        min: q?.scaleMin ?? "",
        max: q?.scaleMax ?? "",
      });
    case "TOO_LONG":
      return t("surveys.hosted.problems.tooLong", { n: q?.maxLength ?? "" });
    case "TOO_FEW_SELECTIONS":
      return t(
        "surveys.hosted.problems.tooFew",
        { n: q?.minSelections ?? 1 },
        q?.minSelections ?? 1,
      );
    case "TOO_MANY_SELECTIONS":
      return t(
        "surveys.hosted.problems.tooMany",
        { n: q?.maxSelections ?? 1 },
        q?.maxSelections ?? 1,
      );
    case "FAILED":
      return t("surveys.hosted.problems.failed");
    default:
      return t("surveys.hosted.problems.invalid");
  }
}
