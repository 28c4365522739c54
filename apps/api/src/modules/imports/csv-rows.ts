import {
  normaliseTags,
  orderPayload,
  orderTotals,
  validateCustomerFields,
  validateOrder,
  type InputProblem,
  type OrderLineInput,
} from "@trouw/domain";
import { checkOccurredAt } from "../events/events.service";

/**
 * CSV columns of each import type, the mapping from a CSV record to the fields the API
 * takes, and the validation of those fields by the same domain functions the API calls.
 * Row numbers count CSV records with the header as row 1, as a spreadsheet shows them.
 */

export type ImportType = "customers" | "orders";

export interface ColumnSpec {
  name: string;
  required: boolean;
  description: string;
}

export const CUSTOMER_COLUMNS: ColumnSpec[] = [
  { name: "external_id", required: true, description: "Your id of the customer (1-128 chars)" },
  { name: "email", required: false, description: "Email address" },
  { name: "name", required: false, description: "Full name" },
  { name: "phone", required: false, description: "Phone number" },
  { name: "locale", required: false, description: "Language tag such as en or nl-BE (en)" },
  { name: "birth_date", required: false, description: "YYYY-MM-DD" },
  { name: "signed_up_at", required: false, description: "ISO 8601 date-time (import time)" },
  { name: "acquisition_source", required: false, description: "How they came in (direct)" },
  { name: "marketing_consent", required: false, description: "true/false, yes/no, 1/0 (false)" },
  { name: "tags", required: false, description: "Tags separated by |" },
  { name: "personality_colour", required: false, description: "red, blue, yellow or green" },
  { name: "attributes", required: false, description: "A JSON object" },
];

export const ORDER_COLUMNS: ColumnSpec[] = [
  { name: "order_id", required: true, description: "Your order reference (unique)" },
  { name: "customer_external_id", required: true, description: "The customer's external id" },
  { name: "occurred_at", required: true, description: "ISO 8601 date-time of the order" },
  { name: "currency", required: true, description: "ISO 4217 code such as EUR" },
  { name: "product_id", required: true, description: "Product of this order line" },
  { name: "category", required: false, description: "Product category" },
  { name: "quantity", required: false, description: "Positive integer (1)" },
  { name: "amount_minor", required: true, description: "Line total before discount, minor units" },
  { name: "discount_minor", required: false, description: "Line discount, minor units (0)" },
  { name: "channel", required: false, description: "Sales channel" },
];

export const COLUMNS: Record<ImportType, ColumnSpec[]> = {
  customers: CUSTOMER_COLUMNS,
  orders: ORDER_COLUMNS,
};

/** One problem of one row: the CSV column it is about and why. */
export interface RowProblem {
  row: number;
  column: string;
  reason: string;
}

/** Reads the header: column positions by name, or every problem with it. */
export function readHeader(
  type: ImportType,
  header: string[],
): { ok: true; index: Map<string, number> } | { ok: false; problems: InputProblem[] } {
  const specs = COLUMNS[type];
  const known = new Set(specs.map((s) => s.name));
  const index = new Map<string, number>();
  const problems: InputProblem[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name))
      problems.push({ path: `header[${i}]`, message: `unknown column "${raw}"` });
    else if (index.has(name))
      problems.push({ path: `header[${i}]`, message: `column "${name}" appears twice` });
    else index.set(name, i);
  });
  for (const s of specs)
    if (s.required && !index.has(s.name))
      problems.push({ path: "header", message: `required column "${s.name}" is missing` });
  return problems.length ? { ok: false, problems } : { ok: true, index };
}

/** A record's value of a column: trimmed, empty as null. */
function cell(record: string[], index: Map<string, number>, column: string): string | null {
  const i = index.get(column);
  if (i === undefined) return null;
  const v = record[i]?.trim() ?? "";
  return v === "" ? null : v;
}

const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^-?\d+$/;
const TRUE = new Set(["true", "yes", "1", "y"]);
const FALSE = new Set(["false", "no", "0", "n"]);

