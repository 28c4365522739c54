import { scaleOf, textFor, type SurveyDefinition } from "@trouw/domain";
import type { RenderedSurvey } from "./surveys.types";

/** A survey's texts in one locale (falling back to the default), as the hosted page needs. */
export function renderSurvey(def: SurveyDefinition, locale: string): RenderedSurvey {
  const t = (text: Record<string, string> | undefined) =>
    text ? textFor(text, locale, def.defaultLocale) : null;
  return {
    title: t(def.title)!,
    description: t(def.description),
    locale,
    locales: def.locales,
    questions: def.questions.map((q) => {
      const scale = scaleOf(q);
      return {
        id: q.id,
        type: q.type,
        required: q.required,
        title: t(q.title)!,
        help: t(q.help),
        scaleMin: scale?.min ?? null,
        scaleMax: scale?.max ?? null,
        options:
          q.type === "single_choice" || q.type === "multiple_choice"
            ? q.options.map((o) => ({ id: o.id, label: t(o.label)! }))
            : [],
        minSelections: q.type === "multiple_choice" ? (q.minSelections ?? null) : null,
        maxSelections: q.type === "multiple_choice" ? (q.maxSelections ?? null) : null,
        maxLength: q.type === "open_text" ? q.maxLength : null,
        showIf: q.showIf ?? null,
      };
    }),
  };
}
