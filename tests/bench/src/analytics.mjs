// Analytics at scale (PostgreSQL): NPS by month over N survey responses and the admin
// dashboard (retention, orders, CLV, loyalty liability, NPS, segment sizes) over the customers,
// events and ledger of the segments bench, through the GraphQL API of an in-process server.
// Beside each: what the rollups replace (the same figure from the source tables). The SQL of
// one dashboard request is captured and EXPLAINed.
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { ROOT } from "@trouw/test-support/api-process";

const require = createRequire(import.meta.url);
const api = join(ROOT, "apps", "api");
const dist = join(api, "dist");
const fromApi = (name) => require(require.resolve(name, { paths: [api] }));
fromApi("reflect-metadata");
const apiPg = fromApi("pg");
const pino = fromApi("pino");
const { loadConfig } = fromApi("@trouw/config");
const { openDatabase } = require(join(dist, "db", "database.js"));
const { createApp } = require(join(dist, "app.js"));
const { generateDemo } = require(join(dist, "demo", "generator.js"));
const { writeDemo } = require(join(dist, "demo", "writer.js"));
const { withDemoTarget } = require(join(dist, "demo", "target.js"));
const { seedDemoLoyalty } = require(join(dist, "demo", "loyalty.js"));
const { rebuildFacts } = require(join(dist, "modules", "segments", "facts.js"));

/** The segments bench generates its data with this "now"; the figures are read as of then. */
export const BENCH_NOW = new Date("2026-11-01T00:00:00Z");
export const TARGET_MS = 500;
const DAY = 86_400_000;
const ACTOR = {
  actor: {
    kind: "apiKey",
    id: "00000000-0000-4000-8000-000000000000",
    name: "bench",
    scopes: ["write"],
  },
  caller: "bench",
};
const SEGMENT_NAME = "bench analytics: referred customers";

const fmt = (ms) => `${ms.toFixed(0)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function exists(adminUrl, name) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount > 0;
  } finally {
    await c.end();
  }
}

function urlOf(adminUrl, name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The database, kept between runs: a copy of the segments bench's (same customers and events)
 * when there is one, else generated; then survey responses, the demo loyalty programs with
 * some redemptions and expiries, and a segment to filter by.
 */
async function ensureData({ adminUrl, customers, log }) {
  const name = `trouw_bench_ana_${customers}`;
  const template = `trouw_bench_seg_${customers}`;
  if (!(await exists(adminUrl, name))) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      if (await exists(adminUrl, template)) {
        log(`copying ${template} into ${name}...`);
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY = FILE_COPY`);
      } else await admin.query(`CREATE DATABASE ${name}`);
    } catch (err) {
      log(`(could not copy ${template}: ${err.message}; starting empty)`);
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
  }
  log(`migrating ${name} (the analytics migration backfills its rollups)...`);
  const db = await openDatabase({ DATABASE_URL: urlOf(adminUrl, name), DATA_DIR: ".data" });
  const one = async (sql, params) => (await db.read((em) => em.query(sql, params)))[0];
  const { n } = await one(`SELECT count(*)::int AS n FROM customers`);
  if (n !== customers) {
    log(`generating ${customers.toLocaleString()} customers into ${name} (kept for later runs)...`);
    await db.transaction((em) =>
      em.query(
        `TRUNCATE customers, events, support_contacts, segments, segment_members, segment_membership_changes, segment_dirty_customers, jobs, survey_responses, survey_invitations, surveys, ledger_entries, ledger_lots, loyalty_accounts, redemptions, rewards, loyalty_campaigns, loyalty_programs CASCADE`,
      ),
    );
    await withDemoTarget(db, (target) =>
      writeDemo(target, generateDemo({ customers, seed: 7, now: BENCH_NOW })),
    );
    await db.transaction((em) => rebuildFacts(em));
  }
  return { db, name, one };
}

