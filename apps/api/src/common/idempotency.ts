import { createHash } from "node:crypto";
import { Column, Entity, PrimaryColumn, type EntityManager } from "typeorm";
import { queryPrepared } from "../db/database";
import { conflict } from "./errors";

/** Stored outcome of a write an integrator may retry, keyed by (caller, key). */
@Entity("idempotency_keys")
export class IdempotencyKeyEntity {
  @PrimaryColumn("text")
  caller: string;

  @PrimaryColumn("text")
  key: string;

  @Column("text")
  operation: string;

  @Column("text", { name: "request_hash" })
  requestHash: string;

  @Column("jsonb", { nullable: true })
  result: unknown;

  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
          a < b ? -1 : a > b ? 1 : 0,
        ),
      );
    }
    return v;
  });
}

export function requestHash(operation: string, request: unknown): string {
  return createHash("sha256")
    .update(operation)
    .update("\0")
    .update(canonicalJson(request))
    .digest("hex");
}

export interface IdempotentCall<T, S> {
  caller: string;
  key: string | null | undefined;
  operation: string;
  request: unknown;
  now: Date;
  /** Performs the write; runs only the first time a key is seen. */
  effect: () => Promise<T>;
  /** What to remember of the result (small JSON, e.g. ids). */
  store: (result: T) => S;
  /** Rebuilds the answer for a replay from what was stored. */
  replay: (stored: S) => Promise<T>;
  /**
   * What `store` will return, when it is known before the effect runs (e.g. an id the effect
   * is given): it is written with the claim, saving the write after the effect.
   */
  known?: S;
}

/**
 * Runs `effect` at most once per (caller, key), inside the caller's transaction `em`.
 * The key row is claimed first: on PostgreSQL a concurrent duplicate waits on the unique
 * index until the first commits, then sees the stored result.
 */
export async function idempotent<T, S>(em: EntityManager, call: IdempotentCall<T, S>): Promise<T> {
  if (!call.key) return call.effect();
  const hash = requestHash(call.operation, call.request);
  const claimed = await queryPrepared<unknown[]>(
    em,
    `INSERT INTO idempotency_keys (caller, key, operation, request_hash, created_at, result)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING key`,
    [
      call.caller,
      call.key,
      call.operation,
      hash,
      call.now,
      call.known === undefined ? null : JSON.stringify(call.known),
    ],
  );
  if (claimed.length === 0) {
    const [row] = await em.query<{ request_hash: string; operation: string; result: S }[]>(
      `SELECT request_hash, operation, result FROM idempotency_keys WHERE caller = $1 AND key = $2`,
      [call.caller, call.key],
    );
    if (!row || row.request_hash !== hash || row.operation !== call.operation) {
      throw conflict(`Idempotency key "${call.key}" was already used with a different request`);
    }
    return call.replay(row.result);
  }
  const result = await call.effect();
  if (call.known !== undefined) {
    if (canonicalJson(call.store(result)) !== canonicalJson(call.known))
      throw new Error(
        `idempotent ${call.operation}: the effect's result differs from the known one`,
      );
    return result;
  }
  await em.query(`UPDATE idempotency_keys SET result = $3 WHERE caller = $1 AND key = $2`, [
    call.caller,
    call.key,
    JSON.stringify(call.store(result)),
  ]);
  return result;
}
