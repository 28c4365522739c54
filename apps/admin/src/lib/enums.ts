import {
  ACQUISITION_SOURCES,
  EVENT_TYPES,
  PERSONALITY_COLOURS,
  SUPPORT_CONTACT_KINDS,
  SUPPORT_CONTACT_STATUSES,
} from "@trouw/domain";
import type {
  AcquisitionSource,
  EventType,
  PersonalityColour,
  SupportContactKind,
  SupportContactStatus,
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

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}
