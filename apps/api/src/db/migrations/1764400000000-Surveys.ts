import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Surveys: definitions (validated JSON), responses with denormalised NPS/CSAT/CES scores for
 * aggregation, single-use invitation tokens (only their SHA-256 is stored), and each
 * customer's latest NPS and CSAT answer for the segment rule language.
 */
export class Surveys1764400000000 implements MigrationInterface {
  name = "Surveys1764400000000";

  async up(q: QueryRunner): Promise<void> {
    // status and the audience segment repeat what `definition` says, for filtering; the
    // service writes them together. No foreign key to segments: a survey whose segment was
    // deleted reaches nobody rather than blocking the delete.
    await q.query(`CREATE TABLE surveys (
      id uuid PRIMARY KEY,
      title text NOT NULL,
      status text NOT NULL DEFAULT 'draft',
      audience_segment_id uuid,
      definition jsonb NOT NULL,
      template_key text,
      response_count integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      activated_at timestamptz,
      closed_at timestamptz,
      CONSTRAINT surveys_status_check CHECK (status IN ('draft','active','closed')),
      CONSTRAINT surveys_response_count_check CHECK (response_count >= 0)
    )`);
    await q.query(`CREATE INDEX surveys_status_idx ON surveys (status)`);
    await q.query(`CREATE INDEX surveys_created_at_idx ON surveys (created_at DESC, id DESC)`);

    await q.query(`CREATE TABLE survey_invitations (
      id uuid PRIMARY KEY,
      survey_id uuid NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
      customer_id uuid NOT NULL REFERENCES customers(id),
      token_hash text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      CONSTRAINT survey_invitations_token_hash_key UNIQUE (token_hash)
    )`);
    await q.query(
      `CREATE INDEX survey_invitations_survey_idx ON survey_invitations (survey_id, customer_id)`,
    );

    await q.query(`CREATE TABLE survey_responses (
      id uuid PRIMARY KEY,
      survey_id uuid NOT NULL REFERENCES surveys(id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      invitation_id uuid REFERENCES survey_invitations(id),
      source text NOT NULL,
      locale text NOT NULL,
      answers jsonb NOT NULL,
      nps_score smallint,
      csat_score smallint,
      ces_score smallint,
      loyalty_points integer NOT NULL DEFAULT 0,
      submitted_by text NOT NULL,
      submitted_at timestamptz NOT NULL,
      CONSTRAINT survey_responses_source_check CHECK (source IN ('api','invitation')),
      CONSTRAINT survey_responses_nps_check CHECK (nps_score BETWEEN 0 AND 10),
      CONSTRAINT survey_responses_csat_check CHECK (csat_score BETWEEN 1 AND 5),
      CONSTRAINT survey_responses_ces_check CHECK (ces_score BETWEEN 1 AND 7),
      CONSTRAINT survey_responses_invitation_key UNIQUE (invitation_id)
    )`);
    await q.query(
      `CREATE INDEX survey_responses_survey_time_idx ON survey_responses (survey_id, submitted_at, id)`,
    );
    await q.query(
      `CREATE INDEX survey_responses_customer_idx ON survey_responses (customer_id, survey_id)`,
    );
    await q.query(
      `CREATE INDEX survey_responses_time_idx ON survey_responses (submitted_at DESC, id DESC)`,
    );

    await q.query(`CREATE TABLE customer_survey_facts (
      customer_id uuid PRIMARY KEY REFERENCES customers(id),
      latest_nps smallint,
      latest_nps_at timestamptz,
      latest_csat smallint,
      latest_csat_at timestamptz,
      CONSTRAINT customer_survey_facts_nps_check CHECK (latest_nps BETWEEN 0 AND 10),
      CONSTRAINT customer_survey_facts_csat_check CHECK (latest_csat BETWEEN 1 AND 5)
    )`);
    // "Latest NPS is a detractor": the segment compiler's EXISTS probes by customer, but
    // a refresh over many customers reads by score.
    await q.query(
      `CREATE INDEX customer_survey_facts_nps_idx ON customer_survey_facts (latest_nps) WHERE latest_nps IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_survey_facts`);
    await q.query(`DROP TABLE survey_responses`);
    await q.query(`DROP TABLE survey_invitations`);
    await q.query(`DROP TABLE surveys`);
  }
}
