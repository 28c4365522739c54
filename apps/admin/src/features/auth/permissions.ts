import { computed } from "vue";
import type { Role } from "@/graphql/generated/graphql";
import { useSession } from "./use-session";

/**
 * Who may change what: analysts read customers and manage segments, support staff handle
 * support contacts and read segments, admins edit all.
 */
export const canEditCustomerProfile = (role: Role | undefined) => role === "ADMIN";
export const canEditSupportContacts = (role: Role | undefined) =>
  role === "ADMIN" || role === "SUPPORT";
export const canManageSegments = (role: Role | undefined) => role === "ADMIN" || role === "ANALYST";

export function usePermissions() {
  const { user } = useSession();
  return {
    canEditCustomerProfile: computed(() => canEditCustomerProfile(user.value?.role)),
    canEditSupportContacts: computed(() => canEditSupportContacts(user.value?.role)),
    canManageSegments: computed(() => canManageSegments(user.value?.role)),
  };
}
