import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openSession, SHOTS, type Session } from "./session";

/** Waits until no finite animation (a drawer sliding, a dialog opening) is running. */
const settled = (page: Page) =>
  page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
  );

/** A local receiver that records what it gets, answering 200. */
async function startReceiver() {
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trouw`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let s: Session;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  s = await openSession(50);
  receiver = await startReceiver();
});
afterAll(async () => {
  await s?.close();
  await receiver?.close();
});

describe("webhooks in Chromium", () => {
  it("registers an endpoint, shows its secret once, sends a signed test event and lists the delivery", async () => {
    const page = s.page;
    await s.signIn();
    await page.goto(`${s.base}/webhooks`);
    await page.locator('[data-test="new-endpoint"]').click();
    await page.locator('[data-test="endpoint-url"] input').fill(receiver.url);
    await page.locator('[data-test="endpoint-description"] input').fill("Local receiver");
    await page.locator('[data-test="topic-CUSTOMER_CREATED"]').click();
    await page.locator('[data-test="topic-LOYALTY_TIER_CHANGED"]').click();
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "webhook-endpoint-form.png") });
    await page.locator('[data-test="endpoint-save"]').click();

    const secretField = page.locator('[data-test="secret-value"] input');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "webhook-secret.png") });
    await page
      .locator('[data-test="secret-dialog"] button', { hasText: "I have stored it" })
      .click();

    const row = page.locator('[data-test="endpoint-row"]');
    await expect.poll(() => row.textContent()).toContain(receiver.url);
    expect(await row.textContent()).toContain(`whsec_…${secret.slice(-4)}`);

    await row.locator('[data-test="endpoint-test"]').click();
    await expect
      .poll(() => page.locator('[data-test="notice"]').textContent())
      .toContain("Test event delivered");
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    const header = String(got!.headers["trouw-signature"]);
    const t = /t=(\d+)/.exec(header)![1];
    const mac = createHmac("sha256", secret).update(`${t}.${got!.body}`).digest("hex");
    expect(header).toBe(`t=${t},v1=${mac}`);

    await row.locator('[data-test="endpoint-log"]').click();
    const delivery = page.locator('[data-test="delivery-row"]');
    await expect.poll(() => delivery.getAttribute("data-status")).toBe("DELIVERED");
    expect(await delivery.textContent()).toContain("webhook.test");
    expect(await delivery.textContent()).toContain("200");
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "webhook-deliveries.png") });
    await page.locator('[data-test="delivery-log"] .n-base-close').click();
    await page.locator('[data-test="delivery-log"]').waitFor({ state: "detached" });
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "webhooks.png") });
    expect(s.problems).toEqual([]);
  });
});
