import { describe, expect, it } from "vitest";
import { endpointUrlProblems } from "./endpoint-url";

const ok = (url: string, production: boolean) => endpointUrlProblems(url, production).length === 0;

describe("webhook endpoint URLs", () => {
  it("takes https anywhere", () => {
    expect(ok("https://hooks.example.com/trouw", true)).toBe(true);
    expect(ok("https://127.0.0.1:8443/x", false)).toBe(true);
  });

  it("takes plain http only to this machine, and only outside production", () => {
    for (const url of ["http://localhost:3000/x", "http://127.0.0.1/x", "http://[::1]:9000/"]) {
      expect(ok(url, false)).toBe(true);
      expect(ok(url, true)).toBe(false);
    }
    expect(ok("http://hooks.example.com/x", false)).toBe(false);
    expect(ok("http://127.0.0.2/x", false)).toBe(false);
  });

  it("refuses other schemes, credentials, garbage and overlong URLs", () => {
    expect(ok("ftp://example.com/x", false)).toBe(false);
    expect(ok("https://me:secret@example.com/x", false)).toBe(false);
    expect(ok("not a url", false)).toBe(false);
    expect(ok(`https://example.com/${"a".repeat(2000)}`, false)).toBe(false);
    expect(endpointUrlProblems("nope", false, "input.url")).toEqual([
      { path: "input.url", message: "is not a valid URL" },
    ]);
  });
});
