import { describe, expect, it } from "vitest";
import { starterSurvey, validateResponse, visibleQuestions } from "@trouw/domain";
import { definitionOf, renderDefinition } from "./rendered";

describe("rendered surveys", () => {
  it("renders a definition in one locale, as the API's surveyByToken does", () => {
    const nl = renderDefinition(starterSurvey(), "nl");
    expect(nl).toMatchObject({ title: "Hoe doen we het?", locale: "nl", locales: ["en", "nl"] });
    expect(nl.questions[0]).toMatchObject({
      id: "satisfaction",
      type: "CSAT",
      required: true,
      scaleMin: 1,
      scaleMax: 5,
      options: [],
      maxLength: null,
    });
    expect(nl.questions[4]).toMatchObject({
      title: "Waarom?",
      type: "OPEN_TEXT",
      maxLength: 2000,
      showIf: { questionId: "recommend", op: "gte", value: 0 },
    });
  });

  it("falls back to the default locale for a locale the survey does not have", () => {
    expect(renderDefinition(starterSurvey(), "de").title).toBe("How are we doing?");
  });

  it("gives back a definition the domain's follow-up and answer rules read as the original", () => {
    const def = definitionOf(renderDefinition(starterSurvey(), "en"));
    expect(visibleQuestions(def, {}).map((q) => q.id)).not.toContain("recommend_why");
    expect(visibleQuestions(def, { recommend: 3 }).map((q) => q.id)).toContain("recommend_why");
    const checked = validateResponse(def, { satisfaction: 9, recommend: 3 });
    expect(checked.ok ? [] : checked.problems.map((p) => [p.path, p.code])).toEqual([
      ["answers.satisfaction", "OUT_OF_RANGE"],
    ]);
  });
});
