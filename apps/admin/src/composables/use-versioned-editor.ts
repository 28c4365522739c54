import { computed, ref, shallowRef, type Ref, type ShallowRef } from "vue";
import type { CombinedError } from "@urql/core";
import { apiErrorMessage, hasErrorCode } from "@/graphql/errors";

/** A problem with one field of a form: its path in the form's input, and what is wrong. */
export interface EditorProblem {
  path: string;
  message: string;
}

export type SaveResult = { ok: true; id: string } | { ok: false };

/** What the API answered to a read or write of the edited thing. */
export interface Answer<Saved> {
  saved: Saved | null | undefined;
  error?: CombinedError | null;
}

export interface VersionedEditorOptions<Draft, Saved, Input, Status, Problem> {
  /** The saved thing's id, or null for a new one. */
  id: () => string | null;
  /** What save sends for a draft; also what "changed since loaded" compares. */
  toInput: (draft: Draft) => Input;
  draftFrom: (saved: Saved) => Draft;
  /** Problems the client finds in a draft (the domain's validation). */
  validate: (draft: Draft) => Problem[];
  /** A "required" problem, which a new form keeps quiet about until the first save. */
  isBlank: (problem: Problem) => boolean;
  /** The problems of a BAD_USER_INPUT answer, in the form's paths. */
  problemsOf: (error: CombinedError) => Problem[];
  /** Whether a CONFLICT answer to a save means someone else saved in between. */
  isStale: (error: CombinedError, saved: Saved | null) => boolean;
  fetch: (id: string) => Promise<Answer<Saved>>;
  /** Creates (id null) or updates, with the version it was loaded at. */
  send: (input: Input, id: string | null, saved: Saved | null) => Promise<Answer<Saved>>;
  changeStatus: (id: string, status: Status) => Promise<Answer<Saved>>;
}

/**
 * The state every "edit a saved thing" form shares (programs, surveys): a draft and the
 * baseline it is compared with, client and server problems (server ones only while the draft
 * is what was sent), loading with NOT_FOUND, save with optimistic versioning (someone else's
 * save in between is a conflict, not an overwrite) and status changes that keep the edits.
 */
export function useVersionedEditor<
  Draft,
  Saved extends { id: string },
  Input,
  Status,
  Problem extends EditorProblem,
>(options: VersionedEditorOptions<Draft, Saved, Input, Status, Problem>) {
  const draft = ref<Draft | null>(null) as Ref<Draft | null>;
  const saved = shallowRef<Saved | null>(null) as ShallowRef<Saved | null>;
  const baseline = ref("");
  const loading = ref(false);
  const loadError = shallowRef<CombinedError | null>(null);
  const notFound = ref(false);
  const saving = ref(false);
  const formError = ref<string | null>(null);
  /** Someone else saved after it was loaded here. */
  const conflict = ref(false);
  /** Save was tried: blanks count as problems from now on. */
  const attempted = ref(false);
  const reported = shallowRef<{ for: string; problems: Problem[] }>({ for: "", problems: [] });

  const inputJson = computed(() =>
    draft.value ? JSON.stringify(options.toInput(draft.value)) : "",
  );
  const clientProblems = computed(() => (draft.value ? options.validate(draft.value) : []));
  const serverProblems = computed(() =>
    reported.value.for === inputJson.value ? reported.value.problems : [],
  );
  const isNew = computed(() => options.id() === null);
  const dirty = computed(() => draft.value !== null && inputJson.value !== baseline.value);
  /** Shown problems: a new form does not complain about blanks before the first save. */
  const problems = computed(() => {
    const all = [...clientProblems.value, ...serverProblems.value];
    return isNew.value && !attempted.value ? all.filter((p) => !options.isBlank(p)) : all;
  });

  function start(next: Draft) {
    draft.value = next;
    baseline.value = JSON.stringify(options.toInput(next));
    reported.value = { for: "", problems: [] };
    formError.value = null;
    conflict.value = false;
    attempted.value = false;
  }

  function adopt(next: Saved) {
    saved.value = next;
    start(options.draftFrom(next));
  }

  async function load(id: string) {
    loading.value = true;
    loadError.value = null;
    notFound.value = false;
    const answer = await options.fetch(id);
    loading.value = false;
    if (answer.saved) adopt(answer.saved);
    else if (hasErrorCode(answer.error, "NOT_FOUND")) notFound.value = true;
    else loadError.value = answer.error ?? null;
  }

  async function save(): Promise<SaveResult> {
    if (!draft.value) return { ok: false };
    attempted.value = true;
    formError.value = null;
    if (clientProblems.value.length) return { ok: false };
    const input = options.toInput(draft.value);
    const sentFor = JSON.stringify(input);
    const id = options.id();
    saving.value = true;
    const answer = await options.send(input, id, saved.value);
    saving.value = false;
    return settle(answer, (error) => {
      if (hasErrorCode(error, "BAD_USER_INPUT")) {
        const found = options.problemsOf(error);
        reported.value = { for: sentFor, problems: found };
        if (!found.length) formError.value = apiErrorMessage(error);
      } else if (hasErrorCode(error, "CONFLICT") && id && options.isStale(error, saved.value)) {
        conflict.value = true;
      } else formError.value = apiErrorMessage(error) ?? "";
    });
  }

  /** Takes a write's answer: adopts what was saved, or lets `failed` report why not. */
  function settle(answer: Answer<Saved>, failed?: (error: CombinedError) => void): SaveResult {
    if (answer.saved) {
      adopt(answer.saved);
      return { ok: true, id: answer.saved.id };
    }
    if (failed && answer.error) failed(answer.error);
    else formError.value = apiErrorMessage(answer.error) ?? "";
    return { ok: false };
  }

  const statusChanging = ref<Status | null>(null) as Ref<Status | null>;
  const statusError = ref<string | null>(null);

  async function setStatus(status: Status): Promise<boolean> {
    const current = saved.value;
    if (!current) return false;
    statusChanging.value = status;
    statusError.value = null;
    const answer = await options.changeStatus(current.id, status);
    statusChanging.value = null;
    if (!answer.saved) {
      statusError.value = apiErrorMessage(answer.error) ?? "";
      return false;
    }
    // The status bumps the version; edits in progress stay, and save against the new version.
    saved.value = answer.saved;
    return true;
  }

  return {
    draft,
    saved,
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
    inputJson,
    statusChanging,
    statusError,
    start,
    adopt,
    load,
    save,
    settle,
    setStatus,
    /** Problems the API found in the current draft (e.g. by a simulator). */
    setServerProblems(found: Problem[]) {
      reported.value = { for: inputJson.value, problems: found };
    },
    /** Loads the saved thing again, dropping the edits (after a conflict). */
    reload: () => {
      const id = options.id();
      return id ? load(id) : Promise.resolve();
    },
  };
}
