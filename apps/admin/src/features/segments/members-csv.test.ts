import { describe, expect, it } from "vitest";
import { fakeClient } from "@/testing/fake-client";
import { SEGMENT_ID, member, membersPage } from "./fixtures";
import { csvField, csvFileName, exportMembers, membersCsv } from "./members-csv";

describe("members CSV", () => {
  it("quotes fields with commas, quotes and line breaks, and defuses spreadsheet formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("de Vries, Anna")).toBe('"de Vries, Anna"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
  });

  it("writes a header and one line per member", () => {
    const csv = membersCsv([
      member({ id: "c1", name: "de Vries, Anna", tags: ["vip", "nl"] }),
      member({ id: "c2", externalId: "shop-2", name: null, email: null, tags: [] }),
    ]);
    expect(csv.split("\r\n")).toEqual([
      "id,externalId,name,email,tags,acquisitionSource,signedUpAt",
      'c1,shop-1,"de Vries, Anna",anna@example.com,vip nl,SOCIAL,2025-02-03T10:00:00.000Z',
      "c2,shop-2,,,,SOCIAL,2025-02-03T10:00:00.000Z",
      "",
    ]);
  });

  it("fetches every page of members, reporting progress, and returns them all as CSV", async () => {
    const { client, calls } = fakeClient({
      SegmentMembers: (variables) =>
        variables.after === null
          ? membersPage([member({ id: "c1" }), member({ id: "c2" })], {
              hasNextPage: true,
              endCursor: "after-c2",
              totalCount: 3,
            })
          : membersPage([member({ id: "c3", name: "Bram" })], { totalCount: 3 }),
    });
    const progress: [number, number][] = [];
    const result = await exportMembers(client, SEGMENT_ID, (n, of) => progress.push([n, of]));

    expect(calls.map((c) => [c.variables.after, c.variables.first])).toEqual([
      [null, 200],
      ["after-c2", 200],
    ]);
    expect(progress).toEqual([
      [2, 3],
      [3, 3],
    ]);
    expect(result).toMatchObject({ ok: true, count: 3 });
    const lines = (result as { csv: string }).csv.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["c1", "c2", "c3"]);
    expect(lines[3]).toContain("Bram");
  });

  it("names the file after the segment and the day", () => {
    expect(csvFileName("Loyal customers (NL)", new Date("2025-03-01T12:00:00Z"))).toBe(
      "loyal-customers-nl-2025-03-01.csv",
    );
  });
});
