import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnswerValue } from "./answers";
import type { Question, SurveyDefinition } from "./definition";
import { scaleOf } from "./scales";
import { q, survey } from "./test-support/factories";
import { validateResponse } from "./validate-response";
import { validateSurveyDefinition } from "./validate-definition";

/** The problems of a response as `code at path`, in report order. */
function problemsOf(def: SurveyDefinition, answers: unknown, locale?: string): string[] {
  const result = validateResponse(def, answers, locale ? { locale } : {});
  return result.ok ? [] : result.problems.map((p) => `${p.code} at ${p.path}`);
}

/** One question of each type, all optional. */
const everyType = survey([
  q.nps("nps"),
  q.csat("csat"),
  q.ces("ces"),
  q.rating("rating", 4),
  q.single("single", ["a", "b"]),
  q.multiple("multiple", ["x", "y", "z"], { minSelections: 2, maxSelections: 2 }),
  q.text("text", 5),
  q.yesNo("yes_no"),
]);

/** NPS with the follow-up "what went wrong?" for detractors. */
const npsWithFollowUp = survey([
  q.nps("recommend", { required: true }),
  q.text("wrong", 100, {
    required: true,
    showIf: { questionId: "recommend", op: "lte", value: 6 },
  }),
]);

describe("validateResponse", () => {
  it("accepts a valid answer to every question type and returns the answers as stored", () => {
    const answers = {
      nps: 0,
      csat: 5,
      ces: 7,
      rating: 4,
      single: "b",
      multiple: ["z", "x"],
      text: "  hi  ",
      yes_no: false,
    };
    expect(validateResponse(everyType, answers)).toEqual({
      ok: true,
      answers: { ...answers, text: "hi" },
    });
  });

  it("treats null, blank text and an empty selection as unanswered and drops them", () => {
    expect(
      validateResponse(everyType, { nps: null, text: "   ", multiple: [], single: undefined }),
    ).toEqual({ ok: true, answers: {} });
  });

  it("refuses answers that are not an object keyed by question id (WRONG_TYPE at answers)", () => {
    expect(problemsOf(everyType, [1, 2])).toEqual(["WRONG_TYPE at answers"]);
    expect(problemsOf(everyType, "9")).toEqual(["WRONG_TYPE at answers"]);
  });

  it.each<[string, AnswerValue | unknown]>([
    ["nps", "9"],
    ["nps", Number.NaN],
    ["csat", true],
    ["rating", [3]],
    ["single", 1],
    ["multiple", "x"],
    ["multiple", ["x", 2]],
    ["text", 42],
    ["yes_no", "yes"],
    ["yes_no", 1],
  ])("refuses a %s answer of the wrong type: %j (WRONG_TYPE)", (id, value) => {
    expect(problemsOf(everyType, { [id]: value })).toEqual([`WRONG_TYPE at answers.${id}`]);
  });

  it.each<[string, number]>([
    ["nps", -1],
    ["nps", 11],
    ["nps", 7.5],
    ["csat", 0],
    ["csat", 6],
    ["ces", 0],
    ["ces", 8],
    ["rating", 0],
    ["rating", 5],
  ])("refuses a %s score of %d (OUT_OF_RANGE)", (id, value) => {
    expect(problemsOf(everyType, { [id]: value })).toEqual([`OUT_OF_RANGE at answers.${id}`]);
  });

  it("accepts the ends of every scale", () => {
    for (const [id, min, max] of [
      ["nps", 0, 10],
      ["csat", 1, 5],
      ["ces", 1, 7],
      ["rating", 1, 4],
    ] as const) {
      expect(problemsOf(everyType, { [id]: min })).toEqual([]);
      expect(problemsOf(everyType, { [id]: max })).toEqual([]);
    }
  });

  it("refuses option ids the question does not have (UNKNOWN_OPTION)", () => {
    expect(problemsOf(everyType, { single: "c", multiple: ["x", "w"] })).toEqual([
      "UNKNOWN_OPTION at answers.single",
      "UNKNOWN_OPTION at answers.multiple",
    ]);
  });

  it("refuses selecting one option twice (DUPLICATE_OPTION)", () => {
    expect(problemsOf(everyType, { multiple: ["x", "x"] })).toEqual([
      "DUPLICATE_OPTION at answers.multiple",
    ]);
  });

  it("holds a multiple choice to its minimum and maximum selections", () => {
    expect(problemsOf(everyType, { multiple: ["x"] })).toEqual([
      "TOO_FEW_SELECTIONS at answers.multiple",
    ]);
    expect(problemsOf(everyType, { multiple: ["x", "y", "z"] })).toEqual([
      "TOO_MANY_SELECTIONS at answers.multiple",
    ]);
  });

  it("counts text length in characters after trimming (TOO_LONG)", () => {
    expect(problemsOf(everyType, { text: "123456" })).toEqual(["TOO_LONG at answers.text"]);
    expect(problemsOf(everyType, { text: "  12345  " })).toEqual([]);
    // Five emoji are ten UTF-16 units but five characters.
    expect(problemsOf(everyType, { text: "😀😀😀😀😀" })).toEqual([]);
  });

  it("requires an answer to required questions (REQUIRED), blank included", () => {
    const def = survey([
      q.csat("c", { required: true }),
      q.multiple("m", ["a"], { required: true }),
    ]);
    expect(problemsOf(def, {})).toEqual(["REQUIRED at answers.c", "REQUIRED at answers.m"]);
    expect(problemsOf(def, { c: null, m: [] })).toEqual([
      "REQUIRED at answers.c",
      "REQUIRED at answers.m",
    ]);
  });

  it("refuses answers to questions the survey does not have (UNKNOWN_QUESTION)", () => {
    expect(problemsOf(everyType, { nps: 9, favourite_colour: "blue" })).toEqual([
      "UNKNOWN_QUESTION at answers.favourite_colour",
    ]);
  });

  it("keeps a question id such as __proto__ an ordinary answer key", () => {
    const def = survey([q.nps("__proto__")]);
    const result = validateResponse(def, JSON.parse('{"__proto__": 9}'));
    expect(result.ok && Object.hasOwn(result.answers, "__proto__")).toBe(true);
    expect(result.ok && Object.getPrototypeOf(result.answers)).toBe(Object.prototype);
  });

  it("refuses a response locale the survey does not offer (UNSUPPORTED_LOCALE)", () => {
    expect(problemsOf(everyType, {}, "de")).toEqual(["UNSUPPORTED_LOCALE at locale"]);
    expect(problemsOf(everyType, {}, "nl")).toEqual([]);
  });

  describe("conditional follow-ups", () => {
    it("requires the detractor follow-up only when the score is 6 or lower", () => {
      expect(problemsOf(npsWithFollowUp, { recommend: 6 })).toEqual(["REQUIRED at answers.wrong"]);
      expect(problemsOf(npsWithFollowUp, { recommend: 6, wrong: "Late delivery" })).toEqual([]);
      expect(problemsOf(npsWithFollowUp, { recommend: 7 })).toEqual([]);
    });

    it("refuses an answer to the follow-up when it is hidden (HIDDEN_QUESTION)", () => {
      expect(problemsOf(npsWithFollowUp, { recommend: 10, wrong: "Nothing" })).toEqual([
        "HIDDEN_QUESTION at answers.wrong",
      ]);
    });

    it("allows a blank answer to a hidden follow-up (a form sends its empty fields)", () => {
      expect(validateResponse(npsWithFollowUp, { recommend: 10, wrong: "" })).toEqual({
        ok: true,
        answers: { recommend: 10 },
      });
    });

    it("hides the follow-up when the score it depends on is missing or invalid", () => {
      expect(problemsOf(npsWithFollowUp, { wrong: "x" })).toEqual([
        "REQUIRED at answers.recommend",
        "HIDDEN_QUESTION at answers.wrong",
      ]);
      expect(problemsOf(npsWithFollowUp, { recommend: -3 })).toEqual([
        "OUT_OF_RANGE at answers.recommend",
      ]);
    });
  });
});

