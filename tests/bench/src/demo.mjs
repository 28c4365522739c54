// Demo data: generate N customers with their events and bulk-write them (COPY on PostgreSQL,
// multi-row INSERT on PGlite), against the baseline of generating the same rows without writing.
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "@trouw/test-support/api-process";

const require = createRequire(import.meta.url);
const dist = join(ROOT, "apps", "api", "dist");
require(require.resolve("reflect-metadata", { paths: [join(ROOT, "apps", "api")] }));
const { openDatabase } = require(join(dist, "db", "database.js"));
const { generateDemo } = require(join(dist, "demo", "generator.js"));
const { writeDemo } = require(join(dist, "demo", "writer.js"));
const { withDemoTarget } = require(join(dist, "demo", "target.js"));

const NOW = new Date("2026-11-01T00:00:00Z");

export async function benchDemo({ customers, databaseUrl }) {
  let started = performance.now();
  let generated = 0;
  for (const batch of generateDemo({ customers, seed: 7, now: NOW }))
    generated += batch.events.length;
  const generateSeconds = (performance.now() - started) / 1000;

  const db = await openDatabase({ DATABASE_URL: databaseUrl, DATA_DIR: ".data" });
  try {
    started = performance.now();
    const result = await withDemoTarget(db, (target) =>
      writeDemo(target, generateDemo({ customers, seed: 7, now: NOW })),
    );
    const seconds = (performance.now() - started) / 1000;
    if (result.events !== generated)
      throw new Error(`wrote ${result.events} events, generated ${generated}`);
    return { seconds, generateSeconds, customers: result.customers, events: result.events };
  } finally {
    await db.close();
  }
}
