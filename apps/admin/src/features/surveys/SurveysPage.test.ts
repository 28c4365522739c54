import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient } from "@/testing/fake-client";
import { SUPPORT, mountPage } from "@/testing/mount-app";
import type { SessionUser } from "@/features/auth/use-session";
import SurveysPage from "./SurveysPage.vue";
import { SEGMENT_ID, listSurvey, surveysPage } from "./fixtures";
import { parseSurveyListQuery, toSurveyListQuery } from "./use-survey-list";

enableAutoUnmount(afterEach);

const SEGMENTS = {
  data: {
    segments: { edges: [{ node: { id: SEGMENT_ID, name: "VIP", memberCount: 120 } }] },
  },
};

async function mountList(
  answer: ReturnType<typeof surveysPage>,
  at = "/surveys",
  user?: SessionUser,
) {
  const { client, calls } = fakeClient({ Surveys: answer, SegmentOptions: SEGMENTS });
  const mounted = await mountPage({ client, page: SurveysPage, path: "/surveys", at, user });
  return { ...mounted, listCalls: () => calls.filter((c) => c.name === "Surveys") };
}

describe("SurveysPage", () => {
  it("lists surveys with status, languages, audience, responses against the quota and last change", async () => {
    const { wrapper } = await mountList(
      surveysPage([
        listSurvey(),
        listSurvey({
          id: "s2",
          title: "After delivery",
          status: "DRAFT",
          locales: ["nl"],
          audienceSegmentId: SEGMENT_ID,
          responseCount: 12,
          responseQuota: 500,
          templateKey: null,
        }),
      ]),
    );
    const rows = wrapper.findAll('[data-test="survey-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain("How are we doing?");
    expect(rows[0]!.text()).toContain("Starter");
    expect(rows[0]!.text()).toContain("Active");
    expect(rows[0]!.text()).toContain("EN · NL");
    expect(rows[0]!.text()).toContain("Everyone");
    expect(rows[0]!.find('[data-test="response-count"]').text()).toBe("1,520");
    expect(rows[1]!.text()).toContain("Draft");
    expect(rows[1]!.text()).toContain("VIP");
    expect(rows[1]!.find('[data-test="response-count"]').text()).toBe("12 / 500");
    expect(wrapper.find('[data-test="total-count"]').text()).toBe("2 surveys");
  });

  it("sends the status and search from the URL, and starts again at page one on a new filter", async () => {
    const { listCalls, router } = await mountList(
      surveysPage([listSurvey()]),
      "/surveys?status=CLOSED&q=deliv&after=c1",
    );
    expect(listCalls()[0]!.variables).toMatchObject({
      first: 25,
      after: "c1",
      status: "CLOSED",
      search: "deliv",
    });
    expect(parseSurveyListQuery({ status: "NOPE", before: "b" })).toEqual({
      search: "",
      status: null,
      after: null,
      before: "b",
    });
    expect(toSurveyListQuery({ search: "x", status: "ACTIVE", after: null, before: null })).toEqual(
      {
        q: "x",
        status: "ACTIVE",
      },
    );
    await router.push({ query: { status: "ACTIVE" } });
    await flushPromises();
    expect(listCalls().at(-1)!.variables).toMatchObject({ status: "ACTIVE", first: 25 });
  });

  it("explains an empty list and offers a new survey", async () => {
    const { wrapper, router } = await mountList(surveysPage([]));
    expect(wrapper.find('[data-test="empty"]').text()).toContain("No surveys yet");
    await wrapper.find('[data-test="empty-new"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/surveys/new");
  });

  it("offers to clear filters that find nothing", async () => {
    const { wrapper, router } = await mountList(surveysPage([]), "/surveys?status=CLOSED");
    expect(wrapper.find('[data-test="empty"]').text()).toContain("No survey matches");
    await wrapper.find('[data-test="clear-filters"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
  });

  it("opens a survey with Enter on its row", async () => {
    const { wrapper, router } = await mountList(surveysPage([listSurvey()]));
    await wrapper.find('[data-test="survey-row"]').trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe(`/surveys/${listSurvey().id}`);
  });

  it("lets support staff look but not create", async () => {
    const { wrapper } = await mountList(surveysPage([]), "/surveys", SUPPORT);
    expect(wrapper.find('[data-test="new-survey"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="empty-new"]').exists()).toBe(false);
  });
});
