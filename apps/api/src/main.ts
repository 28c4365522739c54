import "reflect-metadata";
import { resolve } from "node:path";
import pino from "pino";
import { loadConfigOrExit } from "@trouw/config";
import { createApp } from "./app";
import { systemClock } from "./common/clock";
import { openDatabase } from "./db/database";
import { loadDemoDataIfEmpty } from "./demo/load";

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = pino({ level: config.LOG_LEVEL, base: { service: "trouw-api" } });
  const demo = process.argv.includes("--demo");
  const db = await openDatabase(config);
  logger.info({ database: db.kind }, "database ready, migrations applied");

  const app = await createApp({
    config:
      demo && !config.ADMIN_DIST
        ? { ...config, ADMIN_DIST: resolve(__dirname, "../../admin/dist") }
        : config,
    db,
    clock: systemClock,
    logger,
  });
  if (
    await app.services.users.ensureFirstAdmin(config.FIRST_ADMIN_EMAIL, config.FIRST_ADMIN_PASSWORD)
  ) {
    logger.info({ email: config.FIRST_ADMIN_EMAIL }, "created the first admin user");
  }
  if (demo) await loadDemoDataIfEmpty(db, config.DEMO_CUSTOMERS, logger, new Date(), app.services);

  const url = await app.listen();
  app.startBackgroundWork();
  logger.info({ url }, "Trouw API listening");
  if (demo) {
    process.stdout.write(
      `\n  Trouw is running at ${url}\n  Admin app:  ${url}/   (sign in as ${config.FIRST_ADMIN_EMAIL} / ${config.FIRST_ADMIN_PASSWORD})\n  GraphQL:    ${url}/graphql\n\n`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await app.stop();
    await db.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Trouw API failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
