import type { CombinedError } from "@urql/core";

/** Codes the API sets on `extensions.code`; see the API contract. */
export type ApiErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT";

export interface InputProblem {
  path: string;
  message: string;
}

export function errorCodes(error: CombinedError | null | undefined): string[] {
  if (!error) return [];
  return error.graphQLErrors
    .map((e) => e.extensions?.code)
    .filter((code): code is string => typeof code === "string");
}

export function hasErrorCode(error: CombinedError | null | undefined, code: ApiErrorCode): boolean {
  return errorCodes(error).includes(code);
}

/** The API's own message when there is one; `null` for a network failure. */
export function apiErrorMessage(error: CombinedError | null | undefined): string | null {
  const first = error?.graphQLErrors[0];
  return first ? first.message : null;
}

function isProblem(value: unknown): value is InputProblem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as InputProblem).path === "string" &&
    typeof (value as InputProblem).message === "string"
  );
}

/**
 * Field errors of a BAD_USER_INPUT error, keyed by the last segment of each problem's path,
 * so `input.email` and `email` both land on the form's `email` field.
 */
export function fieldProblems(error: CombinedError | null | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const e of error?.graphQLErrors ?? []) {
    if (e.extensions?.code !== "BAD_USER_INPUT") continue;
    const problems = e.extensions.problems;
    if (!Array.isArray(problems)) continue;
    for (const problem of problems.filter(isProblem)) {
      const field =
        problem.path
          .split(".")
          .pop()
          ?.replace(/\[\d+\]$/, "") ?? problem.path;
      // The API words problems to follow a field name ("is not a valid email address").
      result[field] ??= problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
    }
  }
  return result;
}
