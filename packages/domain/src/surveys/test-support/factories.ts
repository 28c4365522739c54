import type { LocalizedText, Question, ShowIf, SurveyDefinition } from "../definition";

/** Small factories for survey tests: every text in English and Dutch unless told otherwise. */
export const text = (en: string, nl = `${en} (nl)`): LocalizedText => ({ en, nl });

type Extra = { required?: boolean; showIf?: ShowIf };
const base = (id: string, { required = false, showIf }: Extra) => ({
  id,
  required,
  title: text(`Question ${id}`),
  ...(showIf ? { showIf } : {}),
});

export const options = (...ids: string[]) => ids.map((id) => ({ id, label: text(`Option ${id}`) }));

export const q = {
  nps: (id: string, extra: Extra = {}): Question => ({ ...base(id, extra), type: "nps" }),
  csat: (id: string, extra: Extra = {}): Question => ({ ...base(id, extra), type: "csat" }),
  ces: (id: string, extra: Extra = {}): Question => ({ ...base(id, extra), type: "ces" }),
  yesNo: (id: string, extra: Extra = {}): Question => ({ ...base(id, extra), type: "yes_no" }),
  rating: (id: string, scale: number, extra: Extra = {}): Question => ({
    ...base(id, extra),
    type: "rating",
    scale,
  }),
  single: (id: string, optionIds: string[], extra: Extra = {}): Question => ({
    ...base(id, extra),
    type: "single_choice",
    options: options(...optionIds),
  }),
  multiple: (
    id: string,
    optionIds: string[],
    extra: Extra & { minSelections?: number; maxSelections?: number } = {},
  ): Question => {
    const { minSelections, maxSelections, ...rest } = extra;
    return {
      ...base(id, rest),
      type: "multiple_choice",
      options: options(...optionIds),
      ...(minSelections !== undefined ? { minSelections } : {}),
      ...(maxSelections !== undefined ? { maxSelections } : {}),
    };
  },
  text: (id: string, maxLength = 100, extra: Extra = {}): Question => ({
    ...base(id, extra),
    type: "open_text",
    maxLength,
  }),
};

/** An active survey for everyone in en and nl with the given questions. */
export function survey(
  questions: Question[],
  over: Partial<SurveyDefinition> = {},
): SurveyDefinition {
  return {
    title: text("Survey"),
    status: "active",
    audience: { kind: "everyone" },
    allowMultipleResponses: false,
    defaultLocale: "en",
    locales: ["en", "nl"],
    questions,
    ...over,
  };
}
