import { GraphQLJSON, GraphQLJSONObject } from "graphql-scalars";
import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import {
  QUESTION_TYPES,
  SURVEY_STATUSES,
  type ConfidenceLevel,
  type NpsCategory,
  type QuestionType,
  type SurveyStatus,
} from "@trouw/domain";
import { Connection, enumOf } from "../../common/graphql-types";
import type { ResponseSource } from "./rows";
import type { ScoreKind } from "./responses.service";
import type { ScoreGrouping } from "./scores.service";
import type { SurveyTemplateKey } from "./surveys.service";

export const SurveyStatusEnum = enumOf(
  SURVEY_STATUSES,
  "SurveyStatus",
  "draft (being written, takes no responses) → active (takes responses) ↔ closed.",
  {
    ACTIVE: "Accepting responses.",
    CLOSED: "No longer accepting responses.",
    DRAFT: "Being written; not accepting responses.",
  },
);
export const SurveyQuestionTypeEnum = enumOf(
  QUESTION_TYPES,
  "SurveyQuestionType",
  "nps 0-10, csat 1-5, ces 1-7, rating 1-scale, single or multiple choice, open text, yes/no.",
  {
    CES: "Customer effort score.",
    CSAT: "Customer satisfaction on a 1-5 scale.",
    MULTIPLE_CHOICE: "Pick any of the options.",
    NPS: "Recommend score 0-10.",
    OPEN_TEXT: "Free text.",
    RATING: "A rating on a scale.",
    SINGLE_CHOICE: "Pick one option.",
    YES_NO: "Yes or no.",
  },
);
export const SurveyTemplateEnum = enumOf(
  ["starter"] as const satisfies readonly SurveyTemplateKey[],
  "SurveyTemplate",
  "Built-in surveys to start from. starter: the four-question satisfaction/NPS survey (en, nl).",
  {
    STARTER:
      "The canonical four-question starter survey (satisfaction, obstacles, wishes, recommend).",
  },
);
export const SurveyResponseSourceEnum = enumOf(
  ["api", "invitation"] as const satisfies readonly ResponseSource[],
  "SurveyResponseSource",
  "How a response came in: submitted by an integrator (api) or on the hosted page (invitation).",
  {
    API: "Submitted over the API.",
    INVITATION: "Submitted on the hosted page from an invitation link.",
  },
);
export const NpsCategoryEnum = enumOf(
  ["promoter", "passive", "detractor"] as const satisfies readonly NpsCategory[],
  "NpsCategory",
  "NPS answer category: promoter 9-10, passive 7-8, detractor 0-6.",
  { DETRACTOR: "Scored 0-6.", PASSIVE: "Scored 7-8.", PROMOTER: "Scored 9-10." },
);
export const SurveyScoreKindEnum = enumOf(
  ["nps", "csat", "ces"] as const satisfies readonly ScoreKind[],
  "SurveyScoreKind",
  "A score a response carries: its first NPS (0-10), CSAT (1-5) or CES (1-7) answer.",
  {
    CES: "Customer effort score: the mean effort.",
    CSAT: "Customer satisfaction: share of answers 4-5.",
    NPS: "Net promoter score: % promoters minus % detractors.",
  },
);
export const SurveyScoreGroupingEnum = enumOf(
  ["month", "week", "none"] as const satisfies readonly ScoreGrouping[],
  "SurveyScoreGrouping",
  "Periods of a score series: UTC calendar months, ISO weeks (Monday, UTC), or one period.",
  { MONTH: "Per calendar month.", NONE: "One figure for the whole range.", WEEK: "Per ISO week." },
);
export const ConfidenceLevelEnum = enumOf(
  ["insufficient", "low", "ok"] as const satisfies readonly ConfidenceLevel[],
  "ScoreConfidenceLevel",
  "How far a score can be trusted: insufficient under 30 answers, low under 100, ok from 100.",
  {
    INSUFFICIENT: "Too few answers to report a score.",
    LOW: "Few answers: read the score with care.",
    OK: "Enough answers for a reliable score.",
  },
);

@ObjectType({
  description: "A survey: its definition (questions, translations, audience, limits) and state.",
})
export class Survey {
  @Field(() => ID, { description: "Survey id." })
  id: string;

  @Field({ description: "The title in the survey's default locale." })
  title: string;

  @Field(() => SurveyStatusEnum, {
    description: "Lifecycle state; only active surveys take responses.",
  })
  status: SurveyStatus;

  @Field(() => GraphQLJSONObject, {
    description:
      "The whole definition: title, description, status, audience, allowMultipleResponses, responseQuota, defaultLocale, locales and questions (see packages/domain/src/surveys/definition.ts).",
  })
  definition: object;

