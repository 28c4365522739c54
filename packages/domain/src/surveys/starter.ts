import type { SurveyDefinition } from "./definition";

/*
 * The canonical starter survey of DOMAIN.md section 7, in English and Dutch. Section 7's
 * fourth question ("Would you recommend us to your friends? Why?") is two questions here: the
 * 0-10 NPS score and an open "Why?". The "Why?" is a follow-up of the score for every answer
 * (0 to 10), not only detractors: promoters' reasons matter as much, and a "Why?" without a
 * score to refer to would read oddly, so it appears once the score is given. Only the two
 * scores are required; open questions stay optional to keep the survey short.
 */

export const STARTER_QUESTION_IDS = {
  satisfaction: "satisfaction",
  obstacles: "obstacles",
  otherSolutions: "other_solutions",
  recommend: "recommend",
  recommendWhy: "recommend_why",
} as const;

const OPEN_TEXT_LENGTH = 2000;

/** A fresh, editable copy of the starter survey (draft, for everyone, one response each). */
export function starterSurvey(): SurveyDefinition {
  const ids = STARTER_QUESTION_IDS;
  return {
    title: { en: "How are we doing?", nl: "Hoe doen we het?" },
    description: {
      en: "Five short questions. Your honest answers help us improve.",
      nl: "Vijf korte vragen. Uw eerlijke antwoorden helpen ons beter te worden.",
    },
    status: "draft",
    audience: { kind: "everyone" },
    allowMultipleResponses: false,
    defaultLocale: "en",
    locales: ["en", "nl"],
    questions: [
      {
        id: ids.satisfaction,
        type: "csat",
        required: true,
        title: {
          en: "How satisfied are you with our products and services?",
          nl: "Hoe tevreden bent u over onze producten en diensten?",
        },
        help: {
          en: "1 = very dissatisfied, 5 = very satisfied",
          nl: "1 = zeer ontevreden, 5 = zeer tevreden",
        },
      },
      {
        id: ids.obstacles,
        type: "open_text",
        required: false,
        maxLength: OPEN_TEXT_LENGTH,
        title: {
          en: "Did you run into any obstacles with our products or services?",
          nl: "Bent u obstakels tegengekomen bij onze producten of diensten?",
        },
        help: { en: "Tell us what got in your way.", nl: "Vertel ons wat u in de weg zat." },
      },
      {
        id: ids.otherSolutions,
        type: "open_text",
        required: false,
        maxLength: OPEN_TEXT_LENGTH,
        title: {
          en: "Are there other solutions you would welcome in our offer?",
          nl: "Zijn er andere oplossingen die u graag in ons aanbod zou zien?",
        },
      },
      {
        id: ids.recommend,
        type: "nps",
        required: true,
        title: {
          en: "Would you recommend us to your friends?",
          nl: "Zou u ons aanbevelen bij uw vrienden?",
        },
        help: {
          en: "0 = not at all likely, 10 = extremely likely",
          nl: "0 = zeer onwaarschijnlijk, 10 = zeer waarschijnlijk",
        },
      },
      {
        id: ids.recommendWhy,
        type: "open_text",
        required: false,
        maxLength: OPEN_TEXT_LENGTH,
        title: { en: "Why?", nl: "Waarom?" },
        help: { en: "Why did you give this score?", nl: "Waarom geeft u deze score?" },
        showIf: { questionId: ids.recommend, op: "gte", value: 0 },
      },
    ],
  };
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** The starter survey, frozen; call `starterSurvey()` for a copy to edit. */
export const STARTER_SURVEY: Readonly<SurveyDefinition> = deepFreeze(starterSurvey());
