import { describe, expect, it } from "vitest";
import { STARTER_QUESTION_IDS, STARTER_SURVEY, starterSurvey } from "./starter";
import { validateResponse } from "./validate-response";
import { validateSurveyDefinition } from "./validate-definition";

describe("the starter survey", () => {
  it("is a valid definition in English and Dutch", () => {
    expect(validateSurveyDefinition(starterSurvey())).toEqual({
      ok: true,
      definition: starterSurvey(),
    });
    expect(STARTER_SURVEY.locales).toEqual(["en", "nl"]);
  });

  it("asks satisfaction (CSAT), obstacles, other solutions, the NPS question and why", () => {
    expect(starterSurvey().questions.map((q) => [q.id, q.type, q.required])).toEqual([
      ["satisfaction", "csat", true],
      ["obstacles", "open_text", false],
      ["other_solutions", "open_text", false],
      ["recommend", "nps", true],
      ["recommend_why", "open_text", false],
    ]);
    const recommend = starterSurvey().questions[3]!;
    expect(recommend.title).toEqual({
      en: "Would you recommend us to your friends?",
      nl: "Zou u ons aanbevelen bij uw vrienden?",
    });
  });

  it("asks why after any recommend score, promoters included", () => {
    const def = starterSurvey();
    for (const score of [0, 6, 7, 10])
      expect(
        validateResponse(def, { satisfaction: 4, recommend: score, recommend_why: "Because" }).ok,
      ).toBe(true);
    expect(validateResponse(def, { satisfaction: 4, recommend_why: "Because" })).toMatchObject({
      ok: false,
      problems: [
        { path: "answers.recommend", code: "REQUIRED" },
        { path: "answers.recommend_why", code: "HIDDEN_QUESTION" },
      ],
    });
  });

  it("is frozen, while starterSurvey() gives a fresh copy to edit", () => {
    expect(Object.isFrozen(STARTER_SURVEY.questions[0])).toBe(true);
    const copy = starterSurvey();
    copy.questions.pop();
    expect(starterSurvey().questions).toHaveLength(5);
    expect(STARTER_SURVEY).toEqual(starterSurvey());
    expect(STARTER_QUESTION_IDS.recommend).toBe("recommend");
  });
});
