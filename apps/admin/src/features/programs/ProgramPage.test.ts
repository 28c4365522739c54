import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises, type VueWrapper } from "@vue/test-utils";
import type { SessionUser } from "@/features/auth/use-session";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { ANALYST, mountPage } from "@/testing/mount-app";
import ProgramPage from "./ProgramPage.vue";
import { PROGRAM_ID, TIERED_CONFIG, programDetail, reward, simulation } from "./fixtures";
import { SIMULATE_DEBOUNCE_MS } from "./use-earning-simulator";

enableAutoUnmount(afterEach);
// The whole program form in happy-dom takes seconds on a busy machine.
vi.setConfig({ testTimeout: 20_000 });
afterEach(() => vi.useRealTimers());

function handlers(overrides: FakeHandlers = {}): FakeHandlers {
  return {
    LoyaltyProgram: { data: { loyaltyProgram: programDetail() } },
    ProgramRewards: { data: { loyaltyProgram: { id: PROGRAM_ID, rewards: [reward()] } } },
    SimulateEarning: simulation(99),
    ...overrides,
  };
}

async function mountProgram(
  options: { at?: string; handlers?: FakeHandlers; user?: SessionUser } = {},
) {
  const { client, calls } = fakeClient(options.handlers ?? handlers());
  const at = options.at ?? `/programs/${PROGRAM_ID}`;
  const mounted = await mountPage({
    client,
    page: ProgramPage,
    path: at.startsWith("/programs/new") ? "/programs/new" : "/programs/:id",
    at,
    user: options.user,
  });
  const called = (name: string) => calls.filter((c) => c.name === name);
  return { ...mounted, calls, called };
}

const field = (wrapper: VueWrapper, path: string) => wrapper.find(`[data-path="${path}"]`);

async function type(wrapper: VueWrapper, selector: string, value: string) {
  const input = wrapper.find(selector);
  await input.setValue(value);
  await input.trigger("blur");
  await flushPromises();
}

