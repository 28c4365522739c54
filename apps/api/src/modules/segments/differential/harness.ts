/**
 * The differential harness: puts a generated population into a database, runs a rule both
 * ways (compiled SQL over `customers c`, and the in-memory oracle) and reports any customer on
 * which they disagree, with what the oracle saw.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Client } from "pg";
import type { EntityManager } from "typeorm";
import {
  compileRule,
  DAY_MS,
  evaluateRule,
  explainRule,
  type CompiledPredicate,
  type Rule,
} from "@trouw/domain";
import { openDatabase, type Database } from "../../../db/database";
import { loadSubjects } from "../subjects";
import { rebuildFacts } from "../facts";
import { PROGRAMS, subjectOf, type Population } from "./population";

export interface DifferentialDb {
  db: Database;
  close(): Promise<void>;
}

/**
 * A session time zone far from UTC, with daylight saving and a 45-minute offset: the compiled
 * SQL must not depend on the server's time zone (the oracle works in UTC).
 */
export const ODD_TIME_ZONE = "Pacific/Chatham";

/** A fresh PostgreSQL database when `databaseUrl` is a postgres URL, else an in-memory PGlite. */
export async function openDifferentialDb(databaseUrl: string | undefined): Promise<DifferentialDb> {
  if (!databaseUrl?.startsWith("postgres")) {
    const db = await openDatabase({ DATABASE_URL: "memory://", DATA_DIR: "/nonexistent" });
    // PGlite is one connection: the setting holds for every query that follows.
    await db.dataSource.query(`SET TIME ZONE '${ODD_TIME_ZONE}'`);
    return { db, close: () => db.close() };
  }
  const name = `trouw_seg_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.query(`ALTER DATABASE ${name} SET timezone TO '${ODD_TIME_ZONE}'`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ DATABASE_URL: url.toString(), DATA_DIR: "/nonexistent" });
  return {
    db,
    close: async () => {
      await db.close();
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Multi-row INSERT with numbered parameters. */
function insertSql(table: string, columns: string[], rows: unknown[][]): [string, unknown[]] {
  const params: unknown[] = [];
  const tuples = rows.map(
    (row) =>
      `(${row
        .map((v) => {
          params.push(v);
          return `$${params.length}`;
        })
        .join(", ")})`,
  );
  return [`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, params];
}

/** Replaces whatever the tables hold with `population`, as ingest would have written it. */
export async function loadPopulation(db: Database, population: Population): Promise<void> {
  const now = population.now.toISOString();
  await db.transaction(async (em) => {
    await em.query("DELETE FROM customer_facts");
    // The ledger refuses DELETE (append-only); a test reset empties it with TRUNCATE.
    await em.query("TRUNCATE ledger_lots, ledger_entries");
    await em.query("DELETE FROM loyalty_accounts");
    await em.query("DELETE FROM events");
    await em.query("DELETE FROM survey_responses");
    await em.query("DELETE FROM customers");
    const customers = population.customers.map(({ customer: c }) => [
      c.id,
      c.externalId,
      c.email,
      c.name,
      c.phone,
      c.locale,
      c.birthDate,
      c.signedUpAt.toISOString(),
      c.acquisitionSource,
      c.marketingConsent,
      c.tags,
      JSON.stringify(c.attributes),
      c.personalityColour,
      now,
      now,
    ]);
    if (customers.length) {
      const [sql, params] = insertSql(
        "customers",
        [
          "id",
          "external_id",
          "email",
          "name",
          "phone",
          "locale",
          "birth_date",
          "signed_up_at",
          "acquisition_source",
          "marketing_consent",
          "tags",
          "attributes",
          "personality_colour",
          "created_at",
          "updated_at",
        ],
        customers,
      );
      await em.query(sql, params);
    }
    const events = population.customers.flatMap(({ customer, events }, ci) =>
      events.map((e, ei) => [
        `00000000-0000-4000-a000-${String(ci + 1).padStart(6, "0")}${String(ei + 1).padStart(6, "0")}`,
        customer.id,
        e.type,
        e.occurredAt.toISOString(),
        now,
        e.amountMinor,
        e.discountMinor,
        e.amountMinor === null ? null : "EUR",
        e.category,
        e.type === "order" || e.type === "refund" ? `o-${ci + 1}-${ei + 1}` : null,
        JSON.stringify(e.payload),
      ]),
    );
    if (events.length) {
      const [sql, params] = insertSql(
        "events",
        [
          "id",
          "customer_id",
          "type",
          "occurred_at",
          "recorded_at",
          "amount_minor",
          "discount_minor",
          "currency",
          "category",
          "order_ref",
          "payload",
        ],
        events,
      );
      await em.query(sql, params);
    }
    await loadLoyalty(em, population, now);
    await loadSurveyResponses(em, population, now);
    // Facts (events and latest answers) as ingest would have folded them; the compiler may
    // read them (alias f).
    await rebuildFacts(em);
  });
}

