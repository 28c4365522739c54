import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import type { Client, CombinedError } from "@urql/core";
import { graphql } from "@/graphql/generated";
import { fieldProblems } from "@/graphql/errors";
import { downloadCsv } from "@/features/segments/members-csv";

export const ExportSurveyInvitationsMutation = graphql(`
  mutation ExportSurveyInvitations($input: SurveyInvitationsInput!) {
    exportSurveyInvitations(input: $input)
  }
`);

export const InvitationCustomerQuery = graphql(`
  query InvitationCustomer($id: ID, $externalId: String) {
    customer(id: $id, externalId: $externalId) {
      id
      externalId
    }
  }
`);

export const DEFAULT_EXPIRES_IN_DAYS = 30;
export const MAX_EXPIRES_IN_DAYS = 365;
/** Pasted customers are looked up one by one, so a paste stays modest. */
export const MAX_PASTED_CUSTOMERS = 500;
const LOOKUP_CONCURRENCY = 4;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Customer references pasted one per line (or separated by commas, semicolons, spaces). */
export function parseCustomerList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Records of a CSV after its header, reading quoted fields (which may hold line breaks). */
export function csvRowCount(csv: string): number {
  let rows = 0;
  let quoted = false;
  let filled = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (c === '"') quoted = !quoted;
    else if ((c === "\n" || c === "\r") && !quoted) {
      if (filled) rows++;
      filled = false;
      if (c === "\r" && csv[i + 1] === "\n") i++;
      continue;
    }
    filled = true;
  }
  if (filled) rows++;
  return Math.max(0, rows - 1);
}

/** A file name such as `how-are-we-doing-links-2025-03-01.csv`. */
export function invitationsFileName(title: string, now = new Date()): string {
  const slug =
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "survey";
  return `${slug}-links-${now.toISOString().slice(0, 10)}.csv`;
}

export interface ResolvedCustomers {
  ids: string[];
  unknown: string[];
}

/**
 * Trouw ids for pasted references: each is tried as an external id (the shop's own), then, if it
 * looks like one, as a Trouw id. The API has no lookup for many at once, so a few at a time.
 */
export async function resolveCustomers(
  client: Client,
  refs: readonly string[],
): Promise<{ ok: true; found: ResolvedCustomers } | { ok: false; error: CombinedError }> {
  const ids = new Array<string | null>(refs.length).fill(null);
  let failure: CombinedError | null = null;
  let next = 0;
  const lookup = async (variables: { id?: string; externalId?: string }) => {
    const result = await client
      .query(InvitationCustomerQuery, variables, { requestPolicy: "network-only" })
      .toPromise();
    if (result.error) failure ??= result.error;
    return result.data?.customer?.id ?? null;
  };
  async function worker() {
    while (next < refs.length && !failure) {
      const i = next++;
      const ref = refs[i]!;
      ids[i] =
        (await lookup({ externalId: ref })) ??
        (UUID.test(ref) && !failure ? await lookup({ id: ref }) : null);
    }
  }
  await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
  if (failure) return { ok: false, error: failure };
  return {
    ok: true,
    found: {
      ids: [...new Set(ids.filter((id): id is string => id !== null))],
      unknown: refs.filter((_, i) => ids[i] === null),
    },
  };
}

export type InviteMode = "segment" | "customers";

/**
 * Invitation links for a survey: whom (a segment's members, or pasted customers) and for how
 * long; the API creates one single-use link per customer and hands them over once, as a CSV
 * that downloads at once.
 */
export function useSurveyInvitations(
  surveyId: MaybeRefOrGetter<string>,
  surveyTitle: MaybeRefOrGetter<string>,
  download: (csv: string, fileName: string) => void = downloadCsv,
) {
  const { client } = useClientHandle();
  const mode = ref<InviteMode>("segment");
  const segmentId = ref<string | null>(null);
  const pasted = ref("");
  const expiresInDays = ref<number | null>(DEFAULT_EXPIRES_IN_DAYS);
  const resolving = ref(false);
  const resolved = shallowRef<ResolvedCustomers | null>(null);
  const exporting = ref(false);
  const error = shallowRef<CombinedError | null>(null);
  /** What is missing before links can be made, by field. */
  const problems = ref<Record<string, string>>({});
  const result = shallowRef<{ count: number; fileName: string } | null>(null);

  const refs = computed(() => parseCustomerList(pasted.value));

  function check(): boolean {
    const found: Record<string, string> = {};
    const days = expiresInDays.value;
    if (days === null || !Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_IN_DAYS)
      found.expiresInDays = "range";
    if (mode.value === "segment" && !segmentId.value) found.segmentId = "required";
    if (mode.value === "customers") {
      if (refs.value.length === 0) found.customerIds = "required";
      else if (refs.value.length > MAX_PASTED_CUSTOMERS) found.customerIds = "tooMany";
    }
    problems.value = found;
    return Object.keys(found).length === 0;
  }

  /** Checks the choices and, for pasted customers, finds them; true when links can be made. */
  async function prepare(): Promise<boolean> {
    result.value = null;
    error.value = null;
    resolved.value = null;
    if (!check()) return false;
    if (mode.value === "segment") return true;
    resolving.value = true;
    const lookup = await resolveCustomers(client, refs.value);
    resolving.value = false;
    if (!lookup.ok) {
      error.value = lookup.error;
      return false;
    }
    resolved.value = lookup.found;
    if (!lookup.found.ids.length) {
      problems.value = { customerIds: "noneFound" };
      return false;
    }
    return true;
  }

  /** Creates the links and downloads them; they cannot be shown again. */
  async function exportLinks(): Promise<boolean> {
    exporting.value = true;
    error.value = null;
    const input = {
      surveyId: toValue(surveyId),
      expiresInDays: expiresInDays.value,
      ...(mode.value === "segment"
        ? { segmentId: segmentId.value }
        : { customerIds: resolved.value?.ids ?? [] }),
    };
    const answer = await client.mutation(ExportSurveyInvitationsMutation, { input }).toPromise();
    exporting.value = false;
    const csv = answer.data?.exportSurveyInvitations;
    if (csv === undefined || csv === null) {
      error.value = answer.error ?? null;
      const byField = fieldProblems(answer.error);
      if (Object.keys(byField).length) problems.value = { ...problems.value, ...byField };
      return false;
    }
    const fileName = invitationsFileName(toValue(surveyTitle));
    download(csv, fileName);
    result.value = { count: csvRowCount(csv), fileName };
    return true;
  }

  return {
    mode,
    segmentId,
    pasted,
    expiresInDays,
    refs,
    resolving,
    resolved,
    exporting,
    error,
    problems,
    result,
    prepare,
    exportLinks,
  };
}
