import { describe, expect, it } from "vitest";
import { localDateToInstant, parseListQuery, toListQuery, toQueryVariables } from "./list-query";

describe("customers list state in the URL", () => {
  it("reads defaults from an empty query", () => {
    const state = parseListQuery({});
    expect(state).toMatchObject({
      search: "",
      tags: [],
      sort: "signed-up-desc",
      size: 25,
      after: null,
      before: null,
    });
    expect(toListQuery(state)).toEqual({});
  });

  it("round-trips filters, sort, page size and cursor", () => {
    const query = {
      q: "ann",
      tag: ["vip", "newsletter"],
      source: ["SOCIAL"],
      colour: ["RED", "GREEN"],
      from: "2025-01-01",
      to: "2025-03-31",
      sort: "name-asc",
      size: "50",
      after: "abc",
    };
    expect(toListQuery(parseListQuery(query))).toEqual(query);
  });

  it("ignores values a hand-edited URL got wrong", () => {
    const state = parseListQuery({
      source: ["SOCIAL", "CARRIER_PIGEON"],
      colour: "PURPLE",
      size: "7",
      sort: "x",
      from: "soon",
    });
    expect(state).toMatchObject({
      sources: ["SOCIAL"],
      colours: [],
      size: 25,
      sort: "signed-up-desc",
      signedUpFrom: null,
    });
  });

  it("pages forward with first/after and back with last/before", () => {
    expect(toQueryVariables(parseListQuery({ after: "c1", size: "100" }))).toMatchObject({
      first: 100,
      after: "c1",
    });
    const back = toQueryVariables(parseListQuery({ before: "c2" }));
    expect(back).toMatchObject({ last: 25, before: "c2" });
    expect(back).not.toHaveProperty("first");
  });

  it("turns the signup date range into whole local days", () => {
    const variables = toQueryVariables(
      parseListQuery({ from: "2025-01-01", to: "2025-01-31", q: " ann " }),
    );
    expect(variables.filter).toEqual({
      search: "ann",
      signedUpFrom: localDateToInstant("2025-01-01"),
      signedUpTo: localDateToInstant("2025-01-31", true),
    });
    expect(new Date(variables.filter!.signedUpTo!).getDate()).toBe(31);
    expect(variables.orderBy).toEqual({ field: "SIGNED_UP_AT", direction: "DESC" });
  });
});
