import { describe, expect, it } from "vitest";
import { addDays, addMonths, isoDay, startOfUtcDay, utcDaysBetween } from "./calendar";

const at = (iso: string) => new Date(iso);

describe("addMonths", () => {
  it("adds calendar months and keeps the time of day", () => {
    expect(addMonths(at("2026-03-15T10:30:00Z"), 12)).toEqual(at("2027-03-15T10:30:00Z"));
    expect(addMonths(at("2026-11-20T00:00:00Z"), 3)).toEqual(at("2027-02-20T00:00:00Z"));
  });

  it("clamps Jan 31 + 1 month to the last day of February", () => {
    expect(addMonths(at("2026-01-31T12:00:00Z"), 1)).toEqual(at("2026-02-28T12:00:00Z"));
    expect(addMonths(at("2028-01-31T12:00:00Z"), 1)).toEqual(at("2028-02-29T12:00:00Z"));
    expect(addMonths(at("2026-03-31T00:00:00Z"), 1)).toEqual(at("2026-04-30T00:00:00Z"));
  });

  it("subtracts months with the same clamping", () => {
    expect(addMonths(at("2026-03-31T08:00:00Z"), -1)).toEqual(at("2026-02-28T08:00:00Z"));
    expect(addMonths(at("2026-01-15T00:00:00Z"), -12)).toEqual(at("2025-01-15T00:00:00Z"));
  });

  it("does not mutate its input", () => {
    const d = at("2026-01-31T00:00:00Z");
    addMonths(d, 1);
    expect(d).toEqual(at("2026-01-31T00:00:00Z"));
  });
});

describe("day helpers", () => {
  it("adds days as 24-hour steps in UTC", () => {
    expect(addDays(at("2026-03-28T12:00:00Z"), 14)).toEqual(at("2026-04-11T12:00:00Z"));
  });

  it("counts calendar days regardless of the time of day", () => {
    expect(utcDaysBetween(at("2026-01-01T23:59:00Z"), at("2026-01-02T00:01:00Z"))).toBe(1);
    expect(utcDaysBetween(at("2026-01-10T00:00:00Z"), at("2026-01-01T12:00:00Z"))).toBe(-9);
    expect(startOfUtcDay(at("2026-05-05T17:45:00Z"))).toEqual(at("2026-05-05T00:00:00Z"));
    expect(isoDay(at("2026-05-05T17:45:00Z"))).toBe("2026-05-05");
  });
});
