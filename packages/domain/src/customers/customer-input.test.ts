import { describe, expect, it } from "vitest";
import { normaliseTags, validateCustomerFields } from "./customer-input";

const now = new Date("2026-06-01T12:00:00Z");

describe("customer fields", () => {
  it("accepts a complete, valid customer", () => {
    expect(
      validateCustomerFields(
        {
          externalId: "c-1",
          email: "anna@example.nl",
          name: "Anna",
          phone: "+31 6 12345678",
          locale: "nl-BE",
          birthDate: "1990-02-28",
          acquisitionSource: "referral",
          tags: ["vip"],
          personalityColour: "green",
          attributes: { a: 1 },
        },
        now,
      ),
    ).toEqual([]);
  });

  it("reports each invalid field by path", () => {
    const problems = validateCustomerFields(
      {
        externalId: "",
        email: "not-an-email",
        phone: "call me",
        locale: "Dutch",
        birthDate: "2030-01-01",
        acquisitionSource: "tv",
        personalityColour: "purple",
        tags: ["ok", "<script>"],
        signedUpAt: new Date("2027-01-01"),
      },
      now,
    );
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        "acquisitionSource",
        "birthDate",
        "email",
        "externalId",
        "locale",
        "personalityColour",
        "phone",
        "signedUpAt",
        "tags[1]",
      ].sort(),
    );
  });

  it("rejects impossible dates", () => {
    expect(validateCustomerFields({ birthDate: "1990-02-30x" }, now)).toHaveLength(1);
  });

  it("normalises tags: trimmed, lower-case, unique, sorted", () => {
    expect(normaliseTags([" VIP", "vip", "Newsletter", ""])).toEqual(["newsletter", "vip"]);
  });
});
