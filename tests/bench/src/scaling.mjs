// Scaling (PostgreSQL): how the cost of the same work grows with the number of customers.
// For each size: a fresh database of demo customers with events (the segments bench's data
// and per-customer mix), then a full refresh of every lifecycle template, a few template
// counts, order ingest over HTTP at a fixed concurrency, the incremental refresh of the
// customers those orders touched, and the database's size on disk. One size per process is
// the intended use (`BENCH_SCALING_SIZES=1000000`): every measured size is kept in
// RESULTS.scaling.json and the table in RESULTS.scaling.md is rebuilt from all of them, so a
// shared machine's benchmark lock can be released between sizes.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { loginCookie, gql, ROOT, startApi } from "@trouw/test-support/api-process";
import { BENCH_NOW, ensureData, query, templateSegments } from "./segments.mjs";
import { drive, percentile, poster, summarize } from "./loyalty.mjs";

const require = createRequire(import.meta.url);
const domain = require(require.resolve("@trouw/domain", { paths: [join(ROOT, "apps", "api")] }));

const ADMIN = { FIRST_ADMIN_EMAIL: "bench@trouw.local", FIRST_ADMIN_PASSWORD: "bench-password" };
/** Template counts timed at every size: two facts-only rules, the two slowest at 1M. */
const COUNTED = ["lookers", "active", "unhappy", "at_risk"];
const RECORD_ORDER = `mutation($i: RecordOrderInput!, $k: String) { recordOrder(input: $i, idempotencyKey: $k) { id } }`;
const CATEGORIES = ["shoes", "bags", "socks"];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

/** Order i goes to a demo customer spread over the whole set (a large odd stride). */
function scalingOrder(i, customers) {
  const n = 1 + ((i * 7_919 + 13) % customers);
  return {
    query: RECORD_ORDER,
    variables: {
      k: `bench-scale-order-${i}`,
      i: {
        customerExternalId: `CUST-${String(n).padStart(7, "0")}`,
        orderId: `bench-scale-${i}`,
        currency: "EUR",
        occurredAt: new Date(BENCH_NOW.getTime() - (i % 86_400) * 1000).toISOString(),
        lines: [
          {
            productId: `sku-${i % 97}`,
            category: CATEGORIES[i % 3],
            quantity: 1 + (i % 2),
            amountMinor: 1000 + (i % 50) * 100,
            discountMinor: i % 4 === 0 ? 200 : 0,
          },
        ],
      },
    },
  };
}

