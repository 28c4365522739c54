import { z } from "zod";
import { ACQUISITION_SOURCES } from "../../customers/acquisition";
import { normaliseTags } from "../../customers/customer-input";
import { PERSONALITY_COLOURS } from "../../customers/personality";
import { compareNumber, describeNumber, numberComparison, sqlCompareNumber } from "../compare";
import type { ConditionKind } from "../registry";
import type { SubjectCustomer } from "../subject";
import { dateMatch, describeDate, matchDate, sqlMatchDate } from "./dates";
import { describeText, matchText, ruleText, sqlMatchText, textMatch } from "./text";

/** Whitelists: the only customer columns rules can reach, by type. */
export const TEXT_FIELDS = {
  externalId: "c.external_id",
  email: "c.email",
  name: "c.name",
  phone: "c.phone",
  locale: "c.locale",
} as const;
export const ENUM_FIELDS = {
  acquisitionSource: { column: "c.acquisition_source", values: ACQUISITION_SOURCES },
  personalityColour: { column: "c.personality_colour", values: PERSONALITY_COLOURS },
} as const;
export const DATE_FIELDS = {
  signedUpAt: "c.signed_up_at",
  birthDate: "(c.birth_date::timestamp AT TIME ZONE 'UTC')",
} as const;

const fieldEnum = <T extends object>(o: T) =>
  z.enum(Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]);

function dateValue(c: SubjectCustomer, field: keyof typeof DATE_FIELDS): number | null {
  if (field === "signedUpAt") return c.signedUpAt.getTime();
  return c.birthDate === null ? null : Date.parse(`${c.birthDate}T00:00:00Z`);
}

const textArgs = z.object({ field: fieldEnum(TEXT_FIELDS), match: textMatch });
export const textField: ConditionKind<z.infer<typeof textArgs>> = {
  kind: "text_field",
  label: "Customer text field",
  args: textArgs,
  evaluate: ({ field, match }, { customer }) => {
    const v = customer[field];
    return { holds: matchText(v, match), seen: v };
  },
  toSql: ({ field, match }, { params }) => sqlMatchText(TEXT_FIELDS[field], match, params),
  describe: ({ field, match }) => `${field} ${describeText(match)}`,
};

const enumArgs = z
  .object({
    field: fieldEnum(ENUM_FIELDS),
    op: z.enum(["eq", "neq", "in", "not_in", "is_set", "is_not_set"]),
    values: z.array(z.string()).max(50).default([]),
  })
  .superRefine((a, ctx) => {
    const allowed: readonly string[] = ENUM_FIELDS[a.field].values;
    a.values.forEach((v, i) => {
      if (!allowed.includes(v))
        ctx.addIssue({ code: "custom", path: ["values", i], message: `is not a ${a.field} value` });
    });
    if (["eq", "neq"].includes(a.op) && a.values.length !== 1)
      ctx.addIssue({ code: "custom", path: ["values"], message: "give exactly one value" });
    if (["in", "not_in"].includes(a.op) && a.values.length === 0)
      ctx.addIssue({ code: "custom", path: ["values"], message: "give at least one value" });
  });
export const enumField: ConditionKind<z.infer<typeof enumArgs>> = {
  kind: "enum_field",
  label: "Customer choice field",
  args: enumArgs,
  evaluate: ({ field, op, values }, { customer }) => {
    const v = customer[field];
    const inList = v !== null && values.includes(v);
    const holds = {
      eq: inList,
      in: inList,
      neq: !inList,
      not_in: !inList,
      is_set: v !== null,
      is_not_set: v === null,
    }[op];
    return { holds, seen: v };
  },
  toSql: ({ field, op, values }, { params }) => {
    const col = ENUM_FIELDS[field].column;
    if (op === "is_set") return `(${col} IS NOT NULL)`;
    if (op === "is_not_set") return `(${col} IS NULL)`;
    const inList = `(${col} IS NOT NULL AND ${col} = ANY(${params.bind(values, "text[]")}))`;
    return op === "eq" || op === "in" ? inList : `(NOT ${inList})`;
  },
  describe: ({ field, op, values }) =>
    `${field} ${op.replace("_", " ")} ${values.join(", ")}`.trim(),
};

const dateArgs = z.object({ field: fieldEnum(DATE_FIELDS), match: dateMatch });
export const dateField: ConditionKind<z.infer<typeof dateArgs>> = {
  kind: "date_field",
  label: "Customer date",
  args: dateArgs,
  evaluate: ({ field, match }, { customer }, { now }) => {
    const t = dateValue(customer, field);
    return { holds: matchDate(t, match, now), seen: t === null ? null : new Date(t).toISOString() };
  },
  toSql: ({ field, match }, { params, now }) =>
    sqlMatchDate(DATE_FIELDS[field], match, params, now),
  describe: ({ field, match }) => `${field} ${describeDate(match)}`,
};

