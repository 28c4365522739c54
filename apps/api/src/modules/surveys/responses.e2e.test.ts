import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";
import {
  errorOf,
  RESPONSE_FIELDS,
  surveyFixtures,
  taggedRule,
  type ResponseView,
} from "./survey-fixtures";

let t: TestServer;
let f: ReturnType<typeof surveyFixtures>;

beforeAll(async () => {
  t = await startTestServer();
  f = surveyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

describe("submitting a response", () => {
  it("stores the accepted answers with the score columns and counts it", async () => {
    const surveyId = await f.survey();
    const customerId = await f.customer({ locale: "nl" });
    const res = await f.answered(surveyId, customerId, {
      nps: 4,
      why: "  Too slow  ",
      csat: 2,
      ces: 6,
      channel: "web",
      again: false,
    });
    expect(res).toMatchObject({
      surveyId,
      customerId,
      source: "API",
      locale: "nl",
      answers: { nps: 4, why: "Too slow", csat: 2, ces: 6, channel: "web", again: false },
      npsScore: 4,
      npsCategory: "DETRACTOR",
      csatScore: 2,
      cesScore: 6,
      loyaltyPoints: 0,
      submittedAt: t.clock.now().toISOString(),
    });
    expect((await f.getSurvey(surveyId)).responseCount).toBe(1);
  });

  it("records the latest NPS and CSAT per customer and marks the customer for segment refresh", async () => {
    const surveyId = await f.survey({ allowMultipleResponses: true });
    const customerId = await f.customer();
    await t.db.transaction((em) => em.query(`DELETE FROM segment_dirty_customers`));
    await f.answered(surveyId, customerId, { nps: 10, csat: 5 });
    t.clock.advance(1000);
    await f.answered(surveyId, customerId, { nps: 2 });
    const [facts] = await t.db.read((em) =>
      em.query(
        `SELECT latest_nps, latest_nps_at, latest_csat, latest_csat_at FROM customer_facts WHERE customer_id = $1`,
        [customerId],
      ),
    );
    expect(facts).toMatchObject({ latest_nps: 2, latest_csat: 5 });
    expect(new Date(facts.latest_nps_at).getTime()).toBe(t.clock.now().getTime());
    expect(new Date(facts.latest_csat_at).getTime()).toBe(t.clock.now().getTime() - 1000);
    const dirty = await t.db.read((em) =>
      em.query(`SELECT 1 FROM segment_dirty_customers WHERE customer_id = $1`, [customerId]),
    );
    expect(dirty).toHaveLength(1);
  });

  it("answers by external id and in a locale the caller names", async () => {
    const surveyId = await f.survey();
    await f.customer({ externalId: "ext-77" });
    const res = await t.gql<{ submitSurveyResponse: ResponseView }>(
      `mutation($i: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $i) { ${RESPONSE_FIELDS} } }`,
      { i: { surveyId, customerExternalId: "ext-77", answers: { nps: 8 }, locale: "nl" } },
      t.writeKey,
    );
    expect(res.errors ?? []).toEqual([]);
    expect(res.data!.submitSurveyResponse).toMatchObject({ locale: "nl", npsCategory: "PASSIVE" });
  });

  it("replays a retried submission with the same idempotency key, and refuses the key for another request", async () => {
    const surveyId = await f.survey();
    const customerId = await f.customer();
    const first = await f.respond(surveyId, customerId, { nps: 9 }, { key: "resp-1" });
    const again = await f.respond(surveyId, customerId, { nps: 9 }, { key: "resp-1" });
    expect(again.data!.submitSurveyResponse.id).toBe(first.data!.submitSurveyResponse.id);
    expect((await f.getSurvey(surveyId)).responseCount).toBe(1);
    const other = await f.respond(surveyId, customerId, { nps: 3 }, { key: "resp-1" });
    expect(errorOf(other).code).toBe("CONFLICT");
  });

  it("needs the surveys:respond permission: write keys and admins have it, read keys do not", async () => {
    const surveyId = await f.survey({ allowMultipleResponses: true });
    const customerId = await f.customer();
    const reader = await t.createKey(["read"]);
    expect(errorOf(await f.respond(surveyId, customerId, { nps: 9 }, { as: reader })).code).toBe(
      "FORBIDDEN",
    );
    const analyst = await t.createUser("analyst");
    expect(errorOf(await f.respond(surveyId, customerId, { nps: 9 }, { as: analyst })).code).toBe(
      "FORBIDDEN",
    );
    expect((await f.respond(surveyId, customerId, { nps: 9 }, { as: t.admin })).errors).toBe(
      undefined,
    );
  });

  it("is NOT_FOUND for an unknown survey or customer", async () => {
    const surveyId = await f.survey();
    const customerId = await f.customer();
    expect(
      errorOf(await f.respond("00000000-0000-4000-8000-00000000dead", customerId, { nps: 9 })).code,
    ).toBe("NOT_FOUND");
    expect(
      errorOf(await f.respond(surveyId, "00000000-0000-4000-8000-00000000dead", { nps: 9 })).code,
    ).toBe("NOT_FOUND");
  });
});

describe("bad input: refused with a code, nothing stored", () => {
  let surveyId: string;
  let customerId: string;
  let before: Awaited<ReturnType<typeof f.written>>;

  beforeAll(async () => {
    surveyId = await f.survey();
    customerId = await f.customer();
  });
  beforeEach(async () => {
    before = await f.written();
  });

  const refused = async (
    answers: Record<string, unknown>,
    expected: [string, string][],
    locale?: string,
  ) => {
    const res = await f.respond(surveyId, customerId, answers, {
      locale,
      key: `k-${Math.random()}`,
    });
    const err = errorOf(res);
    expect(err.code).toBe("BAD_USER_INPUT");
    expect(err.problems.map((p) => [p.path, p.code])).toEqual(expected);
    expect(await f.written()).toEqual(before);
  };

  it("an answer out of range", () => refused({ nps: 11 }, [["answers.nps", "OUT_OF_RANGE"]]));
  it("a fractional score", () => refused({ nps: 7.5 }, [["answers.nps", "OUT_OF_RANGE"]]));
  it("a CSAT of 0", () => refused({ nps: 9, csat: 0 }, [["answers.csat", "OUT_OF_RANGE"]]));
  it("the wrong type for a question", () =>
    refused({ nps: "9", again: "yes" }, [
      ["answers.nps", "WRONG_TYPE"],
      ["answers.again", "WRONG_TYPE"],
    ]));
  it("a missing required answer", () => refused({ csat: 4 }, [["answers.nps", "REQUIRED"]]));
  it("a blank required answer", () => refused({ nps: null }, [["answers.nps", "REQUIRED"]]));
  it("an answer to a follow-up the earlier answer hides", () =>
    refused({ nps: 9, why: "Great" }, [["answers.why", "HIDDEN_QUESTION"]]));
  it("an unknown question and an unknown option", () =>
    refused({ nps: 9, colour: "red", channel: "phone" }, [
      ["answers.colour", "UNKNOWN_QUESTION"],
      ["answers.channel", "UNKNOWN_OPTION"],
    ]));
  it("an open answer over its length", () =>
    refused({ nps: 2, why: "x".repeat(201) }, [["answers.why", "TOO_LONG"]]));
  it("a locale the survey does not have", () =>
    refused({ nps: 9 }, [["locale", "UNSUPPORTED_LOCALE"]], "de"));
  it("answers that are not an object", async () => {
    const res = await f.respond(surveyId, customerId, [9] as unknown as Record<string, unknown>);
    expect(errorOf(res).code).toBe("BAD_USER_INPUT");
    expect(await f.written()).toEqual(before);
  });
});

describe("who may respond: refused with CONFLICT and a reason, nothing stored", () => {
  const conflict = async (surveyId: string, customerId: string, reason: string) => {
    const before = await f.written();
    const res = await f.respond(surveyId, customerId, { nps: 9 }, { key: `c-${Math.random()}` });
    expect(errorOf(res)).toMatchObject({ code: "CONFLICT", reason });
    expect(await f.written()).toEqual(before);
  };

  it("a draft or closed survey", async () => {
    const customerId = await f.customer();
    await conflict(await f.survey({}, "DRAFT"), customerId, "SURVEY_NOT_ACTIVE");
    await conflict(await f.survey({}, "CLOSED"), customerId, "SURVEY_NOT_ACTIVE");
  });

  it("a second response to a one-response survey, but not when several are allowed", async () => {
    const customerId = await f.customer();
    const once = await f.survey();
    await f.answered(once, customerId, { nps: 9 });
    await conflict(once, customerId, "ALREADY_RESPONDED");
    const many = await f.survey({ allowMultipleResponses: true });
    await f.answered(many, customerId, { nps: 9 });
    await f.answered(many, customerId, { nps: 10 });
    expect((await f.getSurvey(many)).responseCount).toBe(2);
  });

  it("a survey whose quota is reached", async () => {
    const surveyId = await f.survey({ responseQuota: 2 });
    await f.answered(surveyId, await f.customer(), { nps: 9 });
    await f.answered(surveyId, await f.customer(), { nps: 7 });
    await conflict(surveyId, await f.customer(), "QUOTA_REACHED");
    expect((await f.getSurvey(surveyId)).responseCount).toBe(2);
  });

  it("a customer outside the survey's audience segment", async () => {
    const inside = await f.customer({ tags: ["panel"] });
    const outside = await f.customer();
    const segmentId = await f.segment("Panel", taggedRule("panel"));
    const surveyId = await f.survey({ audience: { kind: "segment", segmentId } });
    await conflict(surveyId, outside, "NOT_IN_AUDIENCE");
    await f.answered(surveyId, inside, { nps: 10 });
  });

  it("holds one response each and the quota under concurrent submissions", async () => {
    const once = await f.survey();
    const customerId = await f.customer();
    const same = await Promise.all(
      Array.from({ length: 5 }, () => f.respond(once, customerId, { nps: 9 })),
    );
    expect(same.filter((r) => !r.errors).length).toBe(1);
    expect(same.filter((r) => errorOf(r).reason === "ALREADY_RESPONDED").length).toBe(4);

    const quota = await f.survey({ responseQuota: 3 });
    const customers = await Promise.all(Array.from({ length: 6 }, () => f.customer()));
    const many = await Promise.all(customers.map((c) => f.respond(quota, c, { nps: 7 })));
    expect(many.filter((r) => !r.errors).length).toBe(3);
    expect(many.filter((r) => errorOf(r).reason === "QUOTA_REACHED").length).toBe(3);
    expect((await f.getSurvey(quota)).responseCount).toBe(3);
  });

  it("checks who may respond before the answers", async () => {
    const surveyId = await f.survey({}, "CLOSED");
    const res = await f.respond(surveyId, await f.customer(), { nps: 99 });
    expect(errorOf(res)).toMatchObject({ code: "CONFLICT", reason: "SURVEY_NOT_ACTIVE" });
  });
});

describe("listing responses", () => {
  it("pages newest first and filters by survey, period, score range, customer and segment", async () => {
    const surveyId = await f.survey({ allowMultipleResponses: true });
    const vip = await f.customer({ tags: ["vip-survey"] });
    const other = await f.customer();
    const segmentId = await f.segment("VIP respondents", taggedRule("vip-survey"));
    const start = t.clock.now();
    const ids: string[] = [];
    for (const [who, nps] of [
      [vip, 0],
      [other, 5],
      [vip, 8],
      [other, 9],
      [vip, 10],
    ] as const) {
      t.clock.advance(60_000);
      ids.push((await f.answered(surveyId, who, { nps })).id);
    }
    type Page = {
      surveyResponses: {
        totalCount: number;
        edges: { node: { id: string; npsScore: number; customer: { id: string } } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const q = `query($s: ID, $c: ID, $from: DateTime, $to: DateTime, $score: SurveyScoreRangeInput, $seg: ID, $first: Int, $after: String) {
      surveyResponses(surveyId: $s, customerId: $c, from: $from, to: $to, score: $score, segmentId: $seg, first: $first, after: $after) {
        totalCount edges { node { id npsScore customer { id } } } pageInfo { hasNextPage endCursor } } }`;
    const list = (vars: Record<string, unknown>) =>
      t.gql<Page>(q, { s: surveyId, ...vars }, t.admin);

    const p1 = await list({ first: 2 });
    expect(p1.data!.surveyResponses.totalCount).toBe(5);
    expect(p1.data!.surveyResponses.edges.map((e) => e.node.id)).toEqual([ids[4], ids[3]]);
    const p2 = await list({ first: 2, after: p1.data!.surveyResponses.pageInfo.endCursor });
    expect(p2.data!.surveyResponses.edges.map((e) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(p2.data!.surveyResponses.pageInfo.hasNextPage).toBe(true);

    const scores = (p: Page) => p.surveyResponses.edges.map((e) => e.node.npsScore);
    expect(scores((await list({ score: { score: "NPS", min: 5, max: 9 } })).data!)).toEqual([
      9, 8, 5,
    ]);
    expect(scores((await list({ score: { score: "NPS", max: 6 } })).data!)).toEqual([5, 0]);
    expect(scores((await list({ seg: segmentId })).data!)).toEqual([10, 8, 0]);
    expect(scores((await list({ c: other })).data!)).toEqual([9, 5]);
    const window = await list({
      from: new Date(start.getTime() + 120_000).toISOString(),
      to: new Date(start.getTime() + 240_000).toISOString(),
    });
    expect(scores(window.data!)).toEqual([8, 5]);
    expect(window.data!.surveyResponses.edges[0]!.node.customer.id).toBe(vip);

    const bad = await list({ score: { score: "NPS", min: 9, max: 5 } });
    expect(errorOf(bad).problems.map((p) => p.path)).toEqual(["score.max"]);
    const forged = Buffer.from(JSON.stringify(["2026-06-15T10:00:00Z", "1; DROP"])).toString(
      "base64url",
    );
    for (const after of ["garbage", forged])
      expect(errorOf(await list({ first: 2, after })).code).toBe("BAD_USER_INPUT");
  });
});
