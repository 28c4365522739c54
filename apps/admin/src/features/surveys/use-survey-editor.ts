import { computed, ref, watch } from "vue";
import { useClientHandle } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import {
  validateSurveyDefinition,
  type SurveyDefinition,
  type SurveyStatus as DefinitionStatus,
} from "@trouw/domain";
import { graphql } from "@/graphql/generated";
import type {
  SurveyFieldsFragment,
  SurveyStatus,
  SurveyTemplate,
} from "@/graphql/generated/graphql";
import { apiErrorMessage } from "@/graphql/errors";
import { useVersionedEditor, type SaveResult } from "@/composables/use-versioned-editor";
import {
  draftFrom,
  draftProblems,
  isBlankProblem,
  toDefinition,
  type FormProblem,
  type SurveyDraft,
} from "./survey-draft";

export const SurveyFields = graphql(`
  fragment SurveyFields on Survey {
    id
    title
    status
    definition
    version
    responseCount
    responseQuota
    locales
    defaultLocale
    audienceSegmentId
    allowMultipleResponses
    templateKey
    activatedAt
    closedAt
    createdAt
    updatedAt
  }
`);

export const SurveyQuery = graphql(`
  query Survey($id: ID!) {
    survey(id: $id) {
      ...SurveyFields
    }
  }
`);

export const CreateSurveyMutation = graphql(`
  mutation CreateSurvey($definition: JSONObject!) {
    createSurvey(definition: $definition) {
      ...SurveyFields
    }
  }
`);

export const CreateSurveyFromTemplateMutation = graphql(`
  mutation CreateSurveyFromTemplate($template: SurveyTemplate!) {
    createSurveyFromTemplate(template: $template) {
      ...SurveyFields
    }
  }
`);

export const UpdateSurveyMutation = graphql(`
  mutation UpdateSurvey($id: ID!, $definition: JSONObject!, $expectedVersion: Int) {
    updateSurvey(id: $id, definition: $definition, expectedVersion: $expectedVersion) {
      ...SurveyFields
    }
  }
`);

export const SetSurveyStatusMutation = graphql(`
  mutation SetSurveyStatus($id: ID!, $status: SurveyStatus!) {
    setSurveyStatus(id: $id, status: $status) {
      ...SurveyFields
    }
  }
`);

export const DeleteSurveyMutation = graphql(`
  mutation DeleteSurvey($id: ID!) {
    deleteSurvey(id: $id) {
      id
    }
  }
`);

export type SurveyDetail = SurveyFieldsFragment;
export type { SaveResult };

/**
 * Where a survey may go from each status: the API's lifecycle. Back to draft only while nobody
 * has answered (see `nextStatuses`).
 */
export const STATUS_ACTIONS: Record<SurveyStatus, SurveyStatus[]> = {
  DRAFT: ["ACTIVE"],
  ACTIVE: ["CLOSED", "DRAFT"],
  CLOSED: ["ACTIVE"],
};

/** The CONFLICT reason of an error (extensions.reason), if any. */
export function conflictReason(error: CombinedError | null | undefined): string | null {
  const found = error?.graphQLErrors.find((e) => e.extensions?.code === "CONFLICT");
  const reason = found?.extensions?.reason;
  return typeof reason === "string" ? reason : null;
}

/** The problems of a BAD_USER_INPUT error with the draft's paths (no `definition.` prefix). */
export function savedProblems(error: CombinedError): FormProblem[] {
  return error.graphQLErrors.flatMap((e) =>
    e.extensions?.code === "BAD_USER_INPUT" && Array.isArray(e.extensions.problems)
      ? (e.extensions.problems as { path?: unknown; message?: unknown; code?: unknown }[])
          .filter((p) => typeof p?.path === "string" && typeof p?.message === "string")
          .map((p) => ({
            path: (p.path as string).replace(/^definition\.?/, ""),
            message: p.message as string,
            ...(typeof p.code === "string" ? { code: p.code } : {}),
          }))
      : [],
  );
}

/** A stored definition as the domain reads it (defaults filled in). */
function parsed(stored: Record<string, unknown>): SurveyDefinition {
  const checked = validateSurveyDefinition(stored);
  // A stored definition always passed validation; fall back to its raw shape if rules tightened.
  return checked.ok ? checked.definition : (stored as unknown as SurveyDefinition);
}

/**
 * The survey builder's state: a new survey (blank) or a saved one. Validates with the domain
 * as you type, saves with the version it loaded (someone else's save in between is a conflict,
 * not an overwrite), moves the survey through its statuses and deletes it while unanswered.
 */
