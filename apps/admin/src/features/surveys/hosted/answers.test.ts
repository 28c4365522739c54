import { describe, expect, it } from "vitest";
import { CombinedError } from "@urql/core";
import { starterSurvey } from "@trouw/domain";
import { answerProblemText, answersToSend, checkAnswers, problemsOfError } from "./answers";
import { definitionOf, renderDefinition } from "./rendered";

const def = definitionOf(renderDefinition(starterSurvey(), "en"));

describe("hosted answers", () => {
  it("sends only the answers of questions shown, and no blanks", () => {
    // "Why?" was answered, then the score it follows was taken back: it is hidden, so not sent.
    expect(answersToSend(def, { satisfaction: 4, obstacles: "  ", recommend_why: "Fast" })).toEqual(
      { satisfaction: 4 },
    );
    expect(answersToSend(def, { recommend: 10, recommend_why: "Fast" })).toEqual({
      recommend: 10,
      recommend_why: "Fast",
    });
  });

  it("finds what the API would refuse, by question", () => {
    expect(checkAnswers(def, { satisfaction: 4 })).toEqual({
      recommend: { code: "REQUIRED", message: "needs an answer" },
    });
    expect(checkAnswers(def, { satisfaction: 4, recommend: 9 })).toEqual({});
  });

  it("reads the API's problems per answer path", () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: "Invalid answers",
          extensions: {
            code: "BAD_USER_INPUT",
            problems: [
              { path: "answers.recommend", code: "OUT_OF_RANGE", message: "must be 0-10" },
              { path: "locale", code: "UNSUPPORTED_LOCALE", message: "no" },
            ],
          },
        },
      ],
    });
    expect(problemsOfError(error)).toEqual({
      recommend: { code: "OUT_OF_RANGE", message: "must be 0-10" },
      "": { code: "UNSUPPORTED_LOCALE", message: "no" },
    });
  });

  it("words a problem by its code and the question's bounds", () => {
    const t = (key: string, named: Record<string, unknown> = {}) =>
      `${key} ${JSON.stringify(named)}`;
    const recommend = renderDefinition(starterSurvey(), "en").questions[3]!;
    expect(answerProblemText(t, { code: "OUT_OF_RANGE", message: "" }, recommend)).toBe(
      'surveys.hosted.problems.outOfRange {"min":0,"max":10}',
    );
    expect(answerProblemText(t, { code: "SOMETHING_NEW", message: "" })).toBe(
      "surveys.hosted.problems.invalid {}",
    );
  });
});
