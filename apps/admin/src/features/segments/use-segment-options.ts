import { computed } from "vue";
import { useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";

export const SegmentOptionsQuery = graphql(`
  query SegmentOptions {
    segments(first: 200) {
      edges {
        node {
          id
          name
          memberCount
        }
      }
    }
  }
`);

/** Saved segments by name, for "member of segment" pickers and for naming referenced segments. */
export function useSegmentOptions() {
  const result = useQuery({ query: SegmentOptionsQuery, requestPolicy: "cache-and-network" });
  const segments = computed(() => result.data.value?.segments.edges.map((e) => e.node) ?? []);
  const names = computed(() => new Map(segments.value.map((s) => [s.id, s.name])));
  return {
    segments,
    nameOf: (id: string) => names.value.get(id) ?? null,
    fetching: result.fetching,
  };
}
