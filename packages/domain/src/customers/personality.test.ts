import { describe, expect, it } from "vitest";
import { colourFor, PERSONALITY_COLOURS, personalityProfile } from "./personality";
import { LIFECYCLE_TYPES, SENTIMENT_GROUPS } from "./lifecycle";
import { formatMoney, isCurrencyCode, minorDigits } from "../money/money";

describe("personality wheel", () => {
  it("maps the two axes to the four colours of the wheel", () => {
    expect(colourFor("extravert", "emotional")).toBe("red");
    expect(colourFor("introvert", "rational")).toBe("blue");
    expect(colourFor("extravert", "rational")).toBe("yellow");
    expect(colourFor("introvert", "emotional")).toBe("green");
  });

  it("gives contact guidance for every colour", () => {
    for (const c of PERSONALITY_COLOURS)
      expect(personalityProfile(c).guidance.length).toBeGreaterThan(0);
    expect(personalityProfile("red").guidance).toContain("Do not argue.");
  });
});

describe("vocabulary", () => {
  it("has sixteen distinct lifecycle types, each with a treatment, and three sentiment groups", () => {
    expect(new Set(LIFECYCLE_TYPES.map((t) => t.key)).size).toBe(16);
    for (const t of LIFECYCLE_TYPES) expect(t.treatment.length).toBeGreaterThan(5);
    expect(SENTIMENT_GROUPS.map((g) => g.key)).toEqual(["positive", "middle", "negative"]);
  });
});

describe("money", () => {
  it("validates currency codes and formats minor units per currency", () => {
    expect(isCurrencyCode("EUR")).toBe(true);
    expect(isCurrencyCode("eur")).toBe(false);
    expect(minorDigits("JPY")).toBe(0);
    expect(formatMoney({ amountMinor: 123456, currency: "EUR" }, "en")).toBe("€1,234.56");
    expect(formatMoney({ amountMinor: 500, currency: "JPY" }, "en")).toBe("¥500");
  });
});

describe("formatMoney's formatter cache", () => {
  it("formats the same through a cached formatter, and keeps working past its bound", () => {
    const first = formatMoney({ amountMinor: 123456, currency: "EUR" }, "nl");
    const codes = Array.from({ length: 300 }, (_, i) => {
      const a = String.fromCharCode(65 + (i % 26));
      const b = String.fromCharCode(65 + (Math.floor(i / 26) % 26));
      return `X${a}${b}`;
    });
    for (const code of codes)
      expect(formatMoney({ amountMinor: 250, currency: code }, "en")).toMatch(/2\.50$/);
    expect(formatMoney({ amountMinor: 123456, currency: "EUR" }, "nl")).toBe(first);
    expect(formatMoney({ amountMinor: 500, currency: "JPY" }, "en")).toBe("¥500");
    expect(formatMoney({ amountMinor: 1234, currency: "KWD" }, "en")).toBe(
      new Intl.NumberFormat("en", {
        style: "currency",
        currency: "KWD",
        minimumFractionDigits: 3,
      }).format(1.234),
    );
  });
});
