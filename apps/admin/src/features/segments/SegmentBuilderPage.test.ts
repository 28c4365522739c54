import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { mountPage } from "@/testing/mount-app";
import SegmentBuilderPage from "./SegmentBuilderPage.vue";
import { ORDERS_RULE, SEGMENT_ID, noTemplates, segmentDetail } from "./fixtures";
import { PREVIEW_DEBOUNCE_MS } from "./use-segment-preview";

enableAutoUnmount(afterEach);
afterEach(() => vi.useRealTimers());

const preview = (count: number) => ({
  data: {
    previewSegment: {
      count,
      sample: [
        { id: "c1", externalId: "shop-1", name: "Anna de Vries", email: "anna@example.com" },
      ],
    },
  },
});

async function mountBuilder(overrides: FakeHandlers = {}) {
  const { client, calls } = fakeClient({
    Segment: { data: { segment: segmentDetail() } },
    SegmentTemplates: noTemplates,
    CustomerTags: { data: { customerTags: [] } },
    PreviewSegment: preview(42),
    ...overrides,
  });
  const mounted = await mountPage({
    client,
    page: SegmentBuilderPage,
    path: "/segments/:id/edit",
    at: `/segments/${SEGMENT_ID}/edit`,
  });
  return { ...mounted, calls, previews: () => calls.filter((c) => c.name === "PreviewSegment") };
}

type RuleVariables = { rule: typeof ORDERS_RULE };
const firstValue = (v: Record<string, unknown>) =>
  (
    (v as unknown as RuleVariables).rule.root.children[0] as unknown as {
      args: { compare: { value: number } };
    }
  ).args.compare.value;

