import type { Client, CombinedError } from "@urql/core";
import { fetchMembersPage, type SegmentMember } from "./use-segment-members";

export const EXPORT_PAGE_SIZE = 200;

export const CSV_COLUMNS = [
  "id",
  "externalId",
  "name",
  "email",
  "tags",
  "acquisitionSource",
  "signedUpAt",
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A value that a
 * spreadsheet would run as a formula (= + - @ at the start) gets a leading apostrophe.
 */
export function csvField(value: string | null | undefined): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function membersCsv(members: readonly SegmentMember[]): string {
  const rows = members.map((m) =>
    [m.id, m.externalId, m.name, m.email, m.tags.join(" "), m.acquisitionSource, m.signedUpAt].map(
      csvField,
    ),
  );
  return [CSV_COLUMNS.join(","), ...rows.map((r) => r.join(","))].join("\r\n") + "\r\n";
}

export type ExportResult =
  | { ok: true; csv: string; count: number }
  | { ok: false; error: CombinedError };

/**
 * Every member of a segment, fetched page by page; `onProgress(loaded, total)` after each page.
 * `signal` stops between pages.
 */
export async function exportMembers(
  client: Client,
  segmentId: string,
  onProgress: (loaded: number, total: number) => void = () => {},
  signal?: AbortSignal,
): Promise<ExportResult | null> {
  const members: SegmentMember[] = [];
  let after: string | null = null;
  for (;;) {
    if (signal?.aborted) return null;
    const result = await fetchMembersPage(client, segmentId, after, EXPORT_PAGE_SIZE);
    if (result.error) return { ok: false, error: result.error };
    members.push(...result.page.items);
    onProgress(members.length, Math.max(result.page.totalCount, members.length));
    if (!result.page.hasNextPage || !result.page.endCursor) break;
    after = result.page.endCursor;
  }
  return { ok: true, csv: membersCsv(members), count: members.length };
}

/** A file name such as `vip-customers-2025-03-01.csv`. */
export function csvFileName(segmentName: string, now = new Date()): string {
  const slug =
    segmentName
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "segment";
  return `${slug}-${now.toISOString().slice(0, 10)}.csv`;
}

/** Hands the CSV to the browser as a download (with a BOM so spreadsheets read UTF-8). */
export function downloadCsv(csv: string, fileName: string) {
  const url = URL.createObjectURL(new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