function parseDateTime(v: string): Date | null {
  if (!ISO_DATE_TIME.test(v)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** API field paths to CSV columns, for problems reported by the domain validators. */
const CUSTOMER_PATHS: Record<string, string> = {
  externalId: "external_id",
  email: "email",
  name: "name",
  phone: "phone",
  locale: "locale",
  birthDate: "birth_date",
  signedUpAt: "signed_up_at",
  acquisitionSource: "acquisition_source",
  personalityColour: "personality_colour",
  attributes: "attributes",
  tags: "tags",
};

export interface StagedCustomer {
  rowNo: number;
  externalId: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  locale: string;
  birthDate: string | null;
  signedUpAt: Date;
  acquisitionSource: string;
  marketingConsent: boolean;
  tags: string[];
  attributes: Record<string, unknown>;
  personalityColour: string | null;
}

/** One customer record: the row to stage, or its problems. */
export function mapCustomer(
  rowNo: number,
  record: string[],
  index: Map<string, number>,
  now: Date,
): { row: StagedCustomer | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (column: string, reason: string) => problems.push({ row: rowNo, column, reason });
  const get = (c: string) => cell(record, index, c);

  const externalId = get("external_id");
  if (!externalId) bad("external_id", "is required");
  const birthDate = get("birth_date");
  if (birthDate && !ISO_DATE.test(birthDate)) bad("birth_date", "must be a date as YYYY-MM-DD");
  const signedUpRaw = get("signed_up_at");
  const signedUpAt = signedUpRaw ? parseDateTime(signedUpRaw) : now;
  if (!signedUpAt) bad("signed_up_at", "must be an ISO 8601 date-time");
  const consentRaw = get("marketing_consent")?.toLowerCase() ?? null;
  if (consentRaw && !TRUE.has(consentRaw) && !FALSE.has(consentRaw))
    bad("marketing_consent", "must be true or false");
  let attributes: Record<string, unknown> = {};
  const attributesRaw = get("attributes");
  if (attributesRaw) {
    try {
      const parsed: unknown = JSON.parse(attributesRaw);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
        attributes = parsed as Record<string, unknown>;
      else bad("attributes", "must be a JSON object");
    } catch {
      bad("attributes", "must be a JSON object");
    }
  }
  const rawTags = get("tags")?.split("|") ?? [];
  const fields = {
    externalId: externalId ?? "",
    email: get("email"),
    name: get("name"),
    phone: get("phone"),
    locale: get("locale") ?? "en",
    birthDate: birthDate && ISO_DATE.test(birthDate) ? birthDate : null,
    signedUpAt: signedUpAt ?? now,
    acquisitionSource: get("acquisition_source") ?? "direct",
    tags: normaliseTags(rawTags),
    attributes,
    personalityColour: get("personality_colour")?.toLowerCase() ?? null,
  };
  for (const p of validateCustomerFields({ ...fields, externalId: externalId ?? undefined }, now)) {
    const column = CUSTOMER_PATHS[p.path.replace(/\[\d+\]$/, "")] ?? p.path;
    bad(column, p.message);
  }
  if (problems.length) return { row: null, problems };
  return {
    row: {
      rowNo,
      ...fields,
      externalId: fields.externalId,
      marketingConsent: consentRaw ? TRUE.has(consentRaw) : false,
    },
    problems,
  };
}

export interface StagedOrder {
  rowNo: number;
  orderRef: string;
  customerExternalId: string;
  occurredAt: Date;
  currency: string;
  amountMinor: number;
  discountMinor: number;
  category: string | null;
  payload: Record<string, unknown>;
}

/** One CSV record of an orders file: one order line, plus the order's own columns. */
export interface OrderLineRecord {
  rowNo: number;
  record: string[];
}

const LINE_PATHS: Record<string, string> = {
  productId: "product_id",
  quantity: "quantity",
  amountMinor: "amount_minor",
  discountMinor: "discount_minor",
};

/**
 * One order from its lines (adjacent records with the same order_id): the row to stage, or
 * every problem, each on the row and column it comes from. Validated by `validateOrder`,
 * exactly as `recordOrder` validates, and stored with the same columns and payload.
 */
export function mapOrder(
  lines: OrderLineRecord[],
  index: Map<string, number>,
  now: Date,
): { row: StagedOrder | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const first = lines[0]!;
  const bad = (row: number, column: string, reason: string) =>
    problems.push({ row, column, reason });
  const get = (r: OrderLineRecord, c: string) => cell(r.record, index, c);

  const orderId = get(first, "order_id") ?? "";
  const customerExternalId = get(first, "customer_external_id");
  if (!customerExternalId) bad(first.rowNo, "customer_external_id", "is required");
  const currency = get(first, "currency") ?? "";
  const occurredRaw = get(first, "occurred_at");
  const occurredAt = occurredRaw ? parseDateTime(occurredRaw) : null;
  if (!occurredRaw) bad(first.rowNo, "occurred_at", "is required");
  else if (!occurredAt) bad(first.rowNo, "occurred_at", "must be an ISO 8601 date-time");
  const channel = get(first, "channel");
  // Order-level columns repeat on every line; a line that disagrees is a mistake in the file.
  for (const line of lines.slice(1))
    for (const column of ["customer_external_id", "occurred_at", "currency", "channel"]) {
      const v = get(line, column);
      if (v !== null && v !== get(first, column))
        bad(
          line.rowNo,
          column,
          `differs from the first line of order "${orderId}" (row ${first.rowNo})`,
        );
    }

  const integer = (r: OrderLineRecord, column: string, fallback: number | null): number => {
    const v = get(r, column);
    if (v === null) {
      if (fallback === null) bad(r.rowNo, column, "is required");
      return fallback ?? 0;
    }
    if (!INTEGER.test(v)) {
      bad(r.rowNo, column, "must be a whole number (minor units for amounts)");
      return 0;
    }
    return Number(v);
  };
  const orderLines: OrderLineInput[] = lines.map((r) => ({
    productId: get(r, "product_id") ?? "",
    category: get(r, "category"),
    quantity: integer(r, "quantity", 1),
    amountMinor: integer(r, "amount_minor", null),
    discountMinor: integer(r, "discount_minor", 0),
  }));
  const order = { orderId, currency, lines: orderLines };
  for (const p of [...validateOrder(order), ...checkOccurredAt(occurredAt, now)]) {
    const line = /^lines\[(\d+)\]\.(\w+)$/.exec(p.path);
    if (line) {
      const r = lines[Number(line[1])]!;
      // A value that did not parse already has its own problem.
      if (!problems.some((q) => q.row === r.rowNo && q.column === LINE_PATHS[line[2]!]))
        bad(r.rowNo, LINE_PATHS[line[2]!] ?? line[2]!, p.message);
    } else if (p.path === "orderId") bad(first.rowNo, "order_id", p.message);
    else if (p.path === "currency") bad(first.rowNo, "currency", p.message);
    else if (p.path === "occurredAt") bad(first.rowNo, "occurred_at", p.message);
    else bad(first.rowNo, "order_id", `${p.path} ${p.message}`);
  }
  if (problems.length || !occurredAt || !customerExternalId) return { row: null, problems };
  const totals = orderTotals(order);
  return {
    row: {
      rowNo: first.rowNo,
      orderRef: orderId.trim(),
      customerExternalId,
      occurredAt,
      currency,
      amountMinor: totals.netMinor,
      discountMinor: totals.discountMinor,
      category: orderLines[0]?.category ?? null,
      // The same payload recordOrder stores, so imported orders read like recorded ones.
      payload: {
        ...orderPayload(orderLines, totals, channel),
        imported: true,
      },
    },
    problems,
  };
}
