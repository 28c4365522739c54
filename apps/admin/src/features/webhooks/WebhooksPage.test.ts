import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { ANALYST, mountPage } from "@/testing/mount-app";
import AppShell from "@/components/AppShell.vue";
import WebhooksPage from "./WebhooksPage.vue";

enableAutoUnmount(afterEach);
vi.setConfig({ testTimeout: 20_000 });

function endpoint(over: Record<string, unknown> = {}) {
  return {
    __typename: "WebhookEndpoint",
    id: "e1",
    url: "https://crm.example.com/trouw",
    description: "CRM sync",
    topics: ["CUSTOMER_CREATED", "SEGMENT_ENTERED", "SEGMENT_LEFT", "LOYALTY_TIER_CHANGED"],
    segmentIds: [],
    active: true,
    secretPreview: "whsec_…a1b2",
    secretRotatedAt: null,
    previousSecretExpiresAt: null,
    createdAt: "2026-06-01T10:00:00.000Z",
    updatedAt: "2026-06-01T10:00:00.000Z",
    pendingDeliveries: 0,
    failingDeliveries: 1,
    deadDeliveries: 2,
    ...over,
  };
}

function delivery(over: Record<string, unknown> = {}) {
  return {
    __typename: "WebhookDelivery",
    id: "d1",
    eventId: "41",
    topic: "customer.created",
    status: "DEAD",
    attempts: 12,
    nextAttemptAt: null,
    lastAttemptAt: "2026-06-02T10:00:00.000Z",
    lastStatusCode: 500,
    lastError: "HTTP 500: boom",
    lastResponseMs: 87,
    deliveredAt: null,
    createdAt: "2026-06-01T10:00:00.000Z",
    payload: { id: "41", topic: "customer.created", data: { customerId: "c1" } },
    ...over,
  };
}

const page = (items: ReturnType<typeof delivery>[], hasNextPage = false) => ({
  data: {
    webhookDeliveries: {
      totalCount: items.length,
      pageInfo: { hasNextPage, endCursor: hasNextPage ? "cursor-1" : null },
      edges: items.map((node) => ({ cursor: `c-${node.id}`, node })),
    },
  },
});

async function mountWebhooks(overrides: FakeHandlers = {}, user = undefined as never) {
  const { client, calls } = fakeClient({
    WebhookEndpoints: { data: { webhookEndpoints: [endpoint()] } },
    SegmentOptions: {
      data: { segments: { edges: [{ node: { id: "s1", name: "At risk", memberCount: 3 } }] } },
    },
    ...overrides,
  });
  const mounted = await mountPage({
    client,
    page: WebhooksPage,
    path: "/webhooks",
    at: "/webhooks",
    user,
  });
  return { ...mounted, called: (name: string) => calls.filter((c) => c.name === name) };
}

const button = (root: Element, text: string) =>
  [...root.querySelectorAll("button")].find((b) => b.textContent?.includes(text))!;

async function fill(selector: string, value: string) {
  const input = document.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event("input"));
  await flushPromises();
}

