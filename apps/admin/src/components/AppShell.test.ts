import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient } from "@/testing/fake-client";
import { ADMIN, ANALYST, createSession, mountPage } from "@/testing/mount-app";
import AppShell from "./AppShell.vue";

enableAutoUnmount(afterEach);

describe("AppShell", () => {
  it("shows the signed-in user with their role and the main sections", async () => {
    const { client } = fakeClient({});
    const { wrapper } = await mountPage({
      client,
      page: AppShell,
      path: "/shell",
      at: "/shell",
      user: ANALYST,
    });
    expect(wrapper.text()).toContain("Ann Analyst");
    expect(wrapper.find('[data-test="role"]').text()).toBe("Analyst");
    const nav = wrapper.find("nav").text();
    for (const section of ["Customers", "Segments", "Programs", "Surveys", "Dashboard"])
      expect(nav).toContain(section);
  });

  it("signs out and goes to the login page", async () => {
    const { client, calls } = fakeClient({
      Login: { data: { login: ADMIN } },
      Logout: { data: { logout: true } },
    });
    const session = createSession(client);
    await session.login(ADMIN.email, "trouw-admin");
    const { wrapper, router } = await mountPage({
      client,
      session,
      page: AppShell,
      path: "/shell",
      at: "/shell",
    });
    await wrapper.find('[data-test="logout"]').trigger("click");
    await flushPromises();
    expect(calls.map((c) => c.name)).toContain("Logout");
    expect(session.user.value).toBeNull();
    expect(router.currentRoute.value.name).toBe("login");
  });

  it("speaks Dutch when Dutch is chosen", async () => {
    const { client } = fakeClient({});
    const { wrapper } = await mountPage({
      client,
      page: AppShell,
      path: "/shell",
      at: "/shell",
      locale: "nl",
    });
    expect(wrapper.find("nav").text()).toContain("Klanten");
    expect(wrapper.find('[data-test="role"]').text()).toBe("Beheerder");
    expect(wrapper.find('[data-test="logout"]').text()).toContain("Afmelden");
  });
});