async function admin(adminUrl, sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

/** Measures one size; returns a plain object of figures (milliseconds, bytes, counts). */
async function measureSize({ adminUrl, customers, orders, clients, runs, keep, slice, partial }) {
  const name = `trouw_bench_scale_${customers}`;
  const loadBefore = partial?.loadBefore ?? load();
  if (!partial) await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const timings = { ...partial?.timings };
  const db = await ensureData(adminUrl, customers, {
    name,
    timings,
    resume: Boolean(partial),
    slice,
  });
  // Written in slices (the lock released between): the database stays for the next call.
  if (!db) return { customers, partial: true, loadBefore, timings };
  const generateMs =
    (timings.writeMs ?? 0) +
    (timings.surveysMs ?? 0) +
    (timings.factsMs ?? 0) +
    (timings.vacuumMs ?? 0);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const r = { customers, loadBefore, generateMs, ...timings };
  try {
    const [{ events }] = await db.read((em) =>
      em.query(`SELECT count(*)::bigint AS events FROM events`),
    );
    r.events = Number(events);

    // Full refresh of every lifecycle template (first: all members enter; again: no change).
    console.log(`[${customers}] full refresh of the lifecycle templates...`);
    const { refreshAll, services, segments, cleanUp } = await templateSegments(db);
    const first = await refreshAll();
    const again = await refreshAll();
    r.templates = segments.length;
    r.refreshFirstMs = first.ms;
    r.refreshEntries = first.entered;
    r.refreshAgainMs = again.ms;
    r.refreshConcurrency = first.concurrency;

    // Template counts: p50 of `runs` runs each.
    r.counts = {};
    for (const key of COUNTED) {
      const compiled = domain.compileRule(domain.instantiateTemplate(key), {
        now: BENCH_NOW,
        facts: true,
      });
      const sql = `SELECT count(*)::int AS n FROM ${compiled.from} WHERE ${compiled.sql}`;
      const times = [];
      let n = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        n = (await query(db, sql, compiled.params))[0].n;
        times.push(performance.now() - started);
      }
      r.counts[key] = { members: n, p50: percentile(Float64Array.from(times).sort(), 50) };
    }

    // Order ingest over HTTP: the built API on this database, its own scheduler held off (no
    // stale segments, no polling) so the incremental refresh below is measured on its own.
    console.log(`[${customers}] order ingest over HTTP, ${clients} clients...`);
    await db.transaction((em) => em.query(`DELETE FROM segment_dirty_customers`));
    const api = await startApi({
      env: {
        ...ADMIN,
        DATABASE_URL: url.toString(),
        LOG_LEVEL: "warn",
        API_KEY_RATE_LIMIT_PER_SECOND: "0",
        SEGMENT_REFRESH_MINUTES: String(100_000_000),
        JOBS_POLL_MS: String(2_000_000_000),
      },
    });
    try {
      const cookie = await loginCookie(
        api.base,
        ADMIN.FIRST_ADMIN_EMAIL,
        ADMIN.FIRST_ADMIN_PASSWORD,
      );
      const created = await gql(
        api.base,
        `mutation { createApiKey(name: "bench-scaling", scopes: [READ, WRITE]) { secret } }`,
        {},
        { cookie },
      );
      if (created.body.errors) throw new Error(JSON.stringify(created.body.errors));
      const post = poster(api.base, {
        authorization: `Bearer ${created.body.data.createApiKey.secret}`,
      });
      try {
        const warm = Math.max(clients, Math.round(orders / 10));
        await drive({ post, clients, from: 0, orders: warm, customers, request: scalingOrder });
        const run = await drive({
          post,
          clients,
          from: warm,
          orders,
          customers,
          request: scalingOrder,
        });
        const lat = summarize(run.latencies);
        r.ingest = {
          clients,
          orders: run.sent,
          warm,
          rate: run.sent / run.elapsed,
          p50: lat.p50,
          p99: lat.p99,
        };
      } finally {
        post.close();
      }
    } finally {
      await api.stop();
    }

    // Incremental refresh: every segment re-evaluated for the customers the orders touched.
    const [{ dirty }] = await db.read((em) =>
      em.query(`SELECT count(*)::int AS dirty FROM segment_dirty_customers`),
    );
    const incStarted = performance.now();
    let refreshed = 0;
    for (;;) {
      const pass = await services.segments.refreshDirtyCustomers();
      if (pass.customers === 0) break;
      refreshed += pass.customers;
    }
    r.incremental = { dirty, refreshed, ms: performance.now() - incStarted };
    await cleanUp();

    // Size on disk, whole database and the largest tables (with their indexes and TOAST).
    const [{ bytes }] = await db.read((em) =>
      em.query(`SELECT pg_database_size(current_database())::bigint AS bytes`),
    );
    r.dbBytes = Number(bytes);
    r.tables = (
      await db.read((em) =>
        em.query(
          `SELECT c.relname AS name, pg_total_relation_size(c.oid)::bigint AS bytes FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 2 DESC LIMIT 6`,
        ),
      )
    ).map((t) => ({ name: t.name, bytes: Number(t.bytes) }));
  } finally {
    await db.close();
    if (!keep) await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  r.loadAfter = load();
  r.at = new Date().toISOString().slice(0, 16).replace("T", " ");
  return r;
}

const sec = (ms) =>
  ms >= 3_600_000
    ? `${(ms / 3_600_000).toFixed(1)} h`
    : ms >= 100_000
      ? `${int(ms / 1000)} s`
      : `${(ms / 1000).toFixed(1)} s`;
const msf = (ms) => (ms >= 10_000 ? sec(ms) : `${ms < 10 ? ms.toFixed(1) : int(ms)} ms`);
const gb = (b) => (b >= 1e9 ? `${(b / 1e9).toFixed(1)} GB` : `${(b / 1e6).toFixed(0)} MB`);
const int = (n) => Math.round(n).toLocaleString("en-US");

/** The measures as table rows: label, a number (for growth), how to show it. */
function measures(r) {
  const list = [
    ["events", r.events, int],
    ["data generation (write + answers + facts + VACUUM ANALYZE)", r.generateMs, sec],
    ["  of which demo write (customers + events)", r.writeMs, sec],
    ["  of which facts rebuild", r.factsMs, sec],
    [
      `full refresh, ${r.templates} lifecycle templates, first (all enter), ${r.refreshConcurrency} jobs at a time`,
      r.refreshFirstMs,
      sec,
    ],
    ["  memberships written by that first refresh", r.refreshEntries, int],
    [`full refresh again (nothing changed)`, r.refreshAgainMs, sec],
    ...COUNTED.map((k) => [`template ${k}: count, p50`, r.counts[k].p50, msf]),
    [
      `ingest: recordOrder over HTTP, ${r.ingest.clients} clients, orders/s`,
      r.ingest.rate,
      (v) => `${int(v)}/s`,
    ],
    ["ingest p50", r.ingest.p50, msf],
    ["ingest p99", r.ingest.p99, msf],
    [
      `incremental refresh of all templates for the ${int(r.incremental.refreshed)} customers those orders touched`,
      r.incremental.ms,
      sec,
    ],
    ["database size on disk", r.dbBytes, gb],
    ...r.tables.slice(0, 4).map((t) => [`  table ${t.name} (with indexes)`, t.bytes, gb]),
  ];
  return list;
}

/** Markdown: one column per size, each figure with its growth against the smallest size. */
export function scalingTable(results) {
  const sizes = [...results].sort((a, b) => a.customers - b.customers);
  if (!sizes.length) return "";
  const base = sizes[0];
  const baseRows = measures(base);
  const head = [
    "measure",
    ...sizes.map(
      (s, i) =>
        `${int(s.customers)} customers${i ? ` (${(s.customers / base.customers).toFixed(0)}x)` : ""}`,
    ),
  ];
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`];
  baseRows.forEach(([label], row) => {
    const cells = sizes.map((s, i) => {
      const m = measures(s)[row];
      if (!m || m[1] == null) return "";
      const [, v, show] = m;
      const b = baseRows[row][1];
      return i && b ? `${show(v)} (${(v / b).toFixed(1)}x)` : show(v);
    });
    lines.push(`| ${label.replace(/^ {2}/, "&nbsp;&nbsp;")} | ${cells.join(" | ")} |`);
  });
  lines.push(
    `| load average before / after (1, 5, 15 min) | ${sizes.map((s) => `${s.loadBefore} → ${s.loadAfter}`).join(" | ")} |`,
    `| measured at (UTC) | ${sizes.map((s) => s.at).join(" | ")} |`,
  );
  return lines.join("\n");
}

/**
 * Extrapolation to 10M and 50M customers, two ways for each figure that grows: as the power
 * law customers^k fitted on the two largest measured sizes, and linearly from the largest
 * (k = 1). The fitted k of a scan is below 1 while fixed costs (planning, parallel workers,
 * one job per segment) are still a visible share of it; a scan of a table that has to be read
 * in full cannot grow slower than linearly for long, so linear is the honest upper estimate
 * and the fit the optimistic one. Figures that do not depend on the number of customers
 * (ingest) get the fit only.
 */
export function extrapolation(results, targets = [10_000_000, 50_000_000]) {
  const sizes = [...results].sort((a, b) => a.customers - b.customers);
  if (sizes.length < 2) return "";
  const [lo, hi] = sizes.slice(-2);
  const loRows = measures(lo);
  const head = [
    "measure",
    `k (${int(lo.customers)} → ${int(hi.customers)})`,
    ...targets.map((t) => `${int(t)}: fitted k / linear`),
  ];
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`];
  measures(hi).forEach(([label, v, show], row) => {
    const a = loRows[row]?.[1];
    if (!a || !v || label.startsWith("  ") || label.startsWith("events")) return;
    const k = Math.log(v / a) / Math.log(hi.customers / lo.customers);
    const flat = label.startsWith("ingest");
    const cells = targets.map((t) => {
      const fitted = show(v * (t / hi.customers) ** k);
      return flat ? `${fitted} / n.a.` : `${fitted} / ${show(v * (t / hi.customers))}`;
    });
    lines.push(`| ${label} | ${k.toFixed(2)} | ${cells.join(" | ")} |`);
  });
  return lines.join("\n");
}

