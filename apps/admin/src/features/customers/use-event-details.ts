import { useI18n } from "vue-i18n";
import type { RouteLocationRaw } from "vue-router";
import { SUBSCRIPTION_CHANGES } from "@trouw/domain";
import { isOneOf, SUPPORT_CONTACT_KIND_VALUES, SUPPORT_CONTACT_STATUS_VALUES } from "@/lib/enums";
import { useFormat } from "@/lib/format";
import type { TimelineEvent } from "./use-customer-timeline";

/** One readable fact about an event; `to` makes it a link. */
export interface EventDetail {
  text: string;
  to?: RouteLocationRaw;
  strong?: boolean;
}

const SUBSCRIPTION_CHANGE_VALUES = SUBSCRIPTION_CHANGES.map(
  (c) => c.toUpperCase() as Uppercase<typeof c>,
);

const str = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value : null;
const obj = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/**
 * The facts worth showing for each kind of event, from its typed fields and its payload.
 * Only known payload fields are shown: ids and raw minor amounts are noise to a reader.
 */
export function useEventDetails() {
  const { t } = useI18n();
  const format = useFormat();

  function status(value: unknown): string | null {
    const upper = str(value)?.toUpperCase();
    return isOneOf(SUPPORT_CONTACT_STATUS_VALUES, upper) ? t(`enums.contactStatus.${upper}`) : null;
  }

  return function details(event: TimelineEvent): EventDetail[] {
    const p = obj(event.payload);
    const out: EventDetail[] = [];
    const add = (
      text: string | null | false | undefined,
      extra: Omit<EventDetail, "text"> = {},
    ) => {
      if (text) out.push({ text, ...extra });
    };

    if (event.amount) add(format.money(event.amount), { strong: true });
    if (event.discount && event.discount.amountMinor > 0) {
      add(t("customer.timeline.discount", { amount: format.money(event.discount) }));
    }
    if (event.orderId) add(t("customer.timeline.orderId", { id: event.orderId }));

    switch (event.type) {
      case "ORDER":
        if (typeof p.itemCount === "number")
          add(t("customer.timeline.items", { n: p.itemCount }, p.itemCount));
        add(str(p.channel) && t("customer.timeline.channel", { channel: str(p.channel) }));
        break;
      case "REFUND":
        if (typeof p.full === "boolean")
          add(p.full ? t("customer.timeline.fullRefund") : t("customer.timeline.partialRefund"));
        add(str(p.reason) && t("customer.timeline.reason", { reason: str(p.reason) }));
        break;
      case "VISIT":
      case "PAGE_VIEW":
      case "PRODUCT_VIEW":
        add(str(p.url));
        add(str(p.productId) && t("customer.timeline.product", { id: str(p.productId) }));
        add(str(p.pageType) && t("customer.timeline.pageType", { type: str(p.pageType) }));
        break;
      case "SUPPORT_CONTACT": {
        add(str(p.subject), { strong: true });
        const kind = str(p.kind)?.toUpperCase();
        if (isOneOf(SUPPORT_CONTACT_KIND_VALUES, kind)) add(t(`enums.contactKind.${kind}`));
        add(status(p.status) && t("customer.timeline.status", { status: status(p.status) }));
        break;
      }
      case "SUPPORT_CONTACT_UPDATED": {
        const before = status(obj(p.before).status);
        const after = status(obj(p.after).status);
        if (before && after && before !== after)
          add(t("customer.timeline.statusChange", { from: before, to: after }));
        else add(after && t("customer.timeline.status", { status: after }));
        add(
          str(obj(p.after).resolution) &&
            t("customer.timeline.resolution", { text: str(obj(p.after).resolution) }),
        );
        break;
      }
      case "REFERRAL": {
        const referred = str(p.referredCustomerId);
        if (referred)
          add(t("customer.timeline.referred"), {
            to: { name: "customer", params: { id: referred } },
          });
        const referrer = str(p.referrerCustomerId);
        if (referrer)
          add(t("customer.timeline.referredBy"), {
            to: { name: "customer", params: { id: referrer } },
          });
        break;
      }
      case "SUBSCRIPTION": {
        add(str(p.plan) && t("customer.timeline.plan", { plan: str(p.plan) }));
        const change = str(p.change)?.toUpperCase();
        if (isOneOf(SUBSCRIPTION_CHANGE_VALUES, change))
          add(t(`enums.subscriptionChange.${change}`));
        break;
      }
    }
    if (event.category) add(t("customer.timeline.categoryValue", { category: event.category }));
    return out;
  };
}