  @Field(() => ID, {
    nullable: true,
    description: "The segment whose members may respond; null: everyone.",
  })
  audienceSegmentId: string | null;

  @Field({ description: "False: one response per customer." })
  allowMultipleResponses: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "No responses are taken once this many were recorded; null: no limit.",
  })
  responseQuota: number | null;

  @Field(() => Int, { description: "Responses recorded so far." })
  responseCount: number;

  @Field({ description: "The locale shown when the customer's own is not offered." })
  defaultLocale: string;

  @Field(() => [String], { description: "Locales every text of the survey is written in." })
  locales: string[];

  @Field(() => SurveyTemplateEnum, {
    nullable: true,
    description: "The template the survey started from, if any.",
  })
  templateKey: string | null;

  @Field(() => Int, { description: "Incremented by every saved change (for expectedVersion)." })
  version: number;

  @Field({ description: "When the survey was created." })
  createdAt: Date;

  @Field({ description: "When the survey last changed." })
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the survey first became active." })
  activatedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the survey was closed, while it is." })
  closedAt: Date | null;
}

@ObjectType({ description: "A page of surveys, newest first." })
export class SurveyConnection extends Connection(Survey, "Survey") {}

@ObjectType({ description: "A built-in survey to start from." })
export class SurveyTemplateInfo {
  @Field(() => SurveyTemplateEnum, { description: "Pass to createSurveyFromTemplate." })
  key: string;

  @Field(() => GraphQLJSONObject, { description: "The definition a new survey gets." })
  definition: object;
}

@ObjectType({ description: "An option of a choice question, in the rendered locale." })
export class RenderedSurveyOption {
  @Field({ description: "Option id: what answers carry." })
  id: string;

  @Field({ description: "The option's label." })
  label: string;
}

@ObjectType({
  description: "When to show a question: the answer to an earlier question matches.",
})
export class SurveyShowIf {
  @Field({ description: "The earlier question." })
  questionId: string;

  @Field({
    description:
      "lte/gte compare scale answers; eq matches a value, true/false or an option id; in lists values or option ids (multiple choice: any selected).",
  })
  op: string;

  @Field(() => GraphQLJSON, { description: "A number, boolean, option id, or a list of them." })
  value: unknown;
}

@ObjectType({ description: "A question as a respondent sees it, in one locale." })
export class RenderedSurveyQuestion {
  @Field({ description: "Question id: answers are keyed by it." })
  id: string;

  @Field(() => SurveyQuestionTypeEnum, { description: "What kind of answer it takes." })
  type: QuestionType;

  @Field({ description: "Must be answered when shown." })
  required: boolean;

  @Field({ description: "The question." })
  title: string;

  @Field(() => String, { nullable: true, description: "A hint under the question." })
  help: string | null;

  @Field(() => Int, { nullable: true, description: "Lowest answer of a scale question." })
  scaleMin: number | null;

  @Field(() => Int, { nullable: true, description: "Highest answer of a scale question." })
  scaleMax: number | null;

  @Field(() => [RenderedSurveyOption], {
    description: "Options of a choice question; empty for the other types.",
  })
  options: RenderedSurveyOption[];

  @Field(() => Int, { nullable: true, description: "Multiple choice: select at least this many." })
  minSelections: number | null;

  @Field(() => Int, { nullable: true, description: "Multiple choice: select at most this many." })
  maxSelections: number | null;

  @Field(() => Int, { nullable: true, description: "Open text: at most this many characters." })
  maxLength: number | null;

  @Field(() => SurveyShowIf, {
    nullable: true,
    description: "Shown only when this holds; null: always shown.",
  })
  showIf: SurveyShowIf | null;
}

@ObjectType({ description: "A survey rendered in one locale, as the hosted page shows it." })
export class RenderedSurvey {
  @Field({ description: "The title." })
  title: string;

  @Field(() => String, { nullable: true, description: "The introduction, if any." })
  description: string | null;

  @Field({ description: "The locale the texts are in; submit answers with it." })
  locale: string;

  @Field(() => [String], { description: "Locales the respondent may switch to." })
  locales: string[];

  @Field(() => [RenderedSurveyQuestion], {
    description: "Every question in order; follow-ups carry showIf.",
  })
  questions: RenderedSurveyQuestion[];
}

@ObjectType({ description: "What an invitation link opens: the survey and until when." })
export class HostedSurvey {
  @Field(() => RenderedSurvey, { description: "The survey in the customer's locale." })
  survey: RenderedSurvey;

  @Field({ description: "The link stops working at this moment." })
  expiresAt: Date;
}

