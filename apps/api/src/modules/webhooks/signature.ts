import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The header a receiver verifies: `t=<unix seconds>,v1=<hex HMAC-SHA256>` (one v1 per secret). */
export const SIGNATURE_HEADER = "Trouw-Signature";

/** A new signing secret: `whsec_` and 192 random bits. The HMAC key is the whole string. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

/** What an admin sees of a secret after it was issued: enough to tell two apart. */
export function secretPreview(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}

/** Hex HMAC-SHA256 of `<t>.<body>`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * The `Trouw-Signature` value for a body sent at `at`. During a secret rotation's grace period
 * both the new and the previous secret sign, so receivers can switch over without a gap.
 */
export function signatureHeader(secrets: string[], at: Date, body: string): string {
  const t = Math.floor(at.getTime() / 1000);
  return [`t=${t}`, ...secrets.map((s) => `v1=${signatureOf(s, t, body)}`)].join(",");
}

/**
 * What a receiver does (the README shows the same in plain Node): recompute the HMAC with its
 * secret and compare in constant time, refusing timestamps further than `toleranceSeconds`
 * from its own clock so a captured request cannot be replayed later.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, t, body), "hex");
  return parts
    .filter(([k, v]) => k === "v1" && v !== undefined && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v!, "hex"), expected));
}
