import { describe, expect, it } from "vitest";
import { conditionHolds, visibleQuestions } from "./conditions";
import { q, survey } from "./test-support/factories";

const ids = (answers: unknown) => visibleQuestions(chain, answers).map((question) => question.id);

/** score → (≤ 6) what went wrong → (yes) may we call you? ; plus a question for everyone. */
const chain = survey([
  q.nps("score"),
  q.single("topic", ["delivery", "product", "price"], {
    showIf: { questionId: "score", op: "lte", value: 6 },
  }),
  q.yesNo("call", { showIf: { questionId: "topic", op: "in", value: ["delivery", "product"] } }),
  q.text("anything"),
]);

describe("visibleQuestions", () => {
  it("shows unconditional questions always and follow-ups only once their condition holds", () => {
    expect(ids({})).toEqual(["score", "anything"]);
    expect(ids({ score: 9 })).toEqual(["score", "anything"]);
    expect(ids({ score: 6 })).toEqual(["score", "topic", "anything"]);
    expect(ids({ score: 6, topic: "delivery" })).toEqual(["score", "topic", "call", "anything"]);
    expect(ids({ score: 6, topic: "price" })).toEqual(["score", "topic", "anything"]);
  });

  it("cascades hiding: an answer to a hidden question cannot reveal its own follow-up", () => {
    expect(ids({ score: 10, topic: "delivery" })).toEqual(["score", "anything"]);
  });

  it("ignores invalid answers when deciding visibility", () => {
    expect(ids({ score: "3" })).toEqual(["score", "anything"]);
    expect(ids({ score: 3, topic: "weather" })).toEqual(["score", "topic", "anything"]);
  });

  it("treats answers that are not an object as no answers", () => {
    expect(ids(null)).toEqual(["score", "anything"]);
  });
});

describe("conditionHolds", () => {
  it("compares scores with lte, gte, eq and in, inclusive at the value", () => {
    expect(conditionHolds({ questionId: "s", op: "lte", value: 6 }, 6)).toBe(true);
    expect(conditionHolds({ questionId: "s", op: "lte", value: 6 }, 7)).toBe(false);
    expect(conditionHolds({ questionId: "s", op: "gte", value: 9 }, 9)).toBe(true);
    expect(conditionHolds({ questionId: "s", op: "gte", value: 9 }, 8)).toBe(false);
    expect(conditionHolds({ questionId: "s", op: "eq", value: 5 }, 5)).toBe(true);
    expect(conditionHolds({ questionId: "s", op: "in", value: [1, 2] }, 3)).toBe(false);
  });

  it("matches yes/no with eq and a multiple choice when any listed option is selected", () => {
    expect(conditionHolds({ questionId: "y", op: "eq", value: false }, false)).toBe(true);
    expect(conditionHolds({ questionId: "y", op: "eq", value: false }, true)).toBe(false);
    expect(conditionHolds({ questionId: "m", op: "in", value: ["a", "b"] }, ["c", "b"])).toBe(true);
    expect(conditionHolds({ questionId: "m", op: "in", value: ["a", "b"] }, ["c"])).toBe(false);
  });
});
