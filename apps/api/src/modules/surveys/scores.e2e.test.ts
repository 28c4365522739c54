import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, TEST_NOW, type TestServer } from "../../test-support/server";
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

type Confidence = { level: string; n: number; marginOfError: number | null };
type Period = {
  start: string | null;
  end: string | null;
  responses: number;
  nps: {
    score: number | null;
    promoters: number;
    passives: number;
    detractors: number;
    total: number;
    distribution: number[];
    confidence: Confidence;
  };
  csat: { score: number | null; satisfied: number; total: number; confidence: Confidence };
  ces: { score: number | null; total: number; distribution: number[]; confidence: Confidence };
};

const PERIOD = `start end responses
  nps { score promoters passives detractors total distribution confidence { level n marginOfError } }
  csat { score satisfied total confidence { level n marginOfError } }
  ces { score total distribution confidence { level n marginOfError } }`;

async function scores(surveyId: string, args: Record<string, unknown> = {}) {
  const res = await t.gql<{ surveyScores: Period[] }>(
    `query($s: ID!, $from: DateTime, $to: DateTime, $seg: ID, $g: SurveyScoreGrouping) {
       surveyScores(surveyId: $s, from: $from, to: $to, segmentId: $seg, groupBy: $g) { ${PERIOD} } }`,
    { s: surveyId, ...args },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.surveyScores;
}

/** Answers `answers` one customer each, at `at`. */
async function answerAt(
  surveyId: string,
  at: string,
  answers: Record<string, unknown>[],
  tags: string[] = [],
) {
  t.clock.set(new Date(at));
  for (const a of answers) await f.answered(surveyId, await f.customer({ tags }), a);
  t.clock.set(TEST_NOW);
}

const nps = (...scores: number[]) => scores.map((n) => ({ nps: n }));

describe("survey scores", () => {
  let surveyId: string;

  beforeAll(async () => {
    surveyId = await f.survey();
    // May: 5 promoters, 3 passives, 2 detractors (NPS 30); CSAT 5,4,3,2,1 (40); CES 7,6,5 (6).
    await answerAt(surveyId, "2026-05-10T08:00:00Z", [
      { nps: 10, csat: 5, ces: 7 },
      { nps: 9, csat: 4, ces: 6 },
      { nps: 9, csat: 3, ces: 5 },
      { nps: 10, csat: 2 },
      { nps: 9, csat: 1 },
      ...nps(8, 7, 7, 6, 0),
    ]);
    // June: all passives (NPS 0); CSAT 5,3,3 (33.3); CES 1,1,2 (1.33).
    await answerAt(
      surveyId,
      "2026-06-01T00:00:00Z",
      [
        { nps: 7, csat: 5, ces: 1 },
        { nps: 8, csat: 3, ces: 1 },
        { nps: 8, csat: 3, ces: 2 },
      ],
      ["score-panel"],
    );
    // August: one detractor (-100).
    await answerAt(surveyId, "2026-08-31T23:59:59.999Z", nps(0), ["score-panel"]);
  });

  it("scores the whole range against hand-computed values", async () => {
    const [all] = await scores(surveyId, { to: "2026-09-01T00:00:00Z" });
    // NPS: 5 promoters, 6 passives, 3 detractors of 14: (5 - 3) / 14 = 14.29% → 14.3.
    // Margin: p = 5/14, d = 3/14; variance = 8/14 - (2/14)² = 0.5510; 1.96 × √(0.5510/14) × 100 = 38.9.
    expect(all).toMatchObject({
      start: null,
      end: "2026-09-01T00:00:00.000Z",
      responses: 14,
      nps: {
        score: 14.3,
        promoters: 5,
        passives: 6,
        detractors: 3,
        total: 14,
        distribution: [2, 0, 0, 0, 0, 0, 1, 3, 3, 3, 2],
        confidence: { level: "INSUFFICIENT", n: 14, marginOfError: 38.9 },
      },
      // CSAT: 5,4,3,2,1,5,3,3: 3 of 8 satisfied = 37.5%; 1.96 × √(.375 × .625 / 8) × 100 = 33.5.
      csat: { score: 37.5, satisfied: 3, total: 8, confidence: { n: 8, marginOfError: 33.5 } },
      // CES: 7,6,5,1,1,2: 22 / 6 = 3.67; s² = 35.33 / 5 = 7.067; 1.96 × √(7.067 / 6) = 2.13.
      ces: {
        score: 3.67,
        total: 6,
        distribution: [2, 1, 0, 0, 1, 1, 1],
        confidence: { n: 6, marginOfError: 2.13 },
      },
    });
  });

  it("groups by UTC month with every month of the range, empty ones with null scores", async () => {
    const months = await scores(surveyId, {
      from: "2026-04-15T00:00:00Z",
      to: "2026-09-01T00:00:00Z",
      g: "MONTH",
    });
    expect(months.map((m) => [m.start, m.end, m.responses, m.nps.score])).toEqual([
      ["2026-04-15T00:00:00.000Z", "2026-05-01T00:00:00.000Z", 0, null],
      ["2026-05-01T00:00:00.000Z", "2026-06-01T00:00:00.000Z", 10, 30],
      ["2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z", 3, 0],
      ["2026-07-01T00:00:00.000Z", "2026-08-01T00:00:00.000Z", 0, null],
      ["2026-08-01T00:00:00.000Z", "2026-09-01T00:00:00.000Z", 1, -100],
    ]);
    const [, may, june, july] = months;
    expect(may!.csat).toMatchObject({ score: 40, satisfied: 2, total: 5 });
    expect(may!.ces).toMatchObject({ score: 6, total: 3 });
    // All passives: NPS 0, not null; every answer counts as a passive.
    expect(june!.nps).toMatchObject({ score: 0, promoters: 0, passives: 3, detractors: 0 });
    expect(june!.csat.score).toBe(33.3);
    expect(june!.ces.score).toBe(1.33);
    expect(july!.nps).toMatchObject({
      score: null,
      total: 0,
      confidence: { level: "INSUFFICIENT", n: 0, marginOfError: null },
    });
    expect(july!.csat.score).toBeNull();
    expect(july!.ces.score).toBeNull();
  });

  it("starts at the first response's month when there is no from, and ends now", async () => {
    t.clock.set(new Date("2026-09-10T00:00:00Z"));
    const months = await t.gql<{ surveyScores: Period[] }>(
      `query($s: ID!) { surveyScores(surveyId: $s, groupBy: MONTH) { start end responses } }`,
      { s: surveyId },
      await t.createKey(["read"]),
    );
    t.clock.set(TEST_NOW);
    expect(months.data!.surveyScores.map((m) => m.start)).toEqual([
      "2026-05-01T00:00:00.000Z",
      "2026-06-01T00:00:00.000Z",
      "2026-07-01T00:00:00.000Z",
      "2026-08-01T00:00:00.000Z",
      "2026-09-01T00:00:00.000Z",
    ]);
    expect(months.data!.surveyScores.at(-1)!.end).toBe("2026-09-10T00:00:00.000Z");
  });

  it("groups by ISO week starting Monday (UTC)", async () => {
    const weekly = await f.survey({ allowMultipleResponses: true });
    const who = await f.customer();
    for (const [at, score] of [
      ["2026-06-01T00:00:00Z", 10], // Monday
      ["2026-06-07T23:59:59Z", 0], // Sunday, same week
      ["2026-06-08T00:00:00Z", 9], // next Monday
    ] as const) {
      t.clock.set(new Date(at));
      await f.answered(weekly, who, { nps: score });
    }
    t.clock.set(TEST_NOW);
    const weeks = await scores(weekly, {
      from: "2026-06-01T00:00:00Z",
      to: "2026-06-15T00:00:00Z",
      g: "WEEK",
    });
    expect(weeks.map((w) => [w.start, w.nps.promoters, w.nps.detractors, w.nps.score])).toEqual([
      ["2026-06-01T00:00:00.000Z", 1, 1, 0],
      ["2026-06-08T00:00:00.000Z", 1, 0, 100],
    ]);
  });

  it("scores one segment's customers", async () => {
    const panel = await f.segment("Score panel", taggedRule("score-panel"));
    const [scored] = await scores(surveyId, { seg: panel });
    // June's 3 passives and August's detractor: (0 - 1) / 4 = -25.
    expect(scored!.nps).toMatchObject({ score: -25, passives: 3, detractors: 1, total: 4 });
    const unknown = await t.gql(
      `query($s: ID!, $seg: ID) { surveyScores(surveyId: $s, segmentId: $seg) { responses } }`,
      { s: surveyId, seg: "00000000-0000-4000-8000-00000000cafe" },
      t.admin,
    );
    expect(errorOf(unknown).code).toBe("NOT_FOUND");
  });

  it("has null scores without responses, and no periods to group", async () => {
    const empty = await f.survey();
    const [all] = await scores(empty);
    expect(all).toMatchObject({
      responses: 0,
      nps: { score: null, total: 0, distribution: Array(11).fill(0) },
      csat: { score: null, total: 0 },
      ces: { score: null, total: 0 },
    });
    expect(await scores(empty, { g: "MONTH" })).toEqual([]);
  });

  it("refuses a range that ends before it starts, and an unknown survey", async () => {
    const bad = await t.gql(
      `query($s: ID!) { surveyScores(surveyId: $s, from: "2026-06-01T00:00:00Z", to: "2026-05-01T00:00:00Z") { responses } }`,
      { s: surveyId },
      t.admin,
    );
    expect(errorOf(bad).problems.map((p) => p.path)).toEqual(["to"]);
    const missing = await t.gql(
      `query { surveyScores(surveyId: "00000000-0000-4000-8000-00000000cafe") { responses } }`,
      {},
      t.admin,
    );
    expect(errorOf(missing).code).toBe("NOT_FOUND");
  });
});

describe("keywords of open answers", () => {
  type Keywords = {
    surveyKeywords: {
      questionId: string;
      locale: string | null;
      answers: number;
      sampled: boolean;
      keywords: { keyword: string; count: number }[];
    };
  };
  const keywords = (surveyId: string, vars: Record<string, unknown>) =>
    t.gql<Keywords>(
      `query($s: ID!, $q: String!, $l: String, $n: Int) {
         surveyKeywords(surveyId: $s, questionId: $q, locale: $l, limit: $n) {
           questionId locale answers sampled keywords { keyword count } } }`,
      { s: surveyId, ...vars },
      t.admin,
    );

  it("counts each word once per answer, most frequent first, without stopwords", async () => {
    const surveyId = await f.survey();
    const answer = async (why: string, locale: string) =>
      expect(
        (await f.respond(surveyId, await f.customer(), { nps: 3, why }, { locale })).errors,
      ).toBeUndefined();
    await answer("Delivery was slow, so slow", "en");
    await answer("Slow delivery and no support", "en");
    await answer("Great support", "en");
    await answer("De levering was traag", "nl");
    await f.answered(surveyId, await f.customer(), { nps: 2 });

    const en = await keywords(surveyId, { q: "why", l: "en" });
    expect(en.errors ?? []).toEqual([]);
    expect(en.data!.surveyKeywords).toEqual({
      questionId: "why",
      locale: "en",
      answers: 3,
      sampled: false,
      keywords: [
        { keyword: "delivery", count: 2 },
        { keyword: "slow", count: 2 },
        { keyword: "support", count: 2 },
        { keyword: "great", count: 1 },
      ],
    });
    const all = await keywords(surveyId, { q: "why", n: 2 });
    expect(all.data!.surveyKeywords).toMatchObject({
      locale: null,
      answers: 4,
      keywords: [
        { keyword: "delivery", count: 2 },
        { keyword: "slow", count: 2 },
      ],
    });
    const nl = await keywords(surveyId, { q: "why", l: "nl" });
    expect(nl.data!.surveyKeywords.keywords).toEqual([
      { keyword: "levering", count: 1 },
      { keyword: "traag", count: 1 },
    ]);
  });

  it("asks for an open-text question of the survey and a sensible limit", async () => {
    const surveyId = await f.survey();
    const codes = async (vars: Record<string, unknown>) =>
      errorOf(await keywords(surveyId, vars)).problems.map((p) => [p.path, p.code]);
    expect(await codes({ q: "nps" })).toEqual([["questionId", "NOT_OPEN_TEXT"]]);
    expect(await codes({ q: "nope" })).toEqual([["questionId", "UNKNOWN_QUESTION"]]);
    expect(await codes({ q: "why", l: "de" })).toEqual([["locale", "UNSUPPORTED_LOCALE"]]);
    expect(await codes({ q: "why", n: 0 })).toEqual([["limit", "INVALID"]]);
  });
});