@ObjectType({ description: "Thanks for answering: what the hosted page shows afterwards." })
export class SurveySubmission {
  @Field({ description: "When the answers were recorded." })
  submittedAt: Date;

  @Field(() => Int, {
    description: "Loyalty points the survey bonus credited for this response (0: none).",
  })
  loyaltyPoints: number;
}

@ObjectType({ description: "One customer's answers to a survey." })
export class SurveyResponse {
  @Field(() => ID, { description: "Response id." })
  id: string;

  @Field(() => ID, { description: "The survey answered." })
  surveyId: string;

  @Field(() => ID, { description: "The customer who answered (see customer)." })
  customerId: string;

  @Field(() => SurveyResponseSourceEnum, { description: "Integrator API or invitation link." })
  source: ResponseSource;

  @Field({ description: "The locale the survey was answered in." })
  locale: string;

  @Field(() => GraphQLJSONObject, {
    description:
      "Answers keyed by question id: numbers for scales, true/false, option ids, text. Unanswered questions are absent.",
  })
  answers: object;

  @Field(() => Int, { nullable: true, description: "The first NPS answer (0-10), if any." })
  npsScore: number | null;

  @Field(() => NpsCategoryEnum, { nullable: true, description: "Category of npsScore." })
  npsCategory: NpsCategory | null;

  @Field(() => Int, { nullable: true, description: "The first CSAT answer (1-5), if any." })
  csatScore: number | null;

  @Field(() => Int, { nullable: true, description: "The first CES answer (1-7), if any." })
  cesScore: number | null;

  @Field(() => Int, { description: "Loyalty points the survey bonus credited for it." })
  loyaltyPoints: number;

  @Field({ description: "When it was recorded (server time)." })
  submittedAt: Date;
}

@ObjectType({ description: "A page of survey responses, newest first." })
export class SurveyResponseConnection extends Connection(SurveyResponse, "SurveyResponse") {}

@InputType({ description: "A customer's answers, submitted by an integrator." })
export class SubmitSurveyResponseInput {
  @Field(() => ID, { description: "The survey answered." })
  surveyId: string;

  @Field(() => ID, { nullable: true, description: "Trouw customer id; or customerExternalId." })
  customerId?: string | null;

  @Field(() => String, { nullable: true, description: "Your own customer id; or customerId." })
  customerExternalId?: string | null;

  @Field(() => GraphQLJSONObject, {
    description:
      'Answers keyed by question id, e.g. { "recommend": 9, "recommend_why": "Fast delivery" }.',
  })
  answers: object;

  @Field(() => String, {
    nullable: true,
    description:
      "The locale the customer answered in (one of the survey's); default: the customer's, else the survey's default.",
  })
  locale?: string | null;
}

@InputType({ description: "Who to invite to a survey, and for how long the links work." })
export class SurveyInvitationsInput {
  @Field(() => ID, { description: "The survey (draft or active)." })
  surveyId: string;

  @Field(() => [ID], {
    nullable: true,
    description: "Invite these customers (at most 50,000); or segmentId.",
  })
  customerIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description: "Invite the segment's current members; or customerIds.",
  })
  segmentId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Links expire after this many days (1-365, default 30).",
  })
  expiresInDays?: number | null;
}

@ObjectType({ description: "A new invitation. Its token and link are shown only this once." })
export class IssuedSurveyInvitation {
  @Field(() => ID, { description: "Invitation id." })
  id: string;

  @Field(() => ID, { description: "The invited customer." })
  customerId: string;

  @Field({ description: "The invited customer's external id." })
  externalId: string;

  @Field({ description: "The survey locale the link opens in." })
  locale: string;

  @Field({ description: "The single-use token (256 random bits); only its hash is stored." })
  token: string;

  @Field({ description: "The hosted survey page: <admin origin>/s/<token>." })
  link: string;

  @Field({ description: "The link stops working at this moment." })
  expiresAt: Date;
}

@ObjectType({ description: "Invitations created in one call." })
export class SurveyInvitationBatch {
  @Field(() => ID, { description: "The survey." })
  surveyId: string;

  @Field(() => [IssuedSurveyInvitation], { description: "One per invited customer." })
  invitations: IssuedSurveyInvitation[];

  @Field(() => Int, { description: "Left out: they already answered this one-response survey." })
  skippedAlreadyResponded: number;

  @Field(() => Int, { description: "Left out: not in the survey's audience segment." })
  skippedNotInAudience: number;

  @Field({ description: "When the links expire." })
  expiresAt: Date;
}

@InputType({ description: "Responses whose score lies in a range (inclusive)." })
export class SurveyScoreRangeInput {
  @Field(() => SurveyScoreKindEnum, { description: "Which score." })
  score: ScoreKind;

