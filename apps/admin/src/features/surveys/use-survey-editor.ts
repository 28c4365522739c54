import { computed, ref, shallowRef, watch } from "vue";
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
import { apiErrorMessage, hasErrorCode } from "@/graphql/errors";
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
export type SaveResult = { ok: true; id: string } | { ok: false };

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
  const draft = ref<SurveyDraft | null>(null);
  const survey = shallowRef<SurveyDetail | null>(null);
  const baseline = ref("");
  const loading = ref(false);
  const loadError = shallowRef<CombinedError | null>(null);
  const notFound = ref(false);
  const saving = ref(false);
  const formError = ref<string | null>(null);
  /** Someone else saved the survey after it was loaded here. */
  const conflict = ref(false);
  /** Save was tried: blanks count as problems from now on. */
  const attempted = ref(false);
  const reported = shallowRef<{ for: string; problems: FormProblem[] }>({
    for: "",
    problems: [],
  });

  const definitionJson = computed(() =>
    draft.value ? JSON.stringify(toDefinition(draft.value)) : "",
  );
  /** The definition's status (lower case), which validation checks the draft against. */
  const status = computed(
    () => (survey.value?.status.toLowerCase() ?? "draft") as DefinitionStatus,
  );
  const clientProblems = computed(() =>
    draft.value ? draftProblems(draft.value, status.value) : [],
  );
  const serverProblems = computed(() =>
    reported.value.for === definitionJson.value ? reported.value.problems : [],
  );
  const isNew = computed(() => options.id() === null);
  const dirty = computed(() => draft.value !== null && definitionJson.value !== baseline.value);
  /** Shown problems: a new survey does not complain about blanks before the first save. */
  const problems = computed(() => {
    const all = [...clientProblems.value, ...serverProblems.value];
    return isNew.value && !attempted.value ? all.filter((p) => !isBlankProblem(p)) : all;
  });

  function start(next: SurveyDraft) {
    draft.value = next;
    baseline.value = JSON.stringify(toDefinition(next));
    reported.value = { for: "", problems: [] };
    formError.value = null;
    conflict.value = false;
    attempted.value = false;
  }

  function adopt(saved: SurveyDetail) {
    survey.value = saved;
    start(draftFrom(parsed(saved.definition)));
  }

  async function load(id: string) {
    loading.value = true;
    loadError.value = null;
    notFound.value = false;
    const result = await client
      .query(SurveyQuery, { id }, { requestPolicy: "network-only" })
      .toPromise();
    loading.value = false;
    if (result.data?.survey) adopt(result.data.survey);
    else if (hasErrorCode(result.error, "NOT_FOUND")) notFound.value = true;
    else loadError.value = result.error ?? null;
  }

  watch(
    () => [options.id(), options.blank() !== null] as const,
    ([id, hasBlank], previous) => {
      if (id) {
        // A survey just created here is already loaded.
        if (id !== previous?.[0] && survey.value?.id !== id) void load(id);
        return;
      }
      if (previous?.[0]) {
        survey.value = null;
        draft.value = null;
      }
      if (!hasBlank) draft.value = null;
      else if (!draft.value) start(options.blank()!);
    },
    { immediate: true },
  );

  async function save(): Promise<SaveResult> {
    if (!draft.value) return { ok: false };
    attempted.value = true;
    formError.value = null;
    if (clientProblems.value.length) return { ok: false };
    const definition = toDefinition(draft.value);
    const sentFor = JSON.stringify(definition);
    const id = options.id();
    saving.value = true;
    const result = id
      ? await client
          .mutation(UpdateSurveyMutation, {
            id,
            definition,
            expectedVersion: survey.value?.version ?? null,
          })
          .toPromise()
      : await client.mutation(CreateSurveyMutation, { definition }).toPromise();
    saving.value = false;
    const saved =
      result.data &&
      ("updateSurvey" in result.data ? result.data.updateSurvey : result.data.createSurvey);
    if (saved) {
      adopt(saved);
      return { ok: true, id: saved.id };
    }
    const error = result.error;
    if (hasErrorCode(error, "BAD_USER_INPUT") && error) {
      const found = savedProblems(error);
      reported.value = { for: sentFor, problems: found };
      if (!found.length) formError.value = apiErrorMessage(error);
    } else if (hasErrorCode(error, "CONFLICT") && conflictReason(error) === "STALE_VERSION") {
      conflict.value = true;
    } else formError.value = apiErrorMessage(error) ?? "";
    return { ok: false };
  }

  /** Creates a draft copy of a built-in survey; the page then continues at its address. */
  async function createFromTemplate(template: SurveyTemplate): Promise<SaveResult> {
    saving.value = true;
    formError.value = null;
    const result = await client
      .mutation(CreateSurveyFromTemplateMutation, { template })
      .toPromise();
    saving.value = false;
    const saved = result.data?.createSurveyFromTemplate;
    if (!saved) {
      formError.value = apiErrorMessage(result.error) ?? "";
      return { ok: false };
    }
    adopt(saved);
    return { ok: true, id: saved.id };
  }

  const statusChanging = ref<SurveyStatus | null>(null);
  const statusError = ref<string | null>(null);

  async function setStatus(next: SurveyStatus): Promise<boolean> {
    const current = survey.value;
    if (!current) return false;
    statusChanging.value = next;
    statusError.value = null;
    const result = await client
      .mutation(SetSurveyStatusMutation, { id: current.id, status: next })
      .toPromise();
    statusChanging.value = null;
    const saved = result.data?.setSurveyStatus;
    if (!saved) {
      statusError.value = apiErrorMessage(result.error) ?? "";
      return false;
    }
    // The status bumps the version; edits in progress stay, and save against the new version.
    survey.value = saved;
    return true;
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
    draft,
    survey,
    loading,
    loadError,
    notFound,
    saving,
    formError,
    conflict,
    attempted,
    problems,
    clientProblems,
    valid: computed(() => clientProblems.value.length === 0),
    dirty,
    answeredIds,
    answeredOptions,
    nextStatuses: computed(() => {
      const current = survey.value;
      if (!current) return [];
      return STATUS_ACTIONS[current.status].filter(
        (s) => !(s === "DRAFT" && current.responseCount > 0),
      );
    }),
    statusChanging,
    statusError,
    deleting,
    deleteError,
    canDelete: computed(() => survey.value !== null && survey.value.responseCount === 0),
    save,
    createFromTemplate,
    setStatus,
    remove,
    /** Loads the saved survey again, dropping the edits (after a conflict). */
    reload: () => {
      const id = options.id();
      return id ? load(id) : Promise.resolve();
    },
  };
}

export type SurveyEditor = ReturnType<typeof useSurveyEditor>;