async function ensureExtras({ db, one, services, customers, responses, log }) {
  const { r } = await one(`SELECT count(*)::int AS r FROM survey_responses`);
  if (r < responses) {
    log(`adding ${(responses - r).toLocaleString()} survey responses...`);
    const survey = await services.surveys.createFromTemplate(ACTOR, "starter");
    await services.surveys.setStatus(survey.id, "active");
    const perCustomer = Math.ceil((responses - r) / customers);
    // Scores skewed like a real shop (45% promoters, 25% passives), spread over three years.
    await db.transaction((em) =>
      em.query(
        `INSERT INTO survey_responses (id, survey_id, customer_id, source, locale, answers, nps_score, submitted_by, submitted_at)
         SELECT gen_random_uuid(), $1, c.id, 'api', 'en', jsonb_build_object('nps', s.score), s.score, 'bench',
           $2::timestamptz - ((abs(hashtext(c.id::text || k)) % (3 * 365 * 86400)) * interval '1 second') - interval '1 second'
         FROM (SELECT id FROM customers ORDER BY id LIMIT $3) c
         CROSS JOIN generate_series(1, $4::int) AS k
         CROSS JOIN LATERAL (SELECT abs(hashtext(c.id::text || 'nps' || k)) % 100 AS p) AS x
         CROSS JOIN LATERAL (SELECT (CASE WHEN x.p < 45 THEN 9 + x.p % 2 WHEN x.p < 70 THEN 7 + x.p % 2 ELSE x.p % 7 END)::smallint AS score) AS s
         LIMIT $5`,
        [survey.id, BENCH_NOW, customers, perCustomer, responses - r],
      ),
    );
  }
  const { p } = await one(`SELECT count(*)::int AS p FROM loyalty_programs`);
  if (p === 0) {
    log(`seeding the demo loyalty programs (opening balances from 24 months of orders)...`);
    await seedDemoLoyalty(db, services, BENCH_NOW);
    // Redemptions and expiries, so liability and redemption rate have something to show:
    // one in ten members of each points program redeems up to 500 points, one in twenty loses
    // 100 to expiry, at a time of the last year fixed by their id. Balances follow; lots do not
    // (this database only feeds the dashboard).
    await db.transaction(async (em) => {
      for (const [kind, share, points] of [
        ["burn", 10, 500],
        ["expire", 20, 100],
      ])
        await em.query(
          `WITH picked AS (
             SELECT program_id, customer_id, least(balance, $3::bigint) AS amount
             FROM loyalty_accounts WHERE balance > 0 AND abs(hashtext(customer_id::text || $1)) % $2 = 0
           ), written AS (
             INSERT INTO ledger_entries (id, program_id, customer_id, kind, amount, reason, actor, occurred_at, created_at)
             SELECT gen_random_uuid(), program_id, customer_id, $1, -amount, 'Bench ' || $1, 'system:bench',
               $4::timestamptz - (abs(hashtext(customer_id::text)) % 365) * interval '1 day', $4
             FROM picked
           )
           UPDATE loyalty_accounts a SET balance = a.balance - picked.amount
           FROM picked WHERE a.program_id = picked.program_id AND a.customer_id = picked.customer_id`,
          [kind, share, points, BENCH_NOW],
        );
    });
  }
  let [segment] = await db.read((em) =>
    em.query(`SELECT id, member_count FROM segments WHERE name = $1`, [SEGMENT_NAME]),
  );
  if (!segment) {
    log(`creating and refreshing the segment "${SEGMENT_NAME}"...`);
    const s = await services.segments.create(ACTOR, {
      name: SEGMENT_NAME,
      rule: {
        version: 1,
        root: {
          type: "condition",
          kind: "enum_field",
          args: { field: "acquisitionSource", op: "eq", values: ["referral"] },
        },
      },
    });
    await services.segments.refresh(s.id);
    await db.transaction((em) => em.query(`DELETE FROM jobs`));
    // The copied database carries the segments bench's churn: millions of dead member rows
    // (770 MB for 117k live ones) that would make every segment join a scan of dead space.
    await db.read((em) => em.query(`VACUUM FULL segment_members`));
    [segment] = await db.read((em) =>
      em.query(`SELECT id, member_count FROM segments WHERE id = $1`, [s.id]),
    );
  }
  await db.read((em) =>
    em.query(
      `VACUUM ANALYZE survey_responses, segment_members, analytics_customer_activity, analytics_customer_periods, analytics_customer_totals, analytics_retention_stats, analytics_period_totals, analytics_clv_buckets, analytics_ledger_months, analytics_nps_months`,
    ),
  );
  return { segmentId: segment.id, segmentSize: segment.member_count };
}

/** Records the SQL the API's pg driver sends while `capturing` is on. */
function sqlRecorder() {
  const proto = apiPg.Client.prototype;
  const original = proto.query;
  const recorder = { capturing: false, statements: [] };
  proto.query = function recorded(config, values) {
    if (recorder.capturing) {
      const sql = typeof config === "string" ? config : config?.text;
      const params = Array.isArray(values) ? values : config?.values;
      if (sql) recorder.statements.push({ sql, params: params ?? [] });
    }
    return original.apply(this, arguments);
  };
  recorder.restore = () => {
    proto.query = original;
  };
  return recorder;
}

