import { computed } from "vue";
import type { Role } from "@/graphql/generated/graphql";
import { useSession } from "./use-session";

/** Who may change what: analysts only read, support staff handle support contacts, admins edit all. */
export const canEditCustomerProfile = (role: Role | undefined) => role === "ADMIN";
export const canEditSupportContacts = (role: Role | undefined) =>
  role === "ADMIN" || role === "SUPPORT";

export function usePermissions() {
  const { user } = useSession();
  return {
    canEditCustomerProfile: computed(() => canEditCustomerProfile(user.value?.role)),
    canEditSupportContacts: computed(() => canEditSupportContacts(user.value?.role)),
  };
}
