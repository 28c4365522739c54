import { randomUUID } from "node:crypto";
import { audit } from "../audit/audit";
import type { EntityManager } from "typeorm";
import {
  scaleOf,
  starterSurvey,
  textFor,
  validateSurveyDefinition,
  type Question,
  type SurveyDefinition,
  type SurveyStatus,
} from "@trouw/domain";
import type { Clock } from "../../common/clock";
import { AppError, badInput, conflict, notFound } from "../../common/errors";
import type { Page } from "../../common/graphql-types";
import { isId } from "../../common/ids";
import { planPage, toPage, type PageArgs } from "../../common/pagination";
import { timeIdCursor } from "./cursor";
import type { RequestActor } from "../../context";
import type { Database } from "../../db/database";
import { returnedRows } from "../../db/rows";
import { API_DEFINITION_CODES, type CodedProblem, type SurveyConflict } from "./codes";
import { SURVEY_COLUMNS, toSurvey, type SurveyRow } from "./rows";

/** The templates a survey can start from. */
export const SURVEY_TEMPLATES = { starter: starterSurvey } as const;
export type SurveyTemplateKey = keyof typeof SURVEY_TEMPLATES;

/** Where each status may go. Back to draft only while nobody has answered. */
const TRANSITIONS: Record<SurveyStatus, readonly SurveyStatus[]> = {
  draft: ["active"],
  active: ["closed", "draft"],
  closed: ["active"],
};

export const surveyConflict = (message: string, reason: SurveyConflict) =>
  conflict(message, reason);

