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
  /**
   * Performs the write; runs only the first time a key is seen. With `carried`, it is given the
   * claim and must settle it before writing anything: by carrying `claim.cte` in its first
   * statement, or with `claim.alone()`.
   */
  effect: (claim?: KeyClaim) => Promise<T>;
  /** What to remember of the result (small JSON, e.g. ids). */
  store: (result: T) => S;
  /** Rebuilds the answer for a replay from what was stored. */
  replay: (stored: S) => Promise<T>;
  /**
   * What `store` will return, when it is known before the effect runs (e.g. an id the effect
   * is given): it is written with the claim, saving the write after the effect.
   */
  known?: S;
  /** The effect carries the claim in its own first statement (saves a round trip). */
  carried?: boolean;
}

const CLAIM_COLUMNS = "caller, key, operation, request_hash, created_at, result";
const claimValues = (first: number) =>
  Array.from({ length: 6 }, (_, i) => `$${first + i}`).join(", ");
const CLAIM_ALONE = `INSERT INTO idempotency_keys (${CLAIM_COLUMNS}) VALUES (${claimValues(1)})
     ON CONFLICT DO NOTHING RETURNING key`;

/** Thrown by `KeyClaim.settle` when another call holds the key: `idempotent` replays it. */
class KeyTaken extends Error {}

/**
 * The claim of one idempotency key. A write either carries it in its first statement (`cte`,
 * then `settle` with what that statement says) or claims it in a statement of its own
 * (`alone`). Either way nothing else may be written before it is settled.
 */
export class KeyClaim {
  private claimed = false;

  constructor(
    private readonly em: EntityManager,
    /** caller, key, operation, request hash, created at, known result. */
    readonly params: unknown[],
  ) {}

  /**
   * A CTE named `claim` that inserts the key row (one row: claimed; none: the key is taken,
   * after waiting for a concurrent holder to commit), its six parameters from `$first`.
   */
  cte(first: number): string {
    return `claim AS (INSERT INTO idempotency_keys (${CLAIM_COLUMNS}) VALUES (${claimValues(first)})
     ON CONFLICT DO NOTHING RETURNING key)`;
  }

  /** The carrying statement's outcome; a taken key throws, so the write stops and replays. */
  settle(claimed: boolean): void {
    if (!claimed) throw new KeyTaken();
    this.claimed = true;
  }

  /** Claims the key in a statement of its own, unless it is claimed already. */
  async alone(): Promise<void> {
    if (this.claimed) return;
    const rows = await queryPrepared<unknown[]>(this.em, CLAIM_ALONE, this.params);
    this.settle(rows.length > 0);
  }

  get settled(): boolean {
    return this.claimed;
  }
}

/**
 * Runs `effect` at most once per (caller, key), inside the caller's transaction `em`.
 * The key row is claimed first: on PostgreSQL a concurrent duplicate waits on the unique
 * index until the first commits, then sees the stored result.
 */
export async function idempotent<T, S>(em: EntityManager, call: IdempotentCall<T, S>): Promise<T> {
  if (!call.key) return call.effect();
  const hash = requestHash(call.operation, call.request);
  const claim = new KeyClaim(em, [
    call.caller,
    call.key,
    call.operation,
    hash,
    call.now,
    call.known === undefined ? null : JSON.stringify(call.known),
  ]);
  let result: T;
  try {
    if (call.carried) {
      result = await call.effect(claim);
      if (!claim.settled)
        throw new Error(`idempotent ${call.operation}: the effect did not claim its key`);
    } else {
      await claim.alone();
      result = await call.effect();
    }
  } catch (err) {
    if (!(err instanceof KeyTaken)) throw err;
    return replay(em, call, hash);
  }
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

/** The answer to a key already used: the stored result, or CONFLICT for another request. */
async function replay<T, S>(em: EntityManager, call: IdempotentCall<T, S>, hash: string) {
  const [row] = await em.query<{ request_hash: string; operation: string; result: S }[]>(
    `SELECT request_hash, operation, result FROM idempotency_keys WHERE caller = $1 AND key = $2`,
    [call.caller, call.key],
  );
  if (!row || row.request_hash !== hash || row.operation !== call.operation) {
    throw conflict(`Idempotency key "${call.key}" was already used with a different request`);
  }
  return call.replay(row.result);
}
