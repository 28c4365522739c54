import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPostgres, gql, loginCookie, startApi } from "@trouw/test-support/api-process";

type Api = Awaited<ReturnType<typeof startApi>>;
const ADMIN = { FIRST_ADMIN_EMAIL: "owner@shop.test", FIRST_ADMIN_PASSWORD: "open sesame" };
const CUSTOMERS = 5;

/**
 * A receiver that checks every signature with the shared secret. While `hang` is set it holds
 * requests open, as a slow integrator would, so the API has deliveries in flight to be killed with.
 */
async function startReceiver() {
  const accepted = new Map<string, number>();
  const state = { secret: "", hang: true, badSignatures: 0, requests: 0 };
  const sockets = new Set<Socket>();
  const listeners = new Set<() => void>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      state.requests += 1;
      const header = String(req.headers["trouw-signature"] ?? "");
      const t = /t=(\d+)/.exec(header)?.[1];
      const mac = createHmac("sha256", state.secret).update(`${t}.${body}`).digest("hex");
      if (!header.split(",").includes(`v1=${mac}`)) state.badSignatures += 1;
      if (!state.hang) {
        const event = JSON.parse(body) as { data: { customerId: string } };
        accepted.set(event.data.customerId, (accepted.get(event.data.customerId) ?? 0) + 1);
        res.writeHead(200).end("ok");
      }
      for (const l of listeners) l();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    state,
    accepted,
    /** Resolves when `done()` holds after some request; rejects after `ms` (a deadline, not a wait). */
    until(done: () => boolean, ms: number): Promise<void> {
      if (done()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`receiver: condition not met in ${ms} ms`));
        }, ms);
        const check = () => {
          if (!done()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
      });
    },
    /** Drops held connections (the API that held them is gone). */
    dropHeld() {
      for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe("webhooks across an API crash", () => {
  let db: Awaited<ReturnType<typeof freshPostgres>>;
  let api: Api | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await freshPostgres();
    receiver = await startReceiver();
    env = {
      ...ADMIN,
      DATA_DIR: mkdtempSync(join(tmpdir(), "trouw-webhooks-")),
      ...(db ? { DATABASE_URL: db.url } : {}),
      // Short attempts and retries, so the lease of a lost attempt (2 x timeout + 5 s) runs out soon.
      WEBHOOK_TIMEOUT_MS: "1500",
      WEBHOOK_RETRY_BASE_MS: "500",
      JOBS_POLL_MS: "100",
      LOG_LEVEL: "warn",
    };
    api = await startApi({ env });
  });
  afterAll(async () => {
    await api?.stop("SIGKILL");
    receiver?.dropHeld();
    await receiver?.close();
    await db?.drop();
  });

  it("delivers every event after the API is SIGKILLed mid-delivery and restarted", async () => {
    const cookie = await loginCookie(
      api!.base,
      ADMIN.FIRST_ADMIN_EMAIL,
      ADMIN.FIRST_ADMIN_PASSWORD,
    );
    const created = await gql(
      api!.base,
      `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id } } }`,
      { i: { url: receiver.url, topics: ["CUSTOMER_CREATED"] } },
      { cookie },
    );
    expect(created.body.errors).toBeUndefined();
    receiver.state.secret = created.body.data.createWebhookEndpoint.secret as string;
    const endpointId = created.body.data.createWebhookEndpoint.endpoint.id as string;

    const customerIds: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const res = await gql(
        api!.base,
        `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
        { i: { externalId: `crash-${i}` } },
        { cookie },
      );
      expect(res.body.errors).toBeUndefined();
      customerIds.push(res.body.data.createCustomer.id as string);
    }

    // The background worker picks the events up and POSTs; kill the API with requests in flight.
    await receiver.until(() => receiver.state.requests >= 1, 60_000);
    const { signal } = await api!.stop("SIGKILL");
    expect(signal).toBe("SIGKILL");
    receiver.dropHeld();
    expect(receiver.accepted.size).toBe(0);

    receiver.state.hang = false;
    api = await startApi({ env });
    await receiver.until(() => customerIds.every((id) => receiver.accepted.has(id)), 90_000);
    expect([...receiver.accepted.keys()].sort()).toEqual([...customerIds].sort());
    expect(receiver.state.badSignatures).toBe(0);

    const again = await loginCookie(api.base, ADMIN.FIRST_ADMIN_EMAIL, ADMIN.FIRST_ADMIN_PASSWORD);
    const log = await gql(
      api.base,
      `query($e: ID!) { webhookDeliveries(endpointId: $e, first: 50) { totalCount edges { node { status } } } }`,
      { e: endpointId },
      { cookie: again },
    );
    expect(log.body.data.webhookDeliveries.totalCount).toBe(CUSTOMERS);
  });
});
