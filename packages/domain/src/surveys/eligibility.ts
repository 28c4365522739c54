import type { SurveyDefinition } from "./definition";

export const RESPONSE_REFUSALS = [
  "SURVEY_NOT_ACTIVE",
  "NOT_IN_AUDIENCE",
  "ALREADY_RESPONDED",
  "QUOTA_REACHED",
] as const;
export type ResponseRefusal = (typeof RESPONSE_REFUSALS)[number];

export interface RespondContext {
  /** Whether the customer is in the survey's audience (always true for "everyone"). */
  inAudience: boolean;
  /** Responses this customer already gave to this survey. */
  customerResponses: number;
  /** Responses the survey has recorded in total. */
  totalResponses: number;
}

export type Eligibility = { ok: true } | { ok: false; code: ResponseRefusal; message: string };

/**
 * Whether a customer may respond now: the survey is active, they are in its audience, they
 * have not responded yet (unless multiple responses are allowed) and the quota is not reached.
 * The first failing reason, in that order, is returned.
 */
export function canRespond(def: SurveyDefinition, ctx: RespondContext): Eligibility {
  if (def.status !== "active")
    return { ok: false, code: "SURVEY_NOT_ACTIVE", message: `the survey is ${def.status}` };
  if (def.audience.kind === "segment" && !ctx.inAudience)
    return {
      ok: false,
      code: "NOT_IN_AUDIENCE",
      message: "the survey is not meant for this customer",
    };
  if (!def.allowMultipleResponses && ctx.customerResponses > 0)
    return { ok: false, code: "ALREADY_RESPONDED", message: "the customer already responded" };
  if (def.responseQuota !== undefined && ctx.totalResponses >= def.responseQuota)
    return {
      ok: false,
      code: "QUOTA_REACHED",
      message: "the survey has all the responses it asked for",
    };
  return { ok: true };
}