export function useSurveyEditor(options: {
  id: () => string | null;
  /** The draft of a new survey, or null while no start was chosen. */
  blank: () => SurveyDraft | null;
}) {
  const { client } = useClientHandle();
  /** The definition's status (lower case), which validation checks the draft against. */
  const status = computed(
    (): DefinitionStatus =>
      (editor.saved.value?.status.toLowerCase() ?? "draft") as DefinitionStatus,
  );
  const editor = useVersionedEditor({
    id: options.id,
    toInput: toDefinition,
    draftFrom: (saved: SurveyDetail) => draftFrom(parsed(saved.definition)),
    validate: (draft: SurveyDraft): FormProblem[] => draftProblems(draft, status.value),
    isBlank: isBlankProblem,
    problemsOf: savedProblems,
    isStale: (error) => conflictReason(error) === "STALE_VERSION",
    fetch: async (id) => {
      const result = await client
        .query(SurveyQuery, { id }, { requestPolicy: "network-only" })
        .toPromise();
      return { saved: result.data?.survey, error: result.error };
    },
    send: async (definition, id, saved) => {
      if (!id) {
        const result = await client.mutation(CreateSurveyMutation, { definition }).toPromise();
        return { saved: result.data?.createSurvey, error: result.error };
      }
      const result = await client
        .mutation(UpdateSurveyMutation, {
          id,
          definition,
          expectedVersion: saved?.version ?? null,
        })
        .toPromise();
      return { saved: result.data?.updateSurvey, error: result.error };
    },
    changeStatus: async (id, next: SurveyStatus) => {
      const result = await client
        .mutation(SetSurveyStatusMutation, { id, status: next })
        .toPromise();
      return { saved: result.data?.setSurveyStatus, error: result.error };
    },
  });
  const { draft, saved: survey } = editor;

  watch(
    () => [options.id(), options.blank() !== null] as const,
    ([id, hasBlank], previous) => {
      if (id) {
        // A survey just created here is already loaded.
        if (id !== previous?.[0] && survey.value?.id !== id) void editor.load(id);
        return;
      }
      if (previous?.[0]) {
        survey.value = null;
        draft.value = null;
      }
      if (!hasBlank) draft.value = null;
      else if (!draft.value) editor.start(options.blank()!);
    },
    { immediate: true },
  );

  /** Creates a draft copy of a built-in survey; the page then continues at its address. */
  async function createFromTemplate(template: SurveyTemplate): Promise<SaveResult> {
    editor.saving.value = true;
    editor.formError.value = null;
    const result = await client
      .mutation(CreateSurveyFromTemplateMutation, { template })
      .toPromise();
    editor.saving.value = false;
    return editor.settle({ saved: result.data?.createSurveyFromTemplate, error: result.error });
  }

  const deleting = ref(false);
  const deleteError = ref<string | null>(null);

  async function remove(): Promise<boolean> {
    const current = survey.value;
    if (!current) return false;
    deleting.value = true;
    deleteError.value = null;
    const result = await client.mutation(DeleteSurveyMutation, { id: current.id }).toPromise();
    deleting.value = false;
    if (result.data?.deleteSurvey) return true;
    deleteError.value = apiErrorMessage(result.error) ?? "";
    return false;
  }

  /** Questions customers may have answered: they keep their id, type, scale and options. */
  const answeredIds = computed(() => {
    const current = survey.value;
    if (!current || current.responseCount === 0) return new Set<string>();
    const questions = (current.definition.questions ?? []) as { id: string }[];
    return new Set(questions.map((q) => q.id));
  });
  /** Options of answered questions, by question id: they stay. */
  const answeredOptions = computed(() => {
    const current = survey.value;
    const map = new Map<string, Set<string>>();
    if (!current || current.responseCount === 0) return map;
    for (const q of (current.definition.questions ?? []) as {
      id: string;
      options?: { id: string }[];
    }[])
      map.set(q.id, new Set((q.options ?? []).map((o) => o.id)));
    return map;
  });

  return {
    ...editor,
    survey,
    answeredIds,
    answeredOptions,
    nextStatuses: computed(() => {
      const current = survey.value;
      if (!current) return [];
      return STATUS_ACTIONS[current.status].filter(
        (s) => !(s === "DRAFT" && current.responseCount > 0),
      );
    }),
    deleting,
    deleteError,
    canDelete: computed(() => survey.value !== null && survey.value.responseCount === 0),
    createFromTemplate,
    remove,
  };
}

export type SurveyEditor = ReturnType<typeof useSurveyEditor>;
