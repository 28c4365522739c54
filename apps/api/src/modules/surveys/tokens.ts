import { createHash, randomBytes } from "node:crypto";

/*
 * Invitation tokens: 32 random bytes (256 bits) as base64url, so guessing one is hopeless
 * even at millions of tries per second. Only their SHA-256 is stored: a leaked database
 * holds no usable link. A fast hash is enough because the token itself has full entropy.
 */

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, hash: hashInvitationToken(token) };
}

export const hashInvitationToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");

/** Whether a string could be a token at all: anything else is unknown without a lookup. */
export const isTokenShaped = (token: string): boolean => TOKEN_PATTERN.test(token);

/** The hosted survey page of a token under `base` (an origin, maybe with a path prefix). */
export function invitationLink(base: string, token: string): string {
  return `${base.replace(/\/+$/, "")}/s/${token}`;
}
