import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, flushPromises, type VueWrapper } from "@vue/test-utils";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { mountPage } from "@/testing/mount-app";
import { TOKEN, hostedStarter } from "../fixtures";
import HostedSurveyPage from "./HostedSurveyPage.vue";

enableAutoUnmount(afterEach);

const SUBMITTED = {
  data: { submitSurveyByToken: { submittedAt: "2025-03-01T10:00:00.000Z", loyaltyPoints: 25 } },
};

async function mountHosted(handlers: FakeHandlers, at = `/s/${TOKEN}`) {
  const { client, calls } = fakeClient(handlers);
  // Signed out, and the admin's own language is English: the page follows the survey.
  const mounted = await mountPage({
    client,
    page: HostedSurveyPage,
    path: "/s/:token",
    at,
    user: null,
  });
  const called = (name: string) => calls.filter((c) => c.name === name);
  return { ...mounted, called };
}

async function choose(wrapper: VueWrapper, testId: string) {
  await wrapper.find(`[data-test="${testId}"]`).setValue(true);
  await flushPromises();
}

const questionIds = (wrapper: VueWrapper) =>
  wrapper.findAll('[data-test="question"]').map((q) => q.attributes("data-question"));

describe("HostedSurveyPage", () => {
  it("shows the survey in the customer's language, with its own words in that language too", async () => {
    const { wrapper, called } = await mountHosted({ SurveyByToken: hostedStarter("nl") });
    expect(called("SurveyByToken")[0]!.variables).toEqual({ token: TOKEN, locale: null });
    expect(wrapper.find("h1").text()).toBe("Hoe doen we het?");
    expect(document.documentElement.lang).toBe("nl");
    expect(wrapper.find('[data-test="survey-submit"]').text()).toBe("Antwoorden versturen");
    // Scales are radio groups inside a fieldset with the question as its legend.
    const first = wrapper.find('[data-question="satisfaction"]');
    expect(first.element.tagName).toBe("FIELDSET");
    expect(first.find("legend").text()).toContain("Hoe tevreden bent u");
    expect(first.findAll('input[type="radio"]')).toHaveLength(5);
    expect(first.attributes("aria-describedby")).toBe("q-satisfaction-help");
  });

  it("asks the follow-up once the score is given, and sends only the answers shown", async () => {
    const { wrapper, called } = await mountHosted({
      SurveyByToken: hostedStarter("en"),
      SubmitSurveyByToken: SUBMITTED,
    });
    expect(questionIds(wrapper)).not.toContain("recommend_why");
    await choose(wrapper, "answer-satisfaction-4");
    await choose(wrapper, "answer-recommend-10");
    expect(questionIds(wrapper)).toContain("recommend_why");
    await wrapper.find('[data-test="answer-recommend_why"]').setValue("Fast delivery");
    await wrapper.find('[data-test="survey-form"]').trigger("submit");
    await flushPromises();
    expect(called("SubmitSurveyByToken")[0]!.variables).toEqual({
      token: TOKEN,
      answers: { satisfaction: 4, recommend: 10, recommend_why: "Fast delivery" },
      locale: "en",
    });
    const thanks = wrapper.find('[data-test="hosted-thanks"]');
    expect(thanks.text()).toContain("Thank you!");
    expect(thanks.find('[data-test="hosted-points"]').text()).toBe("You earned 25 points.");
  });

  it("lists what is missing in a summary that links to each question, and sends nothing", async () => {
    const { wrapper, called } = await mountHosted({ SurveyByToken: hostedStarter("en") });
    await choose(wrapper, "answer-satisfaction-4");
    await wrapper.find('[data-test="survey-form"]').trigger("submit");
    await flushPromises();
    expect(called("SubmitSurveyByToken")).toHaveLength(0);
    const summary = wrapper.find('[data-test="error-summary"]');
    expect(summary.attributes("role")).toBe("alert");
    expect(document.activeElement).toBe(summary.element);
    const link = summary.find('[data-test="summary-link-recommend"]');
    expect(link.text()).toBe("Would you recommend us to your friends?: Choose an answer.");
    expect(link.attributes("href")).toBe("#q-recommend-0");
    const question = wrapper.find('[data-question="recommend"]');
    expect(question.attributes("aria-describedby")).toBe("q-recommend-help q-recommend-error");
    expect(question.find("#q-recommend-error").text()).toContain("Choose an answer.");

    // Answering clears the question's problem.
    await choose(wrapper, "answer-recommend-7");
    expect(wrapper.find('[data-test="error-summary"]').exists()).toBe(false);
  });

  it("switches language on request and keeps the answers given", async () => {
    const { wrapper, called, router } = await mountHosted({
      SurveyByToken: (v) => hostedStarter((v.locale as string | null) ?? "en"),
    });
    await choose(wrapper, "answer-satisfaction-5");
    await wrapper.find('[data-test="survey-locale-nl"]').trigger("click");
    await flushPromises();
    expect(called("SurveyByToken").at(-1)!.variables).toEqual({ token: TOKEN, locale: "nl" });
    expect(router.currentRoute.value.query).toEqual({ lang: "nl" });
    expect(wrapper.find("h1").text()).toBe("Hoe doen we het?");
    expect(
      (wrapper.find('[data-test="answer-satisfaction-5"]').element as HTMLInputElement).checked,
    ).toBe(true);
    expect(wrapper.find('[data-test="survey-locale-nl"]').attributes("aria-current")).toBe("true");
  });

  it("puts the API's problems at their questions", async () => {
    const { wrapper } = await mountHosted({
      SurveyByToken: hostedStarter("en"),
      SubmitSurveyByToken: gqlError("Invalid answers", {
        code: "BAD_USER_INPUT",
        problems: [{ path: "answers.recommend", code: "OUT_OF_RANGE", message: "out of range" }],
      }),
    });
    await choose(wrapper, "answer-satisfaction-4");
    await choose(wrapper, "answer-recommend-10");
    await wrapper.find('[data-test="survey-form"]').trigger("submit");
    await flushPromises();
    expect(wrapper.find("#q-recommend-error").text()).toContain("Choose a number from 0 to 10.");
  });

  it.each([
    [gqlError("No such link", { code: "NOT_FOUND" }), "NOT_FOUND", "Survey not found"],
    [
      gqlError("Used", { code: "CONFLICT", reason: "TOKEN_USED" }),
      "TOKEN_USED",
      "You already answered",
    ],
    [
      gqlError("Expired", { code: "CONFLICT", reason: "TOKEN_EXPIRED" }),
      "TOKEN_EXPIRED",
      "This link has expired",
    ],
    [
      gqlError("Closed", { code: "CONFLICT", reason: "SURVEY_NOT_ACTIVE" }),
      "SURVEY_NOT_ACTIVE",
      "This survey is closed",
    ],
  ])("says plainly why a link shows no survey (%#)", async (answer, reason, title) => {
    const { wrapper } = await mountHosted({ SurveyByToken: answer });
    const page = wrapper.find(`[data-test="hosted-unavailable-${reason}"]`);
    expect(page.find("h1").text()).toBe(title);
    expect(document.activeElement).toBe(page.find("h1").element);
  });

  it("tells the customer when the link was used in between, instead of the form", async () => {
    const { wrapper } = await mountHosted({
      SurveyByToken: hostedStarter("en"),
      SubmitSurveyByToken: gqlError("Used", { code: "CONFLICT", reason: "TOKEN_USED" }),
    });
    await choose(wrapper, "answer-satisfaction-4");
    await choose(wrapper, "answer-recommend-10");
    await wrapper.find('[data-test="survey-form"]').trigger("submit");
    await flushPromises();
    expect(wrapper.find('[data-test="hosted-unavailable-TOKEN_USED"]').exists()).toBe(true);
  });

  it("offers to try again when the server cannot be reached", async () => {
    let calls = 0;
    const { wrapper } = await mountHosted({
      SurveyByToken: () =>
        ++calls === 1 ? gqlError("Boom", { code: "INTERNAL_SERVER_ERROR" }) : hostedStarter("en"),
    });
    const failed = wrapper.find('[data-test="hosted-failed"]');
    expect(failed.text()).toContain("The survey could not be loaded");
    await failed.find("button").trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-test="survey-form"]').exists()).toBe(true);
  });
});
