import type { EntityManager } from "typeorm";
import {
  cesConfidenceFromCounts,
  cesFromCounts,
  csatConfidence,
  csatFromCounts,
  keywordFrequencies,
  npsConfidence,
  npsFromCounts,
  stopwordsFor,
  type CesResult,
  type Confidence,
  type CsatResult,
  type KeywordCount,
  type NpsResult,
} from "@trouw/domain";
import type { Clock } from "../../common/clock";
import { notFound } from "../../common/errors";
import type { Database } from "../../db/database";
import { responseWhere } from "./responses.service";
import { invalid, type SurveysService } from "./surveys.service";

export type ScoreGrouping = "month" | "week" | "none";

/** At most this many periods per answer (ten years of weeks). */
export const MAX_PERIODS = 520;
/** Keywords read at most this many answers, the newest first. */
export const KEYWORD_SAMPLE = 20_000;
export const MAX_KEYWORDS = 100;

export interface ScoreArgs {
  /** Submitted at or after. */
  from?: Date | null;
  /** Submitted before. */
  to?: Date | null;
  segmentId?: string | null;
  groupBy: ScoreGrouping;
}

export interface ScorePeriod {
  /** Start of the period, or of `from` when it starts later; null: no lower bound. */
  start: Date | null;
  /** End (exclusive) of the period, or `to` when it ends earlier; null: no upper bound. */
  end: Date | null;
  responses: number;
  nps: NpsResult & { distribution: number[]; confidence: Confidence };
  csat: CsatResult & { distribution: number[]; confidence: Confidence };
  ces: CesResult & { distribution: number[]; confidence: Confidence };
}

