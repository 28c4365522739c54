import { describe, expect, it } from "vitest";
import {
  endpointDraftProblems,
  newEndpointDraft,
  toEndpointInput,
  topicName,
  topicsOf,
  WEBHOOK_TOPIC_VALUES,
} from "./webhook-form";

describe("webhook endpoint form", () => {
  it("asks for an https URL (plain http only to this machine) and at least one topic", () => {
    const draft = newEndpointDraft();
    expect(endpointDraftProblems(draft)).toEqual({ url: "required", topics: "topics" });
    const at = (url: string) =>
      endpointDraftProblems({ ...draft, url, topics: ["CUSTOMER_CREATED"] }).url;
    expect(at("https://crm.example.com/hooks")).toBeUndefined();
    expect(at("http://localhost:3000/hooks")).toBeUndefined();
    expect(at("http://127.0.0.1:8080")).toBeUndefined();
    expect(at("http://crm.example.com/hooks")).toBe("https");
    expect(at("crm.example.com")).toBe("url");
  });

  it("sends topics in checklist order and drops the segment filter without segment topics", () => {
    const draft = {
      ...newEndpointDraft(),
      url: " https://crm.example.com/hooks ",
      topics: ["SURVEY_ANSWERED" as const, "CUSTOMER_CREATED" as const],
      segmentIds: ["s1"],
    };
    expect(toEndpointInput(draft)).toEqual({
      url: "https://crm.example.com/hooks",
      description: "",
      topics: ["CUSTOMER_CREATED", "SURVEY_ANSWERED"],
      segmentIds: [],
      active: true,
    });
    expect(toEndpointInput({ ...draft, topics: ["SEGMENT_LEFT"] }).segmentIds).toEqual(["s1"]);
  });

  it("names topics as receivers see them and groups every one", () => {
    expect(topicName("CUSTOMER_CREATED")).toBe("customer.created");
    expect(topicName("LOYALTY_TIER_CHANGED")).toBe("loyalty.tier_changed");
    expect(topicName("LOYALTY_POINTS_EXPIRING")).toBe("loyalty.points_expiring");
    const grouped = ["customers", "segments", "surveys", "loyalty"].flatMap((g) =>
      topicsOf(g as "customers"),
    );
    expect(grouped.sort()).toEqual([...WEBHOOK_TOPIC_VALUES].sort());
  });
});
