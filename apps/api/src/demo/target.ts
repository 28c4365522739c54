import { getPGliteInstance } from "typeorm-pglite";
import type { ClientBase } from "pg";
import type { Database } from "../db/database";
import type { DemoTarget } from "./writer";

/**
 * Hands the demo writer a raw connection: COPY on PostgreSQL, the PGlite instance itself
 * otherwise. Bulk loading happens before the server takes requests, outside the serial gate.
 */
export async function withDemoTarget<T>(
  db: Database,
  work: (target: DemoTarget) => Promise<T>,
): Promise<T> {
  if (db.isPglite) return work({ kind: "pglite", db: await getPGliteInstance() });
  const runner = db.dataSource.createQueryRunner();
  // connect() hands back the pg client the runner holds.
  const client = (await runner.connect()) as ClientBase;
  try {
    return await work({ kind: "postgres", client });
  } finally {
    await runner.release();
  }
}
