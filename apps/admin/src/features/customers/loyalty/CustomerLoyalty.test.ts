import { afterEach, describe, expect, it } from "vitest";
import { defineComponent, h } from "vue";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import type { SessionUser } from "@/features/auth/use-session";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { ADMIN, ANALYST, SUPPORT, mountPage } from "@/testing/mount-app";
import CustomerLoyalty from "./CustomerLoyalty.vue";
import {
  cashbackAccount,
  connection,
  ledgerEntry,
  punchAccount,
  redemption,
  tieredAccount,
} from "./fixtures";

enableAutoUnmount(afterEach);

const Host = defineComponent({ render: () => h(CustomerLoyalty, { customerId: "c1" }) });

function handlers(overrides: FakeHandlers = {}): FakeHandlers {
  return {
    CustomerLoyalty: {
      data: { loyaltyStatus: [tieredAccount(), punchAccount(), cashbackAccount()] },
    },
    CustomerLedger: (v) => ({
      data: {
        ledgerEntries: v.after
          ? connection([ledgerEntry({ id: "l3", reason: "Older order" })])
          : connection(
              [
                ledgerEntry({
                  id: "l2",
                  kind: "ADJUST",
                  amount: -50,
                  reason: "Goodwill",
                  actor: "user:u1",
                }),
                ledgerEntry({ amount: 0, pendingDelta: 120, kind: "PENDING" }),
              ],
              true,
            ),
      },
    }),
    CustomerRedemptions: { data: { redemptions: connection([redemption()]) } },
    ...overrides,
  };
}

async function mountLoyalty(options: { user?: SessionUser; handlers?: FakeHandlers } = {}) {
  const { client, calls } = fakeClient(options.handlers ?? handlers());
  const mounted = await mountPage({
    client,
    page: Host,
    path: "/loyalty",
    at: "/loyalty",
    user: options.user ?? ADMIN,
  });
  return { ...mounted, calls, called: (name: string) => calls.filter((c) => c.name === name) };
}

/** Types into a teleported input (dialogs render in document.body). */
async function fill(selector: string, value: string) {
  const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event("input"));
  input.dispatchEvent(new Event("blur"));
  await flushPromises();
}
const button = (root: Element, text: string) =>
  [...root.querySelectorAll("button")].find((b) => b.textContent?.includes(text))!;

