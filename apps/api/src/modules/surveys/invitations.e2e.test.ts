import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";
import { errorOf, surveyFixtures, taggedRule } from "./survey-fixtures";

let t: TestServer;
let f: ReturnType<typeof surveyFixtures>;

beforeAll(async () => {
  t = await startTestServer();
  f = surveyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

const DAY = 86_400_000;

type Batch = {
  surveyId: string;
  expiresAt: string;
  skippedAlreadyResponded: number;
  skippedNotInAudience: number;
  invitations: {
    id: string;
    customerId: string;
    externalId: string;
    locale: string;
    token: string;
    link: string;
    expiresAt: string;
  }[];
};

async function invite(input: Record<string, unknown>) {
  return t.gql<{ createSurveyInvitations: Batch }>(
    `mutation($i: SurveyInvitationsInput!) { createSurveyInvitations(input: $i) {
       surveyId expiresAt skippedAlreadyResponded skippedNotInAudience
       invitations { id customerId externalId locale token link expiresAt } } }`,
    { i: input },
    t.admin,
  );
}

async function tokenFor(surveyId: string, customerId: string, expiresInDays?: number) {
  const res = await invite({ surveyId, customerIds: [customerId], expiresInDays });
  expect(res.errors ?? []).toEqual([]);
  return res.data!.createSurveyInvitations.invitations[0]!.token;
}

type Hosted = {
  surveyByToken: {
    expiresAt: string;
    survey: {
      title: string;
      locale: string;
      locales: string[];
      questions: { id: string; title: string; type: string }[];
    };
  };
};
const open = (token: string, locale?: string) =>
  t.gql<Hosted>(
    `query($t: String!, $l: String) { surveyByToken(token: $t, locale: $l) { expiresAt
       survey { title locale locales questions { id title type } } } }`,
    { t: token, l: locale ?? null },
    null,
  );
const submit = (token: string, answers: Record<string, unknown>, locale?: string) =>
  t.gql<{ submitSurveyByToken: { submittedAt: string; loyaltyPoints: number } }>(
    `mutation($t: String!, $a: JSONObject!, $l: String) {
       submitSurveyByToken(token: $t, answers: $a, locale: $l) { submittedAt loyaltyPoints } }`,
    { t: token, a: answers, l: locale ?? null },
    null,
  );

describe("creating invitations", () => {
  it("issues one 256-bit single-use token per customer, stores only its hash, and links to /s/<token>", async () => {
    const surveyId = await f.survey();
    const a = await f.customer({ locale: "nl" });
    const b = await f.customer({ locale: "fr" });
    const res = await invite({ surveyId, customerIds: [a, b, a], expiresInDays: 7 });
    expect(res.errors ?? []).toEqual([]);
    const batch = res.data!.createSurveyInvitations;
    expect(batch.expiresAt).toBe(new Date(t.clock.now().getTime() + 7 * DAY).toISOString());
    expect(batch.invitations.map((i) => [i.customerId, i.locale])).toEqual([
      [a, "nl"],
      [b, "en"],
    ]);
    for (const i of batch.invitations) {
      expect(i.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(i.token, "base64url")).toHaveLength(32);
      expect(i.link).toBe(`${t.config.ADMIN_ORIGIN}/s/${i.token}`);
    }
    const stored = await t.db.read((em) =>
      em.query(`SELECT * FROM survey_invitations WHERE survey_id = $1 ORDER BY created_at`, [
        surveyId,
      ]),
    );
    expect(stored).toHaveLength(2);
    const dump = JSON.stringify(stored);
    for (const i of batch.invitations) {
      expect(dump).not.toContain(i.token);
      expect(dump).toContain(createHash("sha256").update(i.token).digest("hex"));
    }
  });

  it("invites a segment's members, leaving out those outside the audience or who already answered", async () => {
    const panel = await f.segment("Invite panel", taggedRule("invite-panel"));
    const audience = await f.segment("Invite audience", taggedRule("invite-audience"));
    const both = await f.customer({ tags: ["invite-panel", "invite-audience"] });
    const answered = await f.customer({ tags: ["invite-panel", "invite-audience"] });
    await f.customer({ tags: ["invite-panel"] });
    await t.app.services.segments.refresh(panel);
    await t.app.services.segments.refresh(audience);
    const surveyId = await f.survey({ audience: { kind: "segment", segmentId: audience } });
    await f.answered(surveyId, answered, { nps: 9 });
    const res = await invite({ surveyId, segmentId: panel });
    expect(res.errors ?? []).toEqual([]);
    expect(res.data!.createSurveyInvitations).toMatchObject({
      skippedAlreadyResponded: 1,
      skippedNotInAudience: 1,
    });
    expect(res.data!.createSurveyInvitations.invitations.map((i) => i.customerId)).toEqual([both]);
  });

  it("refuses bad input by path and a closed survey, storing nothing", async () => {
    const surveyId = await f.survey();
    const customerId = await f.customer();
    const before = await t.count("survey_invitations");
    const paths = async (input: Record<string, unknown>) =>
      errorOf(await invite({ surveyId, ...input })).problems.map((p) => p.path);
    expect(await paths({})).toEqual(["customerIds"]);
    expect(await paths({ customerIds: [customerId], segmentId: customerId })).toEqual([
      "customerIds",
    ]);
    expect(await paths({ customerIds: [customerId, "nope"], expiresInDays: 0 })).toEqual([
      "expiresInDays",
      "customerIds[1]",
    ]);
    expect(
      await paths({ customerIds: [customerId, "00000000-0000-4000-8000-00000000beef"] }),
    ).toEqual(["customerIds[1]"]);
    const unknownSegment = await invite({
      surveyId,
      segmentId: "00000000-0000-4000-8000-00000000beef",
    });
    expect(errorOf(unknownSegment).code).toBe("NOT_FOUND");
    const closed = await f.survey({}, "CLOSED");
    expect(errorOf(await invite({ surveyId: closed, customerIds: [customerId] }))).toMatchObject({
      code: "CONFLICT",
      reason: "SURVEY_NOT_ACTIVE",
    });
    expect(await t.count("survey_invitations")).toBe(before);
  });

  it("exports links as CSV, quoting commas and defusing formulas", async () => {
    const surveyId = await f.survey();
    const a = await f.customer({ name: "Jansen, Piet", email: "piet@example.com", locale: "nl" });
    const b = await f.customer({ name: "=HYPERLINK(1)" });
    const res = await t.gql<{ exportSurveyInvitations: string }>(
      `mutation($i: SurveyInvitationsInput!) { exportSurveyInvitations(input: $i) }`,
      { i: { surveyId, customerIds: [a, b] } },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    const lines = res.data!.exportSurveyInvitations.trimEnd().split("\r\n");
    expect(lines[0]).toBe("customer_id,external_id,email,name,locale,link,expires_at");
    expect(lines).toHaveLength(3);
    const expires = new Date(t.clock.now().getTime() + 30 * DAY).toISOString();
    expect(lines[1]).toMatch(
      new RegExp(
        `^${a},resp-\\d+,piet@example.com,"Jansen, Piet",nl,${t.config.ADMIN_ORIGIN}/s/[A-Za-z0-9_-]{43},${expires}$`,
      ),
    );
    expect(lines[2]).toContain(",'=HYPERLINK(1),en,");
    expect(await t.count("survey_invitations")).toBeGreaterThanOrEqual(2);
  });

  it("is for survey managers only", async () => {
    const surveyId = await f.survey();
    const res = await t.gql(
      `mutation($i: SurveyInvitationsInput!) { exportSurveyInvitations(input: $i) }`,
      { i: { surveyId, customerIds: [await f.customer()] } },
      t.writeKey,
    );
    expect(errorOf(res).code).toBe("FORBIDDEN");
  });
});

describe("the hosted survey page (public)", () => {
  it("opens the survey in the customer's locale without signing in, or in another on request", async () => {
    const surveyId = await f.survey();
    const token = await tokenFor(surveyId, await f.customer({ locale: "nl-BE" }));
    const res = await open(token);
    expect(res.errors ?? []).toEqual([]);
    expect(res.data!.surveyByToken.survey).toMatchObject({
      title: "Quick check (nl)",
      locale: "nl",
      locales: ["en", "nl"],
    });
    expect(res.data!.surveyByToken.survey.questions[0]).toEqual({
      id: "nps",
      title: "Recommend us? (nl)",
      type: "NPS",
    });
    expect((await open(token, "en")).data!.surveyByToken.survey.locale).toBe("en");
    expect((await open(token, "de")).data!.surveyByToken.survey.locale).toBe("nl");
  });

  it("accepts the answers once, in the page's locale, and then calls the token used", async () => {
    const surveyId = await f.survey();
    const customerId = await f.customer({ locale: "nl" });
    const token = await tokenFor(surveyId, customerId);
    const ok = await submit(token, { nps: 3, why: "Te duur" });
    expect(ok.errors ?? []).toEqual([]);
    expect(ok.data!.submitSurveyByToken.submittedAt).toBe(t.clock.now().toISOString());
    const [row] = await t.db.read((em) =>
      em.query(
        `SELECT source, locale, customer_id, answers FROM survey_responses WHERE survey_id = $1`,
        [surveyId],
      ),
    );
    expect(row).toMatchObject({
      source: "invitation",
      locale: "nl",
      customer_id: customerId,
      answers: { nps: 3, why: "Te duur" },
    });

    const before = await f.written();
    expect(errorOf(await submit(token, { nps: 9 }))).toMatchObject({
      code: "CONFLICT",
      reason: "TOKEN_USED",
    });
    expect(errorOf(await open(token))).toMatchObject({ code: "CONFLICT", reason: "TOKEN_USED" });
    expect(await f.written()).toEqual(before);
  });

  it("refuses an expired token, from the moment it expires, storing nothing", async () => {
    const surveyId = await f.survey();
    const token = await tokenFor(surveyId, await f.customer(), 2);
    const issued = t.clock.now();
    t.clock.advance(2 * DAY - 1);
    expect((await open(token)).errors).toBeUndefined();
    t.clock.advance(1);
    const before = await f.written();
    expect(errorOf(await open(token))).toMatchObject({ code: "CONFLICT", reason: "TOKEN_EXPIRED" });
    expect(errorOf(await submit(token, { nps: 9 }))).toMatchObject({
      code: "CONFLICT",
      reason: "TOKEN_EXPIRED",
    });
    expect(await f.written()).toEqual(before);
    // Back to when the admin session was fresh, for the tests that follow.
    t.clock.set(issued);
  });

  it("is NOT_FOUND for an unknown or malformed token", async () => {
    const unknown = Buffer.alloc(32, 7).toString("base64url");
    expect(errorOf(await open(unknown)).code).toBe("NOT_FOUND");
    expect(errorOf(await submit(unknown, { nps: 9 })).code).toBe("NOT_FOUND");
    expect(errorOf(await open("' OR 1=1 --")).code).toBe("NOT_FOUND");
  });

  it("keeps the token usable after bad answers, and stores nothing for them", async () => {
    const surveyId = await f.survey();
    const token = await tokenFor(surveyId, await f.customer());
    const before = await f.written();
    const bad = await submit(token, { nps: 12, csat: "good" });
    expect(errorOf(bad).code).toBe("BAD_USER_INPUT");
    expect(errorOf(bad).problems.map((p) => [p.path, p.code])).toEqual([
      ["answers.nps", "OUT_OF_RANGE"],
      ["answers.csat", "WRONG_TYPE"],
    ]);
    expect(errorOf(await submit(token, { nps: 9 }, "fr")).problems.map((p) => p.code)).toEqual([
      "UNSUPPORTED_LOCALE",
    ]);
    expect(await f.written()).toEqual(before);
    expect((await submit(token, { nps: 9 })).errors).toBeUndefined();
  });

  it("refuses the link of a survey that was closed, or of a customer who answered meanwhile", async () => {
    const surveyId = await f.survey();
    const customerId = await f.customer();
    const token = await tokenFor(surveyId, customerId);
    await f.setStatus(surveyId, "CLOSED");
    expect(errorOf(await open(token))).toMatchObject({
      code: "CONFLICT",
      reason: "SURVEY_NOT_ACTIVE",
    });
    expect(errorOf(await submit(token, { nps: 9 })).reason).toBe("SURVEY_NOT_ACTIVE");
    await f.setStatus(surveyId, "ACTIVE");
    await f.answered(surveyId, customerId, { nps: 8 });
    expect(errorOf(await submit(token, { nps: 9 })).reason).toBe("ALREADY_RESPONDED");
  });

  it("lets two links of one customer answer a survey only once", async () => {
    const surveyId = await f.survey();
    const customerId = await f.customer();
    const first = await tokenFor(surveyId, customerId);
    const res = await invite({ surveyId, customerIds: [customerId] });
    const second = res.data!.createSurveyInvitations.invitations[0]!.token;
    const [a, b] = await Promise.all([submit(first, { nps: 9 }), submit(second, { nps: 10 })]);
    const reasons = [a, b].map((r) => errorOf(r).reason ?? "ok").sort();
    expect(reasons).toEqual(["ALREADY_RESPONDED", "ok"]);
    expect((await f.getSurvey(surveyId)).responseCount).toBe(1);
  });
});
