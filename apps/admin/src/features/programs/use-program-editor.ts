import { computed, watch } from "vue";
import { useClientHandle } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import type { ProgramType } from "@trouw/domain";
import { graphql } from "@/graphql/generated";
import type {
  LoyaltyProgramFieldsFragment,
  LoyaltyProgramStatus,
} from "@/graphql/generated/graphql";
import type { InputProblem } from "@/graphql/errors";
import { useVersionedEditor, type SaveResult } from "@/composables/use-versioned-editor";
import {
  draftFrom,
  draftProblems,
  newDraft,
  toProgramInput,
  type FormProblem,
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
export type { SaveResult };

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
  const editor = useVersionedEditor({
    id: options.id,
    toInput: toProgramInput,
    draftFrom: (saved: ProgramDetail) => draftFrom(saved, saved.config),
    validate: draftProblems,
    isBlank: (p: FormProblem) => isBlankProblem(p.message),
    problemsOf: savedProblems,
    // An archived program refuses edits with CONFLICT too; that is not someone else's save.
    isStale: (_error, saved) => saved?.status !== "ARCHIVED",
    fetch: async (id) => {
      const result = await client
        .query(LoyaltyProgramQuery, { id }, { requestPolicy: "network-only" })
        .toPromise();
      return { saved: result.data?.loyaltyProgram, error: result.error };
    },
    send: async (input, id, saved) => {
      if (!id) {
        const result = await client.mutation(CreateLoyaltyProgramMutation, { input }).toPromise();
        return { saved: result.data?.createLoyaltyProgram, error: result.error };
      }
      const result = await client
        .mutation(UpdateLoyaltyProgramMutation, {
          id,
          input,
          expectedVersion: saved?.version ?? null,
        })
        .toPromise();
      return { saved: result.data?.updateLoyaltyProgram, error: result.error };
    },
    changeStatus: async (id, status: LoyaltyProgramStatus) => {
      const result = await client
        .mutation(SetLoyaltyProgramStatusMutation, { id, status })
        .toPromise();
      return { saved: result.data?.setLoyaltyProgramStatus, error: result.error };
    },
  });
  const { draft, saved: program, dirty, clientProblems } = editor;

  watch(
    () => [options.id(), options.type()] as const,
    ([id, type], previous) => {
      if (id) {
        // A program just created here is already loaded.
        if (id !== previous?.[0] && program.value?.id !== id) void editor.load(id);
        return;
      }
      if (previous?.[0]) {
        program.value = null;
        draft.value = null;
      }
      if (!type) return;
      // Switching the type of a new program keeps what was typed so far.
      if (draft.value && dirty.value) draft.value.type = type;
      else editor.start(newDraft(type));
    },
    { immediate: true },
  );

  return {
    ...editor,
    program,
    type: computed(() => (draft.value ? draft.value.type : null)),
    /** The draft's config when the client finds nothing wrong with it (or the currency), for the simulator. */
    validConfig: computed(() =>
      draft.value &&
      !clientProblems.value.some((p) => p.path === "currency" || p.path.startsWith("config"))
        ? toProgramInput(draft.value).config
        : null,
    ),
    readOnly: computed(() => program.value?.status === "ARCHIVED"),
    nextStatuses: computed(() => (program.value ? STATUS_ACTIONS[program.value.status] : [])),
    toType,
  };
}

export type ProgramEditor = ReturnType<typeof useProgramEditor>;
