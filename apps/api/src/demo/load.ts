import type { Logger } from "pino";
import type { Database } from "../db/database";
import { generateDemo } from "./generator";
import { withDemoTarget } from "./target";
import { writeDemo } from "./writer";
import { rebuildFacts } from "../modules/segments/facts";
import type { Services } from "../services";
import { seedDemoLoyalty } from "./loyalty";

/** Loads the demo data set on first start (no customers yet) so the admin has something to show. */
export async function loadDemoDataIfEmpty(
  db: Database,
  customers: number,
  logger: Logger,
  now = new Date(),
  services?: Services,
): Promise<boolean> {
  const [{ n }] = (await db.read((em) => em.query(`SELECT count(*)::int AS n FROM customers`))) as [
    { n: number },
  ];
  if (n > 0 || customers === 0) return false;
  logger.info({ customers }, "loading demo data (first start)");
  const result = await withDemoTarget(db, (target) =>
    writeDemo(target, generateDemo({ customers, seed: 1, now }), (p) => {
      if (p.customers % 10_000 === 0) logger.info(p, "demo data progress");
    }),
  );
  await db.transaction((em) => rebuildFacts(em));
  if (services) logger.info(await seedDemoLoyalty(db, services, now), "demo loyalty programs");
  logger.info(result, "demo data loaded");
  return true;
}
