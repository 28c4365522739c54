import type {
  CampaignFieldsFragment,
  CampaignInput,
  CampaignStacking,
} from "@/graphql/generated/graphql";
import {
  campaignPhase as domainCampaignPhase,
  validateCampaign,
  type CampaignPhase,
} from "@trouw/domain";
import type { FormProblem } from "./program-form";

/** A campaign as its drawer edits it; dates as epoch milliseconds. */
export interface CampaignDraft {
  name: string;
  /** null targets every member. */
  segmentId: string | null;
  startsAt: number | null;
  endsAt: number | null;
  multiplier: number | null;
  bonusPoints: number | null;
  stacking: CampaignStacking;
  capPerCustomer: number | null;
}

const DAY = 24 * 60 * 60 * 1000;

/** Double points for everyone for the coming week, from the next full hour. */
export function newCampaignDraft(now = Date.now()): CampaignDraft {
  const start = Math.ceil(now / (60 * 60 * 1000)) * 60 * 60 * 1000;
  return {
    name: "",
    segmentId: null,
    startsAt: start,
    endsAt: start + 7 * DAY,
    multiplier: 2,
    bonusPoints: null,
    stacking: "STACKABLE",
    capPerCustomer: null,
  };
}

export function campaignDraftFrom(c: CampaignFieldsFragment): CampaignDraft {
  return {
    name: c.name,
    segmentId: c.segmentId ?? null,
    startsAt: Date.parse(c.startsAt),
    endsAt: Date.parse(c.endsAt),
    multiplier: c.multiplier,
    bonusPoints: c.bonusPoints || null,
    stacking: c.stacking,
    capPerCustomer: c.capPerCustomer ?? null,
  };
}

export function toCampaignInput(d: CampaignDraft): CampaignInput {
  return {
    name: d.name.trim(),
    segmentId: d.segmentId,
    startsAt: d.startsAt === null ? "" : new Date(d.startsAt).toISOString(),
    endsAt: d.endsAt === null ? "" : new Date(d.endsAt).toISOString(),
    multiplier: d.multiplier ?? 1,
    bonusPoints: d.bonusPoints ?? 0,
    stacking: d.stacking,
    capPerCustomer: d.capPerCustomer,
  };
}

/** The domain's campaign rules (the API checks the same), before sending. */
export function campaignProblems(d: CampaignDraft): FormProblem[] {
  return validateCampaign({
    ...d,
    startsAt: d.startsAt === null ? null : new Date(d.startsAt),
    endsAt: d.endsAt === null ? null : new Date(d.endsAt),
  });
}

export type { CampaignPhase };

/** Where a campaign is in its life at `now`. */
export function campaignPhase(c: CampaignFieldsFragment, now = Date.now()): CampaignPhase {
  return domainCampaignPhase(
    { status: c.status, startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt) },
    new Date(now),
  );
}
