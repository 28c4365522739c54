import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newSigningSecret, signatureHeader, verifySignature } from "./signature";

const at = new Date("2026-06-15T10:00:00.000Z");
const body = JSON.stringify({ id: "1", topic: "customer.created", data: {} });

describe("webhook signatures", () => {
  it("signs `<t>.<body>` with HMAC-SHA256 of the secret, as the README tells receivers", () => {
    const secret = newSigningSecret();
    const t = at.getTime() / 1000;
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signatureHeader([secret], at, body)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies with any of the secrets that signed, within the timestamp tolerance", () => {
    const [a, b] = [newSigningSecret(), newSigningSecret()];
    const header = signatureHeader([a, b], at, body);
    expect(verifySignature(a, header, body, at)).toBe(true);
    expect(verifySignature(b, header, body, new Date(at.getTime() + 299_000))).toBe(true);
    expect(verifySignature(a, header, body, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifySignature(newSigningSecret(), header, body, at)).toBe(false);
    expect(verifySignature(a, header, `${body} `, at)).toBe(false);
    expect(verifySignature(a, "garbage", body, at)).toBe(false);
    expect(verifySignature(a, `t=${at.getTime() / 1000},v1=zz`, body, at)).toBe(false);
  });

  it("issues distinct secrets of 192 random bits", () => {
    const secrets = new Set(Array.from({ length: 50 }, newSigningSecret));
    expect(secrets.size).toBe(50);
    for (const s of secrets) expect(s).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  });
});