/** BAD_USER_INPUT listing every problem, each with its path and code. */
export function invalid(message: string, problems: CodedProblem[]): AppError {
  return badInput(`${message}: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}`, [
    ...problems,
  ]);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Survey definitions: create, edit, the draft → active → closed lifecycle, templates. */
export class SurveysService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Validates a definition from a caller. `status` belongs to the lifecycle, so it may be left
   * out (the current one is kept) but not changed here. Problems come back with paths under
   * `definition` (e.g. `definition.questions[2].showIf.questionId`) and the domain's codes.
   */
  private async checkDefinition(
    em: EntityManager,
    input: unknown,
    status: SurveyStatus,
  ): Promise<SurveyDefinition> {
    if (!isObject(input))
      throw invalid("Invalid survey", [
        { path: "definition", code: "INVALID", message: "must be an object" },
      ]);
    const problems: CodedProblem[] = [];
    if (input.status !== undefined && input.status !== status)
      problems.push({
        path: "definition.status",
        code: API_DEFINITION_CODES.STATUS_READ_ONLY,
        message: `is ${status}; change it with setSurveyStatus`,
      });
    const checked = validateSurveyDefinition({ ...input, status });
    if (!checked.ok)
      problems.push(
        ...checked.problems.map((p) => ({
          ...p,
          path: p.path ? `definition.${p.path}` : "definition",
        })),
      );
    else if (checked.definition.audience.kind === "segment") {
      const segmentId = checked.definition.audience.segmentId;
      const found =
        isId(segmentId) &&
        (await em.query<unknown[]>(`SELECT 1 FROM segments WHERE id = $1`, [segmentId])).length > 0;
      if (!found)
        problems.push({
          path: "definition.audience.segmentId",
          code: API_DEFINITION_CODES.UNKNOWN_SEGMENT,
          message: "is not a saved segment",
        });
    }
    if (problems.length || !checked.ok) throw invalid("Invalid survey", problems);
    return checked.definition;
  }

  async create(
    actor: RequestActor,
    input: { definition: unknown; templateKey?: string | null },
  ): Promise<SurveyRow> {
    return this.db.transaction(async (em) => {
      const definition = await this.checkDefinition(em, input.definition, "draft");
      const now = this.clock.now();
      const [row] = await em.query<Record<string, unknown>[]>(
        `INSERT INTO surveys (id, title, status, audience_segment_id, definition, template_key, created_by, created_at, updated_at)
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $7) RETURNING ${SURVEY_COLUMNS}`,
        [
          randomUUID(),
          titleOf(definition),
          audienceOf(definition),
          JSON.stringify(definition),
          input.templateKey ?? null,
          actor.caller,
          now,
        ],
      );
      const created = toSurvey(row!);
      await audit.record(
        em,
        {
          entityType: "survey",
          entityId: created.id,
          action: "created",
          after: auditedSurvey(created),
        },
        now,
      );
      return created;
    });
  }

  /** A draft copy of a built-in template, e.g. the starter survey in English and Dutch. */
  createFromTemplate(actor: RequestActor, key: SurveyTemplateKey): Promise<SurveyRow> {
    return this.create(actor, { definition: SURVEY_TEMPLATES[key](), templateKey: key });
  }

  /**
   * Replaces the definition. Once a survey has responses, the questions answered so far must
   * keep their id, type, scale and options (texts, new questions and settings may change), so
   * stored answers keep their meaning.
   */
  async update(id: string, input: { definition: unknown }, expectedVersion?: number | null) {
    return this.db.transaction(async (em) => {
      const current = await this.lockIn(em, id);
      if (expectedVersion != null && expectedVersion !== current.version)
        throw surveyConflict(
          `The survey was changed by someone else (version ${current.version}); reload and try again`,
          "STALE_VERSION",
        );
      const definition = await this.checkDefinition(em, input.definition, current.status);
      if (current.responseCount > 0) {
        const problems = answeredQuestionChanges(current.definition, definition);
        if (problems.length) throw invalid("Answered questions cannot change", problems);
      }
      const [row] = returnedRows<Record<string, unknown>>(
        await em.query(
          `UPDATE surveys SET title = $2, audience_segment_id = $3, definition = $4, version = version + 1, updated_at = $5
           WHERE id = $1 RETURNING ${SURVEY_COLUMNS}`,
          [
            id,
            titleOf(definition),
            audienceOf(definition),
            JSON.stringify(definition),
            this.clock.now(),
          ],
        ),
      );
      const updated = toSurvey(row!);
      await audit.record(
        em,
        {
          entityType: "survey",
          entityId: id,
          action: "updated",
          before: auditedSurvey(current),
          after: auditedSurvey(updated),
        },
        this.clock.now(),
      );
      return updated;
    });
  }

  /** draft → active ↔ closed; active → draft only while there are no responses. */
  async setStatus(id: string, status: SurveyStatus): Promise<SurveyRow> {
    return this.db.transaction(async (em) => {
      const current = await this.lockIn(em, id);
      if (current.status === status) return current;
      if (!TRANSITIONS[current.status].includes(status))
        throw surveyConflict(
          `A ${current.status} survey cannot become ${status}`,
          "INVALID_STATUS_CHANGE",
        );
      if (status === "draft" && current.responseCount > 0)
        throw surveyConflict(
          "A survey with responses cannot go back to draft; close it instead",
          "SURVEY_HAS_RESPONSES",
        );
      if (status === "active" && current.audienceSegmentId) {
        const [segment] = await em.query<unknown[]>(`SELECT 1 FROM segments WHERE id = $1`, [
          current.audienceSegmentId,
        ]);
        if (!segment)
          throw surveyConflict(
            "The audience segment no longer exists; choose another audience first",
            "AUDIENCE_SEGMENT_MISSING",
          );
      }
      const definition: SurveyDefinition = { ...current.definition, status };
      const [row] = returnedRows<Record<string, unknown>>(
        await em.query(
          `UPDATE surveys SET status = $2, definition = $3, version = version + 1, updated_at = $4,
             activated_at = CASE WHEN $2 = 'active' THEN coalesce(activated_at, $4) ELSE activated_at END,
             closed_at = CASE WHEN $2 = 'closed' THEN $4::timestamptz ELSE NULL END
           WHERE id = $1 RETURNING ${SURVEY_COLUMNS}`,
          [id, status, JSON.stringify(definition), this.clock.now()],
        ),
      );
      await audit.record(
        em,
        {
          entityType: "survey",
          entityId: id,
          action: "status_changed",
          before: { status: current.status },
          after: { status },
        },
        this.clock.now(),
      );
      return toSurvey(row!);
    });
  }

  /** Deletes a survey nobody answered (its invitations go with it); close answered ones. */
  async delete(id: string): Promise<SurveyRow> {
    return this.db.transaction(async (em) => {
      const current = await this.lockIn(em, id);
      if (current.responseCount > 0)
        throw surveyConflict(
          "A survey with responses cannot be deleted; close it instead",
          "SURVEY_HAS_RESPONSES",
        );
      await em.query(`DELETE FROM surveys WHERE id = $1`, [id]);
      await audit.record(
        em,
        { entityType: "survey", entityId: id, action: "deleted", before: auditedSurvey(current) },
        this.clock.now(),
      );
      return current;
    });
  }

  async get(id: string): Promise<SurveyRow> {
    return this.db.read((em) => this.getIn(em, id));
  }

  async getIn(em: EntityManager, id: string, lock = ""): Promise<SurveyRow> {
    if (!isId(id)) throw notFound(`Survey ${id}`);
    const [row] = await em.query<Record<string, unknown>[]>(
      `SELECT ${SURVEY_COLUMNS} FROM surveys WHERE id = $1${lock}`,
      [id],
    );
    if (!row) throw notFound(`Survey ${id}`);
    return toSurvey(row);
  }

  /** The survey, locked for the rest of the transaction: responses and edits queue on it. */
  lockIn(em: EntityManager, id: string): Promise<SurveyRow> {
    return this.getIn(em, id, this.db.forUpdate);
  }

  /** Surveys, newest first. */
  async list(
    args: PageArgs & { status?: SurveyStatus | null; search?: string | null },
  ): Promise<Page<SurveyRow>> {
    const plan = planPage(args);
    const where: string[] = [];
    const params: unknown[] = [];
    if (args.status) where.push(`status = $${params.push(args.status)}`);
    if (args.search?.trim())
      where.push(`strpos(lower(title), $${params.push(args.search.trim().toLowerCase())}) > 0`);
    return this.db.read(async (em) => {
      const pageWhere = [...where];
      const pageParams = [...params];
      if (plan.cursor) {
        const [at, id] = timeIdCursor(plan.cursor);
        // Newest first: "after" is older.
        pageWhere.push(
          `(created_at, id) ${plan.backward ? ">" : "<"} ($${pageParams.push(at)}::timestamptz, $${pageParams.push(id)}::uuid)`,
        );
      }
      const dir = plan.backward ? "ASC" : "DESC";
      const rows = await em.query<Record<string, unknown>[]>(
        `SELECT ${SURVEY_COLUMNS} FROM surveys ${pageWhere.length ? `WHERE ${pageWhere.join(" AND ")}` : ""}
         ORDER BY created_at ${dir}, id ${dir} LIMIT ${plan.limit + 1}`,
        pageParams,
      );
      const [{ n }] = (await em.query(
        `SELECT count(*)::int AS n FROM surveys ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`,
        params,
      )) as [{ n: number }];
      return toPage(rows.map(toSurvey), plan, (s) => [s.createdAt.toISOString(), s.id], n);
    });
  }
}

