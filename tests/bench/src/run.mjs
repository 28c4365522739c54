// `pnpm bench`: prints a table of figures with ratios against a baseline, side by side.
// BENCH_SCALE=tiny runs everything small (CI proves the benchmarks still work);
// the default scale writes its table to tests/bench/RESULTS.md.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshPostgres, ROOT } from "@trouw/test-support/api-process";
import { benchIngest } from "./ingest.mjs";
import { benchDemo } from "./demo.mjs";
import { benchSegments } from "./segments.mjs";
import { benchLoyalty } from "./loyalty.mjs";
import { benchAnalytics } from "./analytics.mjs";
import { benchImport } from "./import.mjs";
import { benchScaling } from "./scaling.mjs";

const tiny = process.env.BENCH_SCALE === "tiny";
const scale = tiny
  ? { orders: 300, customers: 50, demoCustomers: 1000, segmentCustomers: 2000 }
  : {
      orders: 10_000,
      customers: 500,
      demoCustomers: 100_000,
      segmentCustomers: Number(process.env.BENCH_SEGMENT_CUSTOMERS ?? 1_000_000),
    };
// Loyalty: a fixed number of orders at tiny scale, a fixed duration otherwise.
const loyaltyScale = tiny
  ? {
      customers: 50,
      orders: 200,
      openSeconds: 2,
      pgbenchPerClient: 5,
      profileOrders: 10,
      cpuOrders: 64,
      sweep: { clients: [1, 4], orders: 20, perClient: 5 },
    }
  : {
      customers: 2_000,
      seconds: 20,
      openSeconds: 10,
      pgbenchSeconds: 20,
      profileOrders: 200,
      cpuOrders: 1_000,
      sweep: { clients: [1, 2, 4, 8, 16, 32], seconds: 5 },
    };
// Analytics: customers of the segments bench's database (copied when it exists), responses added.
const analyticsScale = tiny
  ? { customers: 2_000, responses: 5_000, runs: 2 }
  : { customers: scale.segmentCustomers, responses: 1_000_000, runs: 5 };
// Import: N customers and 10 orders each from CSV, into PostgreSQL.
const importScale = tiny
  ? { customers: 2_000, orders: 20_000, chunkSize: 5_000 }
  : {
      customers: Number(process.env.BENCH_IMPORT_CUSTOMERS ?? 1_000_000),
      orders: Number(process.env.BENCH_IMPORT_ORDERS ?? 10_000_000),
      chunkSize: Number(process.env.BENCH_IMPORT_CHUNK ?? 50_000),
    };
// Scaling: the same work at growing customer counts, one fresh database per size (dropped after).
// Run one size per invocation under the benchmark lock; RESULTS.scaling.json keeps every size
// (BENCH_SCALING_SIZES= with nothing rebuilds RESULTS.scaling.md from it, measuring nothing).
const scalingScale = tiny
  ? { sizes: [2_000, 5_000], orders: 100, clients: 16, runs: 3 }
  : {
      sizes: (process.env.BENCH_SCALING_SIZES ?? "100000,1000000,5000000")
        .split(",")
        .filter((s) => s.trim())
        .map((s) => Number(s.trim())),
      orders: Number(process.env.BENCH_SCALING_ORDERS ?? 3_000),
      clients: Number(process.env.BENCH_SCALING_CLIENTS ?? 16),
      runs: 5,
      // BENCH_SCALING_SLICE=N writes at most N customers per run (see scaling.mjs).
      slice: Number(process.env.BENCH_SCALING_SLICE ?? Infinity),
    };