/** Median and best of `runs` timed calls after one warm-up. */
async function timed(fn, runs) {
  await fn();
  const times = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0], value };
}

const DASHBOARD = `query($from: DateTime, $to: DateTime, $seg: ID) {
  dashboard(from: $from, to: $to, period: MONTH, segmentId: $seg) {
    from to
    retention { source periods { periodStart atStart acquired newCustomers reactivated lost atEnd retentionRate churnRate } }
    orders { currency periods { orders customers repeatPurchaseRate revenue { amountMinor } refunded { amountMinor } averageOrderValue { amountMinor } } }
    clv { customers averageHistoric { amountMinor currency } buckets { fromMinor toMinor customers } }
    loyalty { liability { amountMinor currency } programs { name outstanding } periods { earned burned expired redemptionRate liabilityAtEnd { amountMinor } } }
    nps { overall { score total } periods { nps { score total confidence { level } } } }
    segmentSizes(limit: 5) { name memberCount }
  } }`;

const PARTS = {
  retention: `query($from: DateTime, $to: DateTime, $seg: ID) { retention(from: $from, to: $to, segmentId: $seg) { source periods { atStart acquired lost atEnd retentionRate churnRate } } }`,
  orders: `query($from: DateTime, $to: DateTime, $seg: ID) { orderMetrics(from: $from, to: $to, segmentId: $seg) { periods { orders customers repeatPurchaseRate revenue { amountMinor } averageOrderValue { amountMinor } } } }`,
  clv: `query($seg: ID) { clvSummary(segmentId: $seg) { customers averageHistoric { amountMinor } buckets { customers } } }`,
  loyalty: `query($from: DateTime, $to: DateTime) { loyaltyMetrics(from: $from, to: $to) { liability { amountMinor } periods { earned burned redemptionRate } } }`,
  nps: `query($from: DateTime, $to: DateTime, $seg: ID) { npsTrend(from: $from, to: $to, segmentId: $seg) { overall { score } periods { nps { score total } } } }`,
  segmentSizes: `query { segmentSizes(limit: 5) { name memberCount } }`,
};

const NPS_BY_MONTH = `query($from: DateTime, $to: DateTime, $seg: ID) {
  npsTrend(from: $from, to: $to, period: MONTH, segmentId: $seg) {
    overall { score total confidence { level marginOfError } }
    periods { periodStart nps { score promoters passives detractors total confidence { level } } } } }`;

/** NPS per month straight from the responses: what the NPS rollup replaces. */
const NPS_BY_MONTH_SQL = `SELECT date_trunc('month', submitted_at AT TIME ZONE 'UTC') AS month, nps_score, count(*)
  FROM survey_responses WHERE nps_score IS NOT NULL AND submitted_at >= $1 AND submitted_at < $2 GROUP BY 1, 2`;

/** How the figures are computed, for RESULTS.analytics.md. */
const APPROACH = `### How the dashboard stays fast
Every shop-wide figure is read from count-level rollups that statement-level triggers on
events, ledger_entries and survey_responses keep exact at every commit (migration
1764900000000-Analytics): retention stats per month start and step (active, acquired, new),
order totals per month/quarter and currency, CLV counts per three-significant-digit value,
ledger sums per program, month and kind, NPS answers per month and score. Hot rows are
avoided by appending delta rows that readers add to the totals in the same statement and
that \`analytics_compact()\` folds in. A segment's figures come from per-customer rollups
(activity bits per month start, orders per customer and period, lifetime totals) joined with
its members, so they cost in proportion to the data read, not to the events behind them.
Retention for definitions the rollup does not track (other windows or event types) is computed
from events with the same SQL semantics ("events" baseline below). A monthly activity rollup
per customer alone would not do: 3.3M orders fall into 2.9M customer-months, so it reads
almost as many rows as the events.`;

