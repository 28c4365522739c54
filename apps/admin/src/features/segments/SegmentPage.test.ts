import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { SUPPORT, mountPage } from "@/testing/mount-app";
import type { SessionUser } from "@/features/auth/use-session";
import SegmentPage from "./SegmentPage.vue";
import { SEGMENT_ID, member, membersPage, noTemplates, segmentDetail } from "./fixtures";
import { JOB_POLL_MS } from "./use-segment";

enableAutoUnmount(afterEach);
afterEach(() => vi.useRealTimers());

const explanation = {
  data: {
    explainMembership: {
      member: true,
      holds: true,
      customer: {
        id: "c1",
        externalId: "shop-1",
        name: "Anna de Vries",
        email: "anna@example.com",
      },
      tree: {
        path: "root",
        type: "and",
        holds: true,
        children: [
          {
            path: "root.children[0]",
            type: "condition",
            kind: "event_aggregate",
            description: "count of order in the last 90 days ≥ 2",
            holds: true,
            seen: 4,
          },
          {
            path: "root.children[1]",
            type: "not",
            holds: true,
            children: [
              {
                path: "root.children[1].child",
                type: "condition",
                kind: "marketing_consent",
                description: "has given marketing consent",
                holds: false,
                seen: false,
              },
            ],
          },
        ],
      },
    },
  },
};

function handlers(overrides: FakeHandlers = {}): FakeHandlers {
  return {
    Segment: { data: { segment: segmentDetail() } },
    SegmentOptions: { data: { segments: { edges: [] } } },
    SegmentTemplates: noTemplates,
    SegmentMembers: membersPage([member({ id: "c1" }), member({ id: "c2", name: "Bram Jansen" })]),
    ExplainMembership: explanation,
    ...overrides,
  };
}

async function mountSegment(
  options: { at?: string; handlers?: FakeHandlers; user?: SessionUser } = {},
) {
  const { client, calls } = fakeClient(options.handlers ?? handlers());
  const mounted = await mountPage({
    client,
    page: SegmentPage,
    path: "/segments/:id",
    at: options.at ?? `/segments/${SEGMENT_ID}`,
    user: options.user,
  });
  return { ...mounted, calls };
}

