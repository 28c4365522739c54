import type { Logger } from "pino";
import type { Database } from "../db/database";

/** Loads the demo data set on first start (empty customers table) so the admin has something to show. */
export async function loadDemoDataIfEmpty(db: Database, customers: number, logger: Logger): Promise<void> {
  const [{ n }] = (await db.read((em) => em.query(`SELECT count(*)::int AS n FROM customers`))) as [{ n: number }];
  if (n > 0 || customers === 0) return;
  logger.info({ customers }, "loading demo data (first start)");
  // wired to the generator once it lands
}
