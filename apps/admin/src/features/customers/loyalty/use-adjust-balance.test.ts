import { describe, expect, it } from "vitest";
import { CombinedError } from "@urql/core";
import { cashbackAccount, tieredAccount } from "./fixtures";
import { adjustAmount, adjustProblems, sortAdjustError } from "./use-adjust-balance";

describe("adjusting a balance", () => {
  it("counts points whole and money in minor units", () => {
    expect(adjustAmount(tieredAccount(), -25)).toBe(-25);
    expect(adjustAmount(cashbackAccount(), 2.5)).toBe(250);
    expect(adjustAmount(tieredAccount(), null)).toBeNull();
  });

  it("needs an amount other than 0 and a reason of at most 500 characters", () => {
    expect(adjustProblems(tieredAccount(), { amount: 0, reason: " " })).toEqual({
      amount: "amountRequired",
      reason: "reasonRequired",
    });
    expect(adjustProblems(tieredAccount(), { amount: 5, reason: "x".repeat(501) })).toEqual({
      reason: "reasonTooLong",
    });
    expect(adjustProblems(tieredAccount(), { amount: -5, reason: "Goodwill" })).toEqual({});
  });

  it("tells a balance too low from field problems and other failures, by code", () => {
    const conflict = new CombinedError({
      graphQLErrors: [
        {
          message: "Insufficient",
          extensions: { code: "CONFLICT", reason: "INSUFFICIENT_BALANCE" },
        },
      ],
    });
    expect(sortAdjustError(conflict, 40, -100)).toEqual({
      kind: "insufficient",
      balance: 40,
      amount: -100,
    });
    const input = new CombinedError({
      graphQLErrors: [
        {
          message: "Invalid",
          extensions: {
            code: "BAD_USER_INPUT",
            problems: [{ path: "reason", message: "must not be empty" }],
          },
        },
      ],
    });
    expect(sortAdjustError(input, 0, 1)).toEqual({
      kind: "fields",
      fields: { reason: "Must not be empty" },
    });
    const archived = new CombinedError({
      graphQLErrors: [
        {
          message: "An archived program cannot change",
          extensions: { code: "CONFLICT", reason: "PROGRAM_NOT_ACTIVE" },
        },
      ],
    });
    expect(sortAdjustError(archived, 0, 1)).toEqual({
      kind: "other",
      message: "An archived program cannot change",
    });
  });
});
