import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { mountPage } from "@/testing/mount-app";
import ProgramPage from "./ProgramPage.vue";
import { PROGRAM_ID, campaign, programDetail, reward } from "./fixtures";

enableAutoUnmount(afterEach);
// The whole program form in happy-dom takes seconds on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

const SEGMENTS = {
  data: {
    segments: { edges: [{ node: { id: "s1", name: "At risk", memberCount: 42 } }] },
  },
};

async function mountTab(tab: "rewards" | "campaigns", overrides: FakeHandlers = {}) {
  const { client, calls } = fakeClient({
    LoyaltyProgram: { data: { loyaltyProgram: programDetail({ status: "ACTIVE" }) } },
    ProgramRewards: {
      data: {
        loyaltyProgram: {
          id: PROGRAM_ID,
          rewards: [
            reward(),
            reward({
              id: "r2",
              kind: "SPECIAL_MENTION",
              name: "Wall of fame",
              cost: 0,
              valueMinor: null,
              perCustomerLimit: 1,
              stock: 3,
              tierCodes: ["gold"],
              segmentIds: ["s1"],
              validUntil: "2025-12-31T00:00:00.000Z",
            }),
            reward({ id: "r3", name: "Old mug", status: "archived" }),
          ],
        },
      },
    },
    ProgramCampaigns: { data: { loyaltyProgram: { id: PROGRAM_ID, campaigns: [campaign()] } } },
    SegmentOptions: SEGMENTS,
    SimulateEarning: { data: null } as never,
    ...overrides,
  });
  const mounted = await mountPage({
    client,
    page: ProgramPage,
    path: "/programs/:id",
    at: `/programs/${PROGRAM_ID}?tab=${tab}`,
  });
  return { ...mounted, calls, called: (name: string) => calls.filter((c) => c.name === name) };
}

/** Types into a teleported input (drawers and dialogs render in document.body). */
async function fill(selector: string, value: string) {
  const input = document.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event("input"));
  input.dispatchEvent(new Event("blur"));
  await flushPromises();
}
const button = (root: Element, text: string) =>
  [...root.querySelectorAll("button")].find((b) => b.textContent?.includes(text))!;

