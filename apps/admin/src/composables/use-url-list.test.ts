import { describe, expect, it } from "vitest";
import { oneOf, parseUrlListQuery, toUrlListQuery } from "./use-url-list";

const filters = { status: oneOf(["ACTIVE", "PAUSED"] as const), kind: oneOf(["A", "B"] as const) };

describe("URL list state", () => {
  it("reads search, known filter values and one cursor from the URL", () => {
    expect(
      parseUrlListQuery({ q: "  club ", status: "PAUSED", kind: "Z", before: "b1" }, filters),
    ).toEqual({ search: "club", status: "PAUSED", kind: null, after: null, before: "b1" });
    // `after` wins over `before`; repeated parameters take the first value.
    expect(parseUrlListQuery({ after: "a1", before: "b1", kind: ["B", "A"] }, filters)).toEqual({
      search: "",
      status: null,
      kind: "B",
      after: "a1",
      before: null,
    });
  });

  it("writes only what is set, and round-trips", () => {
    const state = { search: "x", status: "ACTIVE", kind: null, after: null, before: "c" } as const;
    expect(toUrlListQuery(state, filters)).toEqual({ q: "x", status: "ACTIVE", before: "c" });
    expect(parseUrlListQuery(toUrlListQuery(state, filters), filters)).toEqual(state);
    expect(
      toUrlListQuery({ search: "", status: null, kind: null, after: null, before: null }, filters),
    ).toEqual({});
  });
});
