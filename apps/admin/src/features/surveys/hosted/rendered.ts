import {
  scaleOf,
  textFor,
  type LocalizedText,
  type Question,
  type QuestionType,
  type ShowIf,
  type SurveyDefinition,
} from "@trouw/domain";
import { graphql } from "@/graphql/generated";
import type { RenderedSurveyFieldsFragment, SurveyQuestionType } from "@/graphql/generated/graphql";

/**
 * A survey in one locale, as the hosted page shows it: the API's `RenderedSurvey`. The builder's
 * preview renders its draft into the same shape, so both use one form component.
 */
export const RenderedSurveyFields = graphql(`
  fragment RenderedSurveyFields on RenderedSurvey {
    title
    description
    locale
    locales
    questions {
      id
      type
      required
      title
      help
      scaleMin
      scaleMax
      options {
        id
        label
      }
      minSelections
      maxSelections
      maxLength
      showIf {
        questionId
        op
        value
      }
    }
  }
`);

export type RenderedSurvey = RenderedSurveyFieldsFragment;
export type RenderedQuestion = RenderedSurvey["questions"][number];

const upper = (type: QuestionType) => type.toUpperCase() as SurveyQuestionType;
const lower = (type: SurveyQuestionType) => type.toLowerCase() as QuestionType;

/**
 * The survey's texts in `locale` (else its default locale), as the API's renderer does. Blank
 * texts stay blank; the form shows a placeholder for them in a preview.
 */
export function renderDefinition(def: SurveyDefinition, locale: string): RenderedSurvey {
  const t = (text: LocalizedText | undefined) =>
    text ? textFor(text, locale, def.defaultLocale) : null;
  return {
    title: t(def.title) ?? "",
    description: t(def.description),
    locale,
    locales: [...def.locales],
    questions: def.questions.map((q) => {
      const scale = scaleOf(q);
      return {
        id: q.id,
        type: upper(q.type),
        required: q.required,
        title: t(q.title) ?? "",
        help: t(q.help),
        scaleMin: scale?.min ?? null,
        scaleMax: scale?.max ?? null,
        options:
          q.type === "single_choice" || q.type === "multiple_choice"
            ? q.options.map((o) => ({
                id: o.id,
                label: t(o.label) ?? "",
              }))
            : [],
        minSelections: q.type === "multiple_choice" ? (q.minSelections ?? null) : null,
        maxSelections: q.type === "multiple_choice" ? (q.maxSelections ?? null) : null,
        maxLength: q.type === "open_text" ? q.maxLength : null,
        showIf: q.showIf
          ? {
              questionId: q.showIf.questionId,
              op: q.showIf.op,
              // The JSON scalar is typed as an object by codegen; it holds the condition's value.
              value: q.showIf.value as unknown as Record<string, unknown>,
            }
          : null,
      };
    }),
  };
}

/**
 * The definition a rendered survey stands for, with its one locale: enough for the domain's
 * `visibleQuestions` and `validateResponse`, so the hosted page shows follow-ups and checks
 * answers exactly as the API will.
 */
export function definitionOf(survey: RenderedSurvey): SurveyDefinition {
  const text = (value: string | null | undefined) =>
    value ? { [survey.locale]: value } : undefined;
  return {
    title: { [survey.locale]: survey.title },
    status: "active",
    audience: { kind: "everyone" },
    allowMultipleResponses: true,
    defaultLocale: survey.locale,
    locales: [survey.locale],
    questions: survey.questions.map((q) => questionOf(q, text)),
  };
}

function questionOf(
  q: RenderedQuestion,
  text: (value: string | null | undefined) => LocalizedText | undefined,
): Question {
  const common = {
    id: q.id,
    required: q.required,
    title: text(q.title) ?? {},
    ...(q.help ? { help: text(q.help) } : {}),
    ...(q.showIf
      ? {
          showIf: {
            questionId: q.showIf.questionId,
            op: q.showIf.op,
            value: q.showIf.value,
          } as unknown as ShowIf,
        }
      : {}),
  };
  const options = q.options.map((o) => ({ id: o.id, label: text(o.label) ?? {} }));
  const type = lower(q.type);
  switch (type) {
    case "rating":
      return { ...common, type, scale: q.scaleMax ?? 5 };
    case "single_choice":
      return { ...common, type, options };
    case "multiple_choice":
      return {
        ...common,
        type,
        options,
        ...(q.minSelections != null ? { minSelections: q.minSelections } : {}),
        ...(q.maxSelections != null ? { maxSelections: q.maxSelections } : {}),
      };
    case "open_text":
      return { ...common, type, maxLength: q.maxLength ?? 5000 };
    default:
      return { ...common, type };
  }
}