describe("customer loyalty", () => {
  it("shows balance, pending, tier progress and what expires, per program", async () => {
    const { wrapper } = await mountLoyalty();
    const [tiered, punch, cashback] = wrapper.findAll('[data-test="loyalty-account"]');
    expect(tiered!.find('[data-test="loyalty-balance"]').text()).toBe("1,250 points");
    expect(tiered!.find('[data-test="loyalty-pending"]').text()).toBe("+120 points pending");
    expect(tiered!.find('[data-test="loyalty-tier-name"]').text()).toBe("Silver");
    expect(tiered!.find('[data-test="loyalty-tier-progress"]').attributes("aria-valuenow")).toBe(
      "40",
    );
    expect(tiered!.find('[data-test="loyalty-tier"]').text()).toContain(
      "400 points in the qualifying window; 600 points more to Gold.",
    );
    expect(tiered!.find('[data-test="loyalty-expiring"]').text()).toContain(
      "200 points expire on 1 Apr 2025",
    );
    expect(punch!.find('[data-test="loyalty-balance"]').text()).toBe("3 of 10 punches");
    expect(punch!.text()).toContain("2 full cards");
    expect(cashback!.find('[data-test="loyalty-credit"]').text()).toBe(
      "Available to spend: €12.34",
    );
  });

  it("says when a tier is held by hand, until when and why", async () => {
    const held = tieredAccount();
    held.tier = {
      ...held.tier!,
      override: { tierCode: "gold", until: "2025-06-30T00:00:00.000Z", reason: "Complaint" },
    };
    const { wrapper } = await mountLoyalty({
      handlers: handlers({ CustomerLoyalty: { data: { loyaltyStatus: [held] } } }),
    });
    expect(wrapper.find('[data-test="loyalty-override"]').text()).toBe(
      "Held at Gold until 30 Jun 2025 by hand: Complaint",
    );
  });

  it("lists the ledger newest first with kind, change, reason and who, a page at a time", async () => {
    const { wrapper, called } = await mountLoyalty();
    const rows = wrapper.findAll('[data-test="ledger-row"]');
    expect(rows.map((r) => r.attributes("data-kind"))).toEqual(["ADJUST", "PENDING"]);
    expect(rows[0]!.text()).toContain("Adjusted");
    expect(rows[0]!.text()).toContain("−50 points");
    expect(rows[0]!.text()).toContain("Goodwill");
    expect(rows[0]!.text()).toContain("You");
    expect(rows[1]!.text()).toContain("pending +120 points");
    expect(rows[1]!.text()).toContain("Trouw");
    await wrapper.find('[data-test="ledger-next"]').trigger("click");
    await flushPromises();
    expect(called("CustomerLedger").at(-1)!.variables).toMatchObject({
      customerId: "c1",
      after: "end",
      first: 10,
    });
    expect(wrapper.find('[data-test="ledger-row"]').text()).toContain("Older order");
  });

  it("lets an admin adjust a balance with a reason, and says clearly when the balance is too low", async () => {
    const { wrapper, called } = await mountLoyalty({
      handlers: handlers({
        AdjustBalance: gqlError("Insufficient balance: 1250 available, 5000 needed", {
          code: "CONFLICT",
          reason: "INSUFFICIENT_BALANCE",
        }),
      }),
    });
    await wrapper.find('[data-test="adjust-balance"]').trigger("click");
    await flushPromises();
    const dialog = document.querySelector('[data-test="adjust-dialog"]')!;
    dialog.querySelector("form")!.dispatchEvent(new Event("submit"));
    await flushPromises();
    expect(called("AdjustBalance")).toHaveLength(0);
    expect(dialog.textContent).toContain("Enter an amount other than 0.");
    expect(dialog.textContent).toContain("Give a reason.");

    await fill("#adjust-amount", "-5000");
    await fill("#adjust-reason", "Fraud");
    dialog.querySelector("form")!.dispatchEvent(new Event("submit"));
    await flushPromises();
    expect(called("AdjustBalance")[0]!.variables).toMatchObject({
      input: { programId: "p1", customerId: "c1", amount: -5000, reason: "Fraud" },
      idempotencyKey: expect.any(String),
    });
    expect(dialog.querySelector('[data-test="adjust-insufficient"]')!.textContent).toContain(
      "The balance is 1,250 points; taking 5,000 points away would take it below zero",
    );
  });

  it("adjusts store credit in currency units and reads the balance and ledger again", async () => {
    const { wrapper, called } = await mountLoyalty({
      handlers: handlers({
        AdjustBalance: {
          data: { adjustBalance: { id: "l9", kind: "ADJUST", amount: 250, reason: "Refund" } },
        },
      }),
    });
    await wrapper.findAll('[data-test="adjust-balance"]')[2]!.trigger("click");
    await flushPromises();
    await fill("#adjust-amount", "2.5");
    await fill("#adjust-reason", "Refund");
    const dialog = document.querySelector('[data-test="adjust-dialog"]')!;
    dialog.querySelector("form")!.dispatchEvent(new Event("submit"));
    await flushPromises();
    expect(called("AdjustBalance")[0]!.variables.input).toMatchObject({
      programId: "p3",
      amount: 250,
    });
    expect(wrapper.find('[data-test="adjusted"]').text()).toContain("Cash back");
    expect(called("CustomerLoyalty").length).toBeGreaterThan(1);
    expect(called("CustomerLedger").length).toBeGreaterThan(1);
  });

  it("lets support staff cancel a redemption with a reason, but not adjust", async () => {
    const { wrapper, called } = await mountLoyalty({
      user: SUPPORT,
      handlers: handlers({
        CancelRedemption: {
          data: {
            cancelRedemption: redemption({
              status: "cancelled",
              cancelledAt: "2025-03-03T10:00:00.000Z",
              cancelReason: "Customer asked",
            }),
          },
        },
      }),
    });
    expect(wrapper.find('[data-test="adjust-balance"]').exists()).toBe(false);
    await wrapper.find('[data-test="redemption-cancel"]').trigger("click");
    await flushPromises();
    const dialog = document.querySelector('[data-test="cancel-redemption-dialog"]')!;
    expect(dialog.textContent).toContain("500 points goes back");
    button(dialog, "Cancel redemption").click();
    await flushPromises();
    expect(called("CancelRedemption")).toHaveLength(0);
    expect(dialog.textContent).toContain("Give a reason.");
    await fill("#cancel-reason", "Customer asked");
    button(dialog, "Cancel redemption").click();
    await flushPromises();
    expect(called("CancelRedemption")[0]!.variables).toMatchObject({
      id: "rd1",
      reason: "Customer asked",
      idempotencyKey: expect.any(String),
    });
    expect(wrapper.find('[data-test="redemption-cancelled"]').text()).toContain("Customer asked");
  });

  it("lets analysts read it all but change nothing", async () => {
    const { wrapper } = await mountLoyalty({ user: ANALYST });
    expect(wrapper.findAll('[data-test="loyalty-account"]')).toHaveLength(3);
    expect(wrapper.find('[data-test="adjust-balance"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="redemption-cancel"]').exists()).toBe(false);
  });

  it("says so when the customer is in no program", async () => {
    const { wrapper } = await mountLoyalty({
      handlers: handlers({ CustomerLoyalty: { data: { loyaltyStatus: [] } } }),
    });
    expect(wrapper.find('[data-test="loyalty-empty"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="loyalty-ledger"]').exists()).toBe(false);
  });
});
