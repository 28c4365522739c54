import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient } from "@/testing/fake-client";
import { ANALYST, mountPage } from "@/testing/mount-app";
import type { SessionUser } from "@/features/auth/use-session";
import ProgramsPage from "./ProgramsPage.vue";
import { listProgram, programsPage } from "./fixtures";
import { parseProgramListQuery, toProgramListQuery } from "./use-program-list";

enableAutoUnmount(afterEach);

async function mountList(
  answer: ReturnType<typeof programsPage>,
  at = "/programs",
  user?: SessionUser,
) {
  const { client, calls } = fakeClient({ LoyaltyPrograms: answer });
  const mounted = await mountPage({ client, page: ProgramsPage, path: "/programs", at, user });
  return { ...mounted, calls };
}

describe("ProgramsPage", () => {
  it("lists programs with type, status, currency, members and last change", async () => {
    const { wrapper } = await mountList(
      programsPage([
        listProgram(),
        listProgram({
          id: "p2",
          name: "Sock card",
          type: "PUNCH_CARD",
          status: "DRAFT",
          memberCount: 0,
        }),
      ]),
    );
    const rows = wrapper.findAll('[data-test="program-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain("Trouw Club");
    expect(rows[0]!.text()).toContain("Tiered");
    expect(rows[0]!.text()).toContain("Active");
    expect(rows[0]!.text()).toContain("EUR");
    expect(rows[0]!.find('[data-test="member-count"]').text()).toBe("1,520");
    expect(rows[1]!.text()).toContain("Punch card");
    expect(rows[1]!.text()).toContain("Draft");
    expect(wrapper.find('[data-test="total-count"]').text()).toBe("2 programs");
  });

  it("sends the status, type and search from the URL, and starts filtering again at page one", async () => {
    const { calls, router } = await mountList(
      programsPage([listProgram()]),
      "/programs?status=PAUSED&type=CASHBACK&q=club&after=c1",
    );
    expect(calls[0]!.variables).toMatchObject({
      first: 25,
      after: "c1",
      status: "PAUSED",
      type: "CASHBACK",
      search: "club",
    });
    expect(parseProgramListQuery({ status: "NOPE", type: "TIERED" })).toMatchObject({
      status: null,
      type: "TIERED",
    });
    expect(
      toProgramListQuery({ search: "", status: "ACTIVE", type: null, after: null, before: "b" }),
    ).toEqual({ status: "ACTIVE", before: "b" });
    await router.push({ query: { status: "ACTIVE" } });
    await flushPromises();
    expect(calls.at(-1)!.variables).toMatchObject({ status: "ACTIVE", first: 25 });
  });

  it("explains an empty list and offers a new program", async () => {
    const { wrapper, router } = await mountList(programsPage([]));
    expect(wrapper.find('[data-test="empty"]').text()).toContain("No loyalty programs yet");
    await wrapper.find('[data-test="empty-new"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.name).toBe("program-new");
  });

  it("offers to clear filters that find nothing", async () => {
    const { wrapper, router } = await mountList(programsPage([]), "/programs?type=SPEND");
    expect(wrapper.find('[data-test="empty"]').text()).toContain("No program matches");
    await wrapper.find('[data-test="clear-filters"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
  });

  it("opens a program with Enter on its row", async () => {
    const { wrapper, router } = await mountList(programsPage([listProgram()]));
    await wrapper.find('[data-test="program-row"]').trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe(`/programs/${listProgram().id}`);
  });

  it("lets analysts look but not create", async () => {
    const { wrapper } = await mountList(programsPage([]), "/programs", ANALYST);
    expect(wrapper.find('[data-test="new-program"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="empty-new"]').exists()).toBe(false);
  });
});