export async function benchAnalytics({ adminUrl, customers, responses, runs = 5 }) {
  const log = (m) => console.log(`[analytics] ${m}`);
  const { db, one } = await ensureData({ adminUrl, customers, log });
  const config = {
    ...loadConfig({}, "/nonexistent/.env"),
    NODE_ENV: "development",
    LOG_LEVEL: "silent",
    API_KEY_RATE_LIMIT_PER_SECOND: 0,
  };
  const app = await createApp({
    config,
    db,
    clock: { now: () => BENCH_NOW },
    logger: pino({ level: "silent" }),
  });
  const rows = [];
  const plans = [];
  const sections = [];
  const recorder = sqlRecorder();
  try {
    const { segmentId, segmentSize } = await ensureExtras({
      db,
      one,
      services: app.services,
      customers,
      responses,
      log,
    });
    const url = `${await app.listen(0, "127.0.0.1")}/graphql`;
    const email = "bench-analytics@trouw.local";
    let [user] = await db.read((em) =>
      em.query(`SELECT id, email, name FROM admin_users WHERE email = $1`, [email]),
    );
    user ??= await app.services.users.createUser({
      email,
      name: "Bench",
      role: "admin",
      password: "bench-password",
    });
    const { secret } = await app.services.users.createApiKey(
      { kind: "user", id: user.id, email, name: "Bench", role: "admin" },
      `bench analytics ${Date.now()}`,
      ["read"],
    );
    const gql = async (query, variables = {}) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = await res.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    };
    const facts = await one(
      `SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM events)::bigint AS events,
         (SELECT count(*) FROM survey_responses)::int AS responses, (SELECT count(*) FROM ledger_entries)::bigint AS ledger`,
    );
    const size = `${facts.customers.toLocaleString()} customers, ${Number(facts.events).toLocaleString()} events`;
    const year = { from: "2025-11-01T00:00:00Z", to: "2026-11-01T00:00:00Z" };
    const threeYears = { from: "2023-11-01T00:00:00Z", to: "2026-11-01T00:00:00Z" };
    const loads = [];
    const measure = async (query, variables) => {
      loads.push(load());
      const r = await timed(() => gql(query, variables), runs);
      return r;
    };

    // NPS by month over every response: the rollup, and the GROUP BY it replaces.
    const nps = await measure(NPS_BY_MONTH, threeYears);
    const npsSql = await timed(
      () => db.read((em) => em.query(NPS_BY_MONTH_SQL, [threeYears.from, threeYears.to])),
      runs,
    );
    rows.push({
      bench: `NPS by month, 36 months over ${facts.responses.toLocaleString()} responses (npsTrend over HTTP)`,
      figure: `${fmt(nps.median)} (best ${fmt(nps.best)})`,
      baseline: `GROUP BY month, score over survey_responses: ${fmt(npsSql.median)}; target < ${TARGET_MS} ms`,
      ratio: `${(nps.median / TARGET_MS).toFixed(2)}x of target`,
    });
    const npsSegment = await measure(NPS_BY_MONTH, { ...threeYears, seg: segmentId });
    rows.push({
      bench: `NPS by month, 36 months, segment of ${segmentSize.toLocaleString()} (from the responses)`,
      figure: `${fmt(npsSegment.median)} (best ${fmt(npsSegment.best)})`,
      baseline: `target < ${TARGET_MS} ms`,
      ratio: `${(npsSegment.median / TARGET_MS).toFixed(2)}x of target`,
    });

    // The full dashboard, then each part alone.
    const dash = await measure(DASHBOARD, year);
    const statements = dash.value.extensions?.queryCount;
    rows.push({
      bench: `full dashboard, 12 months, ${size} (one GraphQL request, ${statements ?? "?"} statements)`,
      figure: `${fmt(dash.median)} (best ${fmt(dash.best)})`,
      baseline: `target < ${TARGET_MS} ms`,
      ratio: `${(dash.median / TARGET_MS).toFixed(2)}x of target`,
    });
    const dashSegment = await measure(DASHBOARD, { ...year, seg: segmentId });
    rows.push({
      bench: `full dashboard, 12 months, segment of ${segmentSize.toLocaleString()} customers`,
      figure: `${fmt(dashSegment.median)} (best ${fmt(dashSegment.best)})`,
      baseline: `target < ${TARGET_MS} ms`,
      ratio: `${(dashSegment.median / TARGET_MS).toFixed(2)}x of target`,
    });
    const parts = [];
    for (const [part, query] of Object.entries(PARTS)) {
      const whole = await measure(query, year);
      const seg =
        part === "loyalty" || part === "segmentSizes"
          ? null
          : await measure(query, { ...year, seg: segmentId });
      parts.push(
        `| ${part} | ${fmt(whole.median)} | ${seg ? fmt(seg.median) : "(not segmented)"} |`,
      );
    }
    // Retention as the rollup replaces it: the same definition and months read from events.
    const grid = { from: new Date(year.from), to: new Date(year.to), period: "month" };
    const fromEvents = await timed(
      () => app.services.analytics.retention({ ...grid, path: "events" }),
      Math.min(runs, 2),
    );
    const fromCustomers = await timed(
      () => app.services.analytics.retention({ ...grid, path: "customers" }),
      runs,
    );
    const fromStats = await timed(() => app.services.analytics.retention(grid), runs);
    if (
      JSON.stringify(fromEvents.value.periods) !== JSON.stringify(fromStats.value.periods) ||
      JSON.stringify(fromCustomers.value.periods) !== JSON.stringify(fromStats.value.periods)
    )
      throw new Error("retention from events, per-customer rollup and stats differ");
    rows.push({
      bench:
        "retention, 12 months, default definition: shop-wide stats (same counts from all three)",
      figure: fmt(fromStats.median),
      baseline: `per-customer rollup: ${fmt(fromCustomers.median)}; events: ${fmt(fromEvents.median)}`,
      ratio: `${(fromEvents.median / fromStats.median).toFixed(0)}x faster than events`,
    });

    // Cost of the rollup triggers on ingest: 1,000 single-row order inserts in a transaction,
    // with and without them (rolled back either way).
    const ROLLBACK = new Error("rollback");
    const ingest = async (withTriggers) => {
      let ms = 0;
      await db
        .transaction(async (em) => {
          if (!withTriggers)
            await em.query(`ALTER TABLE events DISABLE TRIGGER analytics_events_inserted`);
          const ids = (await em.query(`SELECT id FROM customers ORDER BY id LIMIT 1000`)).map(
            (r) => r.id,
          );
          const started = performance.now();
          for (const [i, id] of ids.entries())
            await em.query(
              `INSERT INTO events (id, customer_id, type, occurred_at, recorded_at, amount_minor, currency, order_ref)
               VALUES (gen_random_uuid(), $1, 'order', $2, $2, 2500, 'EUR', $3)`,
              [id, new Date(BENCH_NOW.getTime() - (i % 30) * DAY), `bench-ingest-${i}`],
            );
          ms = performance.now() - started;
          throw ROLLBACK;
        })
        .catch((err) => {
          if (err !== ROLLBACK) throw err;
        });
      return ms;
    };
    const withTriggers = await ingest(true);
    const without = await ingest(false);
    rows.push({
      bench: "1,000 single-row order INSERTs with the rollup triggers (rolled back)",
      figure: `${fmt(withTriggers)} (${(withTriggers / 1000).toFixed(2)} ms/order)`,
      baseline: `triggers disabled: ${fmt(without)} (${(without / 1000).toFixed(2)} ms/order)`,
      ratio: `+${((withTriggers - without) / 1000).toFixed(2)} ms/order`,
    });

    sections.push(APPROACH);
    sections.push(
      [
        `### Dashboard parts alone (median of ${runs}, HTTP)`,
        "",
        "| part | all customers | segment |",
        "| --- | --- | --- |",
        ...parts,
        "",
        `Load average (1, 5, 15 min) at each measurement: ${loads.join(" / ")}. 2 cores shared with other work.`,
      ].join("\n"),
    );

    // The statements of one dashboard request, for all customers and for the segment, EXPLAINed.
    const explainer = new pg.Client({ connectionString: db.dataSource.options.url });
    await explainer.connect();
    try {
      await explainer.query(`SET jit = off`);
      const seen = new Set();
      for (const [label, variables] of [
        ["dashboard", year],
        [`dashboard, segment of ${segmentSize.toLocaleString()}`, { ...year, seg: segmentId }],
      ]) {
        recorder.statements = [];
        recorder.capturing = true;
        await gql(DASHBOARD, variables);
        recorder.capturing = false;
        for (const { sql, params } of recorder.statements) {
          if (
            !/analytics_|survey_responses|FROM "segments"/.test(sql) ||
            /analytics_compact|SELECT 1 FROM segments/.test(sql) ||
            seen.has(sql)
          )
            continue;
          seen.add(sql);
          const res = await explainer.query(
            `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
            /\$1\b/.test(sql) ? params : [],
          );
          plans.push(
            `-- ${label}: ${sql.replace(/\s+/g, " ").slice(0, 160)}...\n${res.rows.map((r) => r["QUERY PLAN"]).join("\n")}`,
          );
        }
      }
    } finally {
      await explainer.end();
    }
  } finally {
    recorder.restore();
    await app.stop();
    await db.close().catch(() => undefined);
  }
  return { rows: rows.map((r) => ({ ...r, db: "PostgreSQL" })), plans, sections };
}
