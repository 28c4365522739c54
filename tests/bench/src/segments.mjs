// Segments at scale (PostgreSQL): the count of every lifecycle template and of a 3-level
// nested rule with two behavioural aggregates, compiled SQL vs hand-written SQL vs the
// in-memory evaluator; a full refresh of all lifecycle templates; EXPLAIN plans kept.
import { createRequire } from "node:module";
import { join } from "node:path";
import pg from "pg";
import { ROOT } from "@trouw/test-support/api-process";

const require = createRequire(import.meta.url);
const dist = join(ROOT, "apps", "api", "dist");
require(require.resolve("reflect-metadata", { paths: [join(ROOT, "apps", "api")] }));
const domain = require(require.resolve("@trouw/domain", { paths: [join(ROOT, "apps", "api")] }));
const { openDatabase } = require(join(dist, "db", "database.js"));
const { generateDemo } = require(join(dist, "demo", "generator.js"));
const { writeDemo } = require(join(dist, "demo", "writer.js"));
const { withDemoTarget } = require(join(dist, "demo", "target.js"));
const { loadSubjects } = require(join(dist, "modules", "segments", "subjects.js"));
const { rebuildFacts } = require(join(dist, "modules", "segments", "facts.js"));
const { SEGMENT_SQL_SETTINGS } = require(join(dist, "modules", "segments", "settings.js"));
const { createServices } = require(join(dist, "services.js"));

export const BENCH_NOW = new Date("2026-11-01T00:00:00Z");
const BENCH_SURVEY = "00000000-0000-4000-9000-00000000005e";
const DAYS = (n) => n;

/** Orders in the last 90 days ≥ 2 AND (distinct categories ≥ 2 OR (NOT lapsed AND tag vip)). */
export const NESTED_RULE = {
  version: 1,
  root: {
    type: "and",
    children: [
      {
        type: "condition",
        kind: "event_aggregate",
        args: {
          filter: { types: ["order"] },
          window: { kind: "last_days", days: DAYS(90) },
          aggregate: "count",
          compare: { op: "gte", value: 2 },
        },
      },
      {
        type: "or",
        children: [
          {
            type: "condition",
            kind: "event_aggregate",
            args: {
              filter: { types: ["order"] },
              window: { kind: "all" },
              aggregate: "sum",
              measure: "amount",
              compare: { op: "gte", value: 20000 },
            },
          },
          {
            type: "and",
            children: [
              {
                type: "not",
                child: {
                  type: "condition",
                  kind: "enum_field",
                  args: { field: "acquisitionSource", op: "eq", values: ["campaign"] },
                },
              },
              { type: "condition", kind: "tags", args: { op: "contains_any", tags: ["vip"] } },
            ],
          },
        ],
      },
    ],
  },
};

/** The same rule as a person would write it by hand. */
export const NESTED_HAND_SQL = `
  SELECT count(*) FROM customers c
  LEFT JOIN (SELECT customer_id, count(*) FILTER (WHERE occurred_at >= $1::timestamptz - interval '90 days' AND occurred_at <= $1::timestamptz) AS recent, sum(amount_minor) AS total
             FROM events WHERE type = 'order' GROUP BY customer_id) o ON o.customer_id = c.id
  WHERE coalesce(o.recent, 0) >= 2
    AND (coalesce(o.total, 0) >= 20000 OR (c.acquisition_source IS DISTINCT FROM 'campaign' AND c.tags && ARRAY['vip']))`;

/** Membership and its history have no foreign keys: they go with their segment explicitly. */
const DELETE_BENCH_SEGMENTS = `
  DELETE FROM segment_membership_changes WHERE segment_id IN (SELECT id FROM segments WHERE name LIKE 'bench %');
  DELETE FROM segment_members WHERE segment_id IN (SELECT id FROM segments WHERE name LIKE 'bench %');
  DELETE FROM segments WHERE name LIKE 'bench %'`;

export async function timed(fn, runs = 2) {
  let best = Infinity;
  let value;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = await fn();
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, value };
}

