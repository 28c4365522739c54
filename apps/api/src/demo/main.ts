import "reflect-metadata";
import { loadConfigOrExit } from "@trouw/config";
import { openDatabase } from "../db/database";
import { runDemoCli } from "./cli";
import { withDemoTarget } from "./target";
import { rebuildFacts } from "../modules/segments/facts";

/** `node dist/demo/main.js --customers N [--seed S]`: bulk-loads demo data into the configured database. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const db = await openDatabase(config);
  try {
    await withDemoTarget(db, (target) => runDemoCli(process.argv.slice(2), target));
    // Bulk loads skip the per-event fold; recompute the customer facts once instead.
    await db.transaction((em) => rebuildFacts(em));
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
