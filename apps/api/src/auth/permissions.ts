import type { ApiKeyScope, Role } from "../modules/users/user.entities";

/** Everything a resolver can require. Roles and key scopes map onto these in one table. */
export const PERMISSIONS = [
  "authenticated",
  "customers:read",
  "customers:write",
  "events:write",
  "support:write",
  "segments:manage",
  "surveys:manage",
  "surveys:respond",
  "programs:manage",
  "loyalty:write",
  "loyalty:adjust",
  "users:manage",
  "apikeys:manage",
  /** Webhook endpoints, their secrets and delivery logs: admins only. */
  "webhooks:manage",
  /** The audit log: admins only. */
  "audit:read",
  /** GDPR export and erasure of a customer's data: admins only. */
  "privacy:manage",
  /** Bulk CSV imports of customers and orders: admins and write keys. */
  "imports:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  analyst: ["authenticated", "customers:read", "segments:manage", "surveys:manage"],
  support: ["authenticated", "customers:read", "support:write", "loyalty:write"],
};

const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  read: ["authenticated", "customers:read"],
  write: [
    "authenticated",
    "customers:write",
    "events:write",
    "support:write",
    "loyalty:write",
    "surveys:respond",
    "imports:manage",
  ],
};

export type Actor =
  | { kind: "user"; id: string; email: string; name: string; role: Role }
  | { kind: "apiKey"; id: string; name: string; scopes: ApiKeyScope[] };

export function permissionsOf(actor: Actor): Set<Permission> {
  const granted =
    actor.kind === "user"
      ? ROLE_PERMISSIONS[actor.role]
      : actor.scopes.flatMap((s) => SCOPE_PERMISSIONS[s]);
  return new Set(granted);
}

/** Stable identity for idempotency keys and audit: who made the call. */
export function callerId(actor: Actor): string {
  return `${actor.kind === "user" ? "user" : "key"}:${actor.id}`;
}
