import { describe, expect, it } from "vitest";
import { canRespond, type RespondContext } from "./eligibility";
import { q, survey } from "./test-support/factories";

const first: RespondContext = { inAudience: true, customerResponses: 0, totalResponses: 0 };
const codeOf = (...args: Parameters<typeof canRespond>) => {
  const r = canRespond(...args);
  return r.ok ? "ok" : r.code;
};
const base = survey([q.nps("n")]);

describe("canRespond", () => {
  it("lets a customer answer an active survey once", () => {
    expect(codeOf(base, first)).toBe("ok");
    expect(codeOf(base, { ...first, customerResponses: 1 })).toBe("ALREADY_RESPONDED");
    expect(
      codeOf({ ...base, allowMultipleResponses: true }, { ...first, customerResponses: 3 }),
    ).toBe("ok");
  });

  it("refuses drafts and closed surveys", () => {
    expect(codeOf({ ...base, status: "draft" }, first)).toBe("SURVEY_NOT_ACTIVE");
    expect(codeOf({ ...base, status: "closed" }, first)).toBe("SURVEY_NOT_ACTIVE");
  });

  it("limits a segment survey to its audience", () => {
    const segment = { ...base, audience: { kind: "segment" as const, segmentId: "s-1" } };
    expect(codeOf(segment, { ...first, inAudience: false })).toBe("NOT_IN_AUDIENCE");
    expect(codeOf(segment, first)).toBe("ok");
    expect(codeOf(base, { ...first, inAudience: false })).toBe("ok");
  });

  it("stops at the response quota", () => {
    const quota = { ...base, responseQuota: 100 };
    expect(codeOf(quota, { ...first, totalResponses: 99 })).toBe("ok");
    expect(codeOf(quota, { ...first, totalResponses: 100 })).toBe("QUOTA_REACHED");
  });
});
