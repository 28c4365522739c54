import { describe, expect, it } from "vitest";
import en from "./en";
import nl from "./nl";
import { PROGRAM_TYPES, QUESTION_TYPES } from "@trouw/domain";
import {
  ACQUISITION_SOURCE_VALUES,
  CAMPAIGN_STACKING_VALUES,
  EVENT_TYPE_VALUES,
  LEDGER_KIND_VALUES,
  LOYALTY_UNIT_VALUES,
  PERSONALITY_COLOUR_VALUES,
  PROGRAM_STATUS_VALUES,
  REWARD_KIND_VALUES,
  SUPPORT_CONTACT_KIND_VALUES,
  SUPPORT_CONTACT_STATUS_VALUES,
  SURVEY_STATUS_VALUES,
} from "@/lib/enums";
import { UNAVAILABLE_REASONS } from "@/features/surveys/hosted/use-hosted-survey";
import { PERIODS } from "@/features/surveys/results/use-survey-results";
import { GRANULARITIES, RANGES } from "@/features/dashboard/dashboard-filters";

function leaves(messages: object, prefix = ""): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && value !== null) {
      for (const [k, v] of leaves(value, path)) result.set(k, v);
    } else {
      result.set(path, value);
    }
  }
  return result;
}

describe("translations", () => {
  const english = leaves(en);
  const dutch = leaves(nl);

  it("gives English and Dutch exactly the same keys", () => {
    expect([...dutch.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("leaves no message empty in either language", () => {
    for (const [key, value] of [...english, ...dutch]) {
      expect(typeof value, key).toBe("string");
      expect((value as string).trim(), key).not.toBe("");
    }
  });

  it("keeps the same placeholders in both languages", () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of english) {
      expect(placeholders(dutch.get(key)), key).toEqual(placeholders(value));
    }
  });

  it("labels every value of the API's enums", () => {
    const groups: [string, readonly string[]][] = [
      ["enums.source", ACQUISITION_SOURCE_VALUES],
      ["enums.colour", PERSONALITY_COLOUR_VALUES],
      ["enums.eventType", EVENT_TYPE_VALUES],
      ["enums.contactKind", SUPPORT_CONTACT_KIND_VALUES],
      ["enums.contactStatus", SUPPORT_CONTACT_STATUS_VALUES],
      ["enums.programStatus", PROGRAM_STATUS_VALUES],
      ["enums.rewardKind", REWARD_KIND_VALUES],
      ["enums.ledgerKind", LEDGER_KIND_VALUES],
      ["enums.campaignStacking", CAMPAIGN_STACKING_VALUES],
      ["programs.units", LOYALTY_UNIT_VALUES],
      ["programs.unitNames", LOYALTY_UNIT_VALUES],
      ["programs.types", PROGRAM_TYPES.map((type) => `${type}.name`)],
      ["enums.surveyStatus", SURVEY_STATUS_VALUES],
      ["surveys.questionTypes", QUESTION_TYPES.map((type) => `${type}.hint`)],
      ["surveys.hosted.unavailable", UNAVAILABLE_REASONS.map((reason) => `${reason}.title`)],
      ["surveys.results.periods", PERIODS],
      ["dashboard.granularities", GRANULARITIES],
      ["dashboard.ranges", RANGES],
    ];
    for (const [group, values] of groups) {
      for (const value of values)
        expect(english.has(`${group}.${value}`), `${group}.${value}`).toBe(true);
    }
  });
});
