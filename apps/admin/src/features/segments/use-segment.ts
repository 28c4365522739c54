import {
  computed,
  onBeforeUnmount,
  ref,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
} from "vue";
import { useClientHandle, useQuery } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import type { Rule } from "@trouw/domain";
import { graphql } from "@/graphql/generated";
import type { JobFieldsFragment } from "@/graphql/generated/graphql";
import { hasErrorCode } from "@/graphql/errors";

export const JobFields = graphql(`
  fragment JobFields on Job {
    id
    status
    progress
    step
    error
    finishedAt
  }
`);

export const SegmentDetailFields = graphql(`
  fragment SegmentDetailFields on Segment {
    id
    name
    description
    tags
    templateKey
    rule
    version
    memberCount
    refreshedAt
    createdAt
    updatedAt
    refreshJob {
      ...JobFields
    }
    usedBy {
      id
      name
      memberCount
    }
    usages {
      kind
      id
      name
      programId
    }
  }
`);

export const SegmentQuery = graphql(`
  query Segment($id: ID!) {
    segment(id: $id) {
      ...SegmentDetailFields
    }
  }
`);

export const JobQuery = graphql(`
  query Job($id: ID!) {
    job(id: $id) {
      ...JobFields
    }
  }
`);

export const RefreshSegmentMutation = graphql(`
  mutation RefreshSegment($id: ID!) {
    refreshSegment(id: $id) {
      ...JobFields
    }
  }
`);

export const DeleteSegmentMutation = graphql(`
  mutation DeleteSegment($id: ID!) {
    deleteSegment(id: $id) {
      id
    }
  }
`);

export type SegmentJob = JobFieldsFragment;
export const JOB_POLL_MS = 1000;

export const isJobActive = (job: SegmentJob | null | undefined) =>
  job?.status === "QUEUED" || job?.status === "RUNNING";

/**
 * One saved segment with its refresh state: while a refresh job is queued or running it is
 * polled, and when it ends the segment is read again (new member count, refresh time) and
 * `refreshed` ticks so member lists reload.
 */
export function useSegment(id: MaybeRefOrGetter<string>) {
  const { client } = useClientHandle();
  const result = useQuery({
    query: SegmentQuery,
    variables: computed(() => ({ id: toValue(id) })),
    requestPolicy: "cache-and-network",
  });
  const segment = computed(() => result.data.value?.segment ?? null);
  const rule = computed(() => (segment.value?.rule ?? null) as Rule | null);

  // The job as last polled; the segment's own refreshJob until then.
  const polledJob = shallowRef<SegmentJob | null>(null);
  const job = computed(() => polledJob.value ?? segment.value?.refreshJob ?? null);
  const refreshed = ref(0);
  const refreshing = ref(false);
  const refreshError = shallowRef<CombinedError | null>(null);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  function schedulePoll() {
    clearTimeout(timer);
    if (stopped || !isJobActive(job.value)) return;
    timer = setTimeout(poll, JOB_POLL_MS);
  }
  async function poll() {
    const current = job.value;
    if (!current) return;
    const answer = await client
      .query(JobQuery, { id: current.id }, { requestPolicy: "network-only" })
      .toPromise();
    if (stopped) return;
    const next = answer.data?.job ?? null;
    if (next) polledJob.value = next;
    if (next && !isJobActive(next)) {
      await reload();
      refreshed.value += 1;
    } else schedulePoll();
  }
  watch(
    () => [job.value?.id, job.value?.status],
    () => schedulePoll(),
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });

  async function reload() {
    await result.executeQuery({ requestPolicy: "network-only" });
  }

  return {
    segment,
    rule,
    job,
    refreshed,
    fetching: result.fetching,
    error: result.error,
    notFound: computed(
      () =>
        hasErrorCode(result.error.value, "NOT_FOUND") ||
        (!result.fetching.value &&
          !result.error.value &&
          result.data.value !== undefined &&
          !segment.value),
    ),
    refreshing,
    refreshError,
    /** Queues a full refresh and follows its progress. */
    async refresh() {
      refreshing.value = true;
      refreshError.value = null;
      const answer = await client.mutation(RefreshSegmentMutation, { id: toValue(id) }).toPromise();
      refreshing.value = false;
      if (answer.error) refreshError.value = answer.error;
      else if (answer.data) {
        polledJob.value = answer.data.refreshSegment;
        schedulePoll();
      }
    },
    /** Deletes the segment; a CONFLICT error means another segment uses it. */
    async remove(): Promise<{ ok: true } | { ok: false; error: CombinedError }> {
      const answer = await client.mutation(DeleteSegmentMutation, { id: toValue(id) }).toPromise();
      return answer.error ? { ok: false, error: answer.error } : { ok: true };
    },
    reload,
  };
}
