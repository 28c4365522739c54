import { computed, ref, shallowRef, watch } from "vue";
import { useClientHandle } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import type { ProgramType } from "@trouw/domain";
import { graphql } from "@/graphql/generated";
import type {
  LoyaltyProgramFieldsFragment,
  LoyaltyProgramStatus,
} from "@/graphql/generated/graphql";
import { apiErrorMessage, hasErrorCode, type InputProblem } from "@/graphql/errors";
import {
  draftFrom,
  draftProblems,
  newDraft,
  toProgramInput,
  type FormProblem,
  type ProgramDraft,
} from "./program-form";
import { isBlankProblem } from "./problems";

export const LoyaltyProgramFields = graphql(`
  fragment LoyaltyProgramFields on LoyaltyProgram {
    id
    name
    description
    type
    status
    currency
    unit
    validFrom
    validUntil
    config
    version
    memberCount
    createdAt
    updatedAt
  }
`);

export const LoyaltyProgramQuery = graphql(`
  query LoyaltyProgram($id: ID!) {
    loyaltyProgram(id: $id) {
      ...LoyaltyProgramFields
    }
  }
`);

export const CreateLoyaltyProgramMutation = graphql(`
  mutation CreateLoyaltyProgram($input: LoyaltyProgramInput!) {
    createLoyaltyProgram(input: $input) {
      ...LoyaltyProgramFields
    }
  }
`);

export const UpdateLoyaltyProgramMutation = graphql(`
  mutation UpdateLoyaltyProgram($id: ID!, $input: LoyaltyProgramInput!, $expectedVersion: Int) {
    updateLoyaltyProgram(id: $id, input: $input, expectedVersion: $expectedVersion) {
      ...LoyaltyProgramFields
    }
  }
`);

export const SetLoyaltyProgramStatusMutation = graphql(`
  mutation SetLoyaltyProgramStatus($id: ID!, $status: LoyaltyProgramStatus!) {
    setLoyaltyProgramStatus(id: $id, status: $status) {
      ...LoyaltyProgramFields
    }
  }
`);

export type ProgramDetail = LoyaltyProgramFieldsFragment;
export type SaveResult = { ok: true; id: string } | { ok: false };

/** Which status a program may move to from each status: the API's rule. Archived is final. */
export const STATUS_ACTIONS: Record<LoyaltyProgramStatus, LoyaltyProgramStatus[]> = {
  DRAFT: ["ACTIVE", "ARCHIVED"],
  ACTIVE: ["PAUSED", "ARCHIVED"],
  PAUSED: ["ACTIVE", "ARCHIVED"],
  ARCHIVED: [],
};

/** The problems of a BAD_USER_INPUT error with the paths the form uses (no `input.` prefix). */
export function savedProblems(error: CombinedError): FormProblem[] {
  return error.graphQLErrors.flatMap((e) =>
    e.extensions?.code === "BAD_USER_INPUT" && Array.isArray(e.extensions.problems)
      ? (e.extensions.problems as InputProblem[])
          .filter((p) => typeof p?.path === "string" && typeof p?.message === "string")
          .map((p) => ({ path: p.path.replace(/^input\./, ""), message: p.message }))
      : [],
  );
}

const toType = (type: string) => type.toLowerCase() as ProgramType;

/**
 * The program form: a new program of a chosen type, or a saved one. Validates with the
 * domain's schema as you type, saves with the version it loaded (someone else's save in
 * between is a conflict, not an overwrite) and moves the program through its statuses.
 */
