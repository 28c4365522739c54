import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient, gqlError } from "@/testing/fake-client";
import { ADMIN, createSession, mountPage } from "@/testing/mount-app";
import LoginPage from "./LoginPage.vue";

enableAutoUnmount(afterEach);

async function mountLogin(answer: Parameters<typeof fakeClient>[0]["Login"], at = "/login") {
  const { client, calls } = fakeClient({ Login: answer });
  const session = createSession(client);
  const mounted = await mountPage({ client, session, page: LoginPage, path: "/login", at });
  return { ...mounted, calls };
}

async function signIn(
  wrapper: Awaited<ReturnType<typeof mountLogin>>["wrapper"],
  email: string,
  password: string,
) {
  await wrapper.find("#login-email").setValue(email);
  await wrapper.find("#login-password").setValue(password);
  await wrapper.find("form").trigger("submit");
  await flushPromises();
}

describe("LoginPage", () => {
  it("shows the API's error message inline when sign-in fails", async () => {
    const { wrapper, calls, router } = await mountLogin(
      gqlError("Wrong email or password.", { code: "UNAUTHENTICATED" }),
    );
    await signIn(wrapper, "admin@trouw.local", "nope");

    expect(calls).toEqual([
      { name: "Login", variables: { email: "admin@trouw.local", password: "nope" } },
    ]);
    const alert = wrapper.find('[data-test="login-error"]');
    expect(alert.exists()).toBe(true);
    expect(alert.attributes("role")).toBe("alert");
    expect(alert.text()).toContain("Wrong email or password.");
    expect(router.currentRoute.value.path).toBe("/login");
  });

  it("asks for both fields before calling the API", async () => {
    const { wrapper, calls } = await mountLogin({ data: { login: ADMIN } });
    await wrapper.find("form").trigger("submit");
    await flushPromises();
    expect(calls).toHaveLength(0);
    expect(wrapper.text()).toContain("Enter your email address.");
    expect(wrapper.text()).toContain("Enter your password.");
  });

  it("signs in and goes to the page the user first asked for", async () => {
    const { wrapper, router, session } = await mountLogin(
      { data: { login: ADMIN } },
      "/login?redirect=/customers/c-42",
    );
    await signIn(wrapper, "admin@trouw.local", "trouw-admin");
    expect(session.user.value).toEqual(ADMIN);
    expect(router.currentRoute.value.fullPath).toBe("/customers/c-42");
    expect(wrapper.find('[data-test="login-error"]').exists()).toBe(false);
  });

  it("never redirects to another site after sign-in", async () => {
    const { wrapper, router } = await mountLogin(
      { data: { login: ADMIN } },
      "/login?redirect=//evil.example",
    );
    await signIn(wrapper, "admin@trouw.local", "trouw-admin");
    expect(router.currentRoute.value.fullPath).toBe("/customers");
  });
});
