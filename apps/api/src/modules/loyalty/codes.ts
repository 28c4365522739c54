import { randomBytes } from "node:crypto";

/** Crockford-style alphabet: no I, L, O or U, so codes survive being read aloud or typed. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A redemption code such as `TRW-7KQ2-M9XD-3FZA`: 60 random bits, unique by constraint. */
export function redemptionCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join("");
  return `TRW-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
