import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { HeaderMap } from "@apollo/server";
import { ArgumentValidationError } from "type-graphql";
import type { InputProblem } from "@trouw/domain";

/** Every error code a client can rely on. Tests assert on these, never on message text. */
export const ERROR_CODES = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "CONFLICT",
  "INTERNAL_SERVER_ERROR",
  /** Too many requests for this API key, or sign-ins from this address; see `Retry-After`. */
  "RATE_LIMITED",
  /** The operation is nested deeper or would cost more than the server allows (reason DEPTH or COST). */
  "QUERY_TOO_COMPLEX",
  /** HTTP 413: the body is over GRAPHQL_BODY_LIMIT_KB (sent before GraphQL runs). */
  "PAYLOAD_TOO_LARGE",
  /** HTTP 400 from the transport: unreadable JSON, a CSRF-suspect request, a GET mutation (405). */
  "BAD_REQUEST",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected business failure. Services throw it; the formatter turns it into a GraphQL error. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: InputProblem[],
    /** A finer, stable reason within the code, e.g. INSUFFICIENT_BALANCE under CONFLICT. */
    readonly reason?: string,
    readonly options: {
      /** More machine-readable facts for the client (e.g. a limit and the actual value). */
      details?: Record<string, unknown>;
      /** HTTP status and headers for the response (Apollo honours `extensions.http`). */
      http?: { status?: number; headers?: Record<string, string> };
    } = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  /** What the client sees under `extensions`. */
  get publicExtensions(): Record<string, unknown> {
    return {
      code: this.code,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.problems ? { problems: this.problems } : {}),
      ...this.options.details,
    };
  }

  /** graphql-js copies these onto the located error; Apollo takes `http` off before formatting. */
  get extensions(): Record<string, unknown> {
    const { http } = this.options;
    return {
      ...this.publicExtensions,
      ...(http
        ? {
            http: {
              ...(http.status ? { status: http.status } : {}),
              headers: new HeaderMap(Object.entries(http.headers ?? {})),
            },
          }
        : {}),
    };
  }

  toGraphQL(): GraphQLError {
    return new GraphQLError(this.message, { extensions: this.extensions });
  }
}

export const badInput = (message: string, problems?: InputProblem[]) =>
  new AppError("BAD_USER_INPUT", message, problems);
export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You do not have permission to do this") =>
  new AppError("FORBIDDEN", message);
export const unauthenticated = (message = "Sign in or send an API key") =>
  new AppError("UNAUTHENTICATED", message);
export const conflict = (message: string, reason?: string) =>
  new AppError("CONFLICT", message, undefined, reason);
/** HTTP 429 with `Retry-After`, for requests over a rate limit. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError("RATE_LIMITED", message, undefined, undefined, {
    details: { retryAfterSeconds },
    http: { status: 429, headers: { "retry-after": String(retryAfterSeconds) } },
  });

/** Throws BAD_USER_INPUT listing every problem, if there are any. */
export function assertNoProblems(problems: InputProblem[], message = "Invalid input"): void {
  if (problems.length > 0)
    throw badInput(
      `${message}: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}`,
      problems,
    );
}

const PG_UNIQUE_VIOLATION = "23505";

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === PG_UNIQUE_VIOLATION && (!constraint || name === constraint);
}

type Logger = { error: (obj: object, msg: string) => void };

/** Errors may come from another copy of graphql-js (ESM and CJS), so unwrap by shape, not class. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (
    current &&
    typeof current === "object" &&
    "originalError" in current &&
    (current as { originalError?: unknown }).originalError
  ) {
    current = (current as { originalError: unknown }).originalError;
  }
  return current;
}

/**
 * The one place errors become client-facing. AppErrors keep their code; Apollo's own
 * request errors (syntax, validation, bad variables) pass through; everything else is masked.
 */
export function createErrorFormatter(logger: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    if (original instanceof AppError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: original.publicExtensions,
      };
    }
    if (original instanceof ArgumentValidationError) {
      const problems = original.extensions.validationErrors.flatMap((v) => flattenValidation(v));
      return {
        message: `Invalid input: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: "BAD_USER_INPUT", problems },
      };
    }
    const code = formatted.extensions?.code;
    const thrownByResolver = formatted.path !== undefined;
    if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR" && !thrownByResolver) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: exposeDetails ? formatted.extensions : extensions };
    }
    logger.error({ err: original, path: formatted.path }, "unexpected error");
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}

interface ValidationLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationLike[];
}

function flattenValidation(v: ValidationLike, prefix = ""): InputProblem[] {
  const path = prefix ? `${prefix}.${v.property}` : v.property;
  const own = Object.values(v.constraints ?? {}).map((message) => ({ path, message }));
  return [...own, ...(v.children ?? []).flatMap((c) => flattenValidation(c, path))];
}
