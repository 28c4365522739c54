import {
  ACQUISITION_SOURCES,
  EVENT_TYPES,
  LEDGER_KINDS,
  PERSONALITY_COLOURS,
  PROGRAM_STATUSES,
  PROGRAM_TYPES,
  PROGRAM_UNITS,
  REWARD_KINDS,
  QUESTION_TYPES,
  SUPPORT_CONTACT_KINDS,
  SUPPORT_CONTACT_STATUSES,
  SURVEY_STATUSES,
} from "@trouw/domain";
import type {
  AcquisitionSource,
  CampaignStacking,
  EventType,
  LedgerEntryKind,
  LoyaltyProgramStatus,
  LoyaltyProgramType,
  LoyaltyUnit,
  PersonalityColour,
  RewardKind,
  SupportContactKind,
  SupportContactStatus,
  SurveyQuestionType,
  SurveyStatus,
} from "@/graphql/generated/graphql";

/** GraphQL enum values are the domain's snake_case values in upper case. */
function upper<T extends string>(values: readonly T[]): Uppercase<T>[] {
  return values.map((v) => v.toUpperCase() as Uppercase<T>);
}

// The annotations make TypeScript check that domain and schema agree.
export const ACQUISITION_SOURCE_VALUES: readonly AcquisitionSource[] = upper(ACQUISITION_SOURCES);
export const PERSONALITY_COLOUR_VALUES: readonly PersonalityColour[] = upper(PERSONALITY_COLOURS);
export const EVENT_TYPE_VALUES: readonly EventType[] = upper(EVENT_TYPES);
export const SUPPORT_CONTACT_KIND_VALUES: readonly SupportContactKind[] =
  upper(SUPPORT_CONTACT_KINDS);
export const SUPPORT_CONTACT_STATUS_VALUES: readonly SupportContactStatus[] =
  upper(SUPPORT_CONTACT_STATUSES);
export const PROGRAM_TYPE_VALUES: readonly LoyaltyProgramType[] = upper(PROGRAM_TYPES);
export const PROGRAM_STATUS_VALUES: readonly LoyaltyProgramStatus[] = upper(PROGRAM_STATUSES);
export const LOYALTY_UNIT_VALUES: readonly LoyaltyUnit[] = upper(PROGRAM_UNITS);
export const LEDGER_KIND_VALUES: readonly LedgerEntryKind[] = upper(LEDGER_KINDS);
export const REWARD_KIND_VALUES: readonly RewardKind[] = upper(REWARD_KINDS);
export const SURVEY_STATUS_VALUES: readonly SurveyStatus[] = upper(SURVEY_STATUSES);
export const SURVEY_QUESTION_TYPE_VALUES: readonly SurveyQuestionType[] = upper(QUESTION_TYPES);
export const CAMPAIGN_STACKING_VALUES: readonly CampaignStacking[] = ["STACKABLE", "EXCLUSIVE"];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}