/**
 * Opens (creating and filling when needed) a database of `customers` demo customers with their
 * events, NPS answers and folded facts. Kept between runs under `name`; `timings`, if given,
 * gets the milliseconds each generation step took (write, surveys, facts). With `slice`, at
 * most that many customers are written per call and null is returned until all are there;
 * with `resume`, a partly written database is continued (the generator is deterministic:
 * the batches already written are generated again and skipped, their time kept apart).
 */
export async function ensureData(
  adminUrl,
  customers,
  { name = `trouw_bench_seg_${customers}`, timings = {}, resume = false, slice = Infinity } = {},
) {
  const step = async (key, fn) => {
    const started = performance.now();
    const value = await fn();
    timings[key] = (timings[key] ?? 0) + performance.now() - started;
    return value;
  };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists =
    (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount > 0;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ DATABASE_URL: url.toString(), DATA_DIR: ".data" });
  const [{ n }] = await db.read((em) => em.query(`SELECT count(*)::int AS n FROM customers`));
  if (n !== customers) {
    const batch = 1000;
    const from = resume && n < customers && n % batch === 0 ? n : 0;
    const upTo = Math.min(customers, from + slice);
    console.log(
      `generating customers ${from.toLocaleString()} to ${upTo.toLocaleString()} of ${customers.toLocaleString()} into ${name} (kept for later runs)...`,
    );
    if (from === 0)
      await db.transaction((em) =>
        em.query(
          `TRUNCATE customers, events, support_contacts, segments, segment_members, segment_membership_changes, segment_dirty_customers, jobs CASCADE`,
        ),
      );
    // The batches [from, upTo) of the whole data set; generating the ones before is timed apart.
    function* between() {
      let index = 0;
      let skipStarted = from > 0 ? performance.now() : null;
      for (const b of generateDemo({ customers, seed: 7, now: BENCH_NOW, batchSize: batch })) {
        index += 1;
        if (index * batch <= from) continue;
        if (skipStarted !== null) {
          timings.skipMs = (timings.skipMs ?? 0) + performance.now() - skipStarted;
          skipStarted = null;
        }
        if ((index - 1) * batch >= upTo) return;
        yield b;
      }
    }
    const skipped = timings.skipMs ?? 0;
    await step("writeMs", () => withDemoTarget(db, (target) => writeDemo(target, between())));
    timings.writeMs -= (timings.skipMs ?? 0) - skipped;
    if (upTo < customers) {
      await db.close();
      return null;
    }
  }
  // Survey answers (the demo has none): NPS and CSAT from every 10th customer, so the
  // survey conditions ("Unhappy" ORs in NPS detractors, "Advocates" promoters) find some.
  const [{ answered }] = await db.read((em) =>
    em.query(`SELECT count(*)::int AS answered FROM survey_responses`),
  );
  if (answered === 0) {
    console.log(`answering an NPS survey for every 10th customer...`);
    await step("surveysMs", () =>
      db.transaction(async (em) => {
        await em.query(
          `INSERT INTO surveys (id, title, status, definition, created_by, created_at, updated_at)
         VALUES ($1, 'bench NPS', 'active', '{}', 'bench', $2, $2) ON CONFLICT (id) DO NOTHING`,
          [BENCH_SURVEY, BENCH_NOW],
        );
        const hash = (salt) => `(hashtext(c.id::text || '${salt}') & 2147483647)`;
        await em.query(
          `INSERT INTO survey_responses (id, survey_id, customer_id, source, locale, answers, nps_score, csat_score, submitted_by, submitted_at)
         SELECT gen_random_uuid(), $1, c.id, 'api', 'en', '{}', ${hash("n")} % 11, 1 + ${hash("c")} % 5, 'bench',
                $2::timestamptz - (${hash("t")} % 365) * interval '1 day'
         FROM customers c WHERE ${hash("")} % 10 = 0`,
          [BENCH_SURVEY, BENCH_NOW],
        );
      }),
    );
  }
  // Facts as ingest folds them (the demo writer bulk-loads events without folding).
  const [{ facts }] = await db.read((em) =>
    em.query(`SELECT count(*)::int AS facts FROM customer_facts`),
  );
  if (n !== customers || facts === 0 || answered === 0) {
    console.log(`rebuilding customer facts from events...`);
    await step("factsMs", () => db.transaction((em) => rebuildFacts(em)));
    await step("vacuumMs", () => db.read((em) => em.query(`VACUUM ANALYZE`)));
  }
  return db;
}

