import { createApp } from "vue";
import urql from "@urql/vue";
import App from "./App.vue";
import { createGraphqlClient } from "./graphql/client";
import { createSession, SessionKey } from "./features/auth/use-session";
import { createAppRouter } from "./router";
import { createAppI18n, rememberLocale } from "./i18n";

const i18n = createAppI18n();
rememberLocale(i18n.global.locale.value);

// The client reports an expired session; the router (created below) sends the user to sign in.
let onUnauthenticated = () => {};
const client = createGraphqlClient({ onUnauthenticated: () => onUnauthenticated() });
const session = createSession(client);
const router = createAppRouter(session);
onUnauthenticated = () => {
  session.clear();
  const current = router.currentRoute.value;
  if (current.name !== "login" && !current.meta.customerFacing) {
    void router.push({ name: "login", query: { redirect: current.fullPath } });
  }
};

createApp(App).use(i18n).use(urql, client).provide(SessionKey, session).use(router).mount("#app");
