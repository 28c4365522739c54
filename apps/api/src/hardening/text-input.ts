import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, visit, type DocumentNode } from "graphql";
import type { InputProblem } from "@trouw/domain";
import { AppError } from "../common/errors";

/** PostgreSQL text and jsonb cannot hold U+0000, so no input may carry it. */
const NUL = "\u0000";

/** Paths of every string (or object key) containing U+0000 in a variables object. */
export function nulCharacterPaths(value: unknown, path = "variables"): string[] {
  if (typeof value === "string") return value.includes(NUL) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulCharacterPaths(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k.includes(NUL) ? [`${path} (a key)`] : []),
      ...nulCharacterPaths(v, `${path}.${k.replaceAll(NUL, "\\u0000")}`),
    ]);
  return [];
}

function literalHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes(NUL)) found = true;
    },
  });
  return found;
}

/**
 * Refuses, before anything runs, an operation whose variables or string literals contain
 * U+0000 (BAD_USER_INPUT, HTTP 400, every offending path listed). Without it the database
 * would refuse the write deep inside a service, which surfaces as an internal error.
 */
export function textInputPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problems: InputProblem[] = nulCharacterPaths(request.variables ?? {}).map(
            (path) => ({ path, message: "must not contain the NUL character (U+0000)" }),
          );
          if (literalHasNul(document))
            problems.push({
              path: "query",
              message: "must not contain the NUL character (U+0000)",
            });
          if (problems.length)
            throw new AppError(
              "BAD_USER_INPUT",
              "Text input must not contain the NUL character (U+0000)",
              problems,
              undefined,
              { http: { status: 400 } },
            ).toGraphQL();
        },
      };
    },
  };
}
