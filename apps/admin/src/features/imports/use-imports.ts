import { computed, onBeforeUnmount, ref, shallowRef, watch, type Ref } from "vue";
import { useClientHandle, useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type { ImportFieldsFragment, ImportType } from "@/graphql/generated/graphql";

export const ImportFields = graphql(`
  fragment ImportFields on Import {
    id
    type
    status
    fileName
    options {
      awardPoints
      emitCustomerCreated
      chunkSize
    }
    totalRows
    readyCount
    problemRows
    existingCount
    processedCount
    insertedCount
    skippedCount
    progress
    error
    uploadPath
    problemsCsvPath
    createdAt
    finishedAt
  }
`);

export const ImportsQuery = graphql(`
  query Imports($first: Int!) {
    imports(first: $first) {
      totalCount
      edges {
        node {
          ...ImportFields
        }
      }
    }
  }
`);

export const ImportQuery = graphql(`
  query Import($id: ID!) {
    import(id: $id) {
      ...ImportFields
    }
  }
`);

export const ImportProblemsQuery = graphql(`
  query ImportProblems($importId: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    importProblems(
      importId: $importId
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          row
          column
          reason
        }
      }
    }
  }
`);

export const ImportColumnsQuery = graphql(`
  query ImportColumns($type: ImportType!) {
    importColumns(type: $type) {
      name
      required
      description
    }
  }
`);

export const CreateImportMutation = graphql(`
  mutation CreateImport($input: CreateImportInput!) {
    createImport(input: $input) {
      ...ImportFields
    }
  }
`);

export const StartImportMutation = graphql(`
  mutation StartImport($id: ID!) {
    startImport(id: $id) {
      ...ImportFields
    }
  }
`);

export const CancelImportMutation = graphql(`
  mutation CancelImport($id: ID!) {
    cancelImport(id: $id) {
      ...ImportFields
    }
  }
`);

export const ResumeImportMutation = graphql(`
  mutation ResumeImport($id: ID!) {
    resumeImport(id: $id) {
      ...ImportFields
    }
  }
`);

export type ImportItem = ImportFieldsFragment;

/** What the upload endpoint answers: the validated import, or GraphQL-shaped errors. */
export interface UploadResult {
  import?: ImportItem;
  error?: { message: string; code: string | null; problems: { path: string; message: string }[] };
}

/** PUTs the file to the import's upload path; the API validates it as it streams in. */
export async function uploadImportFile(
  uploadPath: string,
  file: Blob,
  fetcher: typeof fetch = fetch,
): Promise<UploadResult> {
  try {
    const res = await fetcher(uploadPath, {
      method: "PUT",
      headers: { "content-type": "text/csv" },
      credentials: "same-origin",
      body: file,
    });
    const body = (await res.json()) as {
      import?: ImportItem;
      errors?: {
        message: string;
        extensions?: { code?: string; problems?: { path: string; message: string }[] };
      }[];
    };
    if (body.import) return { import: body.import };
    const first = body.errors?.[0];
    return {
      error: {
        message: first?.message ?? `HTTP ${res.status}`,
        code: first?.extensions?.code ?? null,
        problems: first?.extensions?.problems ?? [],
      },
    };
  } catch {
    return { error: { message: "", code: null, problems: [] } };
  }
}

const ACTIVE = new Set(["STAGING", "RUNNING"]);

/** The import in hand: create + upload (dry run), start, cancel, resume; polls while it runs. */
export function useImportRun(pollMs = 1000) {
  const { client } = useClientHandle();
  const current = ref<ImportItem | null>(null) as Ref<ImportItem | null>;
  const busy = ref(false);
  const uploadError = shallowRef<UploadResult["error"] | null>(null);
  const actionError = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;

  const stopPolling = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const poll = async () => {
    stopPolling();
    const id = current.value?.id;
    if (!id || !ACTIVE.has(current.value!.status)) return;
    const result = await client
      .query(ImportQuery, { id }, { requestPolicy: "network-only" })
      .toPromise();
    if (result.data?.import && current.value?.id === id) current.value = result.data.import;
    timer = setTimeout(() => void poll(), pollMs);
  };
  watch(
    () => current.value?.status,
    (status) => {
      if (status && ACTIVE.has(status)) void poll();
      else stopPolling();
    },
  );
  onBeforeUnmount(stopPolling);

  async function mutate(
    doc: typeof StartImportMutation | typeof CancelImportMutation | typeof ResumeImportMutation,
    field: "startImport" | "cancelImport" | "resumeImport",
  ) {
    if (!current.value) return;
    busy.value = true;
    actionError.value = null;
    const result = await client.mutation(doc, { id: current.value.id }).toPromise();
    busy.value = false;
    const data = result.data as Record<string, ImportItem> | undefined;
    if (data?.[field]) current.value = data[field];
    else actionError.value = result.error?.graphQLErrors[0]?.message ?? "";
  }

  return {
    current,
    busy,
    uploadError,
    actionError,
    running: computed(() => !!current.value && ACTIVE.has(current.value.status)),
    /** Creates an import and uploads the file: the dry run. */
    async validate(
      type: ImportType,
      file: File,
      options: { awardPoints: boolean; emitCustomerCreated: boolean },
    ) {
      busy.value = true;
      uploadError.value = null;
      actionError.value = null;
      const created = await client
        .mutation(CreateImportMutation, {
          input: {
            type,
            fileName: file.name,
            options:
              type === "ORDERS"
                ? { awardPoints: options.awardPoints }
                : { emitCustomerCreated: options.emitCustomerCreated },
          },
        })
        .toPromise();
      const imp = created.data?.createImport;
      if (!imp) {
        busy.value = false;
        uploadError.value = {
          message: created.error?.graphQLErrors[0]?.message ?? "",
          code: null,
          problems: [],
        };
        return;
      }
      current.value = imp;
      const result = await uploadImportFile(imp.uploadPath, file);
      busy.value = false;
      if (result.import) current.value = result.import;
      else {
        uploadError.value = result.error ?? null;
        current.value = null;
      }
    },
    open(item: ImportItem) {
      current.value = item;
      uploadError.value = null;
      actionError.value = null;
    },
    reset() {
      current.value = null;
      uploadError.value = null;
      actionError.value = null;
    },
    start: () => mutate(StartImportMutation, "startImport"),
    cancel: () => mutate(CancelImportMutation, "cancelImport"),
    resume: () => mutate(ResumeImportMutation, "resumeImport"),
  };
}

/** The dry run's report, a page at a time. */
export function useImportProblems(importId: () => string | null, pageSize = 20) {
  const cursor = ref<{ after?: string; before?: string }>({});
  const page = ref(0);
  watch(importId, () => {
    cursor.value = {};
    page.value = 0;
  });
  const query = useQuery({
    query: ImportProblemsQuery,
    variables: computed(() => ({
      importId: importId() ?? "",
      ...(cursor.value.before
        ? { last: pageSize, before: cursor.value.before }
        : { first: pageSize, after: cursor.value.after ?? null }),
    })),
    pause: computed(() => !importId()),
  });
  const connection = computed(() => query.data.value?.importProblems ?? null);
  return {
    items: computed(() => connection.value?.edges.map((e) => e.node) ?? []),
    totalCount: computed(() => connection.value?.totalCount ?? 0),
    loading: query.fetching,
    error: query.error,
    page,
    hasNext: computed(() => !!connection.value?.pageInfo.hasNextPage),
    hasPrevious: computed(() => !!connection.value?.pageInfo.hasPreviousPage),
    next() {
      const end = connection.value?.pageInfo.endCursor;
      if (!end) return;
      cursor.value = { after: end };
      page.value += 1;
    },
    previous() {
      const start = connection.value?.pageInfo.startCursor;
      if (!start) return;
      cursor.value = { before: start };
      page.value = Math.max(0, page.value - 1);
    },
  };
}

/** Recent imports, to reopen one (its report, progress, resume); reloaded when `refresh` changes. */
export function useRecentImports(refresh: () => unknown) {
  const { client } = useClientHandle();
  const items = ref<ImportItem[]>([]) as Ref<ImportItem[]>;
  const loading = ref(true);
  const error = ref(false);
  const load = async () => {
    loading.value = true;
    const result = await client
      .query(ImportsQuery, { first: 10 }, { requestPolicy: "network-only" })
      .toPromise();
    loading.value = false;
    error.value = !!result.error;
    if (result.data) items.value = result.data.imports.edges.map((e) => e.node);
  };
  void load();
  watch(refresh, () => void load());
  return { items, loading, error };
}

export function useImportColumns(type: () => ImportType) {
  const query = useQuery({
    query: ImportColumnsQuery,
    variables: computed(() => ({ type: type() })),
  });
  return computed(() => query.data.value?.importColumns ?? []);
}
