import { describe, expect, it } from "vitest";
import type { Question, ShowIf } from "./definition";
import { q, survey, text } from "./test-support/factories";
import { validateSurveyDefinition } from "./validate-definition";

/** The problems of a definition as `code at path`, in report order. */
function problemsOf(input: unknown): string[] {
  const result = validateSurveyDefinition(input);
  return result.ok ? [] : result.problems.map((p) => `${p.code} at ${p.path}`);
}

/** A survey whose second question is conditional on the first. */
const followUp = (first: Question, showIf: ShowIf) =>
  survey([first, q.text("why", 100, { showIf })]);

describe("validateSurveyDefinition", () => {
  it("accepts a well-formed survey and returns it typed", () => {
    const def = survey([q.nps("recommend", { required: true }), q.text("why")]);
    expect(validateSurveyDefinition(def)).toEqual({ ok: true, definition: def });
  });

  it("accepts every question type with a valid follow-up on each answerable type", () => {
    const def = survey([
      q.nps("n"),
      q.csat("c", { showIf: { questionId: "n", op: "lte", value: 6 } }),
      q.ces("e", { showIf: { questionId: "c", op: "in", value: [1, 2] } }),
      q.rating("r", 4, { showIf: { questionId: "e", op: "eq", value: 7 } }),
      q.yesNo("y", { showIf: { questionId: "r", op: "gte", value: 3 } }),
      q.single("s", ["a", "b"], { showIf: { questionId: "y", op: "eq", value: false } }),
      q.multiple("m", ["x", "y", "z"], {
        minSelections: 1,
        maxSelections: 2,
        showIf: { questionId: "s", op: "in", value: ["a"] },
      }),
      q.text("t", 200, { showIf: { questionId: "m", op: "in", value: ["x", "z"] } }),
    ]);
    expect(problemsOf(def)).toEqual([]);
  });

  describe("shape (INVALID)", () => {
    it("refuses a value that is not an object", () => {
      expect(problemsOf(null)).toEqual(["INVALID at "]);
    });

    it("reports every shape problem with its JSON path", () => {
      const def = {
        ...survey([q.rating("r", 11), q.text("t", 0)]),
        status: "paused",
        responseQuota: 0,
      };
      expect(problemsOf(def)).toEqual([
        "INVALID at status",
        "INVALID at responseQuota",
        "INVALID at questions[0].scale",
        "INVALID at questions[1].maxLength",
      ]);
    });

    it("refuses a survey without questions, an unknown question type and unknown fields", () => {
      expect(problemsOf(survey([]))).toEqual(["INVALID at questions"]);
      expect(
        problemsOf(survey([{ ...q.nps("a"), type: "slider" } as unknown as Question])),
      ).toEqual(["INVALID at questions[0].type"]);
      expect(
        problemsOf(survey([{ ...q.nps("a"), requried: true } as unknown as Question])),
      ).toEqual(["INVALID at questions[0]"]);
    });

    it("names the allowed values of a discriminator it does not know", () => {
      const result = validateSurveyDefinition({
        ...survey([
          { ...q.nps("a"), type: "slider" } as unknown as Question,
          q.text("b", 10, { showIf: { questionId: "a", op: "ne", value: 1 } as unknown as ShowIf }),
        ]),
        audience: { kind: "vip" },
      });
      expect(result).toEqual({
        ok: false,
        problems: [
          { path: "audience.kind", code: "INVALID", message: "must be everyone or segment" },
          {
            path: "questions[0].type",
            code: "INVALID",
            message:
              "must be one of nps, csat, ces, rating, single_choice, multiple_choice, open_text, yes_no",
          },
          {
            path: "questions[1].showIf.op",
            code: "INVALID",
            message: "must be lte, gte, eq or in",
          },
        ],
      });
    });

    it("refuses ids that would not be safe in an answer path", () => {
      expect(problemsOf(survey([q.nps("a.b")]))).toEqual(["INVALID at questions[0].id"]);
    });
  });

  describe("ids", () => {
    it("refuses two questions with one id (DUPLICATE_ID on the second)", () => {
      expect(problemsOf(survey([q.nps("a"), q.csat("b"), q.text("a")]))).toEqual([
        "DUPLICATE_ID at questions[2].id",
      ]);
    });

    it("refuses two options with one id", () => {
      expect(problemsOf(survey([q.single("s", ["a", "b", "a"])]))).toEqual([
        "DUPLICATE_ID at questions[0].options[2].id",
      ]);
    });
  });

  describe("locales and translations", () => {
    it("needs every text in every declared locale (MISSING_TRANSLATION), blank counts as missing", () => {
      const def = survey([
        { ...q.nps("a"), title: { en: "Recommend?" } },
        { ...q.single("s", ["x", "y"]), help: { en: "Pick one", nl: "  " } },
      ]);
      expect(problemsOf(def)).toEqual([
        "MISSING_TRANSLATION at questions[0].title.nl",
        "MISSING_TRANSLATION at questions[1].help.nl",
      ]);
    });

    it("checks the survey title, description and option labels too", () => {
      const base = survey([q.single("s", ["x", "y"])]);
      const def = {
        ...base,
        title: { en: "Hi" },
        description: { nl: "Hallo" },
        questions: [
          {
            ...base.questions[0]!,
            options: [
              { id: "x", label: text("X") },
              { id: "y", label: { en: "Y" } },
            ],
          },
        ],
      };
      expect(problemsOf(def)).toEqual([
        "MISSING_TRANSLATION at title.nl",
        "MISSING_TRANSLATION at description.en",
        "MISSING_TRANSLATION at questions[0].options[1].label.nl",
      ]);
    });

    it("refuses texts and a default locale outside the declared locales (UNDECLARED_LOCALE)", () => {
      const def = survey([{ ...q.nps("a"), title: { ...text("A"), de: "A?" } }], {
        defaultLocale: "fr",
      });
      expect(problemsOf(def)).toEqual([
        "UNDECLARED_LOCALE at defaultLocale",
        "UNDECLARED_LOCALE at questions[0].title.de",
      ]);
    });

    it("refuses a locale listed twice (DUPLICATE_LOCALE)", () => {
      expect(problemsOf(survey([q.nps("a")], { locales: ["en", "nl", "en"] }))).toEqual([
        "DUPLICATE_LOCALE at locales[2]",
      ]);
    });

    it("accepts a Dutch-only survey: English is not required", () => {
      const def = survey([{ ...q.nps("a"), title: { nl: "Aanbevelen?" } }], {
        title: { nl: "Enquête" },
        locales: ["nl"],
        defaultLocale: "nl",
      });
      expect(problemsOf(def)).toEqual([]);
    });
  });

  describe("choice questions", () => {
    it("needs 2 options for a single choice and 1 for a multiple choice (TOO_FEW_OPTIONS)", () => {
      expect(problemsOf(survey([q.single("s", ["only"]), q.multiple("m", [])]))).toEqual([
        "TOO_FEW_OPTIONS at questions[0].options",
        "TOO_FEW_OPTIONS at questions[1].options",
      ]);
      expect(problemsOf(survey([q.multiple("m", ["agree"])]))).toEqual([]);
    });

    it("refuses selection bounds that contradict each other or the options (INVALID_SELECTION_BOUNDS)", () => {
      expect(
        problemsOf(survey([q.multiple("m", ["a", "b"], { minSelections: 2, maxSelections: 1 })])),
      ).toEqual(["INVALID_SELECTION_BOUNDS at questions[0].minSelections"]);
      expect(
        problemsOf(survey([q.multiple("m", ["a", "b"], { minSelections: 3, maxSelections: 3 })])),
      ).toEqual([
        "INVALID_SELECTION_BOUNDS at questions[0].minSelections",
        "INVALID_SELECTION_BOUNDS at questions[0].maxSelections",
      ]);
    });
  });

  describe("showIf conditions", () => {
    it("refuses a reference to a question that does not exist (UNKNOWN_QUESTION)", () => {
      expect(problemsOf(followUp(q.nps("n"), { questionId: "nope", op: "lte", value: 6 }))).toEqual(
        ["UNKNOWN_QUESTION at questions[1].showIf.questionId"],
      );
    });

    it("refuses a reference to the question itself or a later one (FORWARD_REFERENCE)", () => {
      const later = survey([
        q.text("why", 100, { showIf: { questionId: "n", op: "lte", value: 6 } }),
        q.nps("n"),
      ]);
      expect(problemsOf(later)).toEqual(["FORWARD_REFERENCE at questions[0].showIf.questionId"]);
      const self = survey([q.nps("n", { showIf: { questionId: "n", op: "lte", value: 6 } })]);
      expect(problemsOf(self)).toEqual(["FORWARD_REFERENCE at questions[0].showIf.questionId"]);
    });

    it.each<[string, Question, ShowIf]>([
      ["an open-text answer", q.text("t"), { questionId: "t", op: "eq", value: "x" }],
      ["a yes/no answer compared with lte", q.yesNo("t"), { questionId: "t", op: "lte", value: 1 }],
      ["a yes/no answer equal to a number", q.yesNo("t"), { questionId: "t", op: "eq", value: 1 }],
      ["a score equal to a boolean", q.nps("t"), { questionId: "t", op: "eq", value: true }],
      ["a score in a list of option ids", q.csat("t"), { questionId: "t", op: "in", value: ["a"] }],
      [
        "a single choice compared with gte",
        q.single("t", ["a", "b"]),
        { questionId: "t", op: "gte", value: 1 },
      ],
      [
        "a multiple choice with eq",
        q.multiple("t", ["a", "b"]),
        { questionId: "t", op: "eq", value: "a" },
      ],
    ])("refuses a condition on %s (INCOMPATIBLE_CONDITION)", (_, first, showIf) => {
      expect(problemsOf(followUp(first, showIf))).toEqual([
        "INCOMPATIBLE_CONDITION at questions[1].showIf.op",
      ]);
    });

    it.each<[string, Question, ShowIf, string]>([
      ["NPS lte 11", q.nps("t"), { questionId: "t", op: "lte", value: 11 }, "value"],
      ["NPS gte -1", q.nps("t"), { questionId: "t", op: "gte", value: -1 }, "value"],
      ["CSAT eq 0", q.csat("t"), { questionId: "t", op: "eq", value: 0 }, "value"],
      ["CES eq 6.5", q.ces("t"), { questionId: "t", op: "eq", value: 6.5 }, "value"],
      [
        "rating 1-5 in [5, 6]",
        q.rating("t", 5),
        { questionId: "t", op: "in", value: [5, 6] },
        "value[1]",
      ],
    ])("refuses a value off the referenced scale: %s (OUT_OF_RANGE)", (_, first, showIf, at) => {
      expect(problemsOf(followUp(first, showIf))).toEqual([
        `OUT_OF_RANGE at questions[1].showIf.${at}`,
      ]);
    });

    it("allows lte/gte with a value between scale points (NPS lte 6.5)", () => {
      expect(problemsOf(followUp(q.nps("t"), { questionId: "t", op: "lte", value: 6.5 }))).toEqual(
        [],
      );
    });

    it("refuses option ids the referenced question does not have (UNKNOWN_OPTION)", () => {
      expect(
        problemsOf(
          followUp(q.single("t", ["a", "b"]), { questionId: "t", op: "in", value: ["a", "c"] }),
        ),
      ).toEqual(["UNKNOWN_OPTION at questions[1].showIf.value[1]"]);
      expect(
        problemsOf(followUp(q.single("t", ["a", "b"]), { questionId: "t", op: "eq", value: "z" })),
      ).toEqual(["UNKNOWN_OPTION at questions[1].showIf.value"]);
    });
  });
});
