import type { EntityManager } from "typeorm";
import type { EarningService } from "../loyalty/earning.service";
import type { Ledger } from "../loyalty/ledger";
import type { ProgramsService } from "../loyalty/programs.service";

/** A response just stored, as the hooks that follow it see it. */
export interface AnsweredSurvey {
  surveyId: string;
  responseId: string;
  customerId: string;
  at: Date;
  /** How it came in, and its scores (for the survey.answered webhook). */
  source?: "api" | "invitation";
  scores?: { nps: number | null; csat: number | null; ces: number | null };
}

/** Runs in the response's transaction; returns the loyalty points it credited. */
export type RespondHook = (em: EntityManager, answered: AnsweredSurvey) => Promise<number>;

/**
 * Answering a survey credits the `survey_answered` bonus in every active points or tiered
 * program the customer is enrolled in (no auto-enrolment), once per survey and program even
 * when a survey takes several responses, so answering again earns nothing.
 */
export function surveyAnsweredBonus(
  programs: ProgramsService,
  ledger: Ledger,
  earning: EarningService,
): RespondHook {
  return async (em, answered) => {
    let points = 0;
    for (const program of await programs.activeIn(em, answered.at)) {
      if (program.type !== "points" && program.type !== "tiered") continue;
      const account = await ledger.lockAccount(em, program.id, answered.customerId);
      if (!account || account.status !== "enrolled") continue;
      const earlier = await em.query<unknown[]>(
        `SELECT 1 FROM ledger_entries WHERE program_id = $1 AND customer_id = $2
           AND details->>'bonus' = 'survey_answered' AND details->>'surveyId' = $3 LIMIT 1`,
        [program.id, answered.customerId, answered.surveyId],
      );
      if (earlier.length) continue;
      points += await earning.awardBonus(
        em,
        program,
        account,
        "survey_answered",
        answered.at,
        "system",
        null,
        { surveyId: answered.surveyId, responseId: answered.responseId },
      );
    }
    return points;
  };
}