/**
 * Loyalty accounts and their ledger: earnings as earn (or refund-reversal) entries, plus a burn
 * and a cancelled redemption's give-back per account, which "points earned" must ignore.
 */
async function loadLoyalty(em: EntityManager, population: Population, now: string): Promise<void> {
  for (const [i, id] of PROGRAMS.entries())
    await em.query(
      `INSERT INTO loyalty_programs (id, name, type, status, currency, config, created_by, created_at, updated_at)
       VALUES ($1, $2, 'points', 'active', 'EUR', '{}', 'test', $3, $3) ON CONFLICT (id) DO NOTHING`,
      [id, `Program ${i + 1}`, now],
    );
  let n = 0;
  const entryId = () => `00000000-0000-4000-b000-${String(++n).padStart(12, "0")}`;
  for (const { customer, loyalty } of population.customers)
    for (const a of loyalty ?? []) {
      await em.query(
        `INSERT INTO loyalty_accounts (program_id, customer_id, status, balance, tier_code, enrolled_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [a.programId, customer.id, a.status, a.balance, a.tierCode, now],
      );
      const entries: [string, number, string | null, Date][] = [
        ...a.earnings.map((e): [string, number, null, Date] => [
          e.amount < 0 ? "reverse" : "earn",
          e.amount,
          null,
          e.at,
        ]),
        ["burn", -7, null, population.now],
        ["reverse", 7, entryId(), population.now],
      ];
      for (const [kind, amount, redemption, at] of entries)
        await em.query(
          `INSERT INTO ledger_entries (id, program_id, customer_id, kind, amount, reason, actor, redemption_id, occurred_at, created_at)
           VALUES ($1, $2, $3, $4, $5, 'differential', 'test', $6, $7, $8)`,
          [entryId(), a.programId, customer.id, kind, amount, redemption, at, now],
        );
    }
}

/** The ids the compiled rule selects. */
export async function sqlMembers(db: Database, compiled: CompiledPredicate): Promise<Set<string>> {
  const rows = await db.read(
    (em) =>
      em.query(
        `SELECT ${compiled.id} AS id FROM ${compiled.from} WHERE ${compiled.sql}`,
        compiled.params,
      ) as Promise<{ id: string }[]>,
  );
  return new Set(rows.map((r) => r.id));
}

export function oracleMembers(population: Population, rule: Rule): Set<string> {
  return new Set(
    population.customers
      .filter((c) => evaluateRule(rule, subjectOf(c), { now: population.now }))
      .map((c) => c.customer.id),
  );
}

const SURVEY_ID = "00000000-0000-4000-c000-000000000001";

/**
 * Survey responses that leave each customer with their latest answers: the latest NPS and
 * CSAT, each after an older answer with another score and beside a higher one given at the
 * same instant (the lower counts), so the facts must pick the latest, whatever the order.
 */
async function loadSurveyResponses(
  em: EntityManager,
  population: Population,
  now: string,
): Promise<void> {
  await em.query(
    `INSERT INTO surveys (id, title, status, definition, created_by, created_at, updated_at)
     VALUES ($1, 'Differential', 'active', '{}', 'test', $2, $2) ON CONFLICT (id) DO NOTHING`,
    [SURVEY_ID, now],
  );
  const responses: unknown[][] = [];
  const respond = (customerId: string, nps: number | null, csat: number | null, at: Date) =>
    responses.push([randomUUID(), SURVEY_ID, customerId, nps, csat, at.toISOString()]);
  for (const { customer, surveys } of population.customers) {
    const {
      latestNps: nps,
      latestNpsAt: npsAt,
      latestCsat: csat,
      latestCsatAt: csatAt,
    } = surveys ?? {};
    if (nps != null && npsAt) {
      respond(customer.id, 10 - nps, null, new Date(npsAt.getTime() - DAY_MS));
      if (nps < 10) respond(customer.id, nps + 1, null, npsAt);
      respond(customer.id, nps, null, npsAt);
    }
    if (csat != null && csatAt) {
      respond(customer.id, null, 6 - csat, new Date(csatAt.getTime() - DAY_MS));
      respond(customer.id, null, csat, csatAt);
      if (csat < 5) respond(customer.id, null, csat + 1, csatAt);
    }
  }
  if (responses.length === 0) return;
  const [sql, params] = insertSql(
    "survey_responses",
    [
      "id",
      "survey_id",
      "customer_id",
      "nps_score",
      "csat_score",
      "submitted_at",
      "source",
      "locale",
      "answers",
      "submitted_by",
    ],
    responses.map((r) => [...r, "api", "en", "{}", "test"]),
  );
  await em.query(sql, params);
}

/** The population as the API reads it back for explain (`loadSubjects`): entities to subjects. */
export async function reloadPopulation(db: Database, population: Population): Promise<Population> {
  const subjects = await db.read((em) =>
    loadSubjects(
      em,
      population.customers.map((c) => c.customer.id),
    ),
  );
  return {
    now: population.now,
    customers: subjects.map((s) => ({
      customer: s.customer,
      events: s.events,
      loyalty: s.loyalty ?? [],
      surveys: s.surveys ?? null,
    })),
  };
}

export interface Mismatch {
  rule: Rule;
  /** Whether the compiled SQL used customer facts. */
  facts: boolean;
  now: string;
  /** Selected by the SQL, not by the oracle. */
  sqlOnly: string[];
  /** Selected by the oracle, not by the SQL. */
  oracleOnly: string[];
  sql: string;
  params: unknown[];
  /** What the oracle saw for each disputed customer. */
  disputed: unknown[];
}

export type Compile = (rule: Rule, opts: { now: Date; facts?: boolean }) => CompiledPredicate;

/** Runs `rule` both ways over the loaded `population`; null when they agree. */
export async function compareRule(
  db: Database,
  population: Population,
  rule: Rule,
  compile: Compile = compileRule,
): Promise<Mismatch | null> {
  // Both compilations: straight from events, and with per-customer facts.
  for (const facts of [false, true]) {
    const mismatch = await compareCompiled(
      db,
      population,
      rule,
      compile(rule, { now: population.now, facts }),
    );
    if (mismatch) return { ...mismatch, facts };
  }
  return null;
}

async function compareCompiled(
  db: Database,
  population: Population,
  rule: Rule,
  compiled: CompiledPredicate,
): Promise<Omit<Mismatch, "facts"> | null> {
  let fromSql: Set<string>;
  try {
    fromSql = await sqlMembers(db, compiled);
  } catch (err) {
    throw new Error(
      `compiled SQL failed: ${(err as Error).message}\nrule: ${JSON.stringify(rule)}\nsql: ${compiled.sql}\nparams: ${JSON.stringify(compiled.params)}`,
    );
  }
  const fromOracle = oracleMembers(population, rule);
  const sqlOnly = [...fromSql].filter((id) => !fromOracle.has(id)).sort();
  const oracleOnly = [...fromOracle].filter((id) => !fromSql.has(id)).sort();
  if (sqlOnly.length === 0 && oracleOnly.length === 0) return null;
  const disputed = population.customers
    .filter((c) => sqlOnly.includes(c.customer.id) || oracleOnly.includes(c.customer.id))
    .map((c) => ({
      subject: subjectOf(c),
      explanation: explainRule(rule, subjectOf(c), { now: population.now }),
    }));
  return {
    rule,
    now: population.now.toISOString(),
    sqlOnly,
    oracleOnly,
    sql: compiled.sql,
    params: compiled.params,
    disputed,
  };
}

export function describeMismatch(m: Mismatch): string {
  return [
    `SQL${m.facts ? " (with customer facts)" : ""} and oracle disagree at now=${m.now}`,
    `rule: ${JSON.stringify(m.rule)}`,
    `selected only by SQL: ${m.sqlOnly.join(", ") || "-"}`,
    `selected only by the oracle: ${m.oracleOnly.join(", ") || "-"}`,
    `sql: ${m.sql}`,
    `params: ${JSON.stringify(m.params)}`,
    `disputed: ${JSON.stringify(m.disputed, null, 1)}`,
  ].join("\n");
}
