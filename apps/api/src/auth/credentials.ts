import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A session token for the cookie; only its keyed hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sessionTokenHash(token: string, secret: string): string {
  return createHmac("sha256", secret).update(token).digest("hex");
}

/**
 * API keys look like `trw_<prefix>_<secret>`. The prefix finds the row; the secret is
 * 256 random bits, so a fast SHA-256 is enough (argon2 on every request would not be).
 */
export function newApiKey(): { prefix: string; secret: string; full: string } {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { prefix, secret, full: `trw_${prefix}_${secret}` };
}

export function parseApiKey(full: string): { prefix: string; secret: string } | null {
  const m = /^trw_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(full);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

export function apiKeySecretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
