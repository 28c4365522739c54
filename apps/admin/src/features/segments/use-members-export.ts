import { computed, onBeforeUnmount, ref, shallowRef, toValue, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import { csvFileName, downloadCsv, exportMembers } from "./members-csv";

/** Exports a segment's members as CSV with progress; the download starts when all are in. */
export function useMembersExport(
  segmentId: MaybeRefOrGetter<string>,
  segmentName: MaybeRefOrGetter<string>,
  download: (csv: string, fileName: string) => void = downloadCsv,
) {
  const { client } = useClientHandle();
  const loaded = ref(0);
  const total = ref(0);
  const exporting = ref(false);
  const error = shallowRef<CombinedError | null>(null);
  let controller: AbortController | null = null;
  onBeforeUnmount(() => controller?.abort());

  return {
    loaded,
    total,
    exporting,
    error,
    percent: computed(() =>
      total.value ? Math.min(100, Math.round((100 * loaded.value) / total.value)) : 0,
    ),
    async start() {
      controller?.abort();
      controller = new AbortController();
      exporting.value = true;
      error.value = null;
      loaded.value = 0;
      total.value = 0;
      const result = await exportMembers(
        client,
        toValue(segmentId),
        (n, of) => {
          loaded.value = n;
          total.value = of;
        },
        controller.signal,
      );
      exporting.value = false;
      if (!result) return;
      if (!result.ok) error.value = result.error;
      else download(result.csv, csvFileName(toValue(segmentName)));
    },
    cancel() {
      controller?.abort();
      exporting.value = false;
    },
  };
}
