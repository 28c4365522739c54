import "reflect-metadata";
import pino from "pino";
import { loadConfigOrExit } from "@trouw/config";
import { systemClock } from "./common/clock";
import { openDatabase } from "./db/database";
import { runLedgerCheck } from "./modules/loyalty/ledger-check";
import { createServices } from "./services";

/** `node dist/loyalty-check.js`: exits 1 if any balance differs from its ledger sum. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const db = await openDatabase(config);
  try {
    const services = createServices(db, systemClock, config, pino({ level: "silent" }));
    process.exitCode = await runLedgerCheck(services.loyalty, (line) =>
      process.stdout.write(`${line}\n`),
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
