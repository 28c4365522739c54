import { describe, expect, it } from "vitest";
import { diffRows, readable } from "./audit-diff";

describe("diffRows", () => {
  it("puts the changed fields of an update side by side, in name order", () => {
    expect(diffRows({ name: "Old", cost: 10 }, { name: "New", cost: 20 })).toEqual([
      { field: "cost", before: "10", after: "20", kind: "changed" },
      { field: "name", before: "Old", after: "New", kind: "changed" },
    ]);
  });

  it("shows a creation as added fields and a deletion as removed ones", () => {
    expect(diffRows(null, { status: "draft" })).toEqual([
      { field: "status", before: null, after: "draft", kind: "added" },
    ]);
    expect(diffRows({ status: "draft" }, null)).toEqual([
      { field: "status", before: "draft", after: null, kind: "removed" },
    ]);
  });

  it("writes nested values as indented JSON and keeps null apart from absent", () => {
    expect(readable({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(readable(null)).toBe("null");
    expect(readable(undefined)).toBeNull();
    expect(
      diffRows({ tierOverride: null }, { tierOverride: { tierCode: "gold" } })[0],
    ).toMatchObject({
      before: "null",
      after: '{\n  "tierCode": "gold"\n}',
    });
  });
});
