import type { InputProblem } from "../events/event-types";

/** Why a survey definition is refused; each problem also carries its JSON path. */
export const DEFINITION_PROBLEM_CODES = [
  /** The shape is wrong: a missing or mistyped field, a value out of its bounds. */
  "INVALID",
  /** Two questions, or two options of one question, share an id. */
  "DUPLICATE_ID",
  "DUPLICATE_LOCALE",
  /** A text lacks a declared locale (or it is blank). */
  "MISSING_TRANSLATION",
  /** A text, or the default locale, uses a locale the survey does not declare. */
  "UNDECLARED_LOCALE",
  /** A single choice needs 2 options, a multiple choice 1. */
  "TOO_FEW_OPTIONS",
  /** minSelections/maxSelections contradict each other or the number of options. */
  "INVALID_SELECTION_BOUNDS",
  /** showIf names no question of the survey. */
  "UNKNOWN_QUESTION",
  /** showIf names the question itself or a later one. */
  "FORWARD_REFERENCE",
  /** showIf uses an operator or value type the referenced question's answers cannot match. */
  "INCOMPATIBLE_CONDITION",
  /** showIf compares with a value outside the referenced question's scale. */
  "OUT_OF_RANGE",
  /** showIf names an option the referenced question does not have. */
  "UNKNOWN_OPTION",
] as const;
export type DefinitionProblemCode = (typeof DEFINITION_PROBLEM_CODES)[number];

/** Why a response is refused; paths are `answers.<questionId>` (or `answers`, `locale`). */
export const RESPONSE_PROBLEM_CODES = [
  /** The answer has the wrong JSON type (a string for a score, a number for a choice). */
  "WRONG_TYPE",
  /** A score that is not a whole number on the question's scale. */
  "OUT_OF_RANGE",
  /** A required, visible question was not answered (blank text and no selection count as unanswered). */
  "REQUIRED",
  "UNKNOWN_QUESTION",
  /** An answer to a question its showIf condition hides. */
  "HIDDEN_QUESTION",
  "UNKNOWN_OPTION",
  /** The same option selected twice. */
  "DUPLICATE_OPTION",
  "TOO_FEW_SELECTIONS",
  "TOO_MANY_SELECTIONS",
  /** Open text over the question's maxLength (characters). */
  "TOO_LONG",
  /** The response's locale is not one of the survey's locales. */
  "UNSUPPORTED_LOCALE",
] as const;
export type ResponseProblemCode = (typeof RESPONSE_PROBLEM_CODES)[number];

export interface DefinitionProblem extends InputProblem {
  code: DefinitionProblemCode;
}

export interface ResponseProblem extends InputProblem {
  code: ResponseProblemCode;
}