/** Runs segment SQL as the service does: in a transaction with its session settings. */
export function query(db, sql, params) {
  return db.transaction(async (em) => {
    await em.query(SEGMENT_SQL_SETTINGS);
    return em.query(sql, params);
  });
}

/** The plan as executed: which branches ran (a fallback over events shows "never executed"). */
async function explain(db, sql, params) {
  const rows = await query(db, `EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

/** Runs the in-memory evaluator over every customer, streaming subjects in pages. */
async function evaluateInMemory(db, rule) {
  let count = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const ids = await db.read((em) =>
      em.query(`SELECT id FROM customers WHERE id > $1 ORDER BY id LIMIT 5000`, [after]),
    );
    if (ids.length === 0) return count;
    const subjects = await db.read((em) =>
      loadSubjects(
        em,
        ids.map((r) => r.id),
      ),
    );
    for (const s of subjects) if (domain.evaluateRule(rule, s, { now: BENCH_NOW })) count += 1;
    after = ids.at(-1).id;
  }
}

/**
 * Saves every lifecycle template as a segment ("bench <key>") through the service; `refreshAll`
 * refreshes them all as production does (one refresh job per segment, run by the job runner,
 * two at a time on PostgreSQL); `cleanUp` deletes them, their members, history and jobs.
 */
export async function templateSegments(db) {
  const lifecycle = domain.SEGMENT_TEMPLATES.filter((t) => t.group === "lifecycle");
  const services = createServices(
    db,
    { now: () => BENCH_NOW },
    { SESSION_SECRET: "x".repeat(32), SESSION_TTL_HOURS: 1 },
    { info() {}, warn() {}, error() {} },
  );
  await db.transaction((em) => em.query(DELETE_BENCH_SEGMENTS));
  const actor = {
    actor: {
      kind: "apiKey",
      id: "00000000-0000-4000-8000-000000000000",
      name: "bench",
      scopes: ["write"],
    },
    caller: "bench",
  };
  const segs = [];
  for (const t of lifecycle)
    segs.push(
      await services.segments.create(actor, {
        name: `bench ${t.key}`,
        rule: domain.instantiateTemplate(t.key),
      }),
    );
  // A first refresh: every member enters (membership and history written in bulk).
  const enteredSoFar = async () =>
    (
      await db.read((em) =>
        em.query(
          `SELECT coalesce(sum(entered), 0)::int AS n FROM segment_refreshes WHERE segment_id = ANY($1)`,
          [segs.map((s) => s.id)],
        ),
      )
    )[0].n;
  const refreshAll = async () => {
    const before = await enteredSoFar();
    const started = performance.now();
    for (const s of segs) await services.segments.requestRefresh(s.id);
    await services.jobs.runReady();
    const ms = performance.now() - started;
    return {
      ms,
      entered: (await enteredSoFar()) - before,
      concurrency: services.jobs.concurrency,
    };
  };
  const cleanUp = () =>
    db.transaction((em) => em.query(`DELETE FROM jobs; ${DELETE_BENCH_SEGMENTS}`));
  return { services, segments: segs, refreshAll, cleanUp };
}

export async function benchSegments({ adminUrl, customers, inMemoryLimit }) {
  const db = await ensureData(adminUrl, customers);
  const rows = [];
  const plans = [];
  try {
    const lifecycle = domain.SEGMENT_TEMPLATES.filter((t) => t.group === "lifecycle");
    for (const t of lifecycle) {
      const compiled = domain.compileRule(domain.instantiateTemplate(t.key), {
        now: BENCH_NOW,
        facts: true,
      });
      const sql = `SELECT count(*)::int AS n FROM ${compiled.from} WHERE ${compiled.sql}`;
      const r = await timed(() => query(db, sql, compiled.params));
      rows.push({
        bench: `template ${t.key}: count`,
        figure: `${r.value[0].n.toLocaleString()} members in ${r.ms.toFixed(0)} ms`,
        baseline: "target < 1,000 ms",
        ratio: `${(r.ms / 1000).toFixed(2)}x of target`,
      });
      plans.push(`-- ${t.key}\n${await explain(db, sql, compiled.params)}`);
    }

    const compiled = domain.compileRule(NESTED_RULE, { now: BENCH_NOW, facts: true });
    const sql = `SELECT count(*)::int AS n FROM ${compiled.from} WHERE ${compiled.sql}`;
    const c = await timed(() => query(db, sql, compiled.params));
    const h = await timed(() => query(db, NESTED_HAND_SQL, [BENCH_NOW.toISOString()]));
    if (Number(h.value[0].count) !== c.value[0].n)
      throw new Error(`hand-written SQL found ${h.value[0].count}, compiled ${c.value[0].n}`);
    rows.push({
      bench: "nested rule (3 levels, 2 aggregates): compiled SQL",
      figure: `${c.value[0].n.toLocaleString()} in ${c.ms.toFixed(0)} ms`,
      baseline: `hand-written SQL: ${h.ms.toFixed(0)} ms`,
      ratio: `${(c.ms / h.ms).toFixed(2)}x of hand-written (target ≤ 1.5x)`,
    });
    plans.push(`-- nested rule, compiled\n${await explain(db, sql, compiled.params)}`);
    plans.push(
      `-- nested rule, hand-written\n${await explain(db, NESTED_HAND_SQL, [BENCH_NOW.toISOString()])}`,
    );

    if (customers <= inMemoryLimit) {
      const m = await timed(() => evaluateInMemory(db, NESTED_RULE), 1);
      if (m.value !== c.value[0].n)
        throw new Error(`in-memory evaluator found ${m.value}, SQL ${c.value[0].n}`);
      rows.push({
        bench: "nested rule: in-memory evaluator (oracle), same data",
        figure: `${m.value.toLocaleString()} in ${m.ms.toFixed(0)} ms`,
        baseline: `compiled SQL: ${c.ms.toFixed(0)} ms`,
        ratio: `${(m.ms / c.ms).toFixed(1)}x of SQL`,
      });
    } else {
      rows.push({
        bench: "nested rule: in-memory evaluator (oracle)",
        figure: `skipped above ${inMemoryLimit.toLocaleString()} customers`,
        baseline: "",
        ratio: "",
      });
    }

    // Full refresh of all lifecycle templates through the service, as the job runner does it.
    const { refreshAll, cleanUp } = await templateSegments(db);
    const first = await refreshAll();
    // Again, nothing changed: the cost of computing the sets and finding no difference.
    const again = await refreshAll();
    await cleanUp();
    rows.push(
      {
        bench: `full refresh of all ${lifecycle.length} lifecycle templates, ${first.concurrency} jobs at a time (first: ${first.entered.toLocaleString()} entries)`,
        figure: `${(first.ms / 1000).toFixed(1)} s`,
        baseline: "target < 30 s",
        ratio: `${(first.ms / 30_000).toFixed(2)}x of target`,
      },
      {
        bench: `full refresh of all ${lifecycle.length} lifecycle templates again (nothing changed)`,
        figure: `${(again.ms / 1000).toFixed(1)} s`,
        baseline: "target < 30 s",
        ratio: `${(again.ms / 30_000).toFixed(2)}x of target`,
      },
    );
  } finally {
    await db.close();
  }
  return { rows: rows.map((r) => ({ ...r, db: "PostgreSQL" })), plans };
}