export interface KeywordResult {
  questionId: string;
  /** The stopword list used; null when answers in all locales were read. */
  locale: string | null;
  /** Answers read. */
  answers: number;
  /** True when there were more answers than were read (the newest KEYWORD_SAMPLE were). */
  sampled: boolean;
  keywords: KeywordCount[];
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const NPS_VALUES = range(0, 10);
const CSAT_VALUES = range(1, 5);
const CES_VALUES = range(1, 7);

/** Answers per value, counted in SQL; one column per value, e.g. nps_9. */
const COUNT_COLUMNS = [
  ...NPS_VALUES.map((v) => `count(*) FILTER (WHERE r.nps_score = ${v})::int AS nps_${v}`),
  ...CSAT_VALUES.map((v) => `count(*) FILTER (WHERE r.csat_score = ${v})::int AS csat_${v}`),
  ...CES_VALUES.map((v) => `count(*) FILTER (WHERE r.ces_score = ${v})::int AS ces_${v}`),
  "count(*)::int AS responses",
].join(", ");

/** The UTC calendar period an instant falls in, as SQL over `r.submitted_at`. */
const PERIOD_SQL: Record<Exclude<ScoreGrouping, "none">, string> = {
  month: `date_trunc('month', r.submitted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
  week: `date_trunc('week', r.submitted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
};

/** The same periods in JS: start of the UTC month or ISO week (Monday) of `at`, and the next. */
function periodStart(at: Date, grouping: Exclude<ScoreGrouping, "none">): Date {
  if (grouping === "month") return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return new Date(day - ((at.getUTCDay() + 6) % 7) * 86_400_000);
}
function nextPeriod(start: Date, grouping: Exclude<ScoreGrouping, "none">): Date {
  if (grouping === "month")
    return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + 7 * 86_400_000);
}

type CountRow = Record<string, number | string | Date | null>;

/**
 * Scores from per-value counts: SQL counts, the domain computes (npsFromCounts and friends),
 * so the numbers are the domain's to the last decimal.
 */
function scoresOf(row: CountRow | undefined, start: Date | null, end: Date | null): ScorePeriod {
  const n = (key: string) => Number(row?.[key] ?? 0);
  const nps = NPS_VALUES.map((v) => n(`nps_${v}`));
  const csat = CSAT_VALUES.map((v) => n(`csat_${v}`));
  const ces = CES_VALUES.map((v) => n(`ces_${v}`));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const npsCounts = {
    promoters: sum(nps.slice(9)),
    passives: sum(nps.slice(7, 9)),
    detractors: sum(nps.slice(0, 7)),
  };
  const csatResult = csatFromCounts({ satisfied: sum(csat.slice(3)), total: sum(csat) });
  const cesCounts = Object.fromEntries(CES_VALUES.map((v, i) => [v, ces[i]!]));
  return {
    start,
    end,
    responses: n("responses"),
    nps: { ...npsFromCounts(npsCounts), distribution: nps, confidence: npsConfidence(npsCounts) },
    csat: { ...csatResult, distribution: csat, confidence: csatConfidence(csatResult) },
    ces: {
      ...cesFromCounts(cesCounts),
      distribution: ces,
      confidence: cesConfidenceFromCounts(cesCounts),
    },
  };
}

/** Survey scores (NPS, CSAT, CES) by period and segment, and keywords of open answers. */
export class SurveyScoresService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly surveys: SurveysService,
  ) {}

  private async assertSegment(em: EntityManager, segmentId: string | null | undefined) {
    if (!segmentId) return;
    const [found] = await em.query<unknown[]>(`SELECT 1 FROM segments WHERE id = $1`, [segmentId]);
    if (!found) throw notFound(`Segment ${segmentId}`);
  }

  /**
   * Scores per UTC calendar month or ISO week (or one period for NONE), every period from
   * `from` (or the first response) to `to` (or now) included, so a chart shows the gaps: a
   * period without answers has zero counts and null scores.
   */
  async scores(surveyId: string, args: ScoreArgs): Promise<ScorePeriod[]> {
    const { where, params } = responseWhere({
      surveyId,
      from: args.from,
      to: args.to,
      segmentId: args.segmentId,
    });
    return this.db.read(async (em) => {
      await this.surveys.getIn(em, surveyId);
      await this.assertSegment(em, args.segmentId);
      const filter = `FROM survey_responses r WHERE ${where.join(" AND ")}`;
      const grouping = args.groupBy;
      if (grouping === "none") {
        const [row] = await em.query<CountRow[]>(`SELECT ${COUNT_COLUMNS} ${filter}`, params);
        return [scoresOf(row, args.from ?? null, args.to ?? null)];
      }
      const rows = await em.query<CountRow[]>(
        `SELECT ${PERIOD_SQL[grouping]} AS period, ${COUNT_COLUMNS} ${filter} GROUP BY 1 ORDER BY 1`,
        params,
      );
      const byStart = new Map(rows.map((r) => [new Date(r.period as string).getTime(), r]));
      const first = args.from ?? (rows[0] ? new Date(rows[0].period as string) : null);
      if (!first) return [];
      const end = args.to ?? this.clock.now();
      const periods: ScorePeriod[] = [];
      for (let s = periodStart(first, grouping); s < end; s = nextPeriod(s, grouping)) {
        if (periods.length === MAX_PERIODS)
          throw invalid("Too many periods", [
            {
              path: "groupBy",
              code: "INVALID",
              message: `gives more than ${MAX_PERIODS} periods; narrow from/to or group by month`,
            },
          ]);
        const next = nextPeriod(s, grouping);
        periods.push(
          scoresOf(
            byStart.get(s.getTime()),
            args.from && args.from > s ? args.from : s,
            next > end ? end : next,
          ),
        );
      }
      return periods;
    });
  }

  /**
   * The most frequent words in the answers to an open question. With a locale, only answers
   * given in that locale are read, with its stopwords; without, all answers, ignoring the
   * stopwords of every locale of the survey.
   */
  async keywords(
    surveyId: string,
    args: {
      questionId: string;
      from?: Date | null;
      to?: Date | null;
      segmentId?: string | null;
      locale?: string | null;
      limit?: number | null;
    },
  ): Promise<KeywordResult> {
    const limit = args.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_KEYWORDS)
      throw invalid("Invalid keywords", [
        { path: "limit", code: "INVALID", message: `must be from 1 to ${MAX_KEYWORDS}` },
      ]);
    const { where, params } = responseWhere({
      surveyId,
      from: args.from,
      to: args.to,
      segmentId: args.segmentId,
    });
    return this.db.read(async (em) => {
      const survey = await this.surveys.getIn(em, surveyId);
      const def = survey.definition;
      const question = def.questions.find((q) => q.id === args.questionId);
      if (question?.type !== "open_text")
        throw invalid("Invalid keywords", [
          {
            path: "questionId",
            code: question ? "NOT_OPEN_TEXT" : "UNKNOWN_QUESTION",
            message: question ? "is not an open-text question" : "is not a question of this survey",
          },
        ]);
      if (args.locale && !def.locales.includes(args.locale))
        throw invalid("Invalid keywords", [
          {
            path: "locale",
            code: "UNSUPPORTED_LOCALE",
            message: `must be one of ${def.locales.join(", ")}`,
          },
        ]);
      await this.assertSegment(em, args.segmentId);
      const q = params.push(question.id);
      const conditions = [...where, `jsonb_typeof(r.answers -> $${q}::text) = 'string'`];
      if (args.locale) conditions.push(`r.locale = $${params.push(args.locale)}`);
      const rows = await em.query<{ text: string }[]>(
        `SELECT r.answers ->> $${q}::text AS text
         FROM survey_responses r WHERE ${conditions.join(" AND ")}
         ORDER BY r.submitted_at DESC, r.id DESC LIMIT ${KEYWORD_SAMPLE + 1}`,
        params,
      );
      const texts = rows.slice(0, KEYWORD_SAMPLE).map((r) => r.text);
      const locale = args.locale ?? def.defaultLocale;
      const others = args.locale
        ? []
        : def.locales.filter((l) => l !== locale).flatMap((l) => [...stopwordsFor(l)]);
      return {
        questionId: question.id,
        locale: args.locale ?? null,
        answers: texts.length,
        sampled: rows.length > KEYWORD_SAMPLE,
        keywords: keywordFrequencies(texts, { locale, limit, extraStopwords: others }),
      };
    });
  }
}
