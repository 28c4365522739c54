import { computed, toValue, watch, type MaybeRefOrGetter } from "vue";
import { useClientHandle, useQuery } from "@urql/vue";
import { useRoute, useRouter, type LocationQuery } from "vue-router";
import { graphql } from "@/graphql/generated";
import type {
  NpsCategory,
  SurveyResponsesQuery as SurveyResponsesResult,
} from "@/graphql/generated/graphql";
import { queryConnectionPage } from "@/composables/connection-page";
import { useLoadMore } from "@/composables/use-load-more";
import { isOneOf } from "@/lib/enums";

export const ScoreConfidenceFields = graphql(`
  fragment ScoreConfidenceFields on ScoreConfidence {
    level
    n
    marginOfError
    minimumSample
    recommendedSample
  }
`);

export const SurveyScoresQuery = graphql(`
  query SurveyScores($surveyId: ID!, $from: DateTime, $to: DateTime, $segmentId: ID) {
    overall: surveyScores(
      surveyId: $surveyId
      from: $from
      to: $to
      segmentId: $segmentId
      groupBy: NONE
    ) {
      responses
      nps {
        score
        total
        promoters
        passives
        detractors
        distribution
        confidence {
          ...ScoreConfidenceFields
        }
      }
      csat {
        score
        total
        satisfied
        confidence {
          ...ScoreConfidenceFields
        }
      }
      ces {
        score
        total
        confidence {
          ...ScoreConfidenceFields
        }
      }
    }
    trend: surveyScores(
      surveyId: $surveyId
      from: $from
      to: $to
      segmentId: $segmentId
      groupBy: MONTH
    ) {
      start
      end
      responses
      nps {
        score
        confidence {
          ...ScoreConfidenceFields
        }
      }
      csat {
        score
        confidence {
          ...ScoreConfidenceFields
        }
      }
      ces {
        score
        confidence {
          ...ScoreConfidenceFields
        }
      }
    }
  }
`);

export const SurveyKeywordsQuery = graphql(`
  query SurveyKeywords(
    $surveyId: ID!
    $questionId: String!
    $from: DateTime
    $to: DateTime
    $segmentId: ID
  ) {
    surveyKeywords(
      surveyId: $surveyId
      questionId: $questionId
      from: $from
      to: $to
      segmentId: $segmentId
      limit: 20
    ) {
      questionId
      answers
      sampled
      keywords {
        keyword
        count
      }
    }
  }
`);

export const SurveyResponsesQuery = graphql(`
  query SurveyResponses(
    $surveyId: ID!
    $from: DateTime
    $to: DateTime
    $segmentId: ID
    $score: SurveyScoreRangeInput
    $first: Int
    $after: String
  ) {
    surveyResponses(
      surveyId: $surveyId
      from: $from
      to: $to
      segmentId: $segmentId
      score: $score
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          submittedAt
          locale
          answers
          npsScore
          npsCategory
          csatScore
          customer {
            id
            name
            externalId
          }
        }
      }
    }
  }
`);

export type SurveyResponseItem = SurveyResponsesResult["surveyResponses"]["edges"][number]["node"];

export const PERIODS = ["30d", "90d", "12m", "all", "custom"] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = "12m";
export const NPS_CATEGORIES: readonly NpsCategory[] = ["DETRACTOR", "PASSIVE", "PROMOTER"];
export const RESPONSES_PAGE_SIZE = 50;

/** NPS answers per category, as the API's score filter takes them. */
const CATEGORY_RANGE: Record<NpsCategory, { min: number; max: number }> = {
  DETRACTOR: { min: 0, max: 6 },
  PASSIVE: { min: 7, max: 8 },
  PROMOTER: { min: 9, max: 10 },
};

export interface ResultsState {
  period: Period;
  /** Custom period, calendar days (YYYY-MM-DD), both included. */
  from: string | null;
  to: string | null;
  segmentId: string | null;
  questionId: string | null;
  keyword: string | null;
  category: NpsCategory | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const one = (v: LocationQuery[string] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export function parseResultsQuery(query: LocationQuery): ResultsState {
  const period = one(query.period);
  const from = one(query.from);
  const to = one(query.to);
  const category = one(query.category);
  return {
    period: isOneOf(PERIODS, period) ? period : DEFAULT_PERIOD,
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
    segmentId: one(query.segment) || null,
    questionId: one(query.question) || null,
    keyword: one(query.keyword) || null,
    category: isOneOf(NPS_CATEGORIES, category) ? category : null,
  };
}

/** The results' part of the page URL (other keys, such as the tab, are kept by the caller). */
export function toResultsQuery(state: ResultsState): Record<string, string | undefined> {
  const custom = state.period === "custom";
  return {
    period: state.period === DEFAULT_PERIOD ? undefined : state.period,
    from: custom ? (state.from ?? undefined) : undefined,
    to: custom ? (state.to ?? undefined) : undefined,
    segment: state.segmentId ?? undefined,
    question: state.questionId ?? undefined,
    keyword: state.keyword ?? undefined,
    category: state.category ?? undefined,
  };
}

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const localDay = (day: string) => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
};

/**
 * The instants a period covers: `from` included, `to` excluded (null: open). Twelve months
 * start at the first of the month eleven months back, so the trend shows twelve whole months;
 * a custom period includes its last day.
 */
export function periodRange(
  state: Pick<ResultsState, "period" | "from" | "to">,
  now: Date,
): { from: string | null; to: string | null } {
  const today = startOfDay(now);
  const back = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString();
  switch (state.period) {
    case "30d":
      return { from: back(29), to: null };
    case "90d":
      return { from: back(89), to: null };
    case "12m":
      return {
        from: new Date(today.getFullYear(), today.getMonth() - 11, 1).toISOString(),
        to: null,
      };
    case "all":
      return { from: null, to: null };
    case "custom": {
      const from = state.from ? localDay(state.from) : null;
      const to = state.to ? localDay(state.to) : null;
      return {
        from: from ? from.toISOString() : null,
        to: to ? new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1).toISOString() : null,
      };
    }
  }
}

