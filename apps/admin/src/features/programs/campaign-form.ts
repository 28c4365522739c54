import type {
  CampaignFieldsFragment,
  CampaignInput,
  CampaignStacking,
} from "@/graphql/generated/graphql";
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

/**
 * The API's campaign rules, checked before sending: a name, an end after the start, a
 * multiplier of 1-100 with two decimals at most, and something extra to earn.
 */
export function campaignProblems(d: CampaignDraft): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!d.name.trim()) problems.push({ path: "name", message: "must not be empty" });
  if (d.startsAt === null)
    problems.push({ path: "startsAt", message: "expected date, received null" });
  if (d.endsAt === null) problems.push({ path: "endsAt", message: "expected date, received null" });
  else if (d.startsAt !== null && d.endsAt <= d.startsAt)
    problems.push({ path: "endsAt", message: "must be after startsAt" });
  const multiplier = d.multiplier ?? 1;
  if (multiplier < 1 || multiplier > 100 || Math.round(multiplier * 100) !== multiplier * 100)
    problems.push({
      path: "multiplier",
      message: "must be between 1 and 100 with at most two decimals",
    });
  const bonus = d.bonusPoints ?? 0;
  if (!Number.isSafeInteger(bonus) || bonus < 0)
    problems.push({ path: "bonusPoints", message: "must be a non-negative whole number" });
  if (multiplier === 1 && bonus === 0)
    problems.push({
      path: "multiplier",
      message: "a campaign needs a multiplier above 1 or bonus points",
    });
  if (
    d.capPerCustomer !== null &&
    (!Number.isSafeInteger(d.capPerCustomer) || d.capPerCustomer < 1)
  )
    problems.push({ path: "capPerCustomer", message: "must be a positive whole number" });
  return problems;
}

export type CampaignPhase = "scheduled" | "running" | "ended" | "archived";

/** Where a campaign is in its life at `now`. */
export function campaignPhase(c: CampaignFieldsFragment, now = Date.now()): CampaignPhase {
  if (c.status === "archived") return "archived";
  if (now < Date.parse(c.startsAt)) return "scheduled";
  return now < Date.parse(c.endsAt) ? "running" : "ended";
}
