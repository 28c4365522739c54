import { AsyncLocalStorage } from "node:async_hooks";
import type { EntityManager } from "typeorm";
import type { Actor } from "../../auth/permissions";

/**
 * Who is acting in the current request, for the audit log. The GraphQL middleware opens a
 * scope per request and fills it in once the caller is authenticated; work outside a request
 * (jobs, schedules, migrations) has no scope and is recorded as the system.
 */
export interface AuditScope {
  actor: Actor | null;
  requestId: string | null;
}

const scopes = new AsyncLocalStorage<AuditScope>();

export function runInAuditScope<T>(scope: AuditScope, work: () => T): T {
  return scopes.run(scope, work);
}

export const ENTITY_TYPES = [
  "loyalty_program",
  "reward",
  "campaign",
  "segment",
  "survey",
  "loyalty_account",
  "redemption",
  "admin_user",
  "api_key",
  "webhook_endpoint",
  "customer",
] as const;
export type AuditEntityType = (typeof ENTITY_TYPES)[number];

export interface AuditEntry {
  entityType: AuditEntityType;
  entityId: string;
  /** A verb in the past tense of the entity's life: created, updated, deleted, erased, ... */
  action: string;
  /** The entity (or the fields that matter) before the change; null when it did not exist. */
  before?: Record<string, unknown> | null;
  /** ... and after it; null when it no longer exists. */
  after?: Record<string, unknown> | null;
}

export interface AuditActorColumns {
  kind: "user" | "api_key" | "system";
  id: string | null;
  label: string;
}

export function auditActor(actor: Actor | null | undefined): AuditActorColumns {
  if (!actor) return { kind: "system", id: null, label: "system" };
  if (actor.kind === "user") return { kind: "user", id: actor.id, label: actor.email };
  return { kind: "api_key", id: actor.id, label: `API key ${actor.name}` };
}

/** JSON-safe plain values (Dates as ISO strings, no undefined), so before and after compare. */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Keeps only the fields that changed, so an entry reads as a diff. Fields present on one
 * side only count as changed. Creations and deletions keep the whole side they have.
 */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  const b = before ? (plain(before) as Record<string, unknown>) : null;
  const a = after ? (plain(after) as Record<string, unknown>) : null;
  if (!b || !a) return { before: b, after: a };
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const db: Record<string, unknown> = {};
  const da: Record<string, unknown> = {};
  for (const k of keys) {
    if (JSON.stringify(b[k]) === JSON.stringify(a[k])) continue;
    if (k in b) db[k] = b[k];
    if (k in a) da[k] = a[k];
  }
  return { before: db, after: da };
}

/** The only writer of `audit_log`: one row, in the caller's transaction `em`. */
async function record(em: EntityManager, entry: AuditEntry, at: Date): Promise<void> {
  const scope = scopes.getStore();
  const actor = auditActor(scope?.actor);
  const { before, after } = changedFields(entry.before ?? null, entry.after ?? null);
  await em.query(
    `INSERT INTO audit_log (at, actor_kind, actor_id, actor_label, entity_type, entity_id, action, request_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      at,
      actor.kind,
      actor.id,
      actor.label,
      entry.entityType,
      entry.entityId,
      entry.action,
      scope?.requestId ?? null,
      before === null ? null : JSON.stringify(before),
      after === null ? null : JSON.stringify(after),
    ],
  );
}

/**
 * Like `record`, for changes that integrators also make as routine per-customer traffic
 * (enrolments, bonuses): recorded when an admin user makes them, since an API key's are
 * traced by the ledger's actor column and would bury the log in one entry per customer.
 */
async function recordForAdmins(em: EntityManager, entry: AuditEntry, at: Date): Promise<void> {
  if (scopes.getStore()?.actor?.kind !== "user") return;
  await record(em, entry, at);
}

export const audit = { record, recordForAdmins };