describe("SegmentBuilderPage", () => {
  it("loads the saved rule into the builder", async () => {
    const { wrapper } = await mountBuilder();
    expect(wrapper.find('[data-test="builder-title"]').text()).toBe("Edit Loyal customers");
    const conditions = wrapper.findAll('[data-test="condition"]');
    expect(conditions.map((c) => c.attributes("data-kind"))).toEqual([
      "event_aggregate",
      "marketing_consent",
    ]);
    expect(conditions[1]!.find('[data-test="condition-not"]').classes()).toContain(
      "n-checkbox--checked",
    );
  });

  it("asks previewSegment once, after typing has stopped for the debounce time", async () => {
    vi.useFakeTimers();
    const { wrapper, previews } = await mountBuilder();
    vi.advanceTimersByTime(PREVIEW_DEBOUNCE_MS);
    await flushPromises();
    expect(previews()).toHaveLength(1);
    expect(wrapper.find('[data-test="preview-count"]').text()).toBe("42 customers match");

    const input = wrapper.find('[data-test="compare-value"] input');
    for (const typed of ["3", "4", "5"]) {
      await input.setValue(typed);
      vi.advanceTimersByTime(PREVIEW_DEBOUNCE_MS / 4);
    }
    expect(previews()).toHaveLength(1);
    vi.advanceTimersByTime(PREVIEW_DEBOUNCE_MS);
    await flushPromises();
    expect(previews()).toHaveLength(2);
    expect(firstValue(previews()[1]!.variables)).toBe(5);
    expect(previews()[1]!.variables.sampleSize).toBe(5);
  });

  it("does not ask for a preview of a rule the client already knows is invalid", async () => {
    vi.useFakeTimers();
    const { wrapper, previews } = await mountBuilder();
    vi.advanceTimersByTime(PREVIEW_DEBOUNCE_MS);
    await flushPromises();
    await wrapper.find('[data-test="compare-value"] input').setValue("");
    vi.advanceTimersByTime(PREVIEW_DEBOUNCE_MS * 2);
    await flushPromises();
    expect(previews()).toHaveLength(1);
    expect(wrapper.find('[data-test="preview-invalid"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="condition-problems"]').text()).toContain("Enter a value.");
  });

  it("shows the API's problems at the condition they name", async () => {
    vi.useFakeTimers();
    const { wrapper } = await mountBuilder({
      PreviewSegment: gqlError("Invalid rule", {
        code: "BAD_USER_INPUT",
        problems: [
          { path: "rule.root.children[1].child.args.value", message: "consent is not tracked" },
        ],
      }),
    });
    vi.advanceTimersByTime(PREVIEW_DEBOUNCE_MS);
    await flushPromises();
    const conditions = wrapper.findAll('[data-test="condition"]');
    expect(conditions[0]!.find('[data-test="condition-problems"]').exists()).toBe(false);
    expect(conditions[1]!.find('[data-test="condition-problems"]').text()).toContain(
      "Consent is not tracked",
    );
    expect(wrapper.find('[data-test="problem-count"]').text()).toBe("The rule has 1 problem");
  });

  it("saves the name, tags and rule, then opens the segment", async () => {
    const { wrapper, calls, router } = await mountBuilder({
      UpdateSegment: { data: { updateSegment: segmentDetail({ name: "Loyal buyers" }) } },
    });
    await wrapper.find('[data-test="field-name"] input').setValue("Loyal buyers");
    await wrapper.find('[data-test="save"]').trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.name === "UpdateSegment")!.variables).toEqual({
      id: SEGMENT_ID,
      input: {
        name: "Loyal buyers",
        description: "Repeat buyers.",
        tags: ["crm"],
        rule: ORDERS_RULE,
      },
    });
    expect(router.currentRoute.value.fullPath).toBe(`/segments/${SEGMENT_ID}`);
  });

  it("shows a name conflict at the name field", async () => {
    const { wrapper, router } = await mountBuilder({
      UpdateSegment: gqlError('A segment named "Lapsed" already exists', { code: "CONFLICT" }),
    });
    await wrapper.find('[data-test="field-name"] input').setValue("Lapsed");
    await wrapper.find('[data-test="save"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-test="field-name"]').text()).toContain("already exists");
    expect(router.currentRoute.value.name).toBe("segment-edit");
  });

  it("asks before leaving with unsaved changes", async () => {
    const { wrapper, router } = await mountBuilder();
    await wrapper.find('[data-test="field-name"] input').setValue("Changed");
    const leaving = router.push({ name: "segments" });
    await flushPromises();
    expect(document.body.textContent).toContain("Discard unsaved changes?");
    const stay = [...document.body.querySelectorAll("button")].find((b) =>
      b.textContent?.includes("Keep editing"),
    )!;
    stay.click();
    await leaving;
    expect(router.currentRoute.value.name).toBe("segment-edit");
  });

  it("starts from a template with its settings above the rule; a change rebuilds the rule", async () => {
    const lapsedRule = (days: number) => ({
      version: 1,
      root: {
        type: "condition",
        kind: "days_since_event",
        args: { which: "last", filter: { types: ["order"] }, compare: { op: "gte", value: days } },
      },
    });
    const template = {
      key: "lapsed",
      name: "Lapsed customers",
      group: "lifecycle",
      description: "Used to buy and have stopped.",
      treatment: "Find out why and win them back quickly.",
      parameters: [
        {
          key: "lapsedDays",
          label: "Lapsed after (days)",
          description: "Days without an order.",
          type: "days",
          default: 180,
          min: 1,
          max: null,
        },
      ],
      rule: lapsedRule(180),
    };
    const { client, calls } = fakeClient({
      SegmentTemplates: { data: { segmentTemplates: [template] } },
      CustomerTags: { data: { customerTags: [] } },
      PreviewSegment: preview(7),
      InstantiateSegmentTemplate: (v) => ({
        data: {
          instantiateSegmentTemplate: lapsedRule((v.values as { lapsedDays: number }).lapsedDays),
        },
      }),
      CreateSegment: { data: { createSegment: segmentDetail({ id: "new-id" }) } },
    });
    const { wrapper, router } = await mountPage({
      client,
      page: SegmentBuilderPage,
      path: "/segments/new",
      at: "/segments/new?template=lapsed",
    });
    expect(wrapper.find('[data-test="field-name"] input').element).toHaveProperty(
      "value",
      "Lapsed customers",
    );
    expect(wrapper.text()).toContain("Find out why and win them back quickly.");
    const days = wrapper.find('[data-test="parameter-lapsedDays"] input');
    expect(days.element).toHaveProperty("value", "180");

    await days.setValue("365");
    await flushPromises();
    expect(calls.find((c) => c.name === "InstantiateSegmentTemplate")!.variables).toEqual({
      key: "lapsed",
      values: { lapsedDays: 365 },
    });
    expect(wrapper.find('[data-test="compare-value"] input').element).toHaveProperty(
      "value",
      "365",
    );

    await wrapper.find('[data-test="save"]').trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.name === "CreateSegment")!.variables).toMatchObject({
      input: {
        name: "Lapsed customers",
        templateKey: "lapsed",
        rule: { version: 1, root: { type: "and", children: [lapsedRule(365).root] } },
      },
    });
    expect(router.currentRoute.value.fullPath).toBe("/segments/new-id");
  });
});
