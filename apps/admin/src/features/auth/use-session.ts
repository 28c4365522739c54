import { inject, readonly, shallowRef, type InjectionKey, type Ref } from "vue";
import { CombinedError, type Client } from "@urql/core";
import { SESSION_PROBE } from "@/graphql/client";
import { graphql } from "@/graphql/generated";
import type { AdminUserFieldsFragment } from "@/graphql/generated/graphql";

export type SessionUser = AdminUserFieldsFragment;

export const AdminUserFields = graphql(`
  fragment AdminUserFields on AdminUser {
    id
    email
    name
    role
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      ...AdminUserFields
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      ...AdminUserFields
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export type LoginResult = { ok: true; user: SessionUser } | { ok: false; error: CombinedError };

export interface Session {
  /** The signed-in admin user, or null. */
  user: Readonly<Ref<SessionUser | null>>;
  /** Asks the API who is signed in, once; later calls reuse the answer. An error means nobody. */
  ensureLoaded(): Promise<SessionUser | null>;
  login(email: string, password: string): Promise<LoginResult>;
  logout(): Promise<void>;
  /** Forgets the user locally, e.g. after the API answered UNAUTHENTICATED. */
  clear(): void;
}

export const SessionKey: InjectionKey<Session> = Symbol("session");

export function createSession(client: Client): Session {
  const user = shallowRef<SessionUser | null>(null);
  let loading: Promise<SessionUser | null> | null = null;

  function ensureLoaded() {
    loading ??= client
      .query(MeQuery, {}, { requestPolicy: "network-only", [SESSION_PROBE]: true })
      .toPromise()
      .then((result) => {
        user.value = result.data?.me ?? null;
        return user.value;
      });
    return loading;
  }

  async function login(email: string, password: string): Promise<LoginResult> {
    const result = await client.mutation(LoginMutation, { email, password }).toPromise();
    if (!result.data) {
      return {
        ok: false,
        error: result.error ?? new CombinedError({ networkError: new Error("No data") }),
      };
    }
    user.value = result.data.login;
    loading = Promise.resolve(user.value);
    return { ok: true, user: result.data.login };
  }

  async function logout() {
    await client.mutation(LogoutMutation, {}, { [SESSION_PROBE]: true }).toPromise();
    clear();
  }

  function clear() {
    user.value = null;
    loading = Promise.resolve(null);
  }

  return { user: readonly(user), ensureLoaded, login, logout, clear };
}

export function useSession(): Session {
  const session = inject(SessionKey);
  if (!session) throw new Error("useSession() needs a session provided with SessionKey");
  return session;
}
