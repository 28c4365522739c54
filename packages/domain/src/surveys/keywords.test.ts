import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keywordFrequencies } from "./keywords";

describe("keywordFrequencies", () => {
  it("counts English keywords once per response, without stopwords, numbers or short words", () => {
    const texts = [
      "The delivery was slow, very SLOW!",
      "Slow delivery and the packaging was damaged.",
      "Great prices; delivery took 5 days",
      "I don't like the app",
      "ok",
    ];
    expect(keywordFrequencies(texts, { locale: "en" })).toEqual([
      { keyword: "delivery", count: 3 },
      { keyword: "slow", count: 2 },
      { keyword: "app", count: 1 },
      { keyword: "damaged", count: 1 },
      { keyword: "days", count: 1 },
      { keyword: "great", count: 1 },
      { keyword: "like", count: 1 },
      { keyword: "packaging", count: 1 },
      { keyword: "prices", count: 1 },
      { keyword: "took", count: 1 },
    ]);
  });

  it("counts Dutch keywords with the Dutch stopwords, also for nl-BE", () => {
    const texts = [
      "De levering was erg traag.",
      "Traag! En de verpakking was beschadigd.",
      "Zo’n goede klantenservice, echt top",
      "Ik heb 3 keer gebeld",
    ];
    const expected = [
      { keyword: "traag", count: 2 },
      { keyword: "beschadigd", count: 1 },
      { keyword: "gebeld", count: 1 },
      { keyword: "goede", count: 1 },
      { keyword: "keer", count: 1 },
      { keyword: "klantenservice", count: 1 },
      { keyword: "levering", count: 1 },
      { keyword: "top", count: 1 },
      { keyword: "verpakking", count: 1 },
    ];
    expect(keywordFrequencies(texts, { locale: "nl" })).toEqual(expected);
    expect(keywordFrequencies(texts, { locale: "nl-BE" })).toEqual(expected);
  });

  it("uses the stopwords of the given language only", () => {
    // "door" is a Dutch stopword ("by") but an English noun; "the" the other way round.
    expect(keywordFrequencies(["the door"], { locale: "en" })).toEqual([
      { keyword: "door", count: 1 },
    ]);
    expect(keywordFrequencies(["the door"], { locale: "nl" })).toEqual([
      { keyword: "the", count: 1 },
    ]);
  });

  it("keeps accented letters, inner apostrophes and hyphens, and drops tokens without letters", () => {
    expect(keywordFrequencies(["Één café, e-mail; 2024 10:30 €25 ###"], { locale: "nl" })).toEqual([
      { keyword: "café", count: 1 },
      { keyword: "e-mail", count: 1 },
      { keyword: "één", count: 1 },
    ]);
  });

  it("returns the most frequent first, at most `limit`, and ignores extra stopwords", () => {
    const texts = ["acme shoes", "acme shoes", "acme boots"];
    expect(keywordFrequencies(texts, { locale: "en", limit: 1 })).toEqual([
      { keyword: "acme", count: 3 },
    ]);
    expect(keywordFrequencies(texts, { locale: "en", extraStopwords: ["ACME"] })).toEqual([
      { keyword: "shoes", count: 2 },
      { keyword: "boots", count: 1 },
    ]);
  });

  it("has no keywords without responses", () => {
    expect(keywordFrequencies([], { locale: "en" })).toEqual([]);
  });

  it("never counts a keyword more often than there are responses, and sorts by count", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 20 }), (texts) => {
        const result = keywordFrequencies(texts, { locale: "en", limit: 100 });
        for (const { keyword, count } of result) {
          expect(count).toBeGreaterThanOrEqual(1);
          expect(count).toBeLessThanOrEqual(texts.length);
          expect([...keyword].length).toBeGreaterThanOrEqual(3);
        }
        for (let i = 1; i < result.length; i++)
          expect(result[i - 1]!.count).toBeGreaterThanOrEqual(result[i]!.count);
      }),
    );
  });
});
