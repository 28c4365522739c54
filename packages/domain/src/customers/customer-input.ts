import type { InputProblem } from "../events/event-types";
import { ACQUISITION_SOURCES } from "./acquisition";
import { PERSONALITY_COLOURS } from "./personality";

/** The customer fields an integrator or admin may set. Absent means "leave as is". */
export interface CustomerFields {
  externalId?: string;
  email?: string | null;
  name?: string | null;
  phone?: string | null;
  locale?: string;
  birthDate?: string | null;
  signedUpAt?: Date;
  acquisitionSource?: string;
  tags?: string[];
  attributes?: Record<string, unknown>;
  personalityColour?: string | null;
}

// Pragmatic address check (RFC 5322 in full accepts things no shop can deliver to).
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const LOCALE = /^[a-z]{2,3}(-[A-Z]{2})?$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const TAG = /^[\p{L}\p{N}_:-][\p{L}\p{N} _:-]{0,39}$/u;
const MAX_ATTRIBUTES_BYTES = 16_384;

export function validateCustomerFields(f: CustomerFields, now: Date): InputProblem[] {
  const problems: InputProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  if (f.externalId !== undefined && (f.externalId.trim() === "" || f.externalId.length > 128))
    bad("externalId", "must be 1 to 128 characters");
  if (f.email != null && (!EMAIL.test(f.email) || f.email.length > 254))
    bad("email", "is not a valid email address");
  if (f.name != null && f.name.length > 200) bad("name", "must be at most 200 characters");
  if (f.phone != null && !PHONE.test(f.phone)) bad("phone", "is not a valid phone number");
  if (f.locale !== undefined && !LOCALE.test(f.locale))
    bad("locale", "must be a language tag such as en or nl-BE");
  if (f.birthDate != null) {
    const d = new Date(`${f.birthDate}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d > now || d.getUTCFullYear() < 1900)
      bad("birthDate", "must be a real date in the past");
  }
  if (f.signedUpAt !== undefined && f.signedUpAt.getTime() > now.getTime() + 5 * 60_000)
    bad("signedUpAt", "cannot be in the future");
  if (
    f.acquisitionSource !== undefined &&
    !(ACQUISITION_SOURCES as readonly string[]).includes(f.acquisitionSource)
  )
    bad("acquisitionSource", "is not a known acquisition source");
  if (
    f.personalityColour != null &&
    !(PERSONALITY_COLOURS as readonly string[]).includes(f.personalityColour)
  )
    bad("personalityColour", "must be red, blue, yellow or green");
  if (f.tags !== undefined) {
    if (f.tags.length > 50) bad("tags", "at most 50 tags");
    f.tags.forEach((t, i) => {
      if (!TAG.test(t)) bad(`tags[${i}]`, "must be 1 to 40 letters, digits, spaces, _ : or -");
    });
  }
  if (f.attributes !== undefined && JSON.stringify(f.attributes).length > MAX_ATTRIBUTES_BYTES)
    bad("attributes", `must be at most ${MAX_ATTRIBUTES_BYTES} bytes of JSON`);
  return problems;
}

/** Tags are compared case-insensitively and stored once, trimmed and lower-cased. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
}
