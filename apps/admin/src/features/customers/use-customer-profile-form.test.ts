import { describe, expect, it } from "vitest";
import { customerDetail } from "./fixtures";
import { changesFrom, modelFrom, validateProfile } from "./use-customer-profile-form";

describe("customer profile form", () => {
  const customer = customerDetail();

  it("sends nothing when nothing changed", () => {
    expect(changesFrom(customer, modelFrom(customer))).toEqual({});
  });

  it("sends only the changed fields, trimmed, and null for a field emptied", () => {
    const model = {
      ...modelFrom(customer),
      name: "  Anna Jansen ",
      phone: "",
      tags: ["vip", "newsletter"],
    };
    expect(changesFrom(customer, model)).toEqual({
      name: "Anna Jansen",
      phone: null,
      tags: ["vip", "newsletter"],
    });
  });

  it("removes a personality colour with clearPersonalityColour", () => {
    expect(changesFrom(customer, { ...modelFrom(customer), personalityColour: null })).toEqual({
      clearPersonalityColour: true,
    });
    expect(changesFrom(customer, { ...modelFrom(customer), personalityColour: "RED" })).toEqual({
      personalityColour: "RED",
    });
  });

  it("sends attributes only when the JSON means something else", () => {
    expect(
      changesFrom(customer, { ...modelFrom(customer), attributes: '{"shoeSize":39}' }),
    ).toEqual({});
    expect(
      changesFrom(customer, { ...modelFrom(customer), attributes: '{"shoeSize":40}' }),
    ).toEqual({
      attributes: { shoeSize: 40 },
    });
  });

  it("rejects a bad email, locale, future birth date and attributes that are not an object", () => {
    const model = {
      ...modelFrom(customer),
      email: "anna@",
      locale: "Dutch",
      birthDate: "2031-01-01",
      attributes: "[1, 2]",
    };
    expect(validateProfile(model, new Date("2026-01-01T00:00:00Z"))).toEqual({
      email: "invalidEmail",
      locale: "invalidLocale",
      birthDate: "birthDateInFuture",
      attributes: "invalidJsonObject",
    });
    expect(validateProfile(modelFrom(customer))).toEqual({});
  });
});
