import { useI18n } from "vue-i18n";
import type { ConditionNode } from "@trouw/domain";
import { useFormat } from "@/lib/format";

type Args = Record<string, unknown>;
type Comparison = { op?: string; value?: number; min?: number; max?: number };

const MONEY_AGGREGATES = ["sum", "avg", "min", "max"];

/** Whether a number of an event_aggregate is money in minor units (sum/avg/min/max). */
export const isMoneyAggregate = (aggregate: unknown) =>
  typeof aggregate === "string" && MONEY_AGGREGATES.includes(aggregate);

const str = (v: unknown) => (typeof v === "string" ? v : "");
const obj = (v: unknown): Args => (typeof v === "object" && v !== null ? (v as Args) : {});

/**
 * Conditions in words, in the interface language: for the read-only rule, versions and the
 * explanation of a membership. Unknown kinds fall back to the API's (English) description.
 */
export function useRuleText() {
  const { t, te } = useI18n();
  const format = useFormat();

  /** Money in rules is in minor units; people read it in the currency's units. */
  const money = (minor: number) => format.number(Math.round(minor) / 100);
  const num = (v: unknown, scale = 1) =>
    typeof v === "number" ? (scale === 100 ? money(v) : format.number(v)) : "?";

  function comparison(c: Comparison, scale = 1): string {
    if (c.op === "between")
      return t("segments.text.between", { min: num(c.min, scale), max: num(c.max, scale) });
    const op = str(c.op);
    return te(`segments.numberOps.${op}`)
      ? `${t(`segments.numberOps.${op}` as "segments.numberOps.eq")} ${num(c.value, scale)}`
      : "?";
  }

  const label = (group: string, key: unknown) => {
    const path = `${group.includes(".") ? "" : "segments."}${group}.${str(key)}`;
    return te(path) ? t(path as "segments.kinds.tags") : str(key);
  };

  function events(filter: Args): string {
    const types = Array.isArray(filter.types) ? (filter.types as string[]) : [];
    const parts = [
      types
        .map((type) => t(`enums.eventType.${type.toUpperCase()}` as "enums.eventType.ORDER"))
        .join(t("segments.text.eventOr")),
    ];
    if (filter.category)
      parts.push(t("segments.text.inCategory", { category: str(filter.category) }));
    if (filter.productId)
      parts.push(t("segments.text.ofProduct", { product: str(filter.productId) }));
    if (filter.discounted === true) parts.push(t("segments.text.withDiscount"));
    if (filter.discounted === false) parts.push(t("segments.text.withoutDiscount"));
    const payload = obj(filter.payload);
    if (payload.key)
      parts.push(
        t("segments.text.withDetail", { key: str(payload.key), value: str(payload.equals) }),
      );
    return parts.join(" ");
  }

  function window(w: Args): string {
    switch (w.kind) {
      case "last_days":
        return t("segments.text.inLastDays", { n: num(w.days) });
      case "between_days_ago":
        return t("segments.text.betweenDaysAgo", { min: num(w.min), max: num(w.max) });
      case "absolute":
        return t("segments.text.betweenDates", {
          from: w.from ? format.date(str(w.from)) : t("segments.text.start"),
          to: w.to ? format.date(str(w.to)) : t("segments.text.now"),
        });
      default:
        return t("segments.text.ever");
    }
  }

  function textMatch(m: Args): string {
    const op = label("textOps", m.op);
    if (m.op === "in")
      return `${op} ${(m.values as string[] | undefined)?.map((v) => `“${v}”`).join(", ") ?? ""}`;
    if (m.op === "is_set" || m.op === "is_not_set") return op;
    return `${op} “${str(m.value)}”`;
  }

  function dateMatch(m: Args): string {
    switch (m.op) {
      case "before":
      case "after":
        return `${label("dateOps", m.op)} ${format.date(str(m.date))}`;
      case "between":
        return t("segments.text.betweenDates", {
          from: format.date(str(m.from)),
          to: format.date(str(m.to)),
        });
      case "in_last_days":
        return t("segments.text.inLastDays", { n: num(m.days) });
      case "more_than_days_ago":
        return t("segments.text.moreThanDaysAgo", { n: num(m.days) });
      case "between_days_ago":
        return t("segments.text.betweenDaysAgo", { min: num(m.min), max: num(m.max) });
      case "anniversary_within_days":
        return t("segments.text.anniversaryWithin", { n: num(m.days) });
      default:
        return label("dateOps", m.op);
    }
  }

  /** One condition in words; `segmentName` names the segment of segment_member. */
  function describe(
    node: ConditionNode,
    segmentName: (id: string) => string | null = () => null,
  ): string | null {
    const a = node.args ?? {};
    switch (node.kind) {
      case "event_aggregate": {
        const aggregate = str(a.aggregate);
        const what = isMoneyAggregate(aggregate)
          ? t("segments.text.aggregateOf", {
              aggregate: label("aggregates", aggregate),
              measure: label("measures", a.measure ?? "amount"),
            })
          : label("aggregates", aggregate);
        const scale = isMoneyAggregate(aggregate) ? 100 : 1;
        return t("segments.text.eventAggregate", {
          what,
          events: events(obj(a.filter)),
          window: window(obj(a.window)),
          compare: comparison(obj(a.compare), scale),
        });
      }
      case "days_since_event":
        return t(
          a.which === "first" ? "segments.text.daysSinceFirst" : "segments.text.daysSinceLast",
          {
            events: events(obj(a.filter)),
            compare: comparison(obj(a.compare)),
          },
        );
      case "days_first_visit_to_first_order":
        return t("segments.text.firstVisitToOrder", { compare: comparison(obj(a.compare)) });
      case "text_field":
        return `${label("fields", a.field)} ${textMatch(obj(a.match))}`;
      case "enum_field": {
        const field = str(a.field);
        const values = (Array.isArray(a.values) ? (a.values as string[]) : []).map((v) =>
          field === "acquisitionSource"
            ? label("enums.source", v.toUpperCase())
            : label("enums.colour", v.toUpperCase()),
        );
        const op = label("enumOps", a.op);
        return a.op === "is_set" || a.op === "is_not_set"
          ? `${label("fields", field)} ${op}`
          : `${label("fields", field)} ${op} ${values.join(", ")}`;
      }
      case "date_field":
        return `${label("fields", a.field)} ${dateMatch(obj(a.match))}`;
      case "marketing_consent":
        return t(a.value === false ? "segments.text.noConsent" : "segments.text.consent");
      case "tags": {
        const tags = Array.isArray(a.tags) ? (a.tags as string[]).join(", ") : "";
        return a.op === "is_empty" || a.op === "is_not_empty"
          ? label("tagOps", a.op)
          : `${label("tagOps", a.op)} ${tags}`;
      }
      case "custom_attribute": {
        const m = obj(a.match);
        const what =
          a.valueType === "number"
            ? comparison(m)
            : a.valueType === "boolean"
              ? t("segments.text.isValue", { value: m.value ? t("common.yes") : t("common.no") })
              : textMatch(m);
        return t("segments.text.attribute", { key: str(a.key), what });
      }
      case "segment_member":
        return t("segments.text.memberOf", {
          segment: segmentName(str(a.segmentId)) ?? str(a.segmentId),
        });
      default:
        return null;
    }
  }

  /** What a condition saw for one customer, for the explanation. */
  function seen(node: ConditionNode | null, value: unknown): string {
    if (value === null || value === undefined) return t("segments.explain.noData");
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    if (Array.isArray(value))
      return value.length ? value.join(", ") : t("segments.explain.emptyList");
    if (typeof value === "number") {
      const a = node?.args ?? {};
      if (node?.kind === "event_aggregate" && isMoneyAggregate(a.aggregate)) return money(value);
      if (node?.kind === "event_aggregate" && a.aggregate === "share_discounted")
        return `${format.number(Math.round(value * 10) / 10)}%`;
      return format.number(value);
    }
    if (node?.kind === "date_field" && !Number.isNaN(Date.parse(value as string)))
      return format.date(value as string);
    return String(value);
  }

  return { describe, seen, comparison };
}
