import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { DAY_MS } from "@trouw/domain";
import type { Config } from "@trouw/config";
import type { Clock } from "../../common/clock";
import { notFound } from "../../common/errors";
import { isId } from "../../common/ids";
import type { RequestActor } from "../../context";
import type { Database } from "../../db/database";
import { CustomerEntity } from "../customers/customer.entity";
import type { CodedProblem } from "./codes";
import { surveyLocaleFor } from "./locale";
import { toInvitation, type InvitationRow, type ResponseRow, type SurveyRow } from "./rows";
import type { SurveyResponsesService } from "./responses.service";
import { invalid, surveyConflict, type SurveysService } from "./surveys.service";
import { hashInvitationToken, invitationLink, isTokenShaped, newInvitationToken } from "./tokens";
import { toCsv } from "./csv";

/** At most this many invitations per call (a CSV of links people download and mail-merge). */
export const MAX_INVITATIONS = 50_000;
export const MAX_EXPIRES_IN_DAYS = 365;
export const DEFAULT_EXPIRES_IN_DAYS = 30;

export interface InvitationInput {
  surveyId: string;
  /** Invite these customers; or everyone in `segmentId` now. */
  customerIds?: string[] | null;
  segmentId?: string | null;
  expiresInDays?: number | null;
}

/** An invitation as created: the only moment its token (and so its link) is known. */
export interface IssuedInvitation {
  id: string;
  customerId: string;
  externalId: string;
  email: string | null;
  name: string | null;
  locale: string;
  token: string;
  link: string;
  expiresAt: Date;
}

export interface InvitationBatch {
  surveyId: string;
  invitations: IssuedInvitation[];
  /** Customers left out because they already answered a one-response survey. */
  skippedAlreadyResponded: number;
  /** Customers left out because they are not in the survey's audience segment. */
  skippedNotInAudience: number;
  expiresAt: Date;
}

/** What a valid token opens: the survey, in the locale to show it in. */
export interface InvitedSurvey {
  survey: SurveyRow;
  locale: string;
  expiresAt: Date;
}

type Candidate = Pick<CustomerEntity, "id" | "externalId" | "email" | "name" | "locale">;

/**
 * Survey invitations: single-use, expiring links per customer (only the token's SHA-256 is
 * stored), the hosted survey page's two public operations, and the CSV export of links.
 */
