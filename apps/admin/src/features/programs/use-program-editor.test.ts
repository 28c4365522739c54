import { describe, expect, it } from "vitest";
import { CombinedError } from "@urql/core";
import { STATUS_ACTIONS, savedProblems } from "./use-program-editor";

describe("program editor", () => {
  it("reads the API's problems with the form's paths", () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: "Invalid program",
          extensions: {
            code: "BAD_USER_INPUT",
            problems: [
              { path: "input.name", message: "must not be empty" },
              { path: "config.tiers[1].threshold", message: "too low" },
              { nonsense: true },
            ],
          },
        },
      ],
    });
    expect(savedProblems(error)).toEqual([
      { path: "name", message: "must not be empty" },
      { path: "config.tiers[1].threshold", message: "too low" },
    ]);
  });

  it("offers the API's status moves: draft to active, active and paused both ways, archived is final", () => {
    expect(STATUS_ACTIONS).toEqual({
      DRAFT: ["ACTIVE", "ARCHIVED"],
      ACTIVE: ["PAUSED", "ARCHIVED"],
      PAUSED: ["ACTIVE", "ARCHIVED"],
      ARCHIVED: [],
    });
  });
});
