import type { EntityManager } from "typeorm";
import type { Subject, SubjectSurveys } from "@trouw/domain";

const newer = (column: string) =>
  `EXCLUDED.${column} IS NOT NULL AND (f.${column}_at IS NULL OR EXCLUDED.${column}_at >= f.${column}_at)`;

/**
 * Keeps a customer's latest NPS and CSAT answer (what the segment conditions survey_nps_category
 * and survey_csat read), in the transaction that stores the response. A response without an
 * NPS (or CSAT) answer leaves that fact as it was.
 */
export async function recordSurveyFacts(
  em: EntityManager,
  customerId: string,
  scores: { nps: number | null; csat: number | null },
  at: Date,
): Promise<boolean> {
  if (scores.nps === null && scores.csat === null) return false;
  await em.query(
    `INSERT INTO customer_survey_facts AS f (customer_id, latest_nps, latest_nps_at, latest_csat, latest_csat_at)
     VALUES ($1, $2::smallint, CASE WHEN $2::smallint IS NULL THEN NULL ELSE $4::timestamptz END,
             $3::smallint, CASE WHEN $3::smallint IS NULL THEN NULL ELSE $4::timestamptz END)
     ON CONFLICT (customer_id) DO UPDATE SET
       latest_nps = CASE WHEN ${newer("latest_nps")} THEN EXCLUDED.latest_nps ELSE f.latest_nps END,
       latest_nps_at = CASE WHEN ${newer("latest_nps")} THEN EXCLUDED.latest_nps_at ELSE f.latest_nps_at END,
       latest_csat = CASE WHEN ${newer("latest_csat")} THEN EXCLUDED.latest_csat ELSE f.latest_csat END,
       latest_csat_at = CASE WHEN ${newer("latest_csat")} THEN EXCLUDED.latest_csat_at ELSE f.latest_csat_at END`,
    [customerId, scores.nps, scores.csat, at],
  );
  return true;
}

/** The survey facts of some customers, for the in-memory segment evaluator (explain). */
export async function loadSurveyFacts(
  em: EntityManager,
  customerIds: string[],
): Promise<Map<string, SubjectSurveys>> {
  if (customerIds.length === 0) return new Map();
  const rows = await em.query<Record<string, unknown>[]>(
    `SELECT customer_id, latest_nps, latest_nps_at, latest_csat, latest_csat_at
     FROM customer_survey_facts WHERE customer_id = ANY($1::uuid[])`,
    [customerIds],
  );
  const num = (v: unknown) => (v == null ? null : Number(v));
  const date = (v: unknown) => (v == null ? null : new Date(v as string));
  return new Map(
    rows.map((r) => [
      r.customer_id as string,
      {
        latestNps: num(r.latest_nps),
        latestNpsAt: date(r.latest_nps_at),
        latestCsat: num(r.latest_csat),
        latestCsatAt: date(r.latest_csat_at),
      },
    ]),
  );
}

/** Sets `surveys` on segment subjects (one query for all of them). */
export async function attachSurveyFacts(em: EntityManager, subjects: Subject[]): Promise<void> {
  const facts = await loadSurveyFacts(
    em,
    subjects.map((s) => s.customer.id),
  );
  for (const subject of subjects) subject.surveys = facts.get(subject.customer.id) ?? null;
}
