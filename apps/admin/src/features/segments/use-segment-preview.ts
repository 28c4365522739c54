import { onBeforeUnmount, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import type { Rule } from "@trouw/domain";
import { graphql } from "@/graphql/generated";
import type { PreviewSegmentQuery as PreviewResult } from "@/graphql/generated/graphql";
import { hasErrorCode } from "@/graphql/errors";
import type { Problem } from "./rule-draft";

export const PreviewSegmentQuery = graphql(`
  query PreviewSegment($rule: JSONObject!, $sampleSize: Int!) {
    previewSegment(rule: $rule, sampleSize: $sampleSize) {
      count
      sample {
        id
        externalId
        name
        email
      }
    }
  }
`);

export type PreviewSample = PreviewResult["previewSegment"]["sample"][number];

export const PREVIEW_DEBOUNCE_MS = 400;
export const PREVIEW_SAMPLE_SIZE = 5;

/** The problems of a BAD_USER_INPUT error, with their paths as the API gave them. */
export function inputProblems(error: CombinedError | null | undefined): Problem[] {
  return (error?.graphQLErrors ?? []).flatMap((e) =>
    e.extensions?.code === "BAD_USER_INPUT" && Array.isArray(e.extensions.problems)
      ? (e.extensions.problems as Problem[]).filter(
          (p) => typeof p?.path === "string" && typeof p?.message === "string",
        )
      : [],
  );
}

export interface PreviewOptions {
  rule: MaybeRefOrGetter<Rule>;
  /** Client-side validation passed: an invalid rule is not sent. */
  valid: MaybeRefOrGetter<boolean>;
  /** Problems the API found in the rule, to show at their conditions. */
  onProblems: (problems: Problem[]) => void;
}

/**
 * A live member count with a small sample for an unsaved rule: asked once the rule has not
 * changed for PREVIEW_DEBOUNCE_MS, and only answers for the latest rule are kept.
 */
export function useSegmentPreview(options: PreviewOptions) {
  const { client } = useClientHandle();
  const count = ref<number | null>(null);
  const sample = shallowRef<PreviewSample[]>([]);
  const loading = ref(false);
  /** Waiting for typing to stop or for the answer. */
  const pending = ref(false);
  const error = shallowRef<CombinedError | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function run(rule: Rule) {
    const mine = ++generation;
    loading.value = true;
    const result = await client
      .query(
        PreviewSegmentQuery,
        { rule: rule as unknown as Record<string, unknown>, sampleSize: PREVIEW_SAMPLE_SIZE },
        { requestPolicy: "network-only" },
      )
      .toPromise();
    if (mine !== generation) return;
    loading.value = false;
    pending.value = false;
    if (result.data) {
      error.value = null;
      count.value = result.data.previewSegment.count;
      sample.value = result.data.previewSegment.sample;
    } else if (hasErrorCode(result.error, "BAD_USER_INPUT")) {
      error.value = null;
      count.value = null;
      sample.value = [];
      options.onProblems(inputProblems(result.error));
    } else {
      error.value = result.error ?? null;
    }
  }

  watch(
    () => [JSON.stringify(toValue(options.rule)), toValue(options.valid)] as const,
    ([, valid]) => {
      clearTimeout(timer);
      generation += 1;
      loading.value = false;
      if (!valid) {
        pending.value = false;
        count.value = null;
        sample.value = [];
        return;
      }
      pending.value = true;
      const rule = toValue(options.rule);
      timer = setTimeout(() => void run(rule), PREVIEW_DEBOUNCE_MS);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    clearTimeout(timer);
    generation += 1;
  });

  return { count, sample, loading, pending, error };
}
