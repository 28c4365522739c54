import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises, type VueWrapper } from "@vue/test-utils";
import { starterSurvey } from "@trouw/domain";
import type { SessionUser } from "@/features/auth/use-session";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { ANALYST, SUPPORT, mountPage } from "@/testing/mount-app";
import SurveyPage from "./SurveyPage.vue";
import { SURVEY_ID, surveyDetail } from "./fixtures";

enableAutoUnmount(afterEach);
// The whole builder with its preview in happy-dom takes seconds on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

function handlers(overrides: FakeHandlers = {}): FakeHandlers {
  return {
    Survey: { data: { survey: surveyDetail() } },
    SegmentOptions: { data: { segments: { edges: [] } } },
    SurveyTemplates: {
      data: { surveyTemplates: [{ key: "STARTER", definition: starterSurvey() }] },
    },
    ...overrides,
  };
}

async function mountSurvey(
  options: { at?: string; handlers?: FakeHandlers; user?: SessionUser } = {},
) {
  const { client, calls } = fakeClient(options.handlers ?? handlers());
  const at = options.at ?? `/surveys/${SURVEY_ID}`;
  const mounted = await mountPage({
    client,
    page: SurveyPage,
    path: at.startsWith("/surveys/new") ? "/surveys/new" : "/surveys/:id",
    at,
    user: options.user,
  });
  const called = (name: string) => calls.filter((c) => c.name === name);
  return { ...mounted, calls, called };
}

type Definition = ReturnType<typeof starterSurvey>;
const sent = (call: { variables: Record<string, unknown> }) =>
  call.variables.definition as Definition;

async function type(wrapper: VueWrapper, selector: string, value: string) {
  const input = wrapper.find(selector);
  await input.setValue(value);
  await flushPromises();
}

const questionIds = (wrapper: VueWrapper) =>
  wrapper.findAll('[data-test="builder-question"]').map((q) => q.attributes("data-question"));

/** Clicks the button of an open naive-ui dialog by its text. */
async function confirmDialog(testId: string, label: string) {
  const dialog = document.querySelector(`[data-test="${testId}"]`)!;
  const button = [...dialog.querySelectorAll("button")].find((b) =>
    b.textContent?.includes(label),
  )!;
  button.click();
  await flushPromises();
}

