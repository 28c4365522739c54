import { z } from "zod";

/*
 * A survey definition: survey-level settings plus ordered questions. This schema is the one
 * source of the types; `validateSurveyDefinition` adds the checks between fields (ids,
 * references, translations) that a schema cannot express.
 */

export const QUESTION_TYPES = [
  "nps",
  "csat",
  "ces",
  "rating",
  "single_choice",
  "multiple_choice",
  "open_text",
  "yes_no",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const SURVEY_STATUSES = ["draft", "active", "closed"] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const CONDITION_OPS = ["lte", "gte", "eq", "in"] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export const MAX_QUESTIONS = 50;
export const MAX_OPTIONS = 30;
export const MAX_LOCALES = 20;
export const MAX_TITLE_LENGTH = 300;
export const MAX_HELP_LENGTH = 1000;
export const MAX_OPTION_LABEL_LENGTH = 200;
export const MAX_OPEN_TEXT_LENGTH = 5000;
export const MIN_RATING_SCALE = 3;
export const MAX_RATING_SCALE = 10;

/** Question and option ids appear in answer paths (`answers.<id>`), so they stay path-safe. */
export const SURVEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const SURVEY_LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/;

const id = z.string().regex(SURVEY_ID_PATTERN, "must be 1 to 64 letters, digits, _ or -");
const locale = z
  .string()
  .regex(SURVEY_LOCALE_PATTERN, "must be a language tag such as en or nl-BE");

/** A text per locale, e.g. `{ en: "Why?", nl: "Waarom?" }`; which locales are needed is per survey. */
const textSchema = (max: number) => z.record(locale, z.string().max(max));
export type LocalizedText = Record<string, string>;

/**
 * Show a question only when an earlier question's answer matches. lte/gte compare scale
 * answers; eq matches a scale value, yes/no boolean or single-choice option id; `in` lists
 * scale values or option ids (for multiple choice: any of them selected).
 */
export const showIfSchema = z.discriminatedUnion(
  "op",
  [
    z.strictObject({ questionId: id, op: z.enum(["lte", "gte"]), value: z.number().finite() }),
    z.strictObject({
      questionId: id,
      op: z.literal("eq"),
      value: z.union([z.number().finite(), z.boolean(), id]),
    }),
    z.strictObject({
      questionId: id,
      op: z.literal("in"),
      value: z
        .array(z.union([z.number().finite(), id]))
        .min(1)
        .max(MAX_OPTIONS),
    }),
  ],
  { error: "must be lte, gte, eq or in" },
);
export type ShowIf = z.infer<typeof showIfSchema>;

export const choiceOptionSchema = z.strictObject({
  id,
  label: textSchema(MAX_OPTION_LABEL_LENGTH),
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

const common = {
  id,
  required: z.boolean(),
  title: textSchema(MAX_TITLE_LENGTH),
  help: textSchema(MAX_HELP_LENGTH).optional(),
  showIf: showIfSchema.optional(),
};
const options = z.array(choiceOptionSchema).max(MAX_OPTIONS);

export const questionSchema = z.discriminatedUnion(
  "type",
  [
    /** How likely to recommend, 0-10. */
    z.strictObject({ ...common, type: z.literal("nps") }),
    /** Satisfaction, 1-5. */
    z.strictObject({ ...common, type: z.literal("csat") }),
    /** Customer effort, 1-7; worded so that 7 means "very easy" (see cesScore). */
    z.strictObject({ ...common, type: z.literal("ces") }),
    /** 1 to `scale`. */
    z.strictObject({
      ...common,
      type: z.literal("rating"),
      scale: z.int().min(MIN_RATING_SCALE).max(MAX_RATING_SCALE),
    }),
    z.strictObject({ ...common, type: z.literal("single_choice"), options }),
    z.strictObject({
      ...common,
      type: z.literal("multiple_choice"),
      options,
      minSelections: z.int().min(0).max(MAX_OPTIONS).optional(),
      maxSelections: z.int().min(1).max(MAX_OPTIONS).optional(),
    }),
    /** `maxLength` counts characters (code points), as PostgreSQL's char_length does. */
    z.strictObject({
      ...common,
      type: z.literal("open_text"),
      maxLength: z.int().min(1).max(MAX_OPEN_TEXT_LENGTH),
    }),
    z.strictObject({ ...common, type: z.literal("yes_no") }),
  ],
  { error: `must be one of ${QUESTION_TYPES.join(", ")}` },
);
export type Question = z.infer<typeof questionSchema>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const surveyAudienceSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("everyone") }),
    z.strictObject({ kind: z.literal("segment"), segmentId: z.string().min(1).max(128) }),
  ],
  { error: "must be everyone or segment" },
);
export type SurveyAudience = z.infer<typeof surveyAudienceSchema>;

export const surveyDefinitionSchema = z.strictObject({
  title: textSchema(MAX_TITLE_LENGTH),
  description: textSchema(MAX_HELP_LENGTH).optional(),
  status: z.enum(SURVEY_STATUSES),
  audience: surveyAudienceSchema,
  /** false: one response per customer. */
  allowMultipleResponses: z.boolean(),
  /** Stop accepting responses once this many were recorded. */
  responseQuota: z.int().positive().optional(),
  defaultLocale: locale,
  /** Every text of the survey must exist in each of these. */
  locales: z.array(locale).min(1).max(MAX_LOCALES),
  questions: z.array(questionSchema).min(1).max(MAX_QUESTIONS),
});
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

/** The text in `locale`, else the survey's default locale, else any text there is. */
export function textFor(text: LocalizedText, locale: string, defaultLocale: string): string {
  return text[locale] ?? text[defaultLocale] ?? Object.values(text)[0] ?? "";
}
