import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The latest NPS and CSAT answer (with their times) move from customer_survey_facts into
 * customer_facts, so a rule that mixes survey and event conditions ("Unhappy": complaints or
 * an NPS detractor) reads one row per customer and can be driven by the facts alone, instead
 * of probing a second table for every customer. Filled from survey responses as the rebuild
 * does (latest answer; at the same instant the lower score), then the old table goes.
 *
 * Jobs also keep the step they reported last and a log of all their steps (a segment
 * refresh: computing the member set, exits, entries, webhooks, done), for the admin.
 */
export class SurveyFactsAndJobSteps1765000000000 implements MigrationInterface {
  name = "SurveyFactsAndJobSteps1765000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer_facts
      ADD COLUMN latest_nps smallint, ADD COLUMN latest_nps_at timestamptz,
      ADD COLUMN latest_csat smallint, ADD COLUMN latest_csat_at timestamptz,
      ADD CONSTRAINT customer_facts_latest_nps_check CHECK (latest_nps BETWEEN 0 AND 10),
      ADD CONSTRAINT customer_facts_latest_csat_check CHECK (latest_csat BETWEEN 1 AND 5)`);
    // Customers with answers but no events get a facts row with the facts of no events.
    await q.query(`INSERT INTO customer_facts AS f (customer_id, latest_nps, latest_nps_at, latest_csat, latest_csat_at)
      SELECT customer_id,
        (array_agg(nps_score ORDER BY submitted_at DESC, nps_score) FILTER (WHERE nps_score IS NOT NULL))[1],
        max(submitted_at) FILTER (WHERE nps_score IS NOT NULL),
        (array_agg(csat_score ORDER BY submitted_at DESC, csat_score) FILTER (WHERE csat_score IS NOT NULL))[1],
        max(submitted_at) FILTER (WHERE csat_score IS NOT NULL)
      FROM survey_responses WHERE nps_score IS NOT NULL OR csat_score IS NOT NULL
      GROUP BY customer_id
      ON CONFLICT (customer_id) DO UPDATE SET
        latest_nps = EXCLUDED.latest_nps, latest_nps_at = EXCLUDED.latest_nps_at,
        latest_csat = EXCLUDED.latest_csat, latest_csat_at = EXCLUDED.latest_csat_at`);
    await q.query(`DROP TABLE customer_survey_facts`);

    await q.query(
      `ALTER TABLE jobs ADD COLUMN step text, ADD COLUMN steps jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jobs DROP COLUMN step, DROP COLUMN steps`);
    await q.query(`CREATE TABLE customer_survey_facts (
      customer_id uuid PRIMARY KEY REFERENCES customers(id),
      latest_nps smallint,
      latest_nps_at timestamptz,
      latest_csat smallint,
      latest_csat_at timestamptz,
      CONSTRAINT customer_survey_facts_nps_check CHECK (latest_nps BETWEEN 0 AND 10),
      CONSTRAINT customer_survey_facts_csat_check CHECK (latest_csat BETWEEN 1 AND 5)
    )`);
    await q.query(
      `CREATE INDEX customer_survey_facts_nps_idx ON customer_survey_facts (latest_nps) WHERE latest_nps IS NOT NULL`,
    );
    await q.query(`INSERT INTO customer_survey_facts
      SELECT customer_id, latest_nps, latest_nps_at, latest_csat, latest_csat_at FROM customer_facts
      WHERE latest_nps IS NOT NULL OR latest_csat IS NOT NULL`);
    await q.query(`ALTER TABLE customer_facts
      DROP COLUMN latest_nps, DROP COLUMN latest_nps_at, DROP COLUMN latest_csat, DROP COLUMN latest_csat_at`);
  }
}
