import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import {
  canRespond,
  validateResponse,
  type Question,
  type SurveyAnswers,
  type SurveyDefinition,
} from "@trouw/domain";
import type { Clock } from "../../common/clock";
import type { Page } from "../../common/graphql-types";
import { assertId } from "../../common/ids";
import { idempotent } from "../../common/idempotency";
import { planPage, toPage, type PageArgs } from "../../common/pagination";
import { timeIdCursor } from "./cursor";
import type { RequestActor } from "../../context";
import type { Database } from "../../db/database";
import type { CustomerEntity } from "../customers/customer.entity";
import { CustomersService } from "../customers/customers.service";
import { markDirty } from "../segments/dirty";
import type { CodedProblem } from "./codes";
import { surveyLocaleFor } from "./locale";
import {
  RESPONSE_COLUMNS,
  toResponse,
  type ResponseRow,
  type ResponseSource,
  type SurveyRow,
} from "./rows";
import type { RespondHook } from "./survey-bonus";
import { recordSurveyFacts } from "./survey-facts";
import { invalid, surveyConflict, type SurveysService } from "./surveys.service";

export interface CustomerRef {
  customerId?: string | null;
  customerExternalId?: string | null;
}

export interface SubmitResponseInput extends CustomerRef {
  surveyId: string;
  answers: unknown;
  locale?: string | null;
}

/** One score column of survey_responses, for filters. */
export type ScoreKind = "nps" | "csat" | "ces";
export const SCORE_COLUMNS: Record<ScoreKind, string> = {
  nps: "nps_score",
  csat: "csat_score",
  ces: "ces_score",
};

export interface ResponseFilter {
  surveyId?: string | null;
  customerId?: string | null;
  /** Submitted at or after. */
  from?: Date | null;
  /** Submitted before. */
  to?: Date | null;
  score?: { kind: ScoreKind; min?: number | null; max?: number | null } | null;
  /** Only customers currently in this segment. */
  segmentId?: string | null;
}

interface Respondent {
  survey: SurveyRow;
  customer: Pick<CustomerEntity, "id" | "locale">;
  answers: unknown;
  /** As asked by the caller; checked against the survey's locales. */
  locale?: string | null;
  source: ResponseSource;
  invitationId?: string | null;
  submittedBy: string;
}

/** The answer of the first question of `type` that has one: the response's score column. */
function firstScore(def: SurveyDefinition, answers: SurveyAnswers, type: Question["type"]) {
  for (const q of def.questions) {
    const a = answers[q.id];
    if (q.type === type && typeof a === "number") return a;
  }
  return null;
}

/** Survey responses: submitting them (API and invitation links) and reading them back. */
export class SurveyResponsesService {
  private readonly hooks: RespondHook[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly surveys: SurveysService,
  ) {}

  /** Work that must commit with a response (the loyalty bonus); a failure undoes the response. */
  onRespond(hook: RespondHook): void {
    this.hooks.push(hook);
  }

  /** An integrator submits a customer's answers; the same idempotency key replays the first result. */
  submit(
    actor: RequestActor,
    input: SubmitResponseInput,
    key?: string | null,
  ): Promise<ResponseRow> {
    return this.db.transaction((em) =>
      idempotent(em, {
        caller: actor.caller,
        key,
        operation: "submitSurveyResponse",
        request: input,
        now: this.clock.now(),
        store: (r) => ({ id: r.id }),
        replay: ({ id }: { id: string }) => this.responseIn(em, id),
        effect: async () => {
          const survey = await this.surveys.lockIn(em, input.surveyId);
          const customer = await CustomersService.resolveRef(em, input);
          return this.respondIn(em, {
            survey,
            customer,
            answers: input.answers,
            locale: input.locale,
            source: "api",
            submittedBy: actor.caller,
          });
        },
      }),
    );
  }

  /**
   * Stores a response inside the caller's transaction, with the survey row locked by the
   * caller (so the quota and "one response each" hold under concurrency). In order: may the
   * customer respond (CONFLICT with the domain's reason), are the answers valid
   * (BAD_USER_INPUT with a problem per answer); then the response, the survey's count, the
   * customer's latest scores, the segment dirty mark and the hooks, all or nothing.
   */
  async respondIn(em: EntityManager, r: Respondent): Promise<ResponseRow> {
    const def = r.survey.definition;
    await this.assertCanRespond(em, r.survey, r.customer.id);

    const locale = r.locale || surveyLocaleFor(def, r.customer.locale);
    const checked = validateResponse(def, r.answers, { locale });
    if (!checked.ok) throw invalid("Invalid response", checked.problems as CodedProblem[]);

    const now = this.clock.now();
    const id = randomUUID();
    const scores = {
      nps: firstScore(def, checked.answers, "nps"),
      csat: firstScore(def, checked.answers, "csat"),
      ces: firstScore(def, checked.answers, "ces"),
    };
    await em.query(`UPDATE surveys SET response_count = response_count + 1 WHERE id = $1`, [
      r.survey.id,
    ]);
    if (await recordSurveyFacts(em, r.customer.id, scores, now))
      await markDirty(em, r.customer.id, now);
    let points = 0;
    for (const hook of this.hooks)
      points += await hook(em, {
        surveyId: r.survey.id,
        responseId: id,
        customerId: r.customer.id,
        at: now,
        source: r.source,
        scores,
      });
    const [row] = await em.query<Record<string, unknown>[]>(
      `INSERT INTO survey_responses (id, survey_id, customer_id, invitation_id, source, locale, answers,
         nps_score, csat_score, ces_score, loyalty_points, submitted_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${RESPONSE_COLUMNS}`,
      [
        id,
        r.survey.id,
        r.customer.id,
        r.invitationId ?? null,
        r.source,
        locale,
        JSON.stringify(checked.answers),
        scores.nps,
        scores.csat,
        scores.ces,
        points,
        r.submittedBy,
        now,
      ],
    );
    return toResponse(row!);
  }

