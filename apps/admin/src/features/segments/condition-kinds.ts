import { defaultRegistry } from "@trouw/domain";

/** The kinds the builder has an editor for, in the order the "add condition" menu lists them. */
export const EDITABLE_KINDS = [
  "event_aggregate",
  "days_since_event",
  "days_first_visit_to_first_order",
  "text_field",
  "enum_field",
  "date_field",
  "tags",
  "marketing_consent",
  "custom_attribute",
  "segment_member",
] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];

export const isEditableKind = (kind: string): kind is EditableKind =>
  (EDITABLE_KINDS as readonly string[]).includes(kind);

/** Every kind the rule language knows; kinds added to the domain later get a JSON editor. */
export function knownKinds(): string[] {
  const registered = defaultRegistry.list().map((k) => k.kind);
  return [
    ...EDITABLE_KINDS.filter((k) => registered.includes(k)),
    ...registered.filter((k) => !isEditableKind(k)),
  ];
}

/** What a new condition of a kind starts with: valid where a sensible default exists. */
export function defaultArgs(kind: string): Record<string, unknown> {
  switch (kind) {
    case "event_aggregate":
      return {
        filter: { types: ["order"] },
        window: { kind: "last_days", days: 90 },
        aggregate: "count",
        compare: { op: "gte", value: 1 },
      };
    case "days_since_event":
      return { which: "last", filter: { types: ["order"] }, compare: { op: "gte", value: 180 } };
    case "days_first_visit_to_first_order":
      return { compare: { op: "lte", value: 1 } };
    case "text_field":
      return { field: "email", match: { op: "contains", value: "" } };
    case "enum_field":
      return { field: "acquisitionSource", op: "in", values: [] };
    case "date_field":
      return { field: "signedUpAt", match: { op: "in_last_days", days: 30 } };
    case "tags":
      return { op: "contains_any", tags: [] };
    case "marketing_consent":
      return { value: true };
    case "custom_attribute":
      return { key: "", valueType: "text", match: { op: "eq", value: "" } };
    case "segment_member":
      return { segmentId: "" };
    default:
      return {};
  }
}
