import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession, SHOTS, type Session } from "./session";

let s: Session;
beforeAll(async () => {
  s = await openSession(200);
});
afterAll(async () => {
  await s?.close();
});

type Account = { program: { id: string }; tier: { name: string; qualifyingValue: number } | null };

async function tierOf(customerId: string, programId: string) {
  const data = await s.api<{ loyaltyStatus: Account[] }>(
    `query($id: ID!) { loyaltyStatus(customerId: $id) { program { id } tier { name qualifyingValue } } }`,
    { id: customerId },
  );
  return data.loyaltyStatus.find((a) => a.program.id === programId)?.tier ?? null;
}

describe("loyalty programs in Chromium", () => {
  it("creates a tiered program, activates it, and shows a demo customer's tier after an order", async () => {
    const page = s.page;
    const name = `Browser club ${Date.now()}`;
    await s.signIn();

    // The program: Bronze 0 / Silver 100 / Gold 1000 on points earned over a rolling 12 months.
    await page.goto(`${s.base}/programs`);
    await page.locator('[data-test="new-program"]').click();
    await page.locator('[data-test="type-option"][data-type="tiered"]').click();
    await page.locator("#pf-name").fill(name);
    const tiers = page.locator('[data-test="tier"]');
    await expect.poll(() => tiers.count(), { timeout: 15_000 }).toBe(2);
    await tiers.nth(1).locator('[data-test="tier-threshold"] input').fill("100");
    await page.locator('[data-test="add-tier"]').click();
    await tiers.nth(2).locator('[data-test="tier-name"] input').fill("Gold");
    await tiers.nth(2).locator('[data-test="tier-threshold"] input').fill("1000");
    await tiers.nth(2).locator('[data-test="tier-multiplier"] input').fill("2");
    expect(await page.locator('[data-test="window-months"] input').inputValue()).toBe("12");
    // The live simulator answers for the draft before anything is saved.
    await expect
      .poll(() => page.locator('[data-test="simulation-earned"]').textContent(), {
        timeout: 15_000,
      })
      .toMatch(/\d+ points/);
    await page.locator('[data-test="save-program"]').click();
    await page.waitForURL(/\/programs\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const programId = new URL(page.url()).pathname.split("/").pop()!;

    const saved = await s.api<{
      loyaltyProgram: { status: string; config: { tiers: { code: string; threshold: number }[] } };
    }>(`query($id: ID!) { loyaltyProgram(id: $id) { status config } }`, { id: programId });
    expect(saved.loyaltyProgram.status).toBe("DRAFT");
    expect(saved.loyaltyProgram.config.tiers.map((t) => [t.code, t.threshold])).toEqual([
      ["bronze", 0],
      ["silver", 100],
      ["gold", 1000],
    ]);

    await page.locator('[data-test="status-activate"]').click();
    await expect
      .poll(() => page.locator('[data-test="program-status"]').textContent(), { timeout: 15_000 })
      .toBe("Active");
    await page.screenshot({ path: join(SHOTS, "loyalty-program.png"), fullPage: true });

    // A demo customer orders for €150: 150 points earned, so Silver in the new program.
    const found = await s.api<{ customers: { edges: { node: { id: string; name: string } }[] } }>(
      `{ customers(first: 1, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } } }`,
    );
    const customer = found.customers.edges[0]!.node;
    await s.api(`mutation($input: RecordOrderInput!) { recordOrder(input: $input) { id } }`, {
      input: {
        customerId: customer.id,
        orderId: `browser-${Date.now()}`,
        currency: "EUR",
        lines: [{ productId: "boots-1", quantity: 1, amountMinor: 15000, category: "shoes" }],
      },
    });
    expect(await tierOf(customer.id, programId)).toEqual({ name: "Silver", qualifyingValue: 150 });

    await page.goto(`${s.base}/customers/${customer.id}`);
    const account = page.locator(`[data-test="loyalty-account"][data-program="${programId}"]`);
    await expect
      .poll(() => account.locator('[data-test="loyalty-tier-name"]').textContent(), {
        timeout: 15_000,
      })
      .toBe("Silver");
    expect(await account.locator('[data-test="loyalty-balance"]').textContent()).toBe("150 points");
    expect(await account.locator('[data-test="loyalty-tier"]').textContent()).toContain(
      "850 points more to Gold",
    );
    await account.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "customer-loyalty.png"), fullPage: true });
    expect(s.problems).toEqual([]);
  });
});
