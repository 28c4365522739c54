import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import type { ClientBase } from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Database } from "../../db/database";
import { notFound } from "../../common/errors";
import { assertId } from "../../common/ids";

/** A timestamp as ISO 8601 UTC text, the same on both databases and in every export. */
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One CSV export: columns as SQL expressions over `from` (which ends in a WHERE clause), read
 * in `key` order. Ids in `from` are validated UUIDs written as literals, because COPY takes
 * no bind parameters.
 */
interface ExportQuery {
  columns: [string, string][];
  from: string;
  key: string;
}

const lit = (id: string) => `'${assertId(id)}'::uuid`;

/**
 * Streams CSV exports: COPY … TO STDOUT on PostgreSQL (the server writes the CSV), keyset
 * pages through csv-stringify on PGlite. Neither holds more than a page in memory.
 */
export class ExportsService {
  constructor(private readonly db: Database) {}

  /** Every customer, with the columns of the customers import (so an export imports back). */
  customers(): ExportQuery {
    return {
      columns: [
        ["external_id", "c.external_id"],
        ["email", "c.email"],
        ["name", "c.name"],
        ["phone", "c.phone"],
        ["locale", "c.locale"],
        ["birth_date", "to_char(c.birth_date, 'YYYY-MM-DD')"],
        ["signed_up_at", ts("c.signed_up_at")],
        ["acquisition_source", "c.acquisition_source"],
        ["marketing_consent", "c.marketing_consent::text"],
        ["tags", "array_to_string(c.tags, '|')"],
        ["personality_colour", "c.personality_colour"],
        ["attributes", "c.attributes::text"],
      ],
      from: "customers c WHERE true",
      key: "c.id",
    };
  }

  async segmentMembers(segmentId: string): Promise<ExportQuery> {
    await this.mustExist("segments", segmentId, "Segment");
    return {
      columns: [
        ["external_id", "c.external_id"],
        ["email", "c.email"],
        ["name", "c.name"],
        ["member_since", ts("m.since")],
      ],
      from: `segment_members m JOIN customers c ON c.id = m.customer_id WHERE m.segment_id = ${lit(segmentId)}`,
      key: "m.customer_id",
    };
  }

  /** A program's ledger, or one customer's ledger (in one program or all). */
  async ledger(ref: {
    programId?: string | null;
    customerId?: string | null;
  }): Promise<ExportQuery> {
    const where: string[] = [];
    if (ref.programId) {
      await this.mustExist("loyalty_programs", ref.programId, "Program");
      where.push(`l.program_id = ${lit(ref.programId)}`);
    }
    if (ref.customerId) {
      await this.mustExist("customers", ref.customerId, "Customer");
      where.push(`l.customer_id = ${lit(ref.customerId)}`);
    }
    if (!where.length) throw notFound("Program or customer");
    return {
      columns: [
        ["seq", "l.seq::text"],
        ["occurred_at", ts("l.occurred_at")],
        ["program", "p.name"],
        ["customer_external_id", "c.external_id"],
        ["kind", "l.kind"],
        ["amount", "l.amount::text"],
        ["pending_delta", "l.pending_delta::text"],
        ["reason", "l.reason"],
        ["actor", "l.actor"],
        ["source_event_id", "l.source_event_id::text"],
      ],
      from: `ledger_entries l JOIN customers c ON c.id = l.customer_id JOIN loyalty_programs p ON p.id = l.program_id WHERE ${where.join(" AND ")}`,
      key: "l.seq",
    };
  }

  async surveyResponses(surveyId: string): Promise<ExportQuery> {
    await this.mustExist("surveys", surveyId, "Survey");
    return {
      columns: [
        ["response_id", "r.id::text"],
        ["submitted_at", ts("r.submitted_at")],
        ["customer_external_id", "c.external_id"],
        ["source", "r.source"],
        ["locale", "r.locale"],
        ["nps_score", "r.nps_score::text"],
        ["csat_score", "r.csat_score::text"],
        ["ces_score", "r.ces_score::text"],
        ["answers", "r.answers::text"],
      ],
      from: `survey_responses r JOIN customers c ON c.id = r.customer_id WHERE r.survey_id = ${lit(surveyId)}`,
      key: "r.id",
    };
  }

  private async mustExist(table: string, id: string, what: string): Promise<void> {
    assertId(id);
    const rows = (await this.db.read((em) =>
      em.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]),
    )) as unknown[];
    if (!rows.length) throw notFound(what);
  }

  /** Writes the export as CSV (with a header row) to `out`. */
  async stream(q: ExportQuery, out: Writable): Promise<void> {
    const select = q.columns.map(([name, expr]) => `${expr} AS ${name}`).join(", ");
    if (!this.db.isPglite) {
      const runner = this.db.dataSource.createQueryRunner();
      const client = (await runner.connect()) as ClientBase;
      try {
        const sql = `COPY (SELECT ${select} FROM ${q.from} ORDER BY ${q.key}) TO STDOUT WITH (FORMAT csv, HEADER)`;
        await pipeline(client.query(copyTo(sql)), out);
      } finally {
        await runner.release();
      }
      return;
    }
    const csv = stringify({ header: true, columns: q.columns.map(([name]) => name) });
    const writing = pipeline(csv, out);
    let after: string | null = null;
    for (;;) {
      const rows = (await this.db.read((em) =>
        em.query(
          `SELECT ${q.key}::text AS __key, ${select} FROM ${q.from}${after === null ? "" : ` AND ${q.key} > $1`}
           ORDER BY ${q.key} LIMIT 5000`,
          after === null ? [] : [after],
        ),
      )) as Record<string, string | null>[];
      for (const r of rows) {
        const { __key: _key, ...values } = r;
        if (!csv.write(values)) await new Promise((resolve) => csv.once("drain", resolve));
      }
      if (rows.length < 5000) break;
      after = rows.at(-1)!.__key!;
    }
    csv.end();
    await writing;
  }
}