describe("webhooks page", () => {
  it("lists endpoints with their events, state and how their deliveries fare", async () => {
    const { wrapper } = await mountWebhooks();
    const row = wrapper.find('[data-test="endpoint-row"]');
    expect(row.text()).toContain("https://crm.example.com/trouw");
    expect(row.text()).toContain("CRM sync");
    expect(row.text()).toContain("whsec_…a1b2");
    expect(row.text()).toContain("customer.created");
    expect(row.text()).toContain("+1");
    expect(row.text()).toContain("Active");
    expect(row.find('[data-test="endpoint-health"]').text()).toBe("2 failed1 retrying");
    expect(wrapper.find('[data-test="total-count"]').text()).toBe("1 endpoint");
  });

  it("registers an endpoint after checking it, then shows its secret once", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const { wrapper, called } = await mountWebhooks({
      CreateWebhookEndpoint: {
        data: {
          createWebhookEndpoint: {
            secret: "whsec_new-secret-value",
            endpoint: endpoint({ id: "e2", url: "https://erp.example.com/in" }),
          },
        },
      },
    });
    await wrapper.find('[data-test="new-endpoint"]').trigger("click");
    await flushPromises();
    const drawer = document.querySelector('[data-test="endpoint-drawer"]')!;
    const panel = drawer.closest(".n-drawer")!;
    await fill('[data-test="endpoint-url"] input', "http://erp.example.com/in");
    button(panel, "Save").click();
    await flushPromises();
    expect(called("CreateWebhookEndpoint")).toHaveLength(0);
    expect(drawer.querySelector('[data-path="url"]')!.textContent).toContain("Use https");
    expect(drawer.querySelector('[data-path="topics"]')!.textContent).toContain(
      "Choose at least one event",
    );

    await fill('[data-test="endpoint-url"] input', "https://erp.example.com/in");
    (drawer.querySelector('[data-test="topic-CUSTOMER_CREATED"]') as HTMLElement).click();
    await flushPromises();
    (drawer.querySelector('[data-test="topic-SURVEY_ANSWERED"]') as HTMLElement).click();
    await flushPromises();
    button(panel, "Save").click();
    await flushPromises();
    expect(called("CreateWebhookEndpoint")[0]!.variables).toEqual({
      input: {
        url: "https://erp.example.com/in",
        description: "",
        topics: ["CUSTOMER_CREATED", "SURVEY_ANSWERED"],
        segmentIds: [],
        active: true,
      },
    });
    const dialog = document.querySelector('[data-test="secret-dialog"]')!;
    expect(dialog.querySelector<HTMLInputElement>('[data-test="secret-value"] input')!.value).toBe(
      "whsec_new-secret-value",
    );
    expect(dialog.textContent).toContain("it is not shown again");
    (dialog.querySelector('[data-test="secret-copy"]') as HTMLElement).click();
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith("whsec_new-secret-value");
    expect(dialog.textContent).toContain("Copied");
    expect(called("WebhookEndpoints").length).toBeGreaterThan(1);
  });

  it("shows the API's refusal at the field it names", async () => {
    const { wrapper } = await mountWebhooks({
      UpdateWebhookEndpoint: gqlError("Invalid webhook endpoint", {
        code: "BAD_USER_INPUT",
        problems: [{ path: "url", message: "must use https" }],
      }),
    });
    await wrapper.find('[data-test="endpoint-edit"]').trigger("click");
    await flushPromises();
    const drawer = document.querySelector('[data-test="endpoint-drawer"]')!;
    expect(drawer.querySelector<HTMLInputElement>('[data-test="endpoint-url"] input')!.value).toBe(
      "https://crm.example.com/trouw",
    );
    button(drawer.closest(".n-drawer")!, "Save").click();
    await flushPromises();
    expect(drawer.querySelector('[data-path="url"]')!.textContent).toContain("Must use https");
  });

  it("sends a test event and says how the receiver answered", async () => {
    const { wrapper, called } = await mountWebhooks({
      SendWebhookTestEvent: {
        data: {
          sendWebhookTestEvent: {
            id: "d9",
            status: "FAILED",
            lastStatusCode: null,
            lastError: "Timed out after 10000 ms",
            lastResponseMs: 10000,
          },
        },
      },
    });
    await wrapper.find('[data-test="endpoint-test"]').trigger("click");
    await flushPromises();
    expect(called("SendWebhookTestEvent")[0]!.variables).toEqual({ endpointId: "e1" });
    expect(wrapper.find('[data-test="notice"]').text()).toContain(
      "Test event to https://crm.example.com/trouw failed: Timed out after 10000 ms",
    );
  });

  it("rotates the secret only after a confirmation, keeping the old one for the chosen hours", async () => {
    const { wrapper, called } = await mountWebhooks({
      RotateWebhookSecret: {
        data: { rotateWebhookSecret: { secret: "whsec_rotated", endpoint: endpoint() } },
      },
    });
    await wrapper.find('[data-test="endpoint-rotate"]').trigger("click");
    await flushPromises();
    const dialog = document.querySelector('[data-test="rotate-dialog"]')!;
    expect(called("RotateWebhookSecret")).toHaveLength(0);
    button(dialog, "Rotate").click();
    await flushPromises();
    expect(called("RotateWebhookSecret")[0]!.variables).toEqual({
      id: "e1",
      keepPreviousForHours: 24,
    });
    expect(
      document.querySelector<HTMLInputElement>('[data-test="secret-value"] input')!.value,
    ).toBe("whsec_rotated");
  });

  it("deletes an endpoint only after a confirmation", async () => {
    const { wrapper, called } = await mountWebhooks({
      DeleteWebhookEndpoint: { data: { deleteWebhookEndpoint: { id: "e1" } } },
    });
    await wrapper.find('[data-test="endpoint-delete"]').trigger("click");
    await flushPromises();
    let dialog = document.querySelector('[data-test="delete-dialog"]')!;
    expect(dialog.textContent).toContain("its delivery log is deleted");
    button(dialog, "Cancel").click();
    await flushPromises();
    expect(called("DeleteWebhookEndpoint")).toHaveLength(0);

    await wrapper.find('[data-test="endpoint-delete"]').trigger("click");
    await flushPromises();
    dialog = document.querySelector('[data-test="delete-dialog"]')!;
    button(dialog, "Delete").click();
    await flushPromises();
    expect(called("DeleteWebhookEndpoint")[0]!.variables).toEqual({ id: "e1" });
  });

  it("opens the delivery log with status, answer and timing, and redelivers", async () => {
    const { wrapper, called } = await mountWebhooks({
      WebhookDeliveries: (v) =>
        v.status === "DELIVERED"
          ? page([
              delivery({
                id: "d2",
                status: "DELIVERED",
                attempts: 1,
                lastStatusCode: 204,
                lastError: null,
                deliveredAt: "2026-06-01T10:00:01.000Z",
              }),
            ])
          : page(
              [
                delivery(),
                delivery({
                  id: "d3",
                  status: "FAILED",
                  attempts: 2,
                  lastStatusCode: null,
                  lastError: "ECONNREFUSED",
                  nextAttemptAt: "2026-06-01T10:05:00.000Z",
                }),
              ],
              true,
            ),
      RedeliverWebhook: {
        data: {
          redeliverWebhook: {
            id: "d1",
            status: "DELIVERED",
            attempts: 1,
            lastStatusCode: 200,
            lastError: null,
          },
        },
      },
      RedeliverDeadWebhooks: { data: { redeliverDeadWebhooks: 2 } },
    });
    await wrapper.find('[data-test="endpoint-log"]').trigger("click");
    await flushPromises();
    const log = document.querySelector('[data-test="delivery-log"]')!;
    expect(called("WebhookDeliveries")[0]!.variables).toEqual({
      endpointId: "e1",
      status: null,
      first: 20,
      after: null,
    });
    const rows = [...log.querySelectorAll('[data-test="delivery-row"]')];
    expect(rows.map((r) => r.getAttribute("data-status"))).toEqual(["DEAD", "FAILED"]);
    expect(rows[0]!.textContent).toContain("customer.created");
    expect(rows[0]!.textContent).toContain("Failed");
    expect(rows[0]!.textContent).toContain("500");
    expect(rows[0]!.textContent).toContain("87 ms");
    expect(rows[0]!.textContent).toContain("HTTP 500: boom");
    expect(rows[1]!.textContent).toContain("No answer");
    expect(rows[1]!.textContent).toContain("Next attempt");

    (rows[0]!.querySelector('[data-test="redeliver"]') as HTMLElement).click();
    await flushPromises();
    expect(called("RedeliverWebhook")[0]!.variables).toEqual({ deliveryId: "d1" });

    (log.querySelector('[data-test="redeliver-dead"]') as HTMLElement).click();
    await flushPromises();
    expect(called("RedeliverDeadWebhooks")[0]!.variables).toEqual({ endpointId: "e1" });
    expect(log.querySelector('[data-test="log-notice"]')!.textContent).toContain(
      "2 failed deliveries queued again",
    );

    (log.querySelector('[data-test="log-next"]') as HTMLElement).click();
    await flushPromises();
    expect(called("WebhookDeliveries").at(-1)!.variables).toMatchObject({ after: "cursor-1" });
  });

  it("tells non-admins that only admins manage webhooks", async () => {
    const { wrapper } = await mountWebhooks(
      { WebhookEndpoints: gqlError("Requires permission webhooks:manage", { code: "FORBIDDEN" }) },
      ANALYST as never,
    );
    expect(wrapper.find('[data-test="admins-only"]').text()).toBe("Only admins manage webhooks.");
    expect(wrapper.find('[data-test="new-endpoint"]').exists()).toBe(false);
  });

  it("speaks Dutch", async () => {
    const { client } = fakeClient({
      WebhookEndpoints: { data: { webhookEndpoints: [endpoint()] } },
      SegmentOptions: { data: { segments: { edges: [] } } },
    });
    const { wrapper } = await mountPage({
      client,
      page: WebhooksPage,
      path: "/webhooks",
      at: "/webhooks",
      locale: "nl",
    });
    expect(wrapper.find('[data-test="endpoint-health"]').text()).toBe(
      "2 mislukt1 opnieuw proberen",
    );
    expect(wrapper.find('[data-test="new-endpoint"]').text()).toContain("Nieuw endpoint");
  });
});

describe("the Webhooks menu item", () => {
  it("is shown to admins only", async () => {
    const { client } = fakeClient({});
    const shell = (user: typeof ANALYST | undefined) =>
      mountPage({ client, page: AppShell, path: "/shell", at: "/shell", user: user as never });
    expect((await shell(undefined)).wrapper.find("nav").text()).toContain("Webhooks");
    expect((await shell(ANALYST)).wrapper.find("nav").text()).not.toContain("Webhooks");
  });
});
