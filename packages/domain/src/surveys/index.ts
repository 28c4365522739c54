export * from "./definition";
export * from "./problems";
export { NPS_SCALE, CSAT_SCALE, CES_SCALE, scaleOf, type Scale } from "./scales";
export { isBlankAnswer, type AnswerValue, type SurveyAnswers } from "./answers";
export { visibleQuestions, conditionHolds } from "./conditions";
export { validateSurveyDefinition, type ValidatedSurvey } from "./validate-definition";
export {
  validateResponse,
  type ValidateResponseOptions,
  type ValidatedResponse,
} from "./validate-response";
export * from "./scores";
export * from "./confidence";
export * from "./keywords";
export { ENGLISH_STOPWORDS, DUTCH_STOPWORDS, stopwordsFor } from "./stopwords";
export * from "./starter";
export * from "./eligibility";
