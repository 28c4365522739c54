import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import { graphql } from "@/graphql/generated";
import { errorCodes } from "@/graphql/errors";
import { answersToSend, problemsOfError, type AnswerProblems, type Answers } from "./answers";
import { definitionOf, type RenderedSurvey } from "./rendered";

export const SurveyByTokenQuery = graphql(`
  query SurveyByToken($token: String!, $locale: String) {
    surveyByToken(token: $token, locale: $locale) {
      expiresAt
      survey {
        ...RenderedSurveyFields
      }
    }
  }
`);

export const SubmitSurveyByTokenMutation = graphql(`
  mutation SubmitSurveyByToken($token: String!, $answers: JSONObject!, $locale: String) {
    submitSurveyByToken(token: $token, answers: $answers, locale: $locale) {
      submittedAt
      loyaltyPoints
    }
  }
`);

/** Why a link shows no survey: the API's NOT_FOUND, or its CONFLICT reason. */
export const UNAVAILABLE_REASONS = [
  "NOT_FOUND",
  "TOKEN_USED",
  "TOKEN_EXPIRED",
  "SURVEY_NOT_ACTIVE",
  "ALREADY_RESPONDED",
  "QUOTA_REACHED",
  "NOT_IN_AUDIENCE",
] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

/** The reason an answer from the API gives for not showing or taking the survey, if any. */
export function unavailableReason(
  error: CombinedError | null | undefined,
): UnavailableReason | null {
  if (!error) return null;
  if (errorCodes(error).includes("NOT_FOUND")) return "NOT_FOUND";
  for (const e of error.graphQLErrors) {
    if (e.extensions?.code !== "CONFLICT") continue;
    const reason = e.extensions.reason;
    if ((UNAVAILABLE_REASONS as readonly unknown[]).includes(reason))
      return reason as UnavailableReason;
    // A conflict we have no page for still means: this link shows no survey.
    return "SURVEY_NOT_ACTIVE";
  }
  return null;
}

export type HostedState =
  | { kind: "loading" }
  | { kind: "ready" }
  | { kind: "unavailable"; reason: UnavailableReason }
  /** The server could not be reached or failed: try again. */
  | { kind: "failed"; error: CombinedError | null }
  | { kind: "thanks"; loyaltyPoints: number };

/**
 * The hosted survey behind an invitation link: loads it in the customer's locale (or another of
 * the survey's locales), keeps the answers across a language switch, sends them once, and
 * tells why a link shows no survey (used, expired, unknown, closed...).
 */
export function useHostedSurvey(token: MaybeRefOrGetter<string>) {
  const { client } = useClientHandle();
  const state = shallowRef<HostedState>({ kind: "loading" });
  const survey = shallowRef<RenderedSurvey | null>(null);
  const expiresAt = ref<string | null>(null);
  const answers = ref<Answers>({});
  const problems = ref<AnswerProblems>({});
  const submitting = ref(false);
  const switching = ref(false);
  let generation = 0;

  async function load(locale?: string) {
    const mine = ++generation;
    if (survey.value) switching.value = true;
    else state.value = { kind: "loading" };
    const result = await client
      .query(
        SurveyByTokenQuery,
        { token: toValue(token), locale: locale ?? null },
        { requestPolicy: "network-only" },
      )
      .toPromise();
    if (mine !== generation) return;
    switching.value = false;
    const found = result.data?.surveyByToken;
    if (found) {
      survey.value = found.survey;
      expiresAt.value = found.expiresAt;
      state.value = { kind: "ready" };
      return;
    }
    const reason = unavailableReason(result.error);
    state.value = reason
      ? { kind: "unavailable", reason }
      : { kind: "failed", error: result.error ?? null };
  }

  /** Sends the answers of the questions shown; the form has already checked them. */
  async function submit(): Promise<boolean> {
    const current = survey.value;
    if (!current || submitting.value) return false;
    submitting.value = true;
    const result = await client
      .mutation(SubmitSurveyByTokenMutation, {
        token: toValue(token),
        answers: answersToSend(definitionOf(current), answers.value),
        locale: current.locale,
      })
      .toPromise();
    submitting.value = false;
    const done = result.data?.submitSurveyByToken;
    if (done) {
      state.value = { kind: "thanks", loyaltyPoints: done.loyaltyPoints };
      return true;
    }
    const reason = unavailableReason(result.error);
    if (reason) {
      state.value = { kind: "unavailable", reason };
      return false;
    }
    const found = problemsOfError(result.error);
    if (Object.keys(found).length) problems.value = found;
    else problems.value = { "": { code: "FAILED", message: result.error?.message ?? "" } };
    return false;
  }

  return {
    state,
    survey,
    expiresAt,
    answers,
    problems,
    submitting,
    switching,
    locale: computed(() => survey.value?.locale ?? null),
    load,
    /** Shows the survey in another of its locales; the answers stay (they are keyed by id). */
    switchLocale: (locale: string) => load(locale),
    submit,
  };
}
