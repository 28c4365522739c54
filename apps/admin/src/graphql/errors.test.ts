import { describe, expect, it } from "vitest";
import { CombinedError } from "@urql/core";
import { apiErrorMessage, fieldProblems, hasErrorCode } from "./errors";

const badInput = new CombinedError({
  graphQLErrors: [
    {
      message: "Invalid input",
      extensions: {
        code: "BAD_USER_INPUT",
        problems: [
          { path: "input.email", message: "Not an email address" },
          { path: "tags[1]", message: "is too long" },
          { path: "input.email", message: "second problem on the same field" },
        ],
      },
    },
  ],
});

describe("API errors", () => {
  it("places BAD_USER_INPUT problems on the field named by the last path segment", () => {
    expect(fieldProblems(badInput)).toEqual({
      email: "Not an email address",
      tags: "Is too long",
    });
  });

  it("finds error codes and the API's message", () => {
    expect(hasErrorCode(badInput, "BAD_USER_INPUT")).toBe(true);
    expect(hasErrorCode(badInput, "FORBIDDEN")).toBe(false);
    expect(apiErrorMessage(badInput)).toBe("Invalid input");
  });

  it("has no API message for a network failure", () => {
    expect(apiErrorMessage(new CombinedError({ networkError: new Error("offline") }))).toBeNull();
    expect(fieldProblems(new CombinedError({ networkError: new Error("offline") }))).toEqual({});
  });
});
