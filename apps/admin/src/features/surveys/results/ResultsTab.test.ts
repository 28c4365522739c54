/* eslint-disable vue/one-component-per-file -- a chart stub, and a page that hands the tab its survey */
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient, type FakeHandlers } from "@/testing/fake-client";
import { mountPage } from "@/testing/mount-app";
import { SEGMENT_ID, SURVEY_ID, surveyDetail } from "../fixtures";
import ResultsTab from "./ResultsTab.vue";

// Canvas charts do not draw in happy-dom; the stub keeps the option it was given.
vi.mock("vue-echarts", () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    render() {
      return h("div", {
        "data-test": "chart",
        "data-series": JSON.stringify(this.option.series?.[0]?.data ?? null),
      });
    },
  }),
}));

enableAutoUnmount(afterEach);

const NOW = new Date(2025, 2, 15, 12);
const confidence = (
  level: "INSUFFICIENT" | "LOW" | "OK",
  n: number,
  marginOfError: number | null,
) => ({
  level,
  n,
  marginOfError,
  minimumSample: 30,
  recommendedSample: 100,
});

const SCORES = {
  data: {
    overall: [
      {
        responses: 64,
        nps: {
          score: 42.2,
          total: 64,
          promoters: 35,
          passives: 19,
          detractors: 10,
          distribution: [1, 0, 1, 2, 1, 2, 3, 9, 10, 15, 20],
          confidence: confidence("LOW", 64, 17.4),
        },
        csat: { score: 81.5, total: 54, satisfied: 44, confidence: confidence("LOW", 54, 10.4) },
        ces: { score: null, total: 0, confidence: confidence("INSUFFICIENT", 0, null) },
      },
    ],
    trend: [
      {
        start: "2025-01-01T00:00:00.000Z",
        end: "2025-02-01T00:00:00.000Z",
        responses: 50,
        nps: { score: 50, confidence: confidence("LOW", 50, 20) },
        csat: { score: 80, confidence: confidence("LOW", 50, 10) },
        ces: { score: null, confidence: confidence("INSUFFICIENT", 0, null) },
      },
      {
        start: "2025-02-01T00:00:00.000Z",
        end: "2025-03-01T00:00:00.000Z",
        responses: 14,
        nps: { score: 14.3, confidence: confidence("INSUFFICIENT", 14, 40) },
        csat: { score: 85, confidence: confidence("INSUFFICIENT", 14, 20) },
        ces: { score: null, confidence: confidence("INSUFFICIENT", 0, null) },
      },
    ],
  },
};

const response = (id: string, text: string, npsScore: number) => ({
  id,
  submittedAt: "2025-03-01T10:00:00.000Z",
  locale: "en",
  answers: { recommend: npsScore, recommend_why: text },
  npsScore,
  npsCategory: npsScore >= 9 ? "PROMOTER" : npsScore >= 7 ? "PASSIVE" : "DETRACTOR",
  csatScore: null,
  customer: { id: `c-${id}`, name: `Customer ${id}`, externalId: `ext-${id}` },
});

function handlers(overrides: FakeHandlers = {}): FakeHandlers {
  return {
    SegmentOptions: {
      data: { segments: { edges: [{ node: { id: SEGMENT_ID, name: "VIP", memberCount: 3 } }] } },
    },
    SurveyScores: SCORES,
    SurveyKeywords: {
      data: {
        surveyKeywords: {
          questionId: "recommend_why",
          answers: 3,
          sampled: false,
          keywords: [
            { keyword: "delivery", count: 2 },
            { keyword: "slow", count: 1 },
          ],
        },
      },
    },
    SurveyResponses: {
      data: {
        surveyResponses: {
          totalCount: 4,
          pageInfo: { hasNextPage: false, endCursor: "e" },
          edges: [
            { node: response("1", "Slow delivery", 3) },
            { node: response("2", "Fast delivery and friendly staff", 10) },
            { node: response("3", "Nice products", 8) },
            { node: { ...response("4", "", 9), answers: { recommend: 9 } } },
          ],
        },
      },
    },
    ...overrides,
  };
}

