import { reactive, ref } from "vue";
import { useI18n } from "vue-i18n";
import type { CombinedError, OperationResult } from "@urql/core";
import type { SupportContactStatus, UpdateSupportContactInput } from "@/graphql/generated/graphql";
import { apiErrorMessage, fieldProblems } from "@/graphql/errors";
import type { SupportContactItem } from "./use-support-contacts";

export interface SupportContactModel {
  status: SupportContactStatus;
  resolution: string;
  /** Epoch milliseconds as the date picker speaks them. */
  followUpAt: number | null;
}

export function supportContactModel(contact: SupportContactItem): SupportContactModel {
  return {
    status: contact.status,
    resolution: contact.resolution ?? "",
    followUpAt: contact.followUpAt ? Date.parse(contact.followUpAt) : null,
  };
}

export function supportContactChanges(
  contact: SupportContactItem,
  model: SupportContactModel,
): UpdateSupportContactInput {
  const input: UpdateSupportContactInput = {};
  if (model.status !== contact.status) input.status = model.status;
  const resolution = model.resolution.trim();
  if (resolution !== (contact.resolution ?? "")) input.resolution = resolution;
  const before = contact.followUpAt ? Date.parse(contact.followUpAt) : null;
  if (model.followUpAt !== before)
    input.followUpAt = model.followUpAt === null ? null : new Date(model.followUpAt).toISOString();
  return input;
}

type Save = (id: string, input: UpdateSupportContactInput) => Promise<OperationResult<unknown>>;

/** Editing one support contact: status, resolution and follow-up date. */
export function useSupportContactForm(contact: () => SupportContactItem, save: Save) {
  const { t } = useI18n();
  const model = reactive<SupportContactModel>(supportContactModel(contact()));
  const errors = ref<Record<string, string>>({});
  const formError = ref<string | null>(null);
  const saving = ref(false);

  function reset() {
    Object.assign(model, supportContactModel(contact()));
    errors.value = {};
    formError.value = null;
  }

  function showError(error: CombinedError) {
    errors.value = fieldProblems(error);
    if (Object.keys(errors.value).length === 0)
      formError.value = apiErrorMessage(error) ?? t("common.networkError");
  }

  async function submit(): Promise<boolean> {
    errors.value = {};
    formError.value = null;
    const input = supportContactChanges(contact(), model);
    if (Object.keys(input).length === 0) return true;
    saving.value = true;
    try {
      const result = await save(contact().id, input);
      if (result.error) {
        showError(result.error);
        return false;
      }
      return true;
    } finally {
      saving.value = false;
    }
  }

  return { model, errors, formError, saving, submit, reset };
}
