import { computed, ref, shallowRef } from "vue";
import { useClientHandle, useQuery } from "@urql/vue";
import type { Rule } from "@trouw/domain";
import { graphql } from "@/graphql/generated";
import type { SegmentTemplatesQuery as TemplatesResult } from "@/graphql/generated/graphql";
import { apiErrorMessage } from "@/graphql/errors";
import { inputProblems } from "./use-segment-preview";

export const SegmentTemplatesQuery = graphql(`
  query SegmentTemplates {
    segmentTemplates {
      key
      name
      group
      description
      treatment
      parameters {
        key
        label
        description
        type
        default
        min
        max
      }
      rule
    }
  }
`);

export const InstantiateSegmentTemplateQuery = graphql(`
  query InstantiateSegmentTemplate($key: String!, $values: JSONObject) {
    instantiateSegmentTemplate(key: $key, values: $values)
  }
`);

export type SegmentTemplate = TemplatesResult["segmentTemplates"][number];
export type TemplateParameter = SegmentTemplate["parameters"][number];
export type TemplateValues = Record<string, number | null>;

export const TEMPLATE_GROUPS = ["lifecycle", "sentiment", "rfm"] as const;
export type TemplateGroupKey = (typeof TEMPLATE_GROUPS)[number];

/** The group a template belongs to, whether the API spells it lower or upper case. */
export const templateGroup = (t: Pick<SegmentTemplate, "group">) =>
  String(t.group).toLowerCase() as TemplateGroupKey;
/** days, count, percent, money or number, whatever the case the API spells it in. */
export const parameterType = (p: Pick<TemplateParameter, "type">) => String(p.type).toLowerCase();

export const defaultTemplateValues = (t: SegmentTemplate): TemplateValues =>
  Object.fromEntries(t.parameters.map((p) => [p.key, p.default]));

/** The built-in templates, grouped as the gallery shows them. */
export function useSegmentTemplates() {
  const result = useQuery({ query: SegmentTemplatesQuery });
  const templates = computed(() => result.data.value?.segmentTemplates ?? []);
  return {
    templates,
    groups: computed(() =>
      TEMPLATE_GROUPS.map((group) => ({
        group,
        templates: templates.value.filter((t) => templateGroup(t) === group),
      })).filter((g) => g.templates.length > 0),
    ),
    byKey: (key: string) => templates.value.find((t) => t.key === key) ?? null,
    fetching: result.fetching,
    error: result.error,
  };
}

/**
 * A template's parameters as the builder edits them: each change asks the API for the rule
 * with those values (the template's own code builds it); parameter problems come back by key.
 */
export function useTemplateInstance(onRule: (rule: Rule) => void) {
  const { client } = useClientHandle();
  const template = shallowRef<SegmentTemplate | null>(null);
  const values = ref<TemplateValues>({});
  const problems = ref<Record<string, string>>({});
  const error = ref<string | null>(null);
  const loading = ref(false);
  let generation = 0;

  async function instantiate() {
    const current = template.value;
    if (!current) return;
    const mine = ++generation;
    problems.value = {};
    error.value = null;
    const missing = current.parameters.filter((p) => typeof values.value[p.key] !== "number");
    if (missing.length) {
      problems.value = Object.fromEntries(missing.map((p) => [p.key, ""]));
      return;
    }
    loading.value = true;
    const result = await client
      .query(
        InstantiateSegmentTemplateQuery,
        { key: current.key, values: { ...values.value } },
        { requestPolicy: "network-only" },
      )
      .toPromise();
    if (mine !== generation) return;
    loading.value = false;
    if (result.data) onRule(result.data.instantiateSegmentTemplate as unknown as Rule);
    else {
      const found = inputProblems(result.error);
      problems.value = Object.fromEntries(
        found.map((p) => [p.path.split(".").pop() ?? p.path, p.message]),
      );
      if (!found.length) error.value = apiErrorMessage(result.error) ?? "";
    }
  }

  return {
    template,
    values,
    problems,
    error,
    loading,
    /** Starts from a template with its default values (its rule is already the default one). */
    use(next: SegmentTemplate | null) {
      template.value = next;
      values.value = next ? defaultTemplateValues(next) : {};
      problems.value = {};
    },
    setValue(key: string, value: number | null) {
      values.value = { ...values.value, [key]: value };
      void instantiate();
    },
    instantiate,
  };
}
