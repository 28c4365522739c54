import type { Component } from "vue";
import {
  ArrowUndoOutline,
  CartOutline,
  ChatbubbleEllipsesOutline,
  ChatbubblesOutline,
  DocumentTextOutline,
  EnterOutline,
  EyeOutline,
  PeopleOutline,
  RepeatOutline,
} from "@vicons/ionicons5";
import type { EventType } from "@/graphql/generated/graphql";

export const EVENT_ICONS: Record<EventType, Component> = {
  ORDER: CartOutline,
  REFUND: ArrowUndoOutline,
  VISIT: EnterOutline,
  PAGE_VIEW: DocumentTextOutline,
  PRODUCT_VIEW: EyeOutline,
  SUPPORT_CONTACT: ChatbubblesOutline,
  SUPPORT_CONTACT_UPDATED: ChatbubbleEllipsesOutline,
  REFERRAL: PeopleOutline,
  SUBSCRIPTION: RepeatOutline,
};

/** Timeline dot colours: money in green, money back in orange, service in blue. */
export const EVENT_TONE: Record<EventType, "default" | "success" | "info" | "warning" | "error"> = {
  ORDER: "success",
  REFUND: "warning",
  VISIT: "default",
  PAGE_VIEW: "default",
  PRODUCT_VIEW: "default",
  SUPPORT_CONTACT: "info",
  SUPPORT_CONTACT_UPDATED: "info",
  REFERRAL: "success",
  SUBSCRIPTION: "info",
};
