import type { InputProblem, ResponseRefusal } from "@trouw/domain";

/**
 * The survey module's CONFLICT reasons (extensions.reason). The four refusals of the domain's
 * `canRespond` come first; clients switch on these, never on messages.
 */
export type SurveyConflict =
  | ResponseRefusal
  /** An invitation link that was already used to answer. */
  | "TOKEN_USED"
  /** An invitation link past its expiry. */
  | "TOKEN_EXPIRED"
  /** A status change the lifecycle does not allow (e.g. closed to draft). */
  | "INVALID_STATUS_CHANGE"
  /** Deleting, or changing answered questions of, a survey that has responses. */
  | "SURVEY_HAS_RESPONSES"
  /** Someone else saved the survey since the caller read it (expectedVersion). */
  | "STALE_VERSION"
  /** The audience segment was deleted: activate after choosing another audience. */
  | "AUDIENCE_SEGMENT_MISSING";

/** A problem with a code, as `BAD_USER_INPUT` reports it (domain codes or the ones below). */
export interface CodedProblem extends InputProblem {
  code: string;
}

/** Codes the API adds to the domain's definition problems. */
export const API_DEFINITION_CODES = {
  /** The audience names a segment that does not exist. */
  UNKNOWN_SEGMENT: "UNKNOWN_SEGMENT",
  /** The status changes only through setSurveyStatus. */
  STATUS_READ_ONLY: "STATUS_READ_ONLY",
  /** The change would alter or drop a question that already has answers. */
  ANSWERED_QUESTION: "ANSWERED_QUESTION",
} as const;