  @Field(() => Int, { nullable: true, description: "At least this." })
  min?: number | null;

  @Field(() => Int, { nullable: true, description: "At most this." })
  max?: number | null;
}

@ObjectType({ description: "How far a score can be trusted, from its number of answers." })
export class ScoreConfidence {
  @Field(() => ConfidenceLevelEnum, { description: "insufficient (<30), low (<100) or ok." })
  level: ConfidenceLevel;

  @Field(() => Int, { description: "Answers the score is based on." })
  n: number;

  @Field(() => Float, {
    nullable: true,
    description: "± half-width of the 95% interval in the score's unit; null without answers.",
  })
  marginOfError: number | null;

  @Field(() => Int, { description: "Answers needed before a score means much (30)." })
  minimumSample: number;

  @Field(() => Int, { description: "Answers for a reliable score (100)." })
  recommendedSample: number;

  @Field({ description: "One English sentence for the admin." })
  note: string;
}

@ObjectType({ description: "Net Promoter Score: % promoters (9-10) minus % detractors (0-6)." })
export class NpsScore {
  @Field(() => Float, {
    nullable: true,
    description: "-100 to 100, one decimal; null without answers.",
  })
  score: number | null;

  @Field(() => Int, { description: "Answers of 9 or 10." })
  promoters: number;

  @Field(() => Int, { description: "Answers of 7 or 8." })
  passives: number;

  @Field(() => Int, { description: "Answers of 0 to 6." })
  detractors: number;

  @Field(() => Int, { description: "All NPS answers." })
  total: number;

  @Field(() => [Int], { description: "Answers per score 0 to 10 (11 counts)." })
  distribution: number[];

  @Field(() => ScoreConfidence, { description: "How far the score can be trusted." })
  confidence: ScoreConfidence;
}

@ObjectType({ description: "Customer satisfaction: % of answers of 4 or 5 on a 1-5 scale." })
export class CsatScore {
  @Field(() => Float, {
    nullable: true,
    description: "0 to 100, one decimal; null without answers.",
  })
  score: number | null;

  @Field(() => Int, { description: "Answers of 4 or 5." })
  satisfied: number;

  @Field(() => Int, { description: "All CSAT answers." })
  total: number;

  @Field(() => [Int], { description: "Answers per score 1 to 5 (5 counts)." })
  distribution: number[];

  @Field(() => ScoreConfidence, { description: "How far the score can be trusted." })
  confidence: ScoreConfidence;
}

@ObjectType({ description: "Customer effort: the mean 1-7 answer; 7 means very easy." })
export class CesScore {
  @Field(() => Float, {
    nullable: true,
    description: "1 to 7, two decimals; null without answers.",
  })
  score: number | null;

  @Field(() => Int, { description: "All CES answers." })
  total: number;

  @Field(() => [Int], { description: "Answers per score 1 to 7 (7 counts)." })
  distribution: number[];

  @Field(() => ScoreConfidence, { description: "How far the score can be trusted." })
  confidence: ScoreConfidence;
}

@ObjectType({ description: "The scores of the responses in one period." })
export class SurveyScorePeriod {
  @Field(() => Date, {
    nullable: true,
    description: "Start of the period (or `from` if later); null: from the beginning.",
  })
  start: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "End of the period, exclusive (or `to` if earlier); null: up to now.",
  })
  end: Date | null;

  @Field(() => Int, { description: "Responses in the period." })
  responses: number;

  @Field(() => NpsScore, { description: "NPS of the period." })
  nps: NpsScore;

  @Field(() => CsatScore, { description: "CSAT of the period." })
  csat: CsatScore;

  @Field(() => CesScore, { description: "CES of the period." })
  ces: CesScore;
}

@ObjectType({ description: "A word and how many answers use it." })
export class SurveyKeyword {
  @Field({ description: "The word, lowercase." })
  keyword: string;

  @Field(() => Int, { description: "Answers that use it at least once." })
  count: number;
}

@ObjectType({ description: "The most frequent words in the answers to an open question." })
export class SurveyKeywords {
  @Field({ description: "The open-text question." })
  questionId: string;

  @Field(() => String, {
    nullable: true,
    description: "Only answers in this locale were read; null: all locales.",
  })
  locale: string | null;

  @Field(() => Int, { description: "Answers read." })
  answers: number;

  @Field({ description: "True when only the newest 20,000 answers were read." })
  sampled: boolean;

  @Field(() => [SurveyKeyword], { description: "Most frequent first, then alphabetical." })
  keywords: SurveyKeyword[];
}