describe("ProgramPage", () => {
  it("starts a new program with a choice of the seven kinds", async () => {
    const { wrapper, router } = await mountProgram({ at: "/programs/new" });
    const options = wrapper.findAll('[data-test="type-option"]');
    expect(options.map((o) => o.attributes("data-type"))).toEqual([
      "points",
      "tiered",
      "cashback",
      "punch_card",
      "paid_membership",
      "spend",
      "referral",
    ]);
    await options[1]!.trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ type: "tiered" });
    expect(wrapper.find('[data-test="program-title"]').text()).toBe("New program: Tiered");
    expect(wrapper.findAll('[data-test="tier"]')).toHaveLength(2);
  });

  it("creates a tiered program with its tiers and continues at the program's page", async () => {
    const created = programDetail({ name: "Gold club" });
    const { wrapper, called, router } = await mountProgram({
      at: "/programs/new?type=tiered",
      handlers: handlers({
        CreateLoyaltyProgram: { data: { createLoyaltyProgram: created } },
      }),
    });
    await type(wrapper, '[data-path="name"] input', "Gold club");
    await wrapper.find('[data-test="add-tier"]').trigger("click");
    await flushPromises();
    await type(wrapper, '[data-test="tier"]:nth-child(3) [data-test="tier-name"] input', "Gold");
    await type(wrapper, '[data-path="config.tiers[1].threshold"] input', "100");
    await type(wrapper, '[data-path="config.tiers[2].threshold"] input', "1000");
    await wrapper.find('[data-test="save-program"]').trigger("click");
    await flushPromises();

    const input = called("CreateLoyaltyProgram")[0]!.variables.input as {
      name: string;
      config: typeof TIERED_CONFIG;
    };
    expect(input.name).toBe("Gold club");
    expect(input.config.tiers.map((t) => [t.code, t.threshold])).toEqual([
      ["bronze", 0],
      ["silver", 100],
      ["gold", 1000],
    ]);
    expect(input.config.qualification).toEqual({
      basis: "points_earned",
      window: { kind: "rolling", months: 12 },
    });
    expect(input.config.earning.rate).toEqual({ points: 1, perMinor: 100 });
    expect(router.currentRoute.value.fullPath).toBe(`/programs/${PROGRAM_ID}`);
  });

  it("shows problems at their fields and sends nothing while there are any", async () => {
    const { wrapper, called } = await mountProgram();
    await type(wrapper, '[data-path="config.tiers[0].threshold"] input', "10");
    expect(field(wrapper, "config.tiers[0].threshold").text()).toContain(
      "The first tier must start at 0",
    );
    expect(wrapper.find('[data-test="problem-count"]').text()).toBe("1 problem to fix");
    await wrapper.find('[data-test="save-program"]').trigger("click");
    await flushPromises();
    expect(called("UpdateLoyaltyProgram")).toHaveLength(0);
  });

  it("puts the API's problems on the fields their paths name", async () => {
    const { wrapper } = await mountProgram({
      handlers: handlers({
        UpdateLoyaltyProgram: gqlError("Invalid program", {
          code: "BAD_USER_INPUT",
          problems: [
            { path: "config.earning.rate.points", message: "is more than we allow" },
            { path: "config.somethingNew", message: "is not known" },
          ],
        }),
      }),
    });
    await type(wrapper, '[data-path="name"] input', "Trouw Club+");
    await wrapper.find('[data-test="save-program"]').trigger("click");
    await flushPromises();
    expect(field(wrapper, "config.earning.rate.points").text()).toContain("Is more than we allow");
    expect(wrapper.find('[data-test="unplaced-problems"]').text()).toContain("config.somethingNew");
  });

  it("saves with the version it loaded, and says so when someone else saved in between", async () => {
    const { wrapper, called } = await mountProgram({
      handlers: handlers({
        UpdateLoyaltyProgram: gqlError("The program was changed by someone else", {
          code: "CONFLICT",
        }),
      }),
    });
    await type(wrapper, '[data-path="name"] input', "Trouw Club 2");
    await wrapper.find('[data-test="save-program"]').trigger("click");
    await flushPromises();
    expect(called("UpdateLoyaltyProgram")[0]!.variables).toMatchObject({
      id: PROGRAM_ID,
      expectedVersion: 3,
    });
    expect(wrapper.find('[data-test="conflict"]').text()).toContain(
      "Someone else saved this program",
    );
    await wrapper.find('[data-test="reload"]').trigger("click");
    await flushPromises();
    expect(called("LoyaltyProgram")).toHaveLength(2);
    expect(wrapper.find('[data-test="conflict"]').exists()).toBe(false);
    expect((field(wrapper, "name").find("input").element as HTMLInputElement).value).toBe(
      "Trouw Club",
    );
  });

  it("activates a draft at once and archives only after a confirmation", async () => {
    const { wrapper, called } = await mountProgram({
      handlers: handlers({
        SetLoyaltyProgramStatus: (v) => ({
          data: {
            setLoyaltyProgramStatus: programDetail({
              status: v.status as "ACTIVE" | "ARCHIVED",
              version: 4,
            }),
          },
        }),
      }),
    });
    await wrapper.find('[data-test="status-activate"]').trigger("click");
    await flushPromises();
    expect(called("SetLoyaltyProgramStatus")[0]!.variables).toEqual({
      id: PROGRAM_ID,
      status: "ACTIVE",
    });
    expect(wrapper.find('[data-test="program-status"]').text()).toBe("Active");

    await wrapper.find('[data-test="status-archive"]').trigger("click");
    await flushPromises();
    expect(called("SetLoyaltyProgramStatus")).toHaveLength(1);
    const dialog = document.querySelector('[data-test="archive-dialog"]')!;
    expect(dialog.textContent).toContain("cannot be activated or changed again");
    const confirm = [...dialog.querySelectorAll("button")].find((b) =>
      b.textContent?.includes("Archive for good"),
    )!;
    confirm.click();
    await flushPromises();
    expect(called("SetLoyaltyProgramStatus")[1]!.variables.status).toBe("ARCHIVED");
    expect(wrapper.find('[data-test="archived"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="save-program"]').exists()).toBe(false);
    expect(wrapper.find('[data-test^="status-"]').exists()).toBe(false);
  });

  it("simulates the sample order once the form has been still, with the explanation", async () => {
    vi.useFakeTimers();
    const { wrapper, called } = await mountProgram();
    vi.advanceTimersByTime(SIMULATE_DEBOUNCE_MS);
    await flushPromises();
    expect(called("SimulateEarning")).toHaveLength(1);
    expect(called("SimulateEarning")[0]!.variables.config).toMatchObject({ type: "tiered" });
    expect(wrapper.find('[data-test="simulation-earned"]').text()).toBe("99 points");
    expect(wrapper.find('[data-test="simulation-explanation"]').text()).toContain("99 pts");

    await type(wrapper, '[data-path="config.tiers[0].threshold"] input', "10");
    vi.advanceTimersByTime(SIMULATE_DEBOUNCE_MS * 2);
    await flushPromises();
    expect(called("SimulateEarning")).toHaveLength(1);
    expect(wrapper.find('[data-test="simulation-invalid"]').exists()).toBe(true);
  });

  it("lets analysts read a program but not change it", async () => {
    const { wrapper } = await mountProgram({ user: ANALYST });
    expect(wrapper.find('[data-test="program-title"]').text()).toBe("Trouw Club");
    expect(wrapper.find('[data-test="save-program"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="status-activate"]').exists()).toBe(false);
  });
});
