import { describe, expect, it, vi } from "vitest";
import { createMemoryHistory } from "vue-router";
import { createAppRouter } from "./router";
import { signedInSession } from "./testing/mount-app";

describe("router", () => {
  it("opens a survey link without a session lookup and without the admin around it", async () => {
    const session = signedInSession(null);
    const lookup = vi.spyOn(session, "ensureLoaded");
    const router = createAppRouter(session, createMemoryHistory());
    await router.push("/s/abc_DEF-123");
    expect(lookup).not.toHaveBeenCalled();
    expect(router.currentRoute.value.name).toBe("hosted-survey");
    expect(router.currentRoute.value.params).toEqual({ token: "abc_DEF-123" });
    // No AppShell parent: the page stands alone.
    expect(router.currentRoute.value.matched).toHaveLength(1);
  });

  it("still sends a signed-out visitor of an admin page to sign in", async () => {
    const router = createAppRouter(signedInSession(null), createMemoryHistory());
    await router.push("/surveys/123");
    expect(router.currentRoute.value.name).toBe("login");
    expect(router.currentRoute.value.query).toEqual({ redirect: "/surveys/123" });
  });
});
