import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient } from "@/testing/fake-client";
import { ANALYST, SUPPORT, mountPage } from "@/testing/mount-app";
import type { SessionUser } from "@/features/auth/use-session";
import SegmentsPage from "./SegmentsPage.vue";
import { listSegment, segmentsPage } from "./fixtures";

enableAutoUnmount(afterEach);

async function mountList(
  answer: ReturnType<typeof segmentsPage>,
  user?: SessionUser,
  at = "/segments",
) {
  const { client, calls } = fakeClient({ Segments: answer });
  const mounted = await mountPage({ client, page: SegmentsPage, path: "/segments", at, user });
  return { ...mounted, calls };
}

describe("SegmentsPage", () => {
  it("shows an empty state that offers a new segment or a template", async () => {
    const { wrapper, router } = await mountList(segmentsPage([]));
    const empty = wrapper.find('[data-test="empty"]');
    expect(empty.exists()).toBe(true);
    expect(empty.text()).toContain("No segments yet");
    expect(wrapper.find('[data-test="segments-table"]').exists()).toBe(false);

    await empty.find('[data-test="empty-from-template"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.name).toBe("segment-templates");
  });

  it("says when a search finds nothing, and clears it", async () => {
    const { wrapper, router } = await mountList(segmentsPage([]), undefined, "/segments?q=zzz");
    expect(wrapper.find('[data-test="empty"]').text()).toContain(
      "No segment has a name containing “zzz”",
    );
    expect(wrapper.find('[data-test="empty-new"]').exists()).toBe(false);
    await wrapper.find('[data-test="empty"] button').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
  });

  it("lists segments with member count, last refresh and refresh status", async () => {
    const { wrapper } = await mountList(
      segmentsPage([
        listSegment({ id: "s1", name: "Loyal customers", memberCount: 1234 }),
        listSegment({
          id: "s2",
          name: "Lapsed",
          refreshedAt: null,
          refreshJob: {
            id: "j1",
            status: "RUNNING",
            progress: 0.4,
            step: "MEMBERS",
            error: null,
            finishedAt: null,
          },
        }),
      ]),
      ANALYST,
    );
    const rows = wrapper.findAll('[data-test="segment-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain("Loyal customers");
    expect(rows[0]!.find('[data-test="member-count"]').text()).toBe("1,234");
    expect(rows[0]!.text()).toContain("Up to date");
    expect(rows[1]!.text()).toContain("Refreshing 40%");
    expect(wrapper.find('[data-test="total-count"]').text()).toBe("2 segments");
    expect(wrapper.find('[data-test="new-segment"]').exists()).toBe(true);
  });

  it("lets support staff look but not create", async () => {
    const { wrapper } = await mountList(segmentsPage([]), SUPPORT);
    expect(wrapper.find('[data-test="new-segment"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="empty-new"]').exists()).toBe(false);
  });
});
