import { describe, expect, it } from "vitest";
import { starterSurvey, validateSurveyDefinition, visibleQuestions } from "@trouw/domain";
import {
  addLocale,
  conditionOps,
  conditionTargets,
  defaultCondition,
  draftFrom,
  draftProblems,
  newDraft,
  newQuestion,
  previewDefinition,
  removeLocale,
  removeQuestion,
  renameOption,
  renameQuestion,
  toDefinition,
  uniqueId,
} from "./survey-draft";

describe("survey draft", () => {
  it("turns the starter survey into a form and back without changing it", () => {
    const starter = starterSurvey();
    const { status: _status, ...rest } = starter;
    expect(toDefinition(draftFrom(starter))).toEqual(rest);
    expect(draftProblems(draftFrom(starter))).toEqual([]);
  });

  it("starts a blank survey in English and Dutch with one required NPS question", () => {
    const draft = newDraft(["en", "nl"], { en: "Recommend us?", nl: "Aanbevelen?" });
    expect(draft.questions).toHaveLength(1);
    expect(draft.questions[0]).toMatchObject({ id: "nps", type: "nps", required: true });
    // Only the survey's title is missing.
    expect(draftProblems(draft).map((p) => [p.path, p.code])).toEqual([
      ["title.en", "MISSING_TRANSLATION"],
      ["title.nl", "MISSING_TRANSLATION"],
    ]);
  });

  it("gives new questions ids that are not taken and sensible defaults per type", () => {
    expect(uniqueId("nps", ["nps", "nps_2"])).toBe("nps_3");
    const text = newQuestion("open_text", []);
    expect(text).toMatchObject({ id: "comment", required: false, maxLength: 1000 });
    const choice = newQuestion("single_choice", ["choice"]);
    expect(choice.id).toBe("choice_2");
    expect(choice.options.map((o) => o.id)).toEqual(["option_1", "option_2"]);
  });

  it("names each problem by the definition's path, down to an option's label in one language", () => {
    const draft = draftFrom(starterSurvey());
    const choice = newQuestion(
      "single_choice",
      draft.questions.map((q) => q.id),
      {
        en: "Where did you buy?",
        nl: "Waar kocht u?",
      },
    );
    choice.options[0]!.label = { en: "Online", nl: "Online" };
    choice.options[1]!.label = { en: "In store" };
    draft.questions.push(choice);
    draft.quotaEnabled = true;
    expect(draftProblems(draft).map((p) => [p.path, p.code ?? p.message])).toEqual([
      ["responseQuota", "must not be empty"],
      ["questions[5].options[1].label.nl", "MISSING_TRANSLATION"],
    ]);
  });

  it("leaves blank texts, optional help and an unused description out of the definition", () => {
    const draft = newDraft(["en"], { en: "Recommend?" });
    draft.title.en = "  Hello  ";
    draft.questions[0]!.help = { en: "   " };
    const def = toDefinition(draft);
    expect(def).not.toHaveProperty("description");
    expect(def.title).toEqual({ en: "Hello" });
    expect((def.questions as object[])[0]).not.toHaveProperty("help");
  });

  it("keeps the texts of a language taken off the list, so adding it back restores them", () => {
    const draft = draftFrom(starterSurvey());
    removeLocale(draft, "en");
    expect(draft.defaultLocale).toBe("nl");
    expect(toDefinition(draft).title).toEqual({ nl: "Hoe doen we het?" });
    addLocale(draft, "en");
    expect(toDefinition(draft).title).toEqual({ nl: "Hoe doen we het?", en: "How are we doing?" });
  });

  it("renames a question or an option in the follow-up conditions that refer to it", () => {
    const draft = draftFrom(starterSurvey());
    renameQuestion(draft, draft.questions[3]!, "nps_score");
    expect(draft.questions[4]!.showIf?.questionId).toBe("nps_score");

    const choice = newQuestion("multiple_choice", []);
    const follow = newQuestion("open_text", []);
    draft.questions.push(choice, follow);
    follow.showIf = { questionId: choice.id, op: "in", value: ["option_1", "option_2"] };
    renameOption(draft, choice, choice.options[0]!, "price");
    expect(follow.showIf.value).toEqual(["price", "option_2"]);
  });

  it("lets the follow-ups of a removed question show always", () => {
    const draft = draftFrom(starterSurvey());
    const orphans = removeQuestion(draft, 3);
    expect(orphans.map((q) => q.id)).toEqual(["recommend_why"]);
    expect(draft.questions.at(-1)!.showIf).toBeNull();
    expect(draftProblems(draft)).toEqual([]);
  });

  it("offers the comparisons the domain accepts per type, starting with detractors for NPS", () => {
    expect(conditionOps({ type: "nps" })).toEqual(["lte", "gte", "eq", "in"]);
    expect(conditionOps({ type: "yes_no" })).toEqual(["eq"]);
    expect(conditionOps({ type: "multiple_choice" })).toEqual(["in"]);
    expect(conditionOps({ type: "open_text" })).toEqual([]);
    const nps = newQuestion("nps", []);
    expect(defaultCondition(nps)).toEqual({ questionId: "nps", op: "lte", value: 6 });
    expect(defaultCondition(newQuestion("yes_no", []))).toMatchObject({ op: "eq", value: false });
    const draft = draftFrom(starterSurvey());
    // Open text cannot be a condition; only earlier questions can.
    expect(conditionTargets(draft, 4).map((q) => q.id)).toEqual(["satisfaction", "recommend"]);
  });

  it("reports a follow-up moved above its question as a forward reference", () => {
    const draft = draftFrom(starterSurvey());
    const [why] = draft.questions.splice(4, 1);
    draft.questions.unshift(why!);
    expect(draftProblems(draft)).toContainEqual(
      expect.objectContaining({
        path: "questions[0].showIf.questionId",
        code: "FORWARD_REFERENCE",
      }),
    );
  });

  it("previews an unfinished draft: defaults for missing numbers, unfinished follow-ups hidden", () => {
    const draft = draftFrom(starterSurvey());
    const rating = newQuestion(
      "rating",
      draft.questions.map((q) => q.id),
    );
    rating.scale = null;
    const follow = newQuestion("open_text", ["rating"]);
    follow.showIf = { questionId: "rating", op: "lte", value: null };
    draft.questions.push(rating, follow);
    const preview = previewDefinition(draft);
    expect(preview.questions.find((q) => q.id === "rating")).toMatchObject({ scale: 5 });
    const shown = visibleQuestions(preview, { rating: 1 }).map((q) => q.id);
    expect(shown).toContain("rating");
    expect(shown).not.toContain(follow.id);
    // The preview of a valid draft is the definition itself.
    expect(validateSurveyDefinition(previewDefinition(draftFrom(starterSurvey()))).ok).toBe(true);
  });
});