describe("SurveyPage", () => {
  it("starts a new survey from the starter template and continues at its page", async () => {
    const created = surveyDetail();
    const { wrapper, called, router } = await mountSurvey({
      at: "/surveys/new",
      handlers: handlers({
        CreateSurveyFromTemplate: { data: { createSurveyFromTemplate: created } },
      }),
    });
    expect(wrapper.find('[data-test="start-blank"]').exists()).toBe(true);
    await wrapper.find('[data-test="start-template-STARTER"]').trigger("click");
    await flushPromises();
    expect(called("CreateSurveyFromTemplate")[0]!.variables).toEqual({ template: "STARTER" });
    expect(router.currentRoute.value.fullPath).toBe(`/surveys/${SURVEY_ID}`);
  });

  it("creates a blank survey once its title is written in both languages", async () => {
    const { wrapper, called, router } = await mountSurvey({
      at: "/surveys/new?start=blank",
      handlers: handlers({
        CreateSurvey: (v) => ({
          data: {
            createSurvey: surveyDetail({
              definition: { ...(v.definition as object), status: "draft" },
            }),
          },
        }),
      }),
    });
    expect(questionIds(wrapper)).toEqual(["nps"]);
    // Nothing complains about blanks before the first save.
    expect(wrapper.find('[data-test="problem-count"]').text()).toBe("Nothing to fix");
    await wrapper.find('[data-test="save-survey"]').trigger("click");
    await flushPromises();
    expect(called("CreateSurvey")).toHaveLength(0);
    expect(wrapper.find('[data-path="title.nl"]').text()).toContain("Write the Dutch text.");

    await type(wrapper, '[data-test="survey-title-en"] input', "After your order");
    await type(wrapper, '[data-test="survey-title-nl"] input', "Na uw bestelling");
    await wrapper.find('[data-test="save-survey"]').trigger("click");
    await flushPromises();
    const definition = sent(called("CreateSurvey")[0]!);
    expect(definition.title).toEqual({ en: "After your order", nl: "Na uw bestelling" });
    expect(definition.questions).toEqual([
      {
        id: "nps",
        type: "nps",
        required: true,
        title: {
          en: "How likely are you to recommend us to a friend or colleague?",
          nl: "Hoe waarschijnlijk is het dat u ons aanbeveelt aan een vriend of collega?",
        },
      },
    ]);
    expect(definition).not.toHaveProperty("status");
    expect(router.currentRoute.value.fullPath).toBe(`/surveys/${SURVEY_ID}`);
  });

  it("moves a question with Alt+arrow keys, keeps it focused and says where it went", async () => {
    const { wrapper } = await mountSurvey();
    const header = () => wrapper.find('[data-question="recommend"] [data-test="question-toggle"]');
    await header().trigger("keydown", { key: "ArrowUp", altKey: true });
    await flushPromises();
    expect(questionIds(wrapper).indexOf("recommend")).toBe(2);
    expect(document.activeElement).toBe(header().element);
    expect(wrapper.find('[data-test="builder-announcement"]').text()).toBe(
      "Moved to position 3 of 5.",
    );
    // Above its own question, the follow-up is now a forward reference: a problem to fix.
    await wrapper
      .find('[data-question="recommend_why"] [data-test="question-up"]')
      .trigger("click");
    await wrapper
      .find('[data-question="recommend_why"] [data-test="question-up"]')
      .trigger("click");
    await flushPromises();
    expect(questionIds(wrapper)).toEqual([
      "satisfaction",
      "obstacles",
      "recommend_why",
      "recommend",
      "other_solutions",
    ]);
    expect(
      wrapper.find('[data-question="recommend_why"] [data-test="question-problems"]').text(),
    ).toBe("1 problem");
  });

  it("removes a question, and its follow-up then always shows", async () => {
    const { wrapper } = await mountSurvey();
    await wrapper
      .find('[data-question="recommend"] [data-test="question-remove"]')
      .trigger("click");
    await flushPromises();
    expect(questionIds(wrapper)).not.toContain("recommend");
    expect(wrapper.find('[data-test="builder-announcement"]').text()).toBe(
      "Question removed; its follow-up now always shows.",
    );
    expect(wrapper.find('[data-test="problem-count"]').text()).toBe("Nothing to fix");
  });

  it("adds a follow-up condition on an earlier question and saves it with the version it loaded", async () => {
    const { wrapper, called } = await mountSurvey({
      handlers: handlers({
        UpdateSurvey: (v) => ({
          data: {
            updateSurvey: surveyDetail({
              definition: { ...(v.definition as object), status: "draft" },
              version: 4,
            }),
          },
        }),
      }),
    });
    await wrapper
      .find('[data-question="obstacles"] [data-test="question-toggle"]')
      .trigger("click");
    await flushPromises();
    await wrapper
      .find('[data-question="obstacles"] [data-test="condition-toggle"]')
      .trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-question="obstacles"]').text()).toContain("Follow-up of 1");
    await wrapper.find('[data-test="save-survey"]').trigger("click");
    await flushPromises();
    const call = called("UpdateSurvey")[0]!;
    expect(call.variables).toMatchObject({ id: SURVEY_ID, expectedVersion: 3 });
    expect(sent(call).questions[1]!.showIf).toEqual({
      questionId: "satisfaction",
      op: "lte",
      value: 3,
    });
  });

  it("says so when someone else saved in between, and loads their version", async () => {
    const { wrapper, called } = await mountSurvey({
      handlers: handlers({
        UpdateSurvey: gqlError("Changed by someone else", {
          code: "CONFLICT",
          reason: "STALE_VERSION",
        }),
      }),
    });
    await type(wrapper, '[data-test="survey-title-en"] input', "How are we doing today?");
    await wrapper.find('[data-test="save-survey"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-test="conflict"]').text()).toContain(
      "Someone else saved this survey",
    );
    await wrapper.find('[data-test="reload"]').trigger("click");
    await flushPromises();
    expect(called("Survey")).toHaveLength(2);
    expect(wrapper.find('[data-test="conflict"]').exists()).toBe(false);
    expect(
      (wrapper.find('[data-test="survey-title-en"] input').element as HTMLInputElement).value,
    ).toBe("How are we doing?");
  });

  it("puts the API's problems on the fields their paths name, and the rest above the form", async () => {
    const { wrapper } = await mountSurvey({
      handlers: handlers({
        UpdateSurvey: gqlError("Invalid survey", {
          code: "BAD_USER_INPUT",
          problems: [
            {
              path: "definition.title.nl",
              code: "MISSING_TRANSLATION",
              message: "needs a text in nl",
            },
            { path: "definition.somethingNew", code: "INVALID", message: "is not known" },
          ],
        }),
      }),
    });
    await type(wrapper, '[data-test="survey-title-en"] input', "How are we doing now?");
    await wrapper.find('[data-test="save-survey"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-path="title.nl"]').text()).toContain("Write the Dutch text.");
    expect(wrapper.find('[data-test="unplaced-problems"]').text()).toContain("somethingNew");
  });

  it("activates a draft only after a confirmation, then offers to close it", async () => {
    const { wrapper, called } = await mountSurvey({
      handlers: handlers({
        SetSurveyStatus: (v) => ({
          data: { setSurveyStatus: surveyDetail({ status: v.status as "ACTIVE", version: 4 }) },
        }),
      }),
    });
    await wrapper.find('[data-test="status-activate"]').trigger("click");
    await flushPromises();
    expect(called("SetSurveyStatus")).toHaveLength(0);
    expect(document.querySelector('[data-test="status-dialog"]')!.textContent).toContain(
      "starts taking responses",
    );
    await confirmDialog("status-dialog", "Activate");
    expect(called("SetSurveyStatus")[0]!.variables).toEqual({ id: SURVEY_ID, status: "ACTIVE" });
    expect(wrapper.find('[data-test="survey-status"]').text()).toBe("Active");
    expect(wrapper.find('[data-test="status-close"]').exists()).toBe(true);
  });

  it("deletes a survey nobody answered after a confirmation", async () => {
    const { wrapper, called, router } = await mountSurvey({
      handlers: handlers({ DeleteSurvey: { data: { deleteSurvey: { id: SURVEY_ID } } } }),
    });
    await wrapper.find('[data-test="delete-survey"]').trigger("click");
    await flushPromises();
    await confirmDialog("delete-dialog", "Delete survey");
    expect(called("DeleteSurvey")[0]!.variables).toEqual({ id: SURVEY_ID });
    expect(router.currentRoute.value.name).toBe("surveys");
  });

  it("keeps answered questions as they are and offers no delete once customers answered", async () => {
    const { wrapper } = await mountSurvey({
      handlers: handlers({
        Survey: { data: { survey: surveyDetail({ status: "ACTIVE", responseCount: 12 }) } },
      }),
    });
    expect(wrapper.find('[data-test="answered-notice"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="delete-survey"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="status-backToDraft"]').exists()).toBe(false);
    const remove = wrapper.find('[data-question="recommend"] [data-test="question-remove"]');
    expect(remove.attributes("disabled")).toBeDefined();
  });

  it("lets analysts build surveys and support staff only read them", async () => {
    const analyst = await mountSurvey({ user: ANALYST });
    expect(analyst.wrapper.find('[data-test="save-survey"]').exists()).toBe(true);
    analyst.wrapper.unmount();
    const support = await mountSurvey({ user: SUPPORT });
    expect(support.wrapper.find('[data-test="save-survey"]').exists()).toBe(false);
    expect(support.wrapper.find('[data-test="status-activate"]').exists()).toBe(false);
    expect(support.wrapper.text()).not.toContain("Invitations");
  });

  it("previews the draft as customers see it, follow-ups included", async () => {
    const { wrapper } = await mountSurvey();
    const preview = wrapper.find('[data-test="preview"]');
    expect(preview.find("h2").text()).toBe("How are we doing?");
    await preview.find('[data-test="answer-recommend-3"]').setValue(true);
    await flushPromises();
    expect(wrapper.find('[data-test="preview"] [data-question="recommend_why"]').exists()).toBe(
      true,
    );
    await type(wrapper, '[data-test="survey-title-en"] input', "How did we do?");
    expect(wrapper.find('[data-test="preview"] h2').text()).toBe("How did we do?");
  });
});
