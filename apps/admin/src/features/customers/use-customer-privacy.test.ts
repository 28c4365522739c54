import { describe, expect, it } from "vitest";
import { ERASE_WORD, confirms, eraseConfirmation } from "./use-customer-privacy";

describe("erase confirmation", () => {
  it("asks for the customer's email, or ERASE when there is none", () => {
    expect(eraseConfirmation("anna@example.nl")).toBe("anna@example.nl");
    expect(eraseConfirmation(null)).toBe(ERASE_WORD);
    expect(eraseConfirmation("  ")).toBe(ERASE_WORD);
  });

  it("accepts only the exact word, ignoring case and surrounding spaces", () => {
    expect(confirms(" Anna@Example.nl ", "anna@example.nl")).toBe(true);
    expect(confirms("anna@example", "anna@example.nl")).toBe(false);
    expect(confirms("ERASE", "anna@example.nl")).toBe(false);
    expect(confirms("erase", null)).toBe(true);
    expect(confirms("", null)).toBe(false);
  });
});
