import type { EntityManager } from "typeorm";

/**
 * Session settings for compiled segment SQL, for the transaction it runs in. JIT is off: the
 * planner prices every per-customer fallback (a CASE arm over events that customer facts
 * almost always skip) as if it ran for every customer, which trips PostgreSQL's JIT inlining
 * and optimisation, 150-450 ms of compiling for queries that then run in a few hundred.
 */
export const SEGMENT_SQL_SETTINGS = "SET LOCAL jit = off";

export async function segmentSqlSettings(em: EntityManager): Promise<void> {
  await em.query(SEGMENT_SQL_SETTINGS);
}
