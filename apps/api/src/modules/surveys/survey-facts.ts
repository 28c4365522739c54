import type { EntityManager } from "typeorm";
import { foldSurveySql, type Subject, type SubjectSurveys } from "@trouw/domain";

/**
 * Keeps a customer's latest NPS and CSAT answer in their facts (what the segment conditions
 * survey_nps_category and survey_csat read), in the transaction that stores the response. A
 * response without an NPS (or CSAT) answer leaves that fact as it was.
 */
export async function recordSurveyFacts(
  em: EntityManager,
  customerId: string,
  scores: { nps: number | null; csat: number | null },
  at: Date,
): Promise<boolean> {
  if (scores.nps === null && scores.csat === null) return false;
  await em.query(foldSurveySql(), [customerId, scores.nps, scores.csat, at]);
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
     FROM customer_facts WHERE customer_id = ANY($1::uuid[])
       AND (latest_nps IS NOT NULL OR latest_csat IS NOT NULL)`,
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
