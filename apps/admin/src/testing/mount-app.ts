import { defineComponent, h, ref, type Component } from "vue";
import { flushPromises, mount } from "@vue/test-utils";
import { createMemoryHistory, createRouter, RouterView, type RouteLocationRaw } from "vue-router";
import urql from "@urql/vue";
import type { Client } from "@urql/core";
import { createAppI18n, type AppLocale } from "@/i18n";
import {
  createSession,
  SessionKey,
  type Session,
  type SessionUser,
} from "@/features/auth/use-session";

const Blank = defineComponent({ render: () => h("div", "blank") });

export const ADMIN: SessionUser = {
  id: "u1",
  email: "admin@trouw.local",
  name: "Ada Admin",
  role: "ADMIN",
};
export const ANALYST: SessionUser = {
  id: "u2",
  email: "analyst@trouw.local",
  name: "Ann Analyst",
  role: "ANALYST",
};
export const SUPPORT: SessionUser = {
  id: "u3",
  email: "support@trouw.local",
  name: "Sam Support",
  role: "SUPPORT",
};

/** A session that already knows its user, as after a successful sign-in. */
export function signedInSession(user: SessionUser | null): Session {
  const current = ref(user);
  return {
    user: current,
    ensureLoaded: async () => current.value,
    login: async () => {
      throw new Error("not used");
    },
    logout: async () => {
      current.value = null;
    },
    clear: () => {
      current.value = null;
    },
  };
}

export interface MountOptions {
  client: Client;
  /** Where the page is mounted, e.g. `/customers?q=ann`. */
  at: RouteLocationRaw;
  /** The routed page component and its route path (`/customers/:id` gets the name `customer`). */
  page: Component;
  path: string;
  user?: SessionUser | null;
  session?: Session;
  locale?: AppLocale;
}

/** Mounts a page inside a router, i18n, urql and a session, and waits for its first data. */
export async function mountPage(options: MountOptions) {
  const known: Record<string, string> = {
    "/login": "login",
    "/customers": "customers",
    "/customers/:id": "customer",
    "/segments": "segments",
    "/segments/templates": "segment-templates",
    "/segments/new": "segment-new",
    "/segments/:id": "segment",
    "/segments/:id/edit": "segment-edit",
    "/programs": "programs",
    "/programs/new": "program-new",
    "/programs/:id": "program",
    "/surveys": "surveys",
    "/surveys/new": "survey-new",
    "/surveys/:id": "survey",
    "/dashboard": "dashboard",
    "/webhooks": "webhooks",
    "/audit": "audit",
    "/imports": "imports",
  };
  const routes = Object.entries(known).map(([path, name]) => ({
    path,
    name,
    component: path === options.path ? options.page : Blank,
    props: true,
  }));
  if (!(options.path in known))
    routes.push({ path: options.path, name: "page", component: options.page, props: true });
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push(options.at);
  await router.isReady();
  const session =
    options.session ?? signedInSession(options.user === undefined ? ADMIN : options.user);
  const wrapper = mount(RouterView, {
    global: {
      plugins: [createAppI18n(options.locale ?? "en"), router, [urql, options.client]],
      provide: { [SessionKey as symbol]: session },
    },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, router, session };
}

export { createSession };
