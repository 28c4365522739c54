import { starterSurvey, type SurveyDefinition } from "@trouw/domain";
import type { SurveyFieldsFragment, SurveysQuery } from "@/graphql/generated/graphql";
import { renderDefinition } from "./hosted/rendered";

/** Small factories for survey test data; override only what a test is about. */
export const SURVEY_ID = "33333333-3333-4333-8333-333333333333";
export const SEGMENT_ID = "44444444-4444-4444-8444-444444444444";
export const TOKEN = "t".repeat(43);

/** The starter survey as stored (status included). */
export function starterDefinition(overrides: Partial<SurveyDefinition> = {}): SurveyDefinition {
  return { ...starterSurvey(), ...overrides };
}

export function surveyDetail(overrides: Partial<SurveyFieldsFragment> = {}): SurveyFieldsFragment {
  const definition = (overrides.definition ?? starterDefinition()) as unknown as SurveyDefinition;
  return {
    id: SURVEY_ID,
    title: definition.title[definition.defaultLocale] ?? "Survey",
    status: "DRAFT",
    definition: definition as unknown as Record<string, unknown>,
    version: 3,
    responseCount: 0,
    responseQuota: null,
    locales: definition.locales,
    defaultLocale: definition.defaultLocale,
    audienceSegmentId: null,
    allowMultipleResponses: false,
    templateKey: "STARTER",
    activatedAt: null,
    closedAt: null,
    createdAt: "2025-03-01T10:00:00.000Z",
    updatedAt: "2025-03-02T10:00:00.000Z",
    ...overrides,
  };
}

type ListSurvey = SurveysQuery["surveys"]["edges"][number]["node"];

export function listSurvey(overrides: Partial<ListSurvey> = {}): ListSurvey {
  return {
    id: SURVEY_ID,
    title: "How are we doing?",
    status: "ACTIVE",
    locales: ["en", "nl"],
    audienceSegmentId: null,
    allowMultipleResponses: false,
    responseCount: 1520,
    responseQuota: null,
    templateKey: "STARTER",
    updatedAt: "2025-03-01T10:00:00.000Z",
    ...overrides,
  };
}

export function surveysPage(nodes: ListSurvey[], totalCount = nodes.length) {
  return {
    data: {
      surveys: {
        totalCount,
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: nodes.length ? "start" : null,
          endCursor: nodes.length ? "end" : null,
        },
        edges: nodes.map((node) => ({ cursor: `cur-${node.id}`, node })),
      },
    },
  };
}

/** What surveyByToken answers for the starter survey in `locale`. */
export function hostedStarter(locale = "en", expiresAt = "2025-04-01T10:00:00.000Z") {
  return {
    data: { surveyByToken: { expiresAt, survey: renderDefinition(starterSurvey(), locale) } },
  };
}