export function useProgramEditor(options: {
  id: () => string | null;
  type: () => ProgramType | null;
}) {
  const { client } = useClientHandle();
  const draft = ref<ProgramDraft | null>(null);
  const program = shallowRef<ProgramDetail | null>(null);
  const baseline = ref("");
  const loading = ref(false);
  const loadError = shallowRef<CombinedError | null>(null);
  const notFound = ref(false);
  const saving = ref(false);
  const formError = ref<string | null>(null);
  /** Someone else saved the program after it was loaded here. */
  const conflict = ref(false);
  /** Save was tried: blanks count as problems from now on. */
  const attempted = ref(false);
  const reported = shallowRef<{ for: string; problems: FormProblem[] }>({
    for: "",
    problems: [],
  });

  const inputJson = computed(() =>
    draft.value ? JSON.stringify(toProgramInput(draft.value)) : "",
  );
  const clientProblems = computed(() => (draft.value ? draftProblems(draft.value) : []));
  const serverProblems = computed(() =>
    reported.value.for === inputJson.value ? reported.value.problems : [],
  );
  const isNew = computed(() => options.id() === null);
  const dirty = computed(() => draft.value !== null && inputJson.value !== baseline.value);
  /** Shown problems: a new form does not complain about blanks before the first save. */
  const problems = computed(() => {
    const all = [...clientProblems.value, ...serverProblems.value];
    return isNew.value && !attempted.value ? all.filter((p) => !isBlankProblem(p.message)) : all;
  });

  function start(next: ProgramDraft) {
    draft.value = next;
    baseline.value = JSON.stringify(toProgramInput(next));
    reported.value = { for: "", problems: [] };
    formError.value = null;
    conflict.value = false;
    attempted.value = false;
  }

  function adopt(saved: ProgramDetail) {
    program.value = saved;
    start(draftFrom(saved, saved.config));
  }

  async function load(id: string) {
    loading.value = true;
    loadError.value = null;
    notFound.value = false;
    const result = await client
      .query(LoyaltyProgramQuery, { id }, { requestPolicy: "network-only" })
      .toPromise();
    loading.value = false;
    if (result.data?.loyaltyProgram) adopt(result.data.loyaltyProgram);
    else if (hasErrorCode(result.error, "NOT_FOUND")) notFound.value = true;
    else loadError.value = result.error ?? null;
  }

  watch(
    () => [options.id(), options.type()] as const,
    ([id, type], previous) => {
      if (id) {
        // A program just created here is already loaded.
        if (id !== previous?.[0] && program.value?.id !== id) void load(id);
        return;
      }
      if (previous?.[0]) {
        program.value = null;
        draft.value = null;
      }
      if (!type) return;
      // Switching the type of a new program keeps what was typed so far.
      if (draft.value && dirty.value) draft.value.type = type;
      else start(newDraft(type));
    },
    { immediate: true },
  );

  async function save(): Promise<SaveResult> {
    if (!draft.value) return { ok: false };
    attempted.value = true;
    formError.value = null;
    if (clientProblems.value.length) return { ok: false };
    const input = toProgramInput(draft.value);
    const sentFor = JSON.stringify(input);
    const id = options.id();
    saving.value = true;
    const result = id
      ? await client
          .mutation(UpdateLoyaltyProgramMutation, {
            id,
            input,
            expectedVersion: program.value?.version ?? null,
          })
          .toPromise()
      : await client.mutation(CreateLoyaltyProgramMutation, { input }).toPromise();
    saving.value = false;
    const saved =
      result.data &&
      ("updateLoyaltyProgram" in result.data
        ? result.data.updateLoyaltyProgram
        : result.data.createLoyaltyProgram);
    if (saved) {
      adopt(saved);
      return { ok: true, id: saved.id };
    }
    const error = result.error;
    if (hasErrorCode(error, "BAD_USER_INPUT") && error) {
      const found = savedProblems(error);
      reported.value = { for: sentFor, problems: found };
      if (!found.length) formError.value = apiErrorMessage(error);
    } else if (hasErrorCode(error, "CONFLICT") && id && program.value?.status !== "ARCHIVED") {
      conflict.value = true;
    } else formError.value = apiErrorMessage(error) ?? "";
    return { ok: false };
  }

  const statusChanging = ref<LoyaltyProgramStatus | null>(null);
  const statusError = ref<string | null>(null);

  async function setStatus(status: LoyaltyProgramStatus): Promise<boolean> {
    const current = program.value;
    if (!current) return false;
    statusChanging.value = status;
    statusError.value = null;
    const result = await client
      .mutation(SetLoyaltyProgramStatusMutation, { id: current.id, status })
      .toPromise();
    statusChanging.value = null;
    const saved = result.data?.setLoyaltyProgramStatus;
    if (!saved) {
      statusError.value = apiErrorMessage(result.error) ?? "";
      return false;
    }
    // The status bumps the version; edits in progress stay, and save against the new version.
    program.value = saved;
    return true;
  }

  return {
    draft,
    program,
    type: computed(() => (draft.value ? draft.value.type : null)),
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
    /** The draft's config when the client finds nothing wrong with it (or the currency), for the simulator. */
    validConfig: computed(() =>
      draft.value &&
      !clientProblems.value.some((p) => p.path === "currency" || p.path.startsWith("config"))
        ? toProgramInput(draft.value).config
        : null,
    ),
    dirty,
    readOnly: computed(() => program.value?.status === "ARCHIVED"),
    nextStatuses: computed(() => (program.value ? STATUS_ACTIONS[program.value.status] : [])),
    statusChanging,
    statusError,
    save,
    setStatus,
    /** Problems the API found in the current draft (e.g. by the simulator). */
    setServerProblems(found: FormProblem[]) {
      reported.value = { for: inputJson.value, problems: found };
    },
    /** Loads the saved program again, dropping the edits (after a conflict). */
    reload: () => {
      const id = options.id();
      return id ? load(id) : Promise.resolve();
    },
    toType,
  };
}

export type ProgramEditor = ReturnType<typeof useProgramEditor>;