const titleOf = (d: SurveyDefinition) => textFor(d.title, d.defaultLocale, d.defaultLocale);
const audienceOf = (d: SurveyDefinition) =>
  d.audience.kind === "segment" ? d.audience.segmentId : null;

/** How `next` would change questions that `before` has (and so may have answers to). */
function answeredQuestionChanges(before: SurveyDefinition, next: SurveyDefinition): CodedProblem[] {
  const problems: CodedProblem[] = [];
  const code = API_DEFINITION_CODES.ANSWERED_QUESTION;
  for (const old of before.questions) {
    const i = next.questions.findIndex((q) => q.id === old.id);
    if (i === -1) {
      problems.push({
        path: "definition.questions",
        code,
        message: `question ${old.id} may have answers and cannot be removed`,
      });
      continue;
    }
    const q = next.questions[i]!;
    const at = `definition.questions[${i}]`;
    if (q.type !== old.type) {
      problems.push({ path: `${at}.type`, code, message: `must stay ${old.type}` });
      continue;
    }
    const [a, b] = [scaleOf(old), scaleOf(q)];
    if (a && b && a.max !== b.max)
      problems.push({ path: `${at}.scale`, code, message: `must stay ${a.max}` });
    const kept = optionIds(q);
    for (const id of optionIds(old))
      if (!kept.includes(id))
        problems.push({
          path: `${at}.options`,
          code,
          message: `option ${id} may have been chosen and cannot be removed`,
        });
  }
  return problems;
}

const optionIds = (q: Question) =>
  q.type === "single_choice" || q.type === "multiple_choice" ? q.options.map((o) => o.id) : [];

/** What the audit log keeps of a survey: its definition and state, not its counters. */
function auditedSurvey(s: SurveyRow): Record<string, unknown> {
  return {
    title: s.title,
    status: s.status,
    audienceSegmentId: s.audienceSegmentId,
    definition: s.definition,
    version: s.version,
  };
}