export class SurveyInvitationsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly surveys: SurveysService,
    private readonly responses: SurveyResponsesService,
    private readonly config: Pick<Config, "ADMIN_ORIGIN" | "ADMIN_DIST">,
  ) {}

  /**
   * Where the hosted page lives: the admin app's origin. When the API serves the admin itself
   * (ADMIN_DIST), that is where the request came from; otherwise ADMIN_ORIGIN.
   */
  linkBase(requestOrigin?: string | null): string {
    return this.config.ADMIN_DIST && requestOrigin ? requestOrigin : this.config.ADMIN_ORIGIN;
  }

  private checkInput(input: InvitationInput): { days: number; customerIds: string[] | null } {
    const problems: CodedProblem[] = [];
    const days = input.expiresInDays ?? DEFAULT_EXPIRES_IN_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_IN_DAYS)
      problems.push({
        path: "expiresInDays",
        code: "INVALID",
        message: `must be a whole number of days from 1 to ${MAX_EXPIRES_IN_DAYS}`,
      });
    const byIds = input.customerIds != null;
    if (byIds === (input.segmentId != null))
      problems.push({
        path: "customerIds",
        code: "INVALID",
        message: "give customerIds or segmentId",
      });
    const ids = input.customerIds ?? [];
    if (byIds && ids.length === 0)
      problems.push({ path: "customerIds", code: "INVALID", message: "must not be empty" });
    if (ids.length > MAX_INVITATIONS)
      problems.push({
        path: "customerIds",
        code: "INVALID",
        message: `at most ${MAX_INVITATIONS} customers per call`,
      });
    ids.forEach((id, i) => {
      if (!isId(id))
        problems.push({ path: `customerIds[${i}]`, code: "INVALID", message: "is not a valid id" });
    });
    if (input.segmentId != null && !isId(input.segmentId))
      problems.push({ path: "segmentId", code: "INVALID", message: "is not a valid id" });
    if (problems.length) throw invalid("Invalid invitations", problems);
    return { days, customerIds: byIds ? [...new Set(ids.map((id) => id.toLowerCase()))] : null };
  }

  /**
   * Creates one invitation per customer (customers who cannot respond are skipped and
   * counted). The raw tokens and links are returned now and never again.
   */
  async create(
    actor: RequestActor,
    input: InvitationInput,
    requestOrigin?: string | null,
  ): Promise<InvitationBatch> {
    const { days, customerIds } = this.checkInput(input);
    const linkBase = this.linkBase(requestOrigin);
    return this.db.transaction(async (em) => {
      const survey = await this.surveys.getIn(em, input.surveyId);
      if (survey.status === "closed")
        throw surveyConflict("A closed survey takes no responses", "SURVEY_NOT_ACTIVE");
      const candidates = customerIds
        ? await this.customersByIds(em, customerIds)
        : await this.segmentCustomers(em, input.segmentId!);
      const ids = candidates.map((c) => c.id);

      const outside = new Set<string>();
      if (survey.audienceSegmentId) {
        const inside = new Set(
          (
            await em.query<{ customer_id: string }[]>(
              `SELECT customer_id FROM segment_members WHERE segment_id = $1 AND customer_id = ANY($2::uuid[])`,
              [survey.audienceSegmentId, ids],
            )
          ).map((r) => r.customer_id),
        );
        for (const id of ids) if (!inside.has(id)) outside.add(id);
      }
      const answered = new Set<string>();
      if (!survey.definition.allowMultipleResponses)
        for (const r of await em.query<{ customer_id: string }[]>(
          `SELECT DISTINCT customer_id FROM survey_responses WHERE survey_id = $1 AND customer_id = ANY($2::uuid[])`,
          [survey.id, ids],
        ))
          if (!outside.has(r.customer_id)) answered.add(r.customer_id);

      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + days * DAY_MS);
      const invitations: IssuedInvitation[] = candidates
        .filter((c) => !outside.has(c.id) && !answered.has(c.id))
        .map((c) => {
          const { token } = newInvitationToken();
          return {
            id: randomUUID(),
            customerId: c.id,
            externalId: c.externalId,
            email: c.email,
            name: c.name,
            locale: surveyLocaleFor(survey.definition, c.locale),
            token,
            link: invitationLink(linkBase, token),
            expiresAt,
          };
        });
      if (invitations.length)
        await em.query(
          `INSERT INTO survey_invitations (id, survey_id, customer_id, token_hash, created_by, created_at, expires_at)
           SELECT i.id, $4, i.customer_id, i.token_hash, $5, $6, $7
           FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS i(id, customer_id, token_hash)`,
          [
            invitations.map((i) => i.id),
            invitations.map((i) => i.customerId),
            invitations.map((i) => hashInvitationToken(i.token)),
            survey.id,
            actor.caller,
            now,
            expiresAt,
          ],
        );
      return {
        surveyId: survey.id,
        invitations,
        skippedAlreadyResponded: answered.size,
        skippedNotInAudience: outside.size,
        expiresAt,
      };
    });
  }

  /** Creates invitations and returns them as CSV, one link per customer, for a mail merge. */
  async exportCsv(
    actor: RequestActor,
    input: InvitationInput,
    requestOrigin?: string | null,
  ): Promise<string> {
    const batch = await this.create(actor, input, requestOrigin);
    return toCsv(
      ["customer_id", "external_id", "email", "name", "locale", "link", "expires_at"],
      batch.invitations.map((i) => [
        i.customerId,
        i.externalId,
        i.email,
        i.name,
        i.locale,
        i.link,
        i.expiresAt.toISOString(),
      ]),
    );
  }

  private async customersByIds(em: EntityManager, ids: string[]): Promise<Candidate[]> {
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT id, external_id, email, name, locale, erased_at FROM customers WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const found = new Map(rows.map((r) => [r.id as string, candidate(r)]));
    // Erased customers are kept only as pseudonymous keys: nobody to invite.
    const erased = new Set(rows.filter((r) => r.erased_at).map((r) => r.id as string));
    const problems: CodedProblem[] = [];
    ids.forEach((id, i) => {
      if (!found.has(id))
        problems.push({
          path: `customerIds[${i}]`,
          code: "NOT_FOUND",
          message: "no such customer",
        });
      else if (erased.has(id))
        problems.push({
          path: `customerIds[${i}]`,
          code: "CUSTOMER_ERASED",
          message: "the customer's data was erased",
        });
    });
    if (problems.length) throw invalid("Invalid invitations", problems);
    return ids.map((id) => found.get(id)!);
  }

  private async segmentCustomers(em: EntityManager, segmentId: string): Promise<Candidate[]> {
    const [segment] = await em.query<unknown[]>(`SELECT 1 FROM segments WHERE id = $1`, [
      segmentId,
    ]);
    if (!segment) throw notFound(`Segment ${segmentId}`);
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT c.id, c.external_id, c.email, c.name, c.locale
       FROM segment_members m JOIN customers c ON c.id = m.customer_id
       WHERE m.segment_id = $1 AND c.erased_at IS NULL ORDER BY c.id LIMIT ${MAX_INVITATIONS + 1}`,
      [segmentId],
    );
    if (rows.length > MAX_INVITATIONS)
      throw invalid("Invalid invitations", [
        {
          path: "segmentId",
          code: "INVALID",
          message: `has more than ${MAX_INVITATIONS} members; invite a smaller segment`,
        },
      ]);
    return rows.map(candidate);
  }

  /**
   * The invitation of a token, locked when `lock` is given. Unknown: NOT_FOUND; used:
   * CONFLICT TOKEN_USED; expired: CONFLICT TOKEN_EXPIRED.
   */
  private async invitationOf(em: EntityManager, token: string, lock = ""): Promise<InvitationRow> {
    const [row] = isTokenShaped(token)
      ? await em.query<Record<string, unknown>[]>(
          `SELECT id, survey_id, customer_id, created_at, expires_at, used_at
           FROM survey_invitations WHERE token_hash = $1${lock}`,
          [hashInvitationToken(token)],
        )
      : [];
    if (!row) throw notFound("Invitation");
    const invitation = toInvitation(row);
    if (invitation.usedAt) throw surveyConflict("This survey link was already used", "TOKEN_USED");
    if (invitation.expiresAt.getTime() <= this.clock.now().getTime())
      throw surveyConflict("This survey link has expired", "TOKEN_EXPIRED");
    return invitation;
  }

  /**
   * What the hosted survey page shows for a token: the survey in the customer's locale (or
   * `locale` when the page asks for another), if the customer may still respond.
   */
  async surveyByToken(token: string, locale?: string | null): Promise<InvitedSurvey> {
    return this.db.read(async (em) => {
      const invitation = await this.invitationOf(em, token);
      const survey = await this.surveys.getIn(em, invitation.surveyId);
      const customer = await this.customerOf(em, invitation.customerId);
      await this.responses.assertCanRespond(em, survey, customer.id);
      return {
        survey,
        locale: surveyLocaleFor(survey.definition, locale, customer.locale),
        expiresAt: invitation.expiresAt,
      };
    });
  }

  /** The hosted page submits its answers; the token is spent with the response, or not at all. */
  async submitByToken(
    token: string,
    answers: unknown,
    locale?: string | null,
  ): Promise<ResponseRow> {
    return this.db.transaction(async (em) => {
      const invitation = await this.invitationOf(em, token, this.db.forUpdate);
      const survey = await this.surveys.lockIn(em, invitation.surveyId);
      const customer = await this.customerOf(em, invitation.customerId);
      const response = await this.responses.respondIn(em, {
        survey,
        customer,
        answers,
        locale: locale || surveyLocaleFor(survey.definition, customer.locale),
        source: "invitation",
        invitationId: invitation.id,
        submittedBy: `invitation:${invitation.id}`,
      });
      await em.query(`UPDATE survey_invitations SET used_at = $2 WHERE id = $1`, [
        invitation.id,
        response.submittedAt,
      ]);
      return response;
    });
  }

  private async customerOf(em: EntityManager, id: string): Promise<CustomerEntity> {
    return (await em.findOne(CustomerEntity, { where: { id } }))!;
  }
}

const candidate = (r: Record<string, unknown>): Candidate => ({
  id: r.id as string,
  externalId: r.external_id as string,
  email: (r.email as string | null) ?? null,
  name: (r.name as string | null) ?? null,
  locale: r.locale as string,
});
