import {
  createRouter,
  createWebHistory,
  type RouteRecordRaw,
  type RouterHistory,
} from "vue-router";
import type { Session } from "@/features/auth/use-session";
import AppShell from "@/components/AppShell.vue";

declare module "vue-router" {
  interface RouteMeta {
    /** Pages anyone may open; all others need a signed-in admin user. */
    public?: boolean;
    /** Pages for customers (a hosted survey): no session lookup, no admin around them. */
    customerFacing?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: "/login",
    name: "login",
    component: () => import("@/features/auth/LoginPage.vue"),
    meta: { public: true },
  },
  {
    path: "/s/:token",
    name: "hosted-survey",
    component: () => import("@/features/surveys/hosted/HostedSurveyPage.vue"),
    props: true,
    meta: { public: true, customerFacing: true },
  },
  {
    path: "/",
    component: AppShell,
    children: [
      { path: "", redirect: { name: "dashboard" } },
      {
        path: "customers",
        name: "customers",
        component: () => import("@/features/customers/CustomersPage.vue"),
      },
      {
        path: "customers/:id",
        name: "customer",
        component: () => import("@/features/customers/CustomerPage.vue"),
        props: true,
      },
      {
        path: "segments",
        name: "segments",
        component: () => import("@/features/segments/SegmentsPage.vue"),
      },
      {
        path: "segments/templates",
        name: "segment-templates",
        component: () => import("@/features/segments/SegmentTemplatesPage.vue"),
      },
      {
        path: "segments/new",
        name: "segment-new",
        component: () => import("@/features/segments/SegmentBuilderPage.vue"),
      },
      {
        path: "segments/:id",
        name: "segment",
        component: () => import("@/features/segments/SegmentPage.vue"),
        props: true,
      },
      {
        path: "segments/:id/edit",
        name: "segment-edit",
        component: () => import("@/features/segments/SegmentBuilderPage.vue"),
        props: true,
      },
      {
        path: "programs",
        name: "programs",
        component: () => import("@/features/programs/ProgramsPage.vue"),
      },
      {
        path: "programs/new",
        name: "program-new",
        component: () => import("@/features/programs/ProgramPage.vue"),
      },
      {
        path: "programs/:id",
        name: "program",
        component: () => import("@/features/programs/ProgramPage.vue"),
        props: true,
      },
      {
        path: "surveys",
        name: "surveys",
        component: () => import("@/features/surveys/SurveysPage.vue"),
      },
      {
        path: "surveys/new",
        name: "survey-new",
        component: () => import("@/features/surveys/SurveyPage.vue"),
      },
      {
        path: "surveys/:id",
        name: "survey",
        component: () => import("@/features/surveys/SurveyPage.vue"),
        props: true,
      },
      {
        path: "dashboard",
        name: "dashboard",
        component: () => import("@/features/dashboard/DashboardPage.vue"),
      },
      {
        path: "webhooks",
        name: "webhooks",
        component: () => import("@/features/webhooks/WebhooksPage.vue"),
      },
      {
        path: "audit",
        name: "audit",
        component: () => import("@/features/audit/AuditLogPage.vue"),
      },
      {
        path: "imports",
        name: "imports",
        component: () => import("@/features/imports/ImportsPage.vue"),
      },
      {
        path: ":pathMatch(.*)*",
        name: "not-found",
        component: () => import("@/components/NotFoundPage.vue"),
      },
    ],
  },
];

export function createAppRouter(session: Session, history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes });
  router.beforeEach(async (to) => {
    // A customer opening a survey link has no session to look up.
    if (to.meta.customerFacing) return true;
    const user = await session.ensureLoaded();
    if (to.meta.public) return to.name === "login" && user ? { name: "customers" } : true;
    if (!user)
      return { name: "login", query: to.fullPath === "/" ? {} : { redirect: to.fullPath } };
    return true;
  });
  return router;
}
