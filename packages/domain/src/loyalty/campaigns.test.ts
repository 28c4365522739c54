import { describe, expect, it } from "vitest";
import { campaignPhase, validateCampaign, type CampaignDefinition } from "./campaigns";

const start = new Date("2026-03-01T00:00:00Z");
const end = new Date("2026-04-01T00:00:00Z");
const ok: CampaignDefinition = {
  name: "Double in March",
  startsAt: start,
  endsAt: end,
  multiplier: 2,
};
const paths = (c: Partial<CampaignDefinition>) =>
  validateCampaign({ ...ok, ...c }).map((p) => p.path);

describe("campaign validation", () => {
  it("accepts a multiplier campaign, a bonus-only campaign and a capped one", () => {
    expect(validateCampaign(ok)).toEqual([]);
    expect(paths({ multiplier: 1, bonusPoints: 50 })).toEqual([]);
    expect(paths({ multiplier: 1.25, capPerCustomer: 500 })).toEqual([]);
  });

  it("reports each problem at its field", () => {
    expect(paths({ name: "  " })).toEqual(["name"]);
    expect(paths({ endsAt: start })).toEqual(["endsAt"]);
    expect(paths({ startsAt: null, endsAt: null })).toEqual(["startsAt", "endsAt"]);
    expect(paths({ multiplier: 0.5 })).toEqual(["multiplier"]);
    expect(paths({ multiplier: 100.01 })).toEqual(["multiplier"]);
    expect(paths({ multiplier: 1.005 })).toEqual(["multiplier"]);
    expect(paths({ bonusPoints: -1 })).toEqual(["bonusPoints"]);
    expect(paths({ bonusPoints: 2.5 })).toEqual(["bonusPoints"]);
    expect(paths({ capPerCustomer: 0 })).toEqual(["capPerCustomer"]);
  });

  it("refuses a campaign that adds nothing", () => {
    expect(paths({ multiplier: 1, bonusPoints: 0 })).toEqual(["multiplier"]);
    expect(paths({ multiplier: null, bonusPoints: null })).toEqual(["multiplier"]);
  });
});

describe("campaign phase", () => {
  const c = { status: "active", startsAt: start, endsAt: end };
  it("is scheduled before the start, running from the start, ended at the end (exclusive)", () => {
    expect(campaignPhase(c, new Date(start.getTime() - 1))).toBe("scheduled");
    expect(campaignPhase(c, start)).toBe("running");
    expect(campaignPhase(c, new Date(end.getTime() - 1))).toBe("running");
    expect(campaignPhase(c, end)).toBe("ended");
    expect(campaignPhase({ ...c, status: "archived" }, start)).toBe("archived");
  });
});
