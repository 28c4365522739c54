import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { ANALYST, mountPage } from "@/testing/mount-app";
import AppShell from "@/components/AppShell.vue";
import AuditLogPage from "./AuditLogPage.vue";

enableAutoUnmount(afterEach);
vi.setConfig({ testTimeout: 20_000 });

function entry(over: Record<string, unknown> = {}) {
  return {
    __typename: "AuditEntry",
    id: "2",
    at: "2026-06-15T10:00:00.000Z",
    actor: { __typename: "AuditActor", kind: "USER", id: "u1", label: "root@shop.test" },
    entityType: "REWARD",
    entityId: "r1",
    action: "updated",
    requestId: "req-1",
    before: { cost: 10, name: "Tote" },
    after: { cost: 20, name: "Big tote" },
    ...over,
  };
}

const page = (items: ReturnType<typeof entry>[], hasNextPage = false) => ({
  data: {
    auditLog: {
      totalCount: items.length + (hasNextPage ? 25 : 0),
      pageInfo: { hasNextPage, endCursor: hasNextPage ? "cursor-1" : null },
      edges: items.map((node) => ({ cursor: `c-${node.id}`, node })),
    },
  },
});

async function mountAudit(handlers: FakeHandlers, user = undefined as never) {
  const { client, calls } = fakeClient(handlers);
  const mounted = await mountPage({
    client,
    page: AuditLogPage,
    path: "/audit",
    at: "/audit",
    user,
  });
  return { ...mounted, called: (name: string) => calls.filter((c) => c.name === name) };
}

describe("audit log page", () => {
  it("lists entries with who, what and when, and shows an entry's before and after in a drawer", async () => {
    const { wrapper } = await mountAudit({
      AuditLog: page([
        entry(),
        entry({ id: "1", action: "created", before: null, after: { cost: 10 } }),
      ]),
    });
    const rows = wrapper.findAll('[data-test="audit-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain("root@shop.test");
    expect(rows[0]!.text()).toContain("Reward");
    expect(rows[0]!.text()).toContain("updated");
    await rows[0]!.find('[data-test="audit-show"]').trigger("click");
    await flushPromises();
    const drawer = document.querySelector('[data-test="audit-drawer"]')!;
    const cost = drawer.querySelector('[data-field="cost"]')!;
    expect(cost.querySelector(".diff__before")!.textContent).toContain("10");
    expect(cost.querySelector(".diff__after")!.textContent).toContain("20");
    expect(drawer.textContent).toContain("req-1");
  });

  it("asks the API again with the filters chosen, and pages forward with the cursor", async () => {
    const { wrapper, called } = await mountAudit({
      AuditLog: (v) => (v.after ? page([entry({ id: "0" })]) : page([entry()], true)),
    });
    const input = wrapper.find('[data-test="filter-actor"] input');
    await input.setValue("root");
    await flushPromises();
    expect(called("AuditLog").at(-1)!.variables).toMatchObject({
      filter: { actor: "root" },
      after: null,
    });
    await wrapper.find('[data-test="audit-next"]').trigger("click");
    await flushPromises();
    expect(called("AuditLog").at(-1)!.variables).toMatchObject({
      filter: { actor: "root" },
      after: "cursor-1",
    });
  });

  it("says so when nothing matches, and tells non-admins the log is for admins", async () => {
    const empty = await mountAudit({ AuditLog: page([]) });
    expect(empty.wrapper.find('[data-test="audit-empty"]').exists()).toBe(true);
    const denied = await mountAudit(
      { AuditLog: gqlError("Requires permission audit:read", { code: "FORBIDDEN" }) },
      ANALYST as never,
    );
    expect(denied.wrapper.find('[data-test="audit-forbidden"]').exists()).toBe(true);
  });

  it("shows the menu entry to admins only", async () => {
    const handlers = { AuditLog: page([]) };
    const admin = await mountPage({
      client: fakeClient(handlers).client,
      page: AppShell,
      path: "/",
      at: "/",
    });
    expect(admin.wrapper.find('a[href="/audit"]').exists()).toBe(true);
    const analyst = await mountPage({
      client: fakeClient(handlers).client,
      page: AppShell,
      path: "/",
      at: "/",
      user: ANALYST,
    });
    expect(analyst.wrapper.find('a[href="/audit"]').exists()).toBe(false);
  });
});
