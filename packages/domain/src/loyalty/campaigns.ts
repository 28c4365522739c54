import type { InputProblem } from "../events/event-types";

/** A campaign as an admin defines it: time-bound extra earning, optionally for one segment. */
export interface CampaignDefinition {
  name: string;
  startsAt: Date | null;
  endsAt: Date | null;
  /** Earn multiplier on the base points, e.g. 2 for double points; 1 adds nothing. */
  multiplier?: number | null;
  /** Fixed extra points per qualifying order. */
  bonusPoints?: number | null;
  /** Most extra points one customer can get from the campaign; absent: no cap. */
  capPerCustomer?: number | null;
}

export const MAX_CAMPAIGN_MULTIPLIER = 100;

/**
 * Every problem with a campaign, by field: a name, an end after the start, a multiplier of
 * 1-100 with at most two decimals, a whole non-negative bonus, something extra to earn, and a
 * positive whole cap.
 */
export function validateCampaign(c: CampaignDefinition): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!c.name.trim()) problems.push({ path: "name", message: "must not be empty" });
  else if (c.name.trim().length > 120)
    problems.push({ path: "name", message: "at most 120 characters" });
  if (c.startsAt === null) problems.push({ path: "startsAt", message: "is required" });
  if (c.endsAt === null) problems.push({ path: "endsAt", message: "is required" });
  else if (c.startsAt !== null && c.endsAt.getTime() <= c.startsAt.getTime())
    problems.push({ path: "endsAt", message: "must be after startsAt" });
  const multiplier = c.multiplier ?? 1;
  if (
    !(multiplier >= 1 && multiplier <= MAX_CAMPAIGN_MULTIPLIER) ||
    Math.abs(multiplier * 100 - Math.round(multiplier * 100)) > 1e-9
  )
    problems.push({
      path: "multiplier",
      message: `must be between 1 and ${MAX_CAMPAIGN_MULTIPLIER} with at most two decimals`,
    });
  const bonus = c.bonusPoints ?? 0;
  if (!Number.isSafeInteger(bonus) || bonus < 0)
    problems.push({ path: "bonusPoints", message: "must be a non-negative whole number" });
  else if (multiplier === 1 && bonus === 0)
    problems.push({
      path: "multiplier",
      message: "a campaign needs a multiplier above 1 or bonus points",
    });
  if (c.capPerCustomer != null && (!Number.isSafeInteger(c.capPerCustomer) || c.capPerCustomer < 1))
    problems.push({ path: "capPerCustomer", message: "must be a positive whole number" });
  return problems;
}

export type CampaignPhase = "scheduled" | "running" | "ended" | "archived";

/** Where a campaign is in its life at `now`: ends are exclusive, as when earning. */
export function campaignPhase(
  c: { status: string; startsAt: Date; endsAt: Date },
  now: Date,
): CampaignPhase {
  if (c.status === "archived") return "archived";
  if (now.getTime() < c.startsAt.getTime()) return "scheduled";
  return now.getTime() < c.endsAt.getTime() ? "running" : "ended";
}
