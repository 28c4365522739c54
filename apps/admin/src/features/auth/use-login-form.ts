import { reactive, ref } from "vue";
import { useRoute, useRouter } from "vue-router";
import { apiErrorMessage } from "@/graphql/errors";
import { useSession } from "./use-session";

/** Where to go after signing in: only paths inside the app, never another origin. */
export function safeRedirect(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//")
    ? value
    : "/customers";
}

export function useLoginForm() {
  const session = useSession();
  const router = useRouter();
  const route = useRoute();
  const form = reactive({ email: "", password: "" });
  const submitting = ref(false);
  /** The API's message, or null with `networkFailed` when the API could not be reached. */
  const errorMessage = ref<string | null>(null);
  const networkFailed = ref(false);
  const missing = reactive({ email: false, password: false });

  async function submit() {
    if (submitting.value) return;
    missing.email = form.email.trim() === "";
    missing.password = form.password === "";
    if (missing.email || missing.password) return;
    submitting.value = true;
    errorMessage.value = null;
    networkFailed.value = false;
    try {
      const result = await session.login(form.email.trim(), form.password);
      if (!result.ok) {
        errorMessage.value = apiErrorMessage(result.error);
        networkFailed.value = errorMessage.value === null;
        return;
      }
      form.password = "";
      await router.push(safeRedirect(route.query.redirect));
    } finally {
      submitting.value = false;
    }
  }

  return { form, missing, submitting, errorMessage, networkFailed, submit };
}