// A word as the API's keyword count reads it: letters and digits, inner apostrophes or hyphens.
const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;

/** Whether a text uses a keyword as a word, the way the keyword frequencies count it. */
export function mentions(text: string, keyword: string): boolean {
  const wanted = keyword.toLowerCase();
  const normalised = text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
  for (const [word] of normalised.matchAll(WORD)) if (word === wanted) return true;
  return false;
}

/** A text cut where it uses a keyword, for marking the keyword in the answer. */
export function highlightParts(
  text: string,
  keyword: string | null,
): { text: string; hit: boolean }[] {
  if (!keyword) return [{ text, hit: false }];
  const wanted = keyword.toLowerCase();
  const parts: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
      .normalize("NFC")
      .toLowerCase()
      .replace(/[’‘`´]/g, "'");
    if (word !== wanted) continue;
    const start = match.index;
    if (start > at) parts.push({ text: text.slice(at, start), hit: false });
    parts.push({ text: match[0], hit: true });
    at = start + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/** The text of an answer to an open question, or "". */
export function answerText(response: Pick<SurveyResponseItem, "answers">, questionId: string) {
  const value = response.answers[questionId];
  return typeof value === "string" ? value : "";
}

/** The results page's filters: period, segment, open question, keyword, NPS category (URL). */
export function useResultsFilters(now: () => Date = () => new Date()) {
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => parseResultsQuery(route.query));
  const range = computed(() => periodRange(state.value, now()));
  return {
    state,
    range,
    set(patch: Partial<ResultsState>) {
      const next = { ...state.value, ...patch };
      // A keyword belongs to the answers of one question and period.
      if (
        patch.questionId !== undefined ||
        patch.period !== undefined ||
        patch.segmentId !== undefined
      )
        next.keyword = patch.keyword ?? null;
      return router.replace({ query: { ...route.query, ...toResultsQuery(next) } });
    },
  };
}

type Filters = ReturnType<typeof useResultsFilters>;

/** NPS, CSAT and CES for the period as a whole and per month. */
export function useSurveyScores(surveyId: MaybeRefOrGetter<string>, filters: Filters) {
  const result = useQuery({
    query: SurveyScoresQuery,
    variables: computed(() => ({
      surveyId: toValue(surveyId),
      from: filters.range.value.from,
      to: filters.range.value.to,
      segmentId: filters.state.value.segmentId,
    })),
    requestPolicy: "cache-and-network",
  });
  return {
    overall: computed(() => result.data.value?.overall[0] ?? null),
    trend: computed(() => result.data.value?.trend ?? []),
    fetching: result.fetching,
    error: result.error,
    retry: () => result.executeQuery({ requestPolicy: "network-only" }),
  };
}

/**
 * The answers to one open question: its keywords, and the responses that answered it, newest
 * first, a page at a time. A chosen keyword narrows the responses loaded so far (the API
 * filters responses by score, not by words).
 */
export function useOpenAnswers(
  surveyId: MaybeRefOrGetter<string>,
  questionId: MaybeRefOrGetter<string | null>,
  filters: Filters,
) {
  const { client } = useClientHandle();
  const keywords = useQuery({
    query: SurveyKeywordsQuery,
    variables: computed(() => ({
      surveyId: toValue(surveyId),
      questionId: toValue(questionId) ?? "",
      from: filters.range.value.from,
      to: filters.range.value.to,
      segmentId: filters.state.value.segmentId,
    })),
    pause: computed(() => !toValue(questionId)),
    requestPolicy: "cache-and-network",
  });

  const variables = computed(() => {
    const category = filters.state.value.category;
    return {
      surveyId: toValue(surveyId),
      from: filters.range.value.from,
      to: filters.range.value.to,
      segmentId: filters.state.value.segmentId,
      score: category ? { score: "NPS" as const, ...CATEGORY_RANGE[category] } : null,
      first: RESPONSES_PAGE_SIZE,
    };
  });
  const pages = useLoadMore<SurveyResponseItem>((after) =>
    queryConnectionPage(
      client,
      SurveyResponsesQuery,
      { ...variables.value, after },
      (data) => data?.surveyResponses,
    ),
  );
  watch(
    () => JSON.stringify(variables.value),
    () => void pages.reload(),
    { immediate: true },
  );

  /** Loaded responses with an answer to the question (and the keyword, when one is chosen). */
  const answers = computed(() => {
    const id = toValue(questionId);
    if (!id) return [];
    const keyword = filters.state.value.keyword;
    return pages.items.value.filter((r) => {
      const text = answerText(r, id);
      return text.trim() !== "" && (!keyword || mentions(text, keyword));
    });
  });

  return {
    keywords: computed(() => keywords.data.value?.surveyKeywords ?? null),
    keywordsFetching: keywords.fetching,
    keywordsError: keywords.error,
    responses: pages,
    answers,
  };
}
