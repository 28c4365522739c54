import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { verifySignature } from "../modules/webhooks/signature";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; topic: string; createdAt: string; data: Record<string, unknown> };
  /** Whether Trouw-Signature checked out against the receiver's secret at that moment. */
  verified: boolean;
  /** The status the receiver answered with; null while it holds the request open. */
  answered: number | null;
}

/** A status to answer with, or "hang": hold the request open until `release()` or close. */
export type Reply = number | "hang";

/**
 * A local webhook receiver on 127.0.0.1 for tests: it records every request, verifies its
 * signature with the shared secret, and answers with scripted replies (then the default).
 */
export async function startWebhookReceiver(opts: { now: () => Date }) {
  const received: ReceivedWebhook[] = [];
  const script: Reply[] = [];
  let fallback: Reply = 200;
  let secret = "";
  const held: { res: ServerResponse; request: ReceivedWebhook }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const request: ReceivedWebhook = {
        headers: req.headers,
        body,
        event: JSON.parse(body) as ReceivedWebhook["event"],
        verified: verifySignature(
          secret,
          String(req.headers["trouw-signature"] ?? ""),
          body,
          opts.now(),
        ),
        answered: null,
      };
      received.push(request);
      const reply = script.shift() ?? fallback;
      if (reply === "hang") held.push({ res, request });
      else {
        request.answered = reply;
        res.writeHead(reply, { "content-type": "text/plain" }).end(reply >= 300 ? "nope" : "ok");
      }
      for (const w of [...waiters])
        if (received.length >= w.count) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The secret signatures are checked against (set it once the endpoint is created). */
    useSecret(value: string) {
      secret = value;
    },
    /** Answers the next requests with these replies, in order; then with the default. */
    reply(...replies: Reply[]) {
      script.push(...replies);
    },
    /** The answer once the scripted replies are used up. */
    replyByDefault(reply: Reply) {
      fallback = reply;
    },
    /** Resolves once `count` requests have arrived in all (no sleeping). */
    waitFor(count: number): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    /** Answers every held request now. */
    release(status = 200) {
      for (const h of held.splice(0)) {
        h.request.answered = status;
        h.res.writeHead(status).end();
      }
    },
    /** Event ids that got a 2xx answer, with how often. */
    acceptedIds(): Map<string, number> {
      const ids = new Map<string, number>();
      for (const r of received)
        if (r.answered !== null && r.answered < 300)
          ids.set(r.event.id, (ids.get(r.event.id) ?? 0) + 1);
      return ids;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
