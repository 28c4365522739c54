import { computed } from "vue";
import type { Role } from "@/graphql/generated/graphql";
import { useSession } from "./use-session";

/**
 * Who may change what: analysts read customers and manage segments, support staff handle
 * support contacts and redemptions and read segments, admins edit all. Everyone signed in
 * reads programs and a customer's loyalty status, and survey definitions and results.
 */
export const canEditCustomerProfile = (role: Role | undefined) => role === "ADMIN";
export const canEditSupportContacts = (role: Role | undefined) =>
  role === "ADMIN" || role === "SUPPORT";
export const canManageSegments = (role: Role | undefined) => role === "ADMIN" || role === "ANALYST";
/** Programs, their rewards and campaigns (the API's `programs:manage`). */
export const canManagePrograms = (role: Role | undefined) => role === "ADMIN";
/** Redeem and cancel redemptions for a customer (`loyalty:write`). */
export const canWriteLoyalty = (role: Role | undefined) => role === "ADMIN" || role === "SUPPORT";
/** Manual balance corrections (`loyalty:adjust`): admins only, always with a reason. */
export const canAdjustBalance = (role: Role | undefined) => role === "ADMIN";
/** Build surveys, change their status and create invitation links (`surveys:manage`). */
export const canManageSurveys = (role: Role | undefined) => role === "ADMIN" || role === "ANALYST";
/** Export and erase a customer's data (GDPR, `privacy:manage`): admins only. */
export const canManagePrivacy = (role: Role | undefined) => role === "ADMIN";

export function usePermissions() {
  const { user } = useSession();
  return {
    canEditCustomerProfile: computed(() => canEditCustomerProfile(user.value?.role)),
    canEditSupportContacts: computed(() => canEditSupportContacts(user.value?.role)),
    canManageSegments: computed(() => canManageSegments(user.value?.role)),
    canManagePrograms: computed(() => canManagePrograms(user.value?.role)),
    canWriteLoyalty: computed(() => canWriteLoyalty(user.value?.role)),
    canAdjustBalance: computed(() => canAdjustBalance(user.value?.role)),
    canManageSurveys: computed(() => canManageSurveys(user.value?.role)),
    canManagePrivacy: computed(() => canManagePrivacy(user.value?.role)),
  };
}