/** A valid survey with one question per generated type, ids q0, q1, ... and no conditions. */
const questionArb = (id: string): fc.Arbitrary<Question> =>
  fc.boolean().chain((required) =>
    fc.oneof(
      fc.constant(q.nps(id, { required })),
      fc.constant(q.csat(id, { required })),
      fc.constant(q.ces(id, { required })),
      fc.constant(q.yesNo(id, { required })),
      fc.integer({ min: 3, max: 10 }).map((scale) => q.rating(id, scale, { required })),
      fc.integer({ min: 1, max: 50 }).map((max) => q.text(id, max, { required })),
      fc.integer({ min: 2, max: 6 }).map((n) =>
        q.single(
          id,
          Array.from({ length: n }, (_, i) => `o${i}`),
          { required },
        ),
      ),
      fc.integer({ min: 1, max: 6 }).chain((n) =>
        fc
          .tuple(
            fc.option(fc.integer({ min: 0, max: n })),
            fc.option(fc.integer({ min: 1, max: n })),
          )
          .filter(([min, max]) => min === null || max === null || min <= max)
          .map(([min, max]) =>
            q.multiple(
              id,
              Array.from({ length: n }, (_, i) => `o${i}`),
              {
                required,
                ...(min !== null ? { minSelections: min } : {}),
                ...(max !== null ? { maxSelections: max } : {}),
              },
            ),
          ),
      ),
    ),
  );

