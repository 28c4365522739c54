import { vi } from "vitest";
import { fromValue, toPromise } from "wonka";
import {
  Client,
  CombinedError,
  getOperationName,
  type GraphQLRequest,
  type OperationResult,
  type OperationResultSource,
} from "@urql/core";

/** An answer per operation name: data, or a GraphQL error with an extensions code. */
export type FakeAnswer =
  | { data: unknown }
  | { errors: { message: string; extensions?: Record<string, unknown> }[] };
export type FakeHandlers = Record<
  string,
  FakeAnswer | ((variables: Record<string, unknown>) => FakeAnswer)
>;

export function gqlError(message: string, extensions: Record<string, unknown> = {}): FakeAnswer {
  return { errors: [{ message, extensions }] };
}

/**
 * A real urql Client whose executeQuery/executeMutation answer from `handlers` with wonka's
 * fromValue, so components run their real data code without a network.
 */
export function fakeClient(handlers: FakeHandlers) {
  const client = new Client({ url: "/graphql", exchanges: [] });
  const calls: { name: string; variables: Record<string, unknown> }[] = [];

  const answerAs =
    (kind: "query" | "mutation") =>
    (request: GraphQLRequest): OperationResultSource<OperationResult> => {
      const name = getOperationName(request.query) ?? "";
      const variables = (request.variables ?? {}) as Record<string, unknown>;
      calls.push({ name, variables });
      const handler = handlers[name];
      if (!handler) throw new Error(`fakeClient: no answer for operation ${name}`);
      const result = typeof handler === "function" ? handler(variables) : handler;
      const operation = client.createRequestOperation(kind, request);
      const value: OperationResult =
        "data" in result
          ? { operation, data: result.data, stale: false, hasNext: false }
          : {
              operation,
              data: undefined,
              error: new CombinedError({ graphQLErrors: result.errors }),
              stale: false,
              hasNext: false,
            };
      // client.query()/mutation() callers use .toPromise(), which urql adds to its own sources.
      const source = fromValue(value);
      return Object.assign(source, {
        toPromise: () => toPromise(source),
        then: (onResolve: (r: OperationResult) => unknown, onReject?: (e: unknown) => unknown) =>
          toPromise(source).then(onResolve, onReject),
      }) as unknown as OperationResultSource<OperationResult>;
    };

  client.executeQuery = vi.fn(answerAs("query")) as unknown as Client["executeQuery"];
  client.executeMutation = vi.fn(answerAs("mutation")) as unknown as Client["executeMutation"];
  return { client, calls };
}