describe("rewards tab", () => {
  it("lists the catalog with cost, stock, limit, validity and who may redeem, archived last", async () => {
    const { wrapper } = await mountTab("rewards");
    const rows = wrapper.findAll('[data-test="reward-row"]');
    expect(rows.map((r) => r.attributes("data-status"))).toEqual(["active", "active", "archived"]);
    expect(rows[0]!.text()).toContain("500 points");
    expect(rows[0]!.text()).toContain("Discount (amount) · €5.00");
    expect(rows[0]!.text()).toContain("Unlimited");
    expect(rows[0]!.text()).toContain("Everyone");
    expect(rows[1]!.text()).toContain("Gold");
    expect(rows[1]!.text()).toContain("At risk");
    expect(rows[1]!.text()).toContain("Until");
    expect(rows[2]!.find('[data-test="reward-edit"]').exists()).toBe(false);
  });

  it("says a spend program's rewards are granted, not bought with its balance", async () => {
    const points = await mountTab("rewards");
    expect(points.wrapper.find('[data-test="rewards-intro"]').text()).toContain(
      "What members can get for their balance",
    );
    points.wrapper.unmount();
    const spend = await mountTab("rewards", {
      LoyaltyProgram: {
        data: { loyaltyProgram: programDetail({ status: "ACTIVE", type: "SPEND", unit: "SPEND" }) },
      },
    });
    const intro = spend.wrapper.find('[data-test="rewards-intro"]').text();
    expect(intro).toContain("cannot buy them");
    expect(intro).not.toContain("What members can get for their balance");
  });

  it("creates a reward from the drawer, checking it first", async () => {
    const { wrapper, called } = await mountTab("rewards", {
      CreateReward: { data: { createReward: reward({ id: "r9" }) } },
    });
    await wrapper.find('[data-test="new-reward"]').trigger("click");
    await flushPromises();
    const drawer = document.querySelector('[data-test="reward-drawer"]')!;
    button(drawer.closest(".n-drawer")!, "Save").click();
    await flushPromises();
    expect(called("CreateReward")).toHaveLength(0);
    expect(drawer.querySelector('[data-path="name"]')!.textContent).toContain("Fill this in.");

    await fill('[data-test="reward-name"] input', "€10 off");
    await fill("#pf-cost", "900");
    await fill("#pf-valueMinor", "10");
    button(drawer.closest(".n-drawer")!, "Save").click();
    await flushPromises();
    expect(called("CreateReward")[0]!.variables).toEqual({
      programId: PROGRAM_ID,
      input: expect.objectContaining({
        kind: "DISCOUNT_AMOUNT",
        name: "€10 off",
        cost: 900,
        valueMinor: 1000,
        percent: null,
      }),
    });
    expect(called("ProgramRewards").length).toBeGreaterThan(1);
  });

  it("shows the API's problems at the drawer's fields", async () => {
    const { wrapper } = await mountTab("rewards", {
      UpdateReward: gqlError("Invalid reward", {
        code: "BAD_USER_INPUT",
        problems: [{ path: "tierCodes[0]", message: '"gold" is not a tier of this program' }],
      }),
    });
    await wrapper.findAll('[data-test="reward-edit"]')[1]!.trigger("click");
    await flushPromises();
    const drawer = document.querySelector('[data-test="reward-drawer"]')!;
    button(drawer.closest(".n-drawer")!, "Save").click();
    await flushPromises();
    expect(drawer.querySelector('[data-path="tierCodes"]')!.textContent).toContain(
      "is not a tier of this program",
    );
  });

  it("archives a reward after a confirmation", async () => {
    const { wrapper, called } = await mountTab("rewards", {
      ArchiveReward: { data: { archiveReward: reward({ status: "archived" }) } },
    });
    await wrapper.find('[data-test="reward-archive"]').trigger("click");
    await flushPromises();
    const dialog = document.querySelector('[data-test="reward-archive-dialog"]')!;
    expect(dialog.textContent).toContain("Codes already issued stay valid");
    button(dialog, "Archive reward").click();
    await flushPromises();
    expect(called("ArchiveReward")[0]!.variables).toEqual({ id: "r1" });
  });
});

describe("campaigns tab", () => {
  it("lists campaigns and creates one for a segment", async () => {
    const { wrapper, called } = await mountTab("campaigns", {
      CreateLoyaltyCampaign: { data: { createLoyaltyCampaign: campaign({ id: "k2" }) } },
    });
    const row = wrapper.find('[data-test="campaign-row"]');
    expect(row.text()).toContain("Double points in March");
    expect(row.text()).toContain("2×");
    expect(row.text()).toContain("Everyone");
    expect(row.text()).toContain("Ended");

    await wrapper.find('[data-test="new-campaign"]').trigger("click");
    await flushPromises();
    await fill('[data-test="campaign-name"] input', "At-risk boost");
    const drawer = document.querySelector('[data-test="campaign-drawer"]')!;
    button(drawer.closest(".n-drawer")!, "Save").click();
    await flushPromises();
    expect(called("CreateLoyaltyCampaign")[0]!.variables).toMatchObject({
      programId: PROGRAM_ID,
      input: { name: "At-risk boost", multiplier: 2, stacking: "STACKABLE", segmentId: null },
    });
  });

  it("refuses a campaign that adds nothing before sending it", async () => {
    const { wrapper, called } = await mountTab("campaigns");
    await wrapper.find('[data-test="new-campaign"]').trigger("click");
    await flushPromises();
    await fill('[data-test="campaign-name"] input', "Nothing");
    await fill("#pf-multiplier", "1");
    const drawer = document.querySelector('[data-test="campaign-drawer"]')!;
    button(drawer.closest(".n-drawer")!, "Save").click();
    await flushPromises();
    expect(called("CreateLoyaltyCampaign")).toHaveLength(0);
    expect(drawer.querySelector('[data-path="multiplier"]')!.textContent).toContain(
      "Give a multiplier above 1 or bonus points",
    );
  });
});
