import type { Actor } from "./auth/permissions";
import type { Loaders } from "./loaders";
import type { Services } from "./services";

/** The authenticated caller as services see it: who, and the key their idempotency keys live under. */
export interface RequestActor {
  actor: Actor;
  caller: string;
}

export interface SessionCookie {
  token(): string | null;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context {
  actor: Actor | null;
  services: Services;
  loaders: Loaders;
  session: SessionCookie;
  requestId: string;
  /** SQL statements run for this request so far (reported in non-production responses). */
  queryCounter?: { queries: number };
  /** Where the request came from (its Origin header, else the host it was sent to), for links. */
  origin?: string | null;
  /** The client's address (behind a proxy, as TRUST_PROXY allows), for per-address limits. */
  clientIp?: string | null;
}

export function requestActor(ctx: Context): RequestActor {
  // Resolvers that call this are guarded by @Authorized, so an actor is present.
  const actor = ctx.actor!;
  return { actor, caller: `${actor.kind === "user" ? "user" : "key"}:${actor.id}` };
}
