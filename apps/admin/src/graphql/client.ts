import { Client, cacheExchange, fetchExchange, mapExchange } from "@urql/core";
import { hasErrorCode } from "./errors";

/**
 * Context flag for operations that find out whether anyone is signed in: their UNAUTHENTICATED
 * is an answer, not an expired session.
 */
export const SESSION_PROBE = "sessionProbe";

export interface GraphqlClientOptions {
  url?: string;
  /** Called for every result whose error carries `UNAUTHENTICATED`. */
  onUnauthenticated: () => void;
}

export function createGraphqlClient({
  url = "/graphql",
  onUnauthenticated,
}: GraphqlClientOptions): Client {
  return new Client({
    url,
    // Apollo's CSRF prevention rejects simple GET requests.
    preferGetMethod: false,
    fetchOptions: { credentials: "include" },
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error, operation) {
          if (operation.context[SESSION_PROBE]) return;
          if (hasErrorCode(error, "UNAUTHENTICATED")) onUnauthenticated();
        },
      }),
      fetchExchange,
    ],
  });
}
