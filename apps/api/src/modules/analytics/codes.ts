import { badInput, type AppError } from "../../common/errors";

/**
 * Problem codes of the analytics module, reported under BAD_USER_INPUT as
 * `extensions.problems[].code`; unknown segments, programs and customers are NOT_FOUND.
 */
export type AnalyticsProblemCode =
  /** `to` is not after `from`. */
  | "INVALID_RANGE"
  /** The range spans more periods than one answer may hold. */
  | "TOO_MANY_PERIODS"
  /** An argument outside its documented bounds (withinDays, limits, values per point, ...). */
  | "OUT_OF_RANGE"
  /** An empty list where at least one value is needed (eventTypes). */
  | "EMPTY"
  /** Not an ISO 4217 code such as EUR. */
  | "INVALID_CURRENCY"
  /** A malformed id. */
  | "INVALID_ID";

export interface AnalyticsProblem {
  path: string;
  code: AnalyticsProblemCode;
  message: string;
}

export function invalidAnalytics(message: string, problems: AnalyticsProblem[]): AppError {
  return badInput(`${message}: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}`, [
    ...problems,
  ]);
}
