import { describe, expect, it } from "vitest";
import { CombinedError } from "@urql/core";
import { STATUS_ACTIONS, conflictReason, savedProblems } from "./use-survey-editor";

describe("survey editor", () => {
  it("reads the API's problems with the draft's paths and codes", () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: "Invalid survey",
          extensions: {
            code: "BAD_USER_INPUT",
            problems: [
              {
                path: "definition.questions[2].showIf.questionId",
                code: "FORWARD_REFERENCE",
                message: "must refer to an earlier question",
              },
              { path: "definition", message: "must be an object" },
              { nonsense: true },
            ],
          },
        },
      ],
    });
    expect(savedProblems(error)).toEqual([
      {
        path: "questions[2].showIf.questionId",
        code: "FORWARD_REFERENCE",
        message: "must refer to an earlier question",
      },
      { path: "", message: "must be an object" },
    ]);
  });

  it("tells a stale version from other conflicts by the reason", () => {
    const conflict = (reason: string) =>
      new CombinedError({
        graphQLErrors: [{ message: "x", extensions: { code: "CONFLICT", reason } }],
      });
    expect(conflictReason(conflict("STALE_VERSION"))).toBe("STALE_VERSION");
    expect(conflictReason(conflict("SURVEY_HAS_RESPONSES"))).toBe("SURVEY_HAS_RESPONSES");
    expect(conflictReason(null)).toBeNull();
  });

  it("offers the API's lifecycle: draft to active, active to closed or back to draft, closed to active", () => {
    expect(STATUS_ACTIONS).toEqual({
      DRAFT: ["ACTIVE"],
      ACTIVE: ["CLOSED", "DRAFT"],
      CLOSED: ["ACTIVE"],
    });
  });
});
