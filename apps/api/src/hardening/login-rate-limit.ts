import type { ApolloServerPlugin } from "@apollo/server";
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { rateLimited } from "../common/errors";
import type { RateLimiter } from "./rate-limit";

/** How many root `login` fields an operation has (aliases and fragments included). */
export function loginAttempts(operation: OperationDefinitionNode, document: DocumentNode): number {
  if (operation.operation !== "mutation") return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const count = (set: SelectionSetNode, seen: Set<string>): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += s.name.value === "login" ? 1 : 0;
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet, seen);
      else if (!seen.has(s.name.value) && fragments.has(s.name.value)) {
        seen.add(s.name.value);
        n += count(fragments.get(s.name.value)!.selectionSet, seen);
      }
    }
    return n;
  };
  return count(operation.selectionSet, new Set());
}

/**
 * Sign-in attempts per client address: each `login` in an operation takes a token, so
 * aliasing many logins into one request buys nothing. Refused with RATE_LIMITED, HTTP 429
 * and `Retry-After`, before any password is checked.
 */
export function loginRateLimitPlugin<C extends { clientIp?: string | null }>(
  limiter: RateLimiter,
  onRefused: () => void = () => {},
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation) return;
          const attempts = loginAttempts(operation, document);
          if (attempts === 0) return;
          const decision = limiter.take(`login:${contextValue.clientIp ?? "unknown"}`, attempts);
          if (!decision.allowed) {
            onRefused();
            throw rateLimited(
              `Too many sign-in attempts from this address; try again in ${decision.retryAfterSeconds} s`,
              decision.retryAfterSeconds,
            ).toGraphQL();
          }
        },
      };
    },
  };
}
