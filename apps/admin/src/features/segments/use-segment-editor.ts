import { computed, ref, shallowRef, watch } from "vue";
import { useClientHandle } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import type { Rule } from "@trouw/domain";
import { graphql } from "@/graphql/generated";
import type { SegmentInput } from "@/graphql/generated/graphql";
import { apiErrorMessage, hasErrorCode } from "@/graphql/errors";
import { SegmentQuery } from "./use-segment";
import { inputProblems } from "./use-segment-preview";
import { useRuleBuilder } from "./use-rule-builder";
import type { Problem } from "./rule-draft";

export const CreateSegmentMutation = graphql(`
  mutation CreateSegment($input: SegmentInput!) {
    createSegment(input: $input) {
      ...SegmentDetailFields
    }
  }
`);

export const UpdateSegmentMutation = graphql(`
  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {
    updateSegment(id: $id, input: $input) {
      ...SegmentDetailFields
    }
  }
`);

export interface SegmentFields {
  name: string;
  description: string;
  tags: string[];
}

export type FieldErrors = Partial<Record<keyof SegmentFields, string>>;

export type SaveResult = { ok: true; id: string } | { ok: false };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Splits an API error into rule problems, field errors and a message for the whole form. */
export function sortSaveError(error: CombinedError): {
  rule: Problem[];
  fields: FieldErrors;
  form: string | null;
} {
  const fields: FieldErrors = {};
  const rule: Problem[] = [];
  let form: string | null = null;
  if (hasErrorCode(error, "BAD_USER_INPUT")) {
    for (const p of inputProblems(error)) {
      const path = p.path.replace(/^input\./, "");
      if (path === "rule" || path.startsWith("rule.")) rule.push(p);
      else if (path === "name" || path === "description" || path.startsWith("tags"))
        fields[path.startsWith("tags") ? "tags" : (path as "name" | "description")] ??= capitalise(
          p.message,
        );
      else form ??= `${p.path}: ${p.message}`;
    }
    if (!rule.length && !Object.keys(fields).length) form ??= apiErrorMessage(error);
  } else if (hasErrorCode(error, "CONFLICT")) {
    // The only conflict on save is a name another segment already has.
    fields.name = apiErrorMessage(error) ?? undefined;
  } else form = apiErrorMessage(error);
  return { rule, fields, form };
}

/**
 * The segment builder's form: name, description, tags and the rule, loaded from a saved
 * segment (edit) or empty (new), saved as an update or as a new segment.
 */
export function useSegmentEditor(segmentId: () => string | null) {
  const { client } = useClientHandle();
  const builder = useRuleBuilder(null, { selfId: segmentId });
  const fields = ref<SegmentFields>({ name: "", description: "", tags: [] });
  const savedFields = ref(JSON.stringify(fields.value));
  const templateKey = ref<string | null>(null);
  const loading = ref(false);
  const loadError = shallowRef<CombinedError | null>(null);
  const notFound = ref(false);
  const saving = ref(false);
  const fieldErrors = ref<FieldErrors>({});
  const formError = ref<string | null>(null);
  const version = ref<number | null>(null);

  function start(next: SegmentFields, rule: Rule | null, template: string | null = null) {
    fields.value = { ...next, tags: [...next.tags] };
    savedFields.value = JSON.stringify(fields.value);
    templateKey.value = template;
    builder.reset(rule);
    fieldErrors.value = {};
    formError.value = null;
  }

  async function load(id: string) {
    loading.value = true;
    loadError.value = null;
    notFound.value = false;
    const result = await client
      .query(SegmentQuery, { id }, { requestPolicy: "network-only" })
      .toPromise();
    loading.value = false;
    const segment = result.data?.segment;
    if (result.error && !hasErrorCode(result.error, "NOT_FOUND")) loadError.value = result.error;
    else if (!segment) notFound.value = true;
    else {
      version.value = segment.version;
      start(
        { name: segment.name, description: segment.description, tags: segment.tags },
        segment.rule as unknown as Rule,
        segment.templateKey ?? null,
      );
    }
  }

  watch(
    segmentId,
    (id) => {
      if (id) void load(id);
    },
    { immediate: true },
  );

  // A field's server error goes as soon as the field changes.
  watch(
    () => fields.value.name,
    () => delete fieldErrors.value.name,
  );

  const fieldsDirty = computed(() => JSON.stringify(fields.value) !== savedFields.value);

  async function submit(asNew: boolean, name = fields.value.name): Promise<SaveResult> {
    fieldErrors.value = {};
    formError.value = null;
    const input: SegmentInput = {
      name: name.trim(),
      description: fields.value.description.trim(),
      tags: fields.value.tags,
      rule: builder.rule.value as unknown as Record<string, unknown>,
    };
    const id = segmentId();
    saving.value = true;
    const result =
      id && !asNew
        ? await client.mutation(UpdateSegmentMutation, { id, input }).toPromise()
        : await client
            .mutation(CreateSegmentMutation, {
              input: { ...input, templateKey: templateKey.value },
            })
            .toPromise();
    saving.value = false;
    const saved =
      result.data &&
      ("updateSegment" in result.data ? result.data.updateSegment : result.data.createSegment);
    if (saved) {
      fields.value.name = saved.name;
      savedFields.value = JSON.stringify(fields.value);
      builder.markSaved();
      return { ok: true, id: saved.id };
    }
    if (result.error) {
      const sorted = sortSaveError(result.error);
      builder.setServerProblems(sorted.rule);
      fieldErrors.value = sorted.fields;
      formError.value = sorted.form;
    }
    return { ok: false };
  }

  return {
    builder,
    fields,
    templateKey,
    version,
    loading,
    loadError,
    notFound,
    saving,
    fieldErrors,
    formError,
    dirty: computed(() => fieldsDirty.value || builder.dirty.value),
    start,
    /** Saves the segment: an update when editing, else a new one. */
    save: () => submit(false),
    /** Saves the current form as a new segment under another name. */
    saveAsNew: (name: string) => submit(true, name),
  };
}

export type SegmentEditor = ReturnType<typeof useSegmentEditor>;