// BENCH_ONLY=ingest|demo|segments|loyalty|analytics|import|scaling runs one group (its table goes to RESULTS.<group>.md).
const only = process.env.BENCH_ONLY;
const fmt = (n, digits = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

const rows = [];
async function onDatabases(fn) {
  rows.push(...(await fn("PGlite", "memory://")));
  const pg = await freshPostgres();
  if (!pg) {
    console.log(
      "(DATABASE_URL not set: using postgres://postgres@127.0.0.1:5432/postgres as the admin connection)",
    );
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";
  }
  const db = pg ?? (await freshPostgres());
  try {
    rows.push(...(await fn("PostgreSQL", db.url)));
  } finally {
    await db.drop();
  }
}

if (!only || only === "ingest")
  await onDatabases(async (name, databaseUrl) => {
    const r = await benchIngest({ orders: scale.orders, customers: scale.customers, databaseUrl });
    return [
      {
        bench: `ingest ${scale.orders.toLocaleString()} orders via recordEvents (batches of 1,000)`,
        db: name,
        figure: `${fmt(r.apiRate, 0)} events/s (${fmt(r.apiSeconds, 2)} s)`,
        baseline: `raw multi-row INSERT: ${fmt(r.baselineRate, 0)} rows/s`,
        ratio: `${fmt(r.apiRate / r.baselineRate, 3)}x of raw`,
      },
    ];
  });
if (!only || only === "demo")
  await onDatabases(async (name, databaseUrl) => {
    const r = await benchDemo({ customers: scale.demoCustomers, databaseUrl });
    return [
      {
        bench: `generate ${scale.demoCustomers.toLocaleString()} demo customers + events (${r.events.toLocaleString()} events)`,
        db: name,
        figure: `${fmt(r.seconds, 1)} s (${fmt(r.customers / r.seconds, 0)} customers/s)`,
        baseline: `generator alone: ${fmt(r.generateSeconds, 1)} s`,
        ratio: `${fmt(r.seconds / r.generateSeconds, 2)}x of generating`,
      },
    ];
  });

let plans = [];
if (!only || only === "segments") {
  // Segments are measured on PostgreSQL, the production target, with data kept between runs.
  const adminUrl = process.env.DATABASE_URL?.startsWith("postgres")
    ? process.env.DATABASE_URL
    : "postgres://postgres@127.0.0.1:5432/postgres";
  const r = await benchSegments({
    adminUrl,
    customers: scale.segmentCustomers,
    inMemoryLimit: 200_000,
  });
  rows.push(...r.rows);
  plans = r.plans;
}

const sections = [];
if (!only || only === "loyalty") {
  // Order ingest with loyalty earning, on PostgreSQL in a fresh database of its own.
  const adminUrl = process.env.DATABASE_URL?.startsWith("postgres")
    ? process.env.DATABASE_URL
    : "postgres://postgres@127.0.0.1:5432/postgres";
  const r = await benchLoyalty({ adminUrl, ...loyaltyScale });
  rows.push(...r.rows);
  plans.push(...r.plans);
  sections.push(...r.sections);
}

if (!only || only === "analytics") {
  // The dashboard and NPS on PostgreSQL, in a database kept between runs.
  const adminUrl = process.env.DATABASE_URL?.startsWith("postgres")
    ? process.env.DATABASE_URL
    : "postgres://postgres@127.0.0.1:5432/postgres";
  const r = await benchAnalytics({ adminUrl, ...analyticsScale });
  rows.push(...r.rows);
  plans.push(...r.plans);
  sections.push(...r.sections);
}

if (!only || only === "import") {
  const adminUrl = process.env.DATABASE_URL?.startsWith("postgres")
    ? process.env.DATABASE_URL
    : "postgres://postgres@127.0.0.1:5432/postgres";
  const r = await benchImport({ adminUrl, ...importScale });
  rows.push(...r.rows);
  sections.push(...r.sections);
}

// Scaling takes an hour or more at full size: only when asked for (or tiny, for CI).
if (only === "scaling" || (!only && tiny)) {
  const adminUrl = process.env.DATABASE_URL?.startsWith("postgres")
    ? process.env.DATABASE_URL
    : "postgres://postgres@127.0.0.1:5432/postgres";
  if (scalingScale.sizes.some((n) => !Number.isSafeInteger(n) || n < 100))
    throw new Error(`BENCH_SCALING_SIZES: customer counts of at least 100, comma-separated`);
  const r = await benchScaling({
    adminUrl,
    ...scalingScale,
    resultsFile: tiny ? null : join(ROOT, "tests", "bench", "RESULTS.scaling.json"),
  });
  sections.push(...r.sections);
}

const header = ["benchmark", "database", "figure", "baseline", "ratio"];
const table = [
  `| ${header.join(" | ")} |`,
  `| ${header.map(() => "---").join(" | ")} |`,
  ...rows.map((r) => `| ${[r.bench, r.db, r.figure, r.baseline, r.ratio].join(" | ")} |`),
].join("\n");
console.log(`\n${table}\n`);
for (const s of sections) console.log(`${s}\n`);
if (plans.length) console.log(`EXPLAIN plans:\n\n${plans.join("\n\n")}\n`);
if (!tiny) {
  const file = only ? `RESULTS.${only}.md` : "RESULTS.md";
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  writeFileSync(
    join(ROOT, "tests", "bench", file),
    `# Benchmark results\n\nLatest \`pnpm bench\` on this machine kind (2 cores, Node ${process.versions.node}), ${when} UTC.\n\n${rows.length ? `${table}\n` : ""}${sections.map((s) => `\n${s}\n`).join("")}${plans.length ? `\n## EXPLAIN plans\n\n\`\`\`\n${plans.join("\n\n")}\n\`\`\`\n` : ""}`,
  );
  console.log(`wrote tests/bench/${file}`);
}
