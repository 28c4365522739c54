import { describe, expect, it } from "vitest";
import { campaign } from "./fixtures";
import {
  campaignDraftFrom,
  campaignPhase,
  campaignProblems,
  newCampaignDraft,
  toCampaignInput,
} from "./campaign-form";

describe("campaign form", () => {
  it("starts as double points for a week from the next full hour", () => {
    const draft = newCampaignDraft(Date.parse("2025-03-01T10:20:00Z"));
    expect(toCampaignInput({ ...draft, name: "Spring" })).toEqual({
      name: "Spring",
      segmentId: null,
      startsAt: "2025-03-01T11:00:00.000Z",
      endsAt: "2025-03-08T11:00:00.000Z",
      multiplier: 2,
      bonusPoints: 0,
      stacking: "STACKABLE",
      capPerCustomer: null,
    });
  });

  it("checks what the API checks: a name, an end after the start, something extra to earn", () => {
    const draft = {
      ...newCampaignDraft(),
      multiplier: 1,
      bonusPoints: null,
      endsAt: newCampaignDraft().startsAt,
      capPerCustomer: 0,
    };
    expect(campaignProblems(draft).map((p) => p.path)).toEqual([
      "name",
      "endsAt",
      "multiplier",
      "capPerCustomer",
    ]);
    expect(campaignProblems({ ...newCampaignDraft(), name: "x", multiplier: 1.555 })[0]?.path).toBe(
      "multiplier",
    );
  });

  it("reads a saved campaign back into the form", () => {
    const draft = campaignDraftFrom(campaign({ segmentId: "s1", bonusPoints: 50 }));
    expect(toCampaignInput(draft)).toMatchObject({
      segmentId: "s1",
      bonusPoints: 50,
      startsAt: "2025-03-01T00:00:00.000Z",
    });
  });

  it("tells scheduled, running, ended and archived campaigns apart", () => {
    const c = campaign();
    expect(campaignPhase(c, Date.parse("2025-02-01T00:00:00Z"))).toBe("scheduled");
    expect(campaignPhase(c, Date.parse("2025-03-15T00:00:00Z"))).toBe("running");
    expect(campaignPhase(c, Date.parse("2025-04-01T00:00:00Z"))).toBe("ended");
    expect(
      campaignPhase(campaign({ status: "archived" }), Date.parse("2025-03-15T00:00:00Z")),
    ).toBe("archived");
  });
});
