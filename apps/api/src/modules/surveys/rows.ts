import type { SurveyDefinition, SurveyAnswers, SurveyStatus } from "@trouw/domain";

/*
 * The survey tables are read and written with SQL, like the loyalty ones; these mappers are
 * their one typed view.
 */

type Raw = Record<string, unknown>;
const date = (v: unknown) => (v == null ? null : new Date(v as string));
const intOrNull = (v: unknown) => (v == null ? null : Number(v));

export interface SurveyRow {
  id: string;
  /** The title in the default locale (for lists and search). */
  title: string;
  status: SurveyStatus;
  audienceSegmentId: string | null;
  /** The whole validated definition; its status and audience agree with the columns. */
  definition: SurveyDefinition;
  templateKey: string | null;
  responseCount: number;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
  closedAt: Date | null;
}

export const SURVEY_COLUMNS = `id, title, status, audience_segment_id, definition, template_key,
  response_count, version, created_by, created_at, updated_at, activated_at, closed_at`;

export const toSurvey = (r: Raw): SurveyRow => ({
  id: r.id as string,
  title: r.title as string,
  status: r.status as SurveyStatus,
  audienceSegmentId: (r.audience_segment_id as string | null) ?? null,
  definition: r.definition as SurveyDefinition,
  templateKey: (r.template_key as string | null) ?? null,
  responseCount: Number(r.response_count),
  version: Number(r.version),
  createdBy: r.created_by as string,
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
  activatedAt: date(r.activated_at),
  closedAt: date(r.closed_at),
});

export type ResponseSource = "api" | "invitation";

export interface ResponseRow {
  id: string;
  surveyId: string;
  customerId: string;
  invitationId: string | null;
  source: ResponseSource;
  locale: string;
  answers: SurveyAnswers;
  npsScore: number | null;
  csatScore: number | null;
  cesScore: number | null;
  loyaltyPoints: number;
  submittedBy: string;
  submittedAt: Date;
}

export const RESPONSE_COLUMNS = `id, survey_id, customer_id, invitation_id, source, locale, answers,
  nps_score, csat_score, ces_score, loyalty_points, submitted_by, submitted_at`;

export const toResponse = (r: Raw): ResponseRow => ({
  id: r.id as string,
  surveyId: r.survey_id as string,
  customerId: r.customer_id as string,
  invitationId: (r.invitation_id as string | null) ?? null,
  source: r.source as ResponseSource,
  locale: r.locale as string,
  answers: r.answers as SurveyAnswers,
  npsScore: intOrNull(r.nps_score),
  csatScore: intOrNull(r.csat_score),
  cesScore: intOrNull(r.ces_score),
  loyaltyPoints: Number(r.loyalty_points),
  submittedBy: r.submitted_by as string,
  submittedAt: new Date(r.submitted_at as string),
});

export interface InvitationRow {
  id: string;
  surveyId: string;
  customerId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export const toInvitation = (r: Raw): InvitationRow => ({
  id: r.id as string,
  surveyId: r.survey_id as string,
  customerId: r.customer_id as string,
  createdAt: new Date(r.created_at as string),
  expiresAt: new Date(r.expires_at as string),
  usedAt: date(r.used_at),
});