  /** CONFLICT with the domain's reason when the customer may not respond (now). */
  async assertCanRespond(em: EntityManager, survey: SurveyRow, customerId: string): Promise<void> {
    const def = survey.definition;
    const eligibility = canRespond(def, {
      inAudience: await this.inAudience(em, survey, customerId),
      customerResponses: def.allowMultipleResponses
        ? 0
        : await this.responsesOf(em, survey.id, customerId),
      totalResponses: survey.responseCount,
    });
    if (!eligibility.ok) throw surveyConflict(capitalise(eligibility.message), eligibility.code);
  }

  private async inAudience(em: EntityManager, survey: SurveyRow, customerId: string) {
    if (!survey.audienceSegmentId) return true;
    const rows = await em.query<unknown[]>(
      `SELECT 1 FROM segment_members WHERE segment_id = $1 AND customer_id = $2`,
      [survey.audienceSegmentId, customerId],
    );
    return rows.length > 0;
  }

  private async responsesOf(em: EntityManager, surveyId: string, customerId: string) {
    const [{ n }] = (await em.query(
      `SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = $1 AND customer_id = $2`,
      [surveyId, customerId],
    )) as [{ n: number }];
    return n;
  }

  private async responseIn(em: EntityManager, id: string): Promise<ResponseRow> {
    const [row] = await em.query<Record<string, unknown>[]>(
      `SELECT ${RESPONSE_COLUMNS} FROM survey_responses WHERE id = $1`,
      [id],
    );
    return toResponse(row!);
  }

  /** Responses, newest first, filtered by survey, customer, period, score range and segment. */
  async list(args: PageArgs & ResponseFilter): Promise<Page<ResponseRow>> {
    const plan = planPage(args);
    const { where, params } = responseWhere(args);
    return this.db.read(async (em) => {
      const pageWhere = [...where];
      const pageParams = [...params];
      if (plan.cursor) {
        const [at, id] = timeIdCursor(plan.cursor);
        pageWhere.push(
          `(r.submitted_at, r.id) ${plan.backward ? ">" : "<"} ($${pageParams.push(at)}::timestamptz, $${pageParams.push(id)}::uuid)`,
        );
      }
      const dir = plan.backward ? "ASC" : "DESC";
      const clause = (w: string[]) => (w.length ? `WHERE ${w.join(" AND ")}` : "");
      const rows = await em.query<Record<string, unknown>[]>(
        `SELECT ${RESPONSE_COLUMNS} FROM survey_responses r ${clause(pageWhere)}
         ORDER BY r.submitted_at ${dir}, r.id ${dir} LIMIT ${plan.limit + 1}`,
        pageParams,
      );
      const [{ n }] = (await em.query(
        `SELECT count(*)::int AS n FROM survey_responses r ${clause(where)}`,
        params,
      )) as [{ n: number }];
      return toPage(rows.map(toResponse), plan, (x) => [x.submittedAt.toISOString(), x.id], n);
    });
  }
}

/** SQL conditions over `survey_responses r` for a filter; every value a bind parameter. */
export function responseWhere(f: ResponseFilter, params: unknown[] = []) {
  const where: string[] = [];
  const problems: CodedProblem[] = [];
  const id = (value: string, path: string) => {
    try {
      return assertId(value, path);
    } catch {
      problems.push({ path, code: "INVALID", message: "is not a valid id" });
      return null;
    }
  };
  if (f.surveyId) {
    const v = id(f.surveyId, "surveyId");
    if (v) where.push(`r.survey_id = $${params.push(v)}`);
  }
  if (f.customerId) {
    const v = id(f.customerId, "customerId");
    if (v) where.push(`r.customer_id = $${params.push(v)}`);
  }
  if (f.from && f.to && f.from >= f.to)
    problems.push({ path: "to", code: "INVALID", message: "must be after from" });
  if (f.from) where.push(`r.submitted_at >= $${params.push(f.from)}`);
  if (f.to) where.push(`r.submitted_at < $${params.push(f.to)}`);
  if (f.score) {
    const column = `r.${SCORE_COLUMNS[f.score.kind]}`;
    const { min, max } = f.score;
    if (min == null && max == null)
      problems.push({ path: "score", code: "INVALID", message: "give min, max or both" });
    if (min != null && max != null && min > max)
      problems.push({ path: "score.max", code: "INVALID", message: "must not be below min" });
    if (min != null) where.push(`${column} >= $${params.push(min)}`);
    if (max != null) where.push(`${column} <= $${params.push(max)}`);
  }
  if (f.segmentId) {
    const v = id(f.segmentId, "segmentId");
    if (v)
      where.push(
        `EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = $${params.push(v)} AND m.customer_id = r.customer_id)`,
      );
  }
  if (problems.length) throw invalid("Invalid filter", problems);
  return { where, params };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
