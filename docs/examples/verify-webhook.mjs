import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

/** rawBody: the request body exactly as received (a string or Buffer, not re-serialised JSON). */
export function verifyTrouwSignature(secret, header, rawBody, toleranceSeconds = 300) {
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest();
  return parts
    .filter(([k, v]) => k === "v1" && /^[0-9a-f]{64}$/.test(v ?? ""))
    .some(([, v]) => timingSafeEqual(Buffer.from(v, "hex"), expected));
}

/** A receiver: verify, dedupe by Trouw-Event-Id, answer 2xx quickly. */
export function webhookReceiver(secret, handle) {
  const seen = new Set(); // use your database in production
  return createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      if (!verifyTrouwSignature(secret, String(req.headers["trouw-signature"] ?? ""), raw)) {
        res.writeHead(401).end();
        return;
      }
      const eventId = String(req.headers["trouw-event-id"]);
      if (!seen.has(eventId)) {
        seen.add(eventId);
        handle(JSON.parse(raw));
      }
      res.writeHead(204).end();
    });
  });
}