export async function benchScaling({
  adminUrl,
  sizes,
  orders,
  clients,
  runs,
  slice = Infinity,
  resultsFile,
}) {
  const keep = process.env.BENCH_SCALING_KEEP === "1";
  const stored =
    resultsFile && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : [];
  const measured = [];
  for (const customers of sizes) {
    console.log(`scaling: ${int(customers)} customers (load ${load()})`);
    const partial = stored.find((s) => s.customers === customers && s.partial);
    const r = await measureSize({
      adminUrl,
      customers,
      orders,
      clients,
      runs,
      keep,
      slice,
      partial,
    });
    if (r.partial) console.log(`scaling: ${int(customers)} written in part; run again to go on`);
    else measured.push(r);
    if (resultsFile) {
      const all = [...stored.filter((s) => s.customers !== customers), r];
      stored.splice(0, stored.length, ...all);
      writeFileSync(resultsFile, `${JSON.stringify(stored, null, 2)}\n`);
    }
  }
  const results = (resultsFile ? stored : measured).filter((r) => !r.partial);
  return {
    sections: [
      `## Scaling (PostgreSQL)\n\n${scalingTable(results)}`,
      `## Extrapolated: fitted power law / linear from the largest size\n\n${extrapolation(results)}`,
    ],
    results,
  };
}