const consentArgs = z.object({ value: z.boolean() });
export const marketingConsent: ConditionKind<z.infer<typeof consentArgs>> = {
  kind: "marketing_consent",
  label: "Marketing consent",
  args: consentArgs,
  evaluate: ({ value }, { customer }) => ({
    holds: customer.marketingConsent === value,
    seen: customer.marketingConsent,
  }),
  toSql: ({ value }, { params }) => `(c.marketing_consent = ${params.bind(value, "boolean")})`,
  describe: ({ value }) =>
    value ? "has given marketing consent" : "has not given marketing consent",
};

const tagsArgs = z.object({
  op: z.enum(["contains_any", "contains_all", "contains_none", "is_empty", "is_not_empty"]),
  tags: z.array(ruleText(40, 1)).max(50).default([]),
});
export const tagsCondition: ConditionKind<z.infer<typeof tagsArgs>> = {
  kind: "tags",
  label: "Tags",
  args: tagsArgs,
  evaluate: ({ op, tags }, { customer }) => {
    const want = normaliseTags(tags);
    const has = new Set(customer.tags);
    const holds = {
      contains_any: want.some((t) => has.has(t)),
      contains_all: want.every((t) => has.has(t)),
      contains_none: !want.some((t) => has.has(t)),
      is_empty: has.size === 0,
      is_not_empty: has.size > 0,
    }[op];
    return { holds, seen: customer.tags };
  },
  toSql: ({ op, tags }, { params }) => {
    if (op === "is_empty") return "(cardinality(c.tags) = 0)";
    if (op === "is_not_empty") return "(cardinality(c.tags) > 0)";
    const want = params.bind(normaliseTags(tags), "text[]");
    return {
      contains_any: `(c.tags && ${want})`,
      contains_all: `(c.tags @> ${want})`,
      contains_none: `(NOT (c.tags && ${want}))`,
    }[op];
  },
  describe: ({ op, tags }) => `tags ${op.replace(/_/g, " ")} ${tags.join(", ")}`.trim(),
};

const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const customArgs = z.discriminatedUnion("valueType", [
  z.object({
    key: z.string().regex(ATTRIBUTE_KEY, "must be a letter then letters, digits or _"),
    valueType: z.literal("text"),
    match: textMatch,
  }),
  z.object({
    key: z.string().regex(ATTRIBUTE_KEY, "must be a letter then letters, digits or _"),
    valueType: z.literal("number"),
    match: numberComparison,
  }),
  z.object({
    key: z.string().regex(ATTRIBUTE_KEY, "must be a letter then letters, digits or _"),
    valueType: z.literal("boolean"),
    match: z.object({ value: z.boolean() }),
  }),
]);
export const customAttribute: ConditionKind<z.infer<typeof customArgs>> = {
  kind: "custom_attribute",
  label: "Custom attribute",
  args: customArgs,
  evaluate: (a, { customer }) => {
    const raw = customer.attributes[a.key];
    if (a.valueType === "text") {
      const v = typeof raw === "string" ? raw : null;
      return { holds: matchText(v, a.match), seen: v };
    }
    if (a.valueType === "number") {
      const v = typeof raw === "number" ? raw : null;
      return { holds: compareNumber(v, a.match), seen: v };
    }
    const v = typeof raw === "boolean" ? raw : null;
    return { holds: v === a.match.value, seen: v };
  },
  toSql: (a, { params }) => {
    const key = params.bind(a.key, "text");
    const typed = (t: string, value: string) =>
      `(CASE WHEN jsonb_typeof(c.attributes -> ${key}) = '${t}' THEN ${value} END)`;
    if (a.valueType === "text")
      return sqlMatchText(typed("string", `c.attributes ->> ${key}`), a.match, params);
    if (a.valueType === "number")
      return sqlCompareNumber(
        typed("number", `(c.attributes ->> ${key})::numeric`),
        a.match,
        params,
      );
    return `coalesce((c.attributes -> ${key}) = to_jsonb(${params.bind(a.match.value, "boolean")}), false)`;
  },
  describe: (a) =>
    a.valueType === "text"
      ? `attribute ${a.key} ${describeText(a.match)}`
      : a.valueType === "number"
        ? `attribute ${a.key} ${describeNumber(a.match)}`
        : `attribute ${a.key} is ${a.match.value}`,
};
