import { expect } from "vitest";
import type { Credentials, GqlResponse, TestServer } from "../../test-support/server";

/** Small factories for the survey e2e tests: definitions, customers, surveys, responses. */

export const text = (en: string, nl = `${en} (nl)`) => ({ en, nl });

/** A definition in en and nl; every setting can be overridden. */
export function definition(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: text("Quick check"),
    audience: { kind: "everyone" },
    allowMultipleResponses: false,
    defaultLocale: "en",
    locales: ["en", "nl"],
    questions: [
      { id: "nps", type: "nps", required: true, title: text("Recommend us?") },
      {
        id: "why",
        type: "open_text",
        required: false,
        maxLength: 200,
        title: text("What went wrong?"),
        showIf: { questionId: "nps", op: "lte", value: 6 },
      },
      { id: "csat", type: "csat", required: false, title: text("Satisfied?") },
      { id: "ces", type: "ces", required: false, title: text("Easy?") },
      {
        id: "channel",
        type: "single_choice",
        required: false,
        title: text("Where did you buy?"),
        options: [
          { id: "web", label: text("Web shop") },
          { id: "store", label: text("Store") },
        ],
      },
      { id: "again", type: "yes_no", required: false, title: text("Buy again?") },
    ],
    ...over,
  };
}

export const SURVEY_FIELDS = `id title status version responseCount responseQuota allowMultipleResponses
  audienceSegmentId defaultLocale locales templateKey definition activatedAt closedAt`;

export type SurveyView = {
  id: string;
  title: string;
  status: string;
  version: number;
  responseCount: number;
  responseQuota: number | null;
  allowMultipleResponses: boolean;
  audienceSegmentId: string | null;
  defaultLocale: string;
  locales: string[];
  templateKey: string | null;
  definition: Record<string, unknown>;
  activatedAt: string | null;
  closedAt: string | null;
};

export const RESPONSE_FIELDS = `id surveyId customerId source locale answers npsScore npsCategory
  csatScore cesScore loyaltyPoints submittedAt`;

export type ResponseView = {
  id: string;
  surveyId: string;
  customerId: string;
  source: string;
  locale: string;
  answers: Record<string, unknown>;
  npsScore: number | null;
  npsCategory: string | null;
  csatScore: number | null;
  cesScore: number | null;
  loyaltyPoints: number;
  submittedAt: string;
};

type Problem = { path: string; message: string; code?: string };

/** The error's code, reason and problems, for assertions. */
export function errorOf(res: GqlResponse) {
  const e = res.errors?.[0];
  const ext = (e?.extensions ?? {}) as { code?: string; reason?: string; problems?: Problem[] };
  return { code: ext.code, reason: ext.reason, problems: ext.problems ?? [] };
}

export function surveyFixtures(t: TestServer) {
  let customers = 0;

  async function customer(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await t.gql<{ createCustomer: { id: string } }>(
      `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
      { i: { externalId: `resp-${++customers}`, name: `Respondent ${customers}`, ...extra } },
      t.writeKey,
    );
    expect(res.errors ?? []).toEqual([]);
    return res.data!.createCustomer.id;
  }

  async function createSurvey(def: Record<string, unknown>, as: Credentials = t.admin) {
    return t.gql<{ createSurvey: SurveyView }>(
      `mutation($d: JSONObject!) { createSurvey(definition: $d) { ${SURVEY_FIELDS} } }`,
      { d: def },
      as,
    );
  }

  async function setStatus(id: string, status: string) {
    return t.gql<{ setSurveyStatus: SurveyView }>(
      `mutation($id: ID!, $s: SurveyStatus!) { setSurveyStatus(id: $id, status: $s) { ${SURVEY_FIELDS} } }`,
      { id, s: status },
      t.admin,
    );
  }

  /** A survey, active unless told otherwise. */
  async function survey(over: Record<string, unknown> = {}, status = "ACTIVE"): Promise<string> {
    const res = await createSurvey(definition(over));
    expect(res.errors ?? []).toEqual([]);
    const id = res.data!.createSurvey.id;
    if (status !== "DRAFT") expect((await setStatus(id, "ACTIVE")).errors ?? []).toEqual([]);
    if (status === "CLOSED") expect((await setStatus(id, "CLOSED")).errors ?? []).toEqual([]);
    return id;
  }

  async function respond(
    surveyId: string,
    customerId: string,
    answers: Record<string, unknown>,
    opts: { locale?: string; key?: string; as?: Credentials } = {},
  ) {
    return t.gql<{ submitSurveyResponse: ResponseView }>(
      `mutation($i: SubmitSurveyResponseInput!, $k: String) {
         submitSurveyResponse(input: $i, idempotencyKey: $k) { ${RESPONSE_FIELDS} } }`,
      { i: { surveyId, customerId, answers, locale: opts.locale ?? null }, k: opts.key ?? null },
      opts.as ?? t.writeKey,
    );
  }

  /** Responds and expects success. */
  async function answered(surveyId: string, customerId: string, answers: Record<string, unknown>) {
    const res = await respond(surveyId, customerId, answers);
    expect(res.errors ?? []).toEqual([]);
    return res.data!.submitSurveyResponse;
  }

  async function getSurvey(id: string): Promise<SurveyView> {
    const res = await t.gql<{ survey: SurveyView }>(
      `query($id: ID!) { survey(id: $id) { ${SURVEY_FIELDS} } }`,
      { id },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    return res.data!.survey;
  }

  async function segment(name: string, rule: object): Promise<string> {
    const res = await t.gql<{ createSegment: { id: string } }>(
      `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
      { i: { name, rule } },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    await t.app.services.jobs.runReady();
    return res.data!.createSegment.id;
  }

  /** Rows of the tables a response writes, to assert that a refusal wrote nothing. */
  async function written() {
    return {
      responses: await t.count("survey_responses"),
      facts: Number(
        (
          (await t.db.read((em) =>
            em.query(
              `SELECT count(*)::int AS n FROM customer_facts WHERE latest_nps IS NOT NULL OR latest_csat IS NOT NULL`,
            ),
          )) as [{ n: number }]
        )[0].n,
      ),
      keys: await t.count("idempotency_keys"),
      ledger: await t.count("ledger_entries"),
      usedTokens: Number(
        (
          (await t.db.read((em) =>
            em.query(`SELECT count(*)::int AS n FROM survey_invitations WHERE used_at IS NOT NULL`),
          )) as [{ n: number }]
        )[0].n,
      ),
      counted: Number(
        (
          (await t.db.read((em) =>
            em.query(`SELECT coalesce(sum(response_count), 0)::int AS n FROM surveys`),
          )) as [{ n: number }]
        )[0].n,
      ),
    };
  }

  return {
    customer,
    createSurvey,
    setStatus,
    survey,
    respond,
    answered,
    getSurvey,
    segment,
    written,
  };
}

/** A rule selecting customers tagged `tag`. */
export const taggedRule = (tag: string) => ({
  version: 1,
  root: { type: "condition", kind: "tags", args: { op: "contains_any", tags: [tag] } },
});