const surveyArb = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => questionArb(`q${i}`))))
  .map((questions) => survey(questions));

/** A valid, non-blank answer to `question`. */
function validAnswer(question: Question): fc.Arbitrary<AnswerValue> {
  const scale = scaleOf(question);
  if (scale) return fc.integer(scale);
  switch (question.type) {
    case "yes_no":
      return fc.boolean();
    case "open_text":
      // Already trimmed, as validateResponse stores it.
      return fc.string({ maxLength: question.maxLength - 1 }).map((s) => `x${s}`.trim());
    case "single_choice":
      return fc.constantFrom(...question.options.map((o) => o.id));
    case "multiple_choice": {
      const ids = question.options.map((o) => o.id);
      return fc.shuffledSubarray(ids, {
        minLength: Math.max(question.minSelections ?? 0, 1),
        maxLength: question.maxSelections ?? ids.length,
      });
    }
    default:
      throw new Error("unreachable");
  }
}

/** Answers generated from the definition: every required question answered, others maybe. */
const responseArb = (def: SurveyDefinition) =>
  fc
    .tuple(
      ...def.questions.map((question) =>
        question.required
          ? validAnswer(question)
          : fc.option(validAnswer(question), { nil: undefined }),
      ),
    )
    .map((values) =>
      Object.fromEntries(
        def.questions.flatMap((question, i) =>
          values[i] === undefined ? [] : [[question.id, values[i]] as const],
        ),
      ),
    );

describe("validateResponse properties", () => {
  it("accepts every response generated from a valid definition", () => {
    fc.assert(
      fc.property(
        surveyArb.chain((def) => fc.tuple(fc.constant(def), responseArb(def))),
        ([def, answers]) => {
          expect(validateSurveyDefinition(def).ok).toBe(true);
          expect(validateResponse(def, answers)).toEqual({ ok: true, answers });
        },
      ),
    );
  });

  it("refuses any score off the question's scale with OUT_OF_RANGE at that question only", () => {
    const outside = (min: number, max: number) =>
      fc.oneof(
        fc.integer({ min: -1000, max: min - 1 }),
        fc.integer({ min: max + 1, max: 1000 }),
        fc.double({ min, max, noNaN: true }).filter((x) => !Number.isInteger(x)),
      );
    const scaleQuestion = fc.oneof(
      fc.constant(q.nps("s")),
      fc.constant(q.csat("s")),
      fc.constant(q.ces("s")),
      fc.integer({ min: 3, max: 10 }).map((scale) => q.rating("s", scale)),
    );
    fc.assert(
      fc.property(
        scaleQuestion.chain((question) => {
          const { min, max } = scaleOf(question)!;
          return fc.tuple(fc.constant(question), outside(min, max));
        }),
        ([question, value]) => {
          const def = survey([question, q.text("other")]);
          expect(problemsOf(def, { s: value, other: "fine" })).toEqual([
            "OUT_OF_RANGE at answers.s",
          ]);
        },
      ),
    );
  });

  it("requires the detractor follow-up exactly for scores 0 to 6 and refuses it otherwise", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.boolean(), (score, answered) => {
        const answers = answered ? { recommend: score, wrong: "why" } : { recommend: score };
        const expected =
          score <= 6
            ? answered
              ? []
              : ["REQUIRED at answers.wrong"]
            : answered
              ? ["HIDDEN_QUESTION at answers.wrong"]
              : [];
        expect(problemsOf(npsWithFollowUp, answers)).toEqual(expected);
      }),
    );
  });
});
