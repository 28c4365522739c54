import type { AcquisitionSource, LifecycleTypeKey, PersonalityColour } from "@trouw/domain";
import type { Random } from "./random";
import { DAY } from "./timeline";
import type { DemoCustomer, JsonObject } from "./types";
import {
  COMPETITORS,
  DUTCH_FIRST_NAMES,
  DUTCH_LAST_NAMES,
  DUTCH_STORES,
  EMAIL_DOMAINS,
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  ENGLISH_STORES,
} from "./vocabulary";

const SOURCES: readonly (readonly [AcquisitionSource, number])[] = [
  ["direct", 22],
  ["organic_search", 22],
  ["paid_search", 12],
  ["social", 14],
  ["email", 6],
  ["campaign", 7],
  ["marketplace", 5],
  ["in_store", 10],
  ["other", 2],
];

const COLOURS: readonly (readonly [PersonalityColour, number])[] = [
  ["blue", 30],
  ["yellow", 25],
  ["green", 25],
  ["red", 20],
];

const LOYAL_TYPES: readonly LifecycleTypeKey[] = ["loyal", "advocates", "lifetime"];

export interface ProfileInput {
  id: string;
  /** 1-based position in the data set; makes external ids and emails unique. */
  number: number;
  archetype: LifecycleTypeKey;
  signup: number;
  now: number;
  referredByCustomerId: string | null;
}

/** Lower-case ASCII letters only, so the numeric suffix of an email stays unambiguous. */
function slug(s: string): string {
  return s
    .normalize("NFD")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Everything about a customer except their events: identity, contact details, consent, tags. */
export function makeCustomer(rng: Random, p: ProfileInput): DemoCustomer {
  const dutch = rng.chance(0.6);
  // Mixed names are common in the Netherlands, so first and last name lists are drawn apart.
  const first = rng.pick(rng.chance(0.85) === dutch ? DUTCH_FIRST_NAMES : ENGLISH_FIRST_NAMES);
  const last = rng.pick(dutch ? DUTCH_LAST_NAMES : ENGLISH_LAST_NAMES);
  const locale = dutch ? (rng.chance(0.85) ? "nl" : "en") : rng.chance(0.95) ? "en" : "nl";
  const source: AcquisitionSource = p.referredByCustomerId
    ? "referral"
    : p.archetype === "switchers"
      ? "competitor_switch"
      : rng.weighted(SOURCES);

  const email =
    source === "in_store" && rng.chance(0.3)
      ? null
      : `${slug(first)}.${slug(last)}${p.number}@${rng.pick(EMAIL_DOMAINS)}`;
  const phone = !rng.chance(0.75)
    ? null
    : locale === "nl"
      ? `+316${rng.int(10_000_000, 99_999_999)}`
      : `+447700900${String(rng.int(0, 999)).padStart(3, "0")}`; // Ofcom's range reserved for fiction
  const age = rng.chance(0.7)
    ? rng.weighted([
        [rng.int(18, 25), 20],
        [rng.int(26, 45), 45],
        [rng.int(46, 80), 35],
      ] as const)
    : null;
  const birthDate =
    age === null ? null : isoDate(p.now - age * 365.25 * DAY - rng.between(0, 365 * DAY));

  const consentRate = p.archetype === "discount" || p.archetype === "lookers" ? 0.75 : 0.55;
  const marketingConsent = email !== null && rng.chance(consentRate);
  const marketingConsentAt = !marketingConsent
    ? null
    : rng.chance(0.75)
      ? p.signup
      : rng.between(p.signup, p.now);

  const attributes: JsonObject = {};
  if (rng.chance(0.6))
    attributes.preferredStore = rng.pick(locale === "nl" ? DUTCH_STORES : ENGLISH_STORES);
  if (rng.chance(0.5)) attributes.shoeSize = rng.int(36, 47);
  if (rng.chance(0.3)) attributes.clubCard = `TC-${rng.int(100_000, 999_999)}`;
  if (p.archetype === "switchers") attributes.currentProvider = rng.pick(COMPETITORS);

  const tags: string[] = [];
  if (rng.chance(LOYAL_TYPES.includes(p.archetype) ? 0.5 : 0.01)) tags.push("vip");
  if (marketingConsent && rng.chance(0.7)) tags.push("newsletter");
  if (rng.chance(0.03)) {
    tags.push("b2b");
    if (rng.chance(0.4)) tags.push("wholesale");
    attributes.company = `${last} ${locale === "nl" ? "B.V." : "Ltd"}`;
  }
  if (age !== null && age < 26 && rng.chance(0.4)) tags.push("student");

  const signedUpAt = new Date(p.signup);
  return {
    id: p.id,
    externalId: `CUST-${String(p.number).padStart(7, "0")}`,
    email,
    name: `${first} ${last}`,
    phone,
    locale,
    birthDate,
    signedUpAt,
    acquisitionSource: source,
    marketingConsent,
    marketingConsentAt: marketingConsentAt === null ? null : new Date(marketingConsentAt),
    tags,
    attributes,
    personalityColour: rng.chance(0.6) ? rng.weighted(COLOURS) : null,
    referredByCustomerId: p.referredByCustomerId,
    createdAt: signedUpAt,
    updatedAt: new Date(Math.max(p.signup, marketingConsentAt ?? 0)),
    archetype: p.archetype,
  };
}