const Page = defineComponent({
  render: () =>
    h(ResultsTab, {
      survey: surveyDetail({ status: "ACTIVE", responseCount: 64 }),
      now: () => NOW,
    }),
});

async function mountResults(
  at = `/surveys/${SURVEY_ID}?tab=results`,
  overrides: FakeHandlers = {},
) {
  const { client, calls } = fakeClient(handlers(overrides));
  const mounted = await mountPage({ client, page: Page, path: "/surveys/:id", at });
  const called = (name: string) => calls.filter((c) => c.name === name);
  return { ...mounted, called };
}

describe("ResultsTab", () => {
  it("shows NPS with its split, CSAT, and how far each can be trusted", async () => {
    const { wrapper } = await mountResults();
    const nps = wrapper.find('[data-test="nps-card"]');
    expect(nps.find('[data-test="nps-score"]').text()).toBe("42.2");
    expect(nps.text()).toContain("Low confidence ±17.4");
    expect(nps.text()).toMatch(/Promoters\s*55%/);
    expect(nps.find('[role="img"]').attributes("aria-label")).toBe(
      "NPS gauge: 42.2, from 64 answers",
    );
    expect(wrapper.find('[data-test="csat-score"]').text()).toBe("81.5%");
    expect(wrapper.find('[data-test="csat-card"]').text()).toContain(
      "44 of 54 answers were 4 or 5.",
    );
    // The starter survey asks no CES question.
    expect(wrapper.find('[data-test="ces-card"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="response-total"]').text()).toBe("64");
  });

  it("asks for the period and segment in the URL, the trend per month over the same range", async () => {
    const { called } = await mountResults(
      `/surveys/${SURVEY_ID}?tab=results&period=30d&segment=${SEGMENT_ID}`,
    );
    expect(called("SurveyScores")[0]!.variables).toEqual({
      surveyId: SURVEY_ID,
      from: new Date(2025, 1, 14).toISOString(),
      to: null,
      segmentId: SEGMENT_ID,
    });
    expect(called("SurveyResponses")[0]!.variables).toMatchObject({
      surveyId: SURVEY_ID,
      segmentId: SEGMENT_ID,
      score: null,
    });
  });

  it("draws the trend with the untrusted month apart", async () => {
    const { wrapper } = await mountResults();
    const trend = wrapper.find('[data-test="trend-card"] [data-test="chart"]');
    expect(JSON.parse(trend.attributes("data-series")!)).toEqual([50, null]);
    expect(wrapper.find('[data-test="trend-chart"]').attributes("aria-label")).toContain(
      "2025-02: 14.3 (n=14)",
    );
  });

  it("lists the written answers to the NPS follow-up and narrows them to a keyword", async () => {
    const { wrapper, called, router } = await mountResults();
    expect(called("SurveyKeywords")[0]!.variables).toMatchObject({ questionId: "recommend_why" });
    expect(wrapper.findAll('[data-test="open-answer"]')).toHaveLength(3);
    await wrapper.find('[data-test="keyword-delivery"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toMatchObject({ tab: "results", keyword: "delivery" });
    const answers = wrapper.findAll('[data-test="open-answer"]');
    expect(answers.map((a) => a.find("blockquote").text())).toEqual([
      "Slow delivery",
      "Fast delivery and friendly staff",
    ]);
    expect(answers[0]!.find("mark").text()).toBe("delivery");
    expect(wrapper.find('[data-test="open-answers-summary"]').text()).toContain(
      "2 of the responses loaded mention “delivery”.",
    );
  });

  it("asks only for detractors' responses when that category is chosen", async () => {
    const { wrapper, called } = await mountResults();
    await wrapper.find('[data-test="results-category"] input[value="DETRACTOR"]').setValue(true);
    await flushPromises();
    expect(called("SurveyResponses").at(-1)!.variables.score).toEqual({
      score: "NPS",
      min: 0,
      max: 6,
    });
  });
});