describe("SegmentPage", () => {
  it("shows the segment with its member count, refresh state and members", async () => {
    const { wrapper } = await mountSegment();
    expect(wrapper.find('[data-test="segment-name"]').text()).toBe("Loyal customers");
    expect(wrapper.find('[data-test="member-count"]').text()).toBe("120");
    expect(wrapper.find('[data-test="refresh-card"]').text()).toContain("Up to date");
    const rows = wrapper.findAll('[data-test="member-row"]');
    expect(rows.map((r) => r.text())).toEqual([
      expect.stringContaining("Anna de Vries"),
      expect.stringContaining("Bram Jansen"),
    ]);
  });

  it("explains a member: every group and condition with ✓ or ✗, in words, with what it saw", async () => {
    const { wrapper, router, calls } = await mountSegment();
    await wrapper.find('[data-test="member-row"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ explain: "c1" });
    expect(calls.find((c) => c.name === "ExplainMembership")!.variables).toEqual({
      customerId: "c1",
      segmentId: SEGMENT_ID,
    });

    const drawer = document.body.querySelector('[data-test="explain-drawer"]')!;
    expect(drawer.querySelector('[data-test="explain-member"]')!.textContent).toContain("Member");
    const nodes = [...drawer.querySelectorAll('[data-test="explain-node"]')].map((n) => ({
      path: n.getAttribute("data-path"),
      mark: n.querySelector(".explain-node__mark")!.textContent,
      label: n.querySelector(".explain-node__label")!.textContent!.trim(),
      seen: n.querySelector(':scope > [data-test="explain-seen"]')?.textContent?.trim() ?? null,
    }));
    expect(nodes).toEqual([
      { path: "root", mark: "✓", label: "All of these hold", seen: null },
      {
        path: "root.children[0]",
        mark: "✓",
        label: "Number of events of Order in the last 90 days: at least 2",
        seen: "Saw: 4",
      },
      { path: "root.children[1]", mark: "✓", label: "Not:", seen: null },
      {
        path: "root.children[1].child",
        mark: "✗",
        label: "Has given marketing consent",
        seen: "Saw: No",
      },
    ]);
  });

  it("opens the explanation from a link such as the customer page's", async () => {
    await mountSegment({ at: `/segments/${SEGMENT_ID}?explain=c1` });
    expect(document.body.querySelector('[data-test="explain-customer"]')!.textContent).toContain(
      "Anna de Vries",
    );
  });

  it("tells why a segment that another one uses cannot be deleted", async () => {
    const { wrapper, router } = await mountSegment({
      handlers: handlers({
        DeleteSegment: gqlError('Segment is used by "VIP"; change those first', {
          code: "CONFLICT",
        }),
      }),
    });
    await wrapper.find('[data-test="delete"]').trigger("click");
    await flushPromises();
    const confirm = [...document.body.querySelectorAll("button")].find(
      (b) => b.textContent?.trim() === "Delete segment",
    )!;
    confirm.click();
    await flushPromises();
    expect(document.body.querySelector('[data-test="delete-error"]')!.textContent).toContain(
      'Segment is used by "VIP"',
    );
    expect(router.currentRoute.value.name).toBe("segment");
  });

  it("lists what uses the segment, each linking to where it can be changed", async () => {
    const { wrapper } = await mountSegment({
      at: `/segments/${SEGMENT_ID}?tab=usedBy`,
      handlers: handlers({
        Segment: {
          data: {
            segment: segmentDetail({
              usedBy: [{ id: "s2", name: "VIP", memberCount: 7 }],
              usages: [
                {
                  kind: "CAMPAIGN",
                  id: "c1",
                  name: "Double points",
                  programId: "p1",
                },
                {
                  kind: "REWARD",
                  id: "r1",
                  name: "Gift",
                  programId: "p1",
                },
                {
                  kind: "SEGMENT",
                  id: "s2",
                  name: "VIP",
                  programId: null,
                },
                {
                  kind: "SURVEY",
                  id: "v1",
                  name: "How was it?",
                  programId: null,
                },
              ],
            }),
          },
        },
      }),
    });
    const items = wrapper.findAll('[data-test="used-by"] li');
    expect(items.map((li) => li.text())).toEqual([
      "CampaignDouble points",
      "RewardGift",
      expect.stringMatching(/^SegmentVIP7 members?$/),
      "SurveyHow was it?",
    ]);
    expect(items.map((li) => li.find("a").attributes("href"))).toEqual([
      "/programs/p1",
      "/programs/p1",
      "/segments/s2",
      "/surveys/v1",
    ]);
  });

  it("follows a refresh job until it is done, then shows the new count", async () => {
    vi.useFakeTimers();
    let segmentReads = 0;
    let polls = 0;
    const { wrapper } = await mountSegment({
      handlers: handlers({
        Segment: () => {
          segmentReads += 1;
          return {
            data: { segment: segmentDetail({ memberCount: segmentReads > 1 ? 130 : 120 }) },
          };
        },
        RefreshSegment: {
          data: {
            refreshSegment: {
              id: "j1",
              status: "QUEUED",
              progress: 0,
              step: null,
              error: null,
              finishedAt: null,
            },
          },
        },
        Job: () => {
          polls += 1;
          const done = polls >= 2;
          return {
            data: {
              job: {
                id: "j1",
                status: done ? "DONE" : "RUNNING",
                progress: done ? 1 : 0.55,
                step: done ? "DONE" : "ENTRIES",
                error: null,
                finishedAt: null,
              },
            },
          };
        },
      }),
    });
    await wrapper.find('[data-test="refresh"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-test="refresh-card"]').text()).toContain("Refresh queued");
    vi.advanceTimersByTime(JOB_POLL_MS);
    await flushPromises();
    expect(wrapper.find('[data-test="refresh-card"]').text()).toContain("Refreshing 55%");
    expect(wrapper.find('[data-test="refresh-step"]').text()).toBe("Adding new members");
    vi.advanceTimersByTime(JOB_POLL_MS);
    await flushPromises();
    expect(polls).toBe(2);
    expect(wrapper.find('[data-test="member-count"]').text()).toBe("130");
    vi.advanceTimersByTime(JOB_POLL_MS * 3);
    await flushPromises();
    expect(polls).toBe(2);
  });

  it("lets support staff read but not change, refresh or delete", async () => {
    const { wrapper } = await mountSegment({ user: SUPPORT });
    expect(wrapper.find('[data-test="member-row"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="edit"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="delete"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="refresh"]').exists()).toBe(false);
  });
});
