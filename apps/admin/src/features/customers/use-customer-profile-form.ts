import { computed, reactive, ref, watch, type Ref } from "vue";
import { useMutation } from "@urql/vue";
import { useI18n } from "vue-i18n";
import { graphql } from "@/graphql/generated";
import type {
  AcquisitionSource,
  CustomerDetailFieldsFragment,
  PersonalityColour,
  UpdateCustomerInput,
} from "@/graphql/generated/graphql";
import { apiErrorMessage, fieldProblems } from "@/graphql/errors";

export const UpdateCustomerMutation = graphql(`
  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {
    updateCustomer(id: $id, input: $input) {
      ...CustomerDetailFields
    }
  }
`);

export interface ProfileModel {
  email: string;
  name: string;
  phone: string;
  locale: string;
  birthDate: string | null;
  acquisitionSource: AcquisitionSource;
  marketingConsent: boolean;
  tags: string[];
  /** Edited as JSON text; must parse to an object. */
  attributes: string;
  personalityColour: PersonalityColour | null;
}

export type ProfileField = keyof ProfileModel;
export const PROFILE_FIELDS: ProfileField[] = [
  "name",
  "email",
  "phone",
  "locale",
  "birthDate",
  "acquisitionSource",
  "marketingConsent",
  "tags",
  "attributes",
  "personalityColour",
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()./-]{4,24}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export function modelFrom(customer: CustomerDetailFieldsFragment): ProfileModel {
  return {
    email: customer.email ?? "",
    name: customer.name ?? "",
    phone: customer.phone ?? "",
    locale: customer.locale,
    birthDate: customer.birthDate ?? null,
    acquisitionSource: customer.acquisitionSource,
    marketingConsent: customer.marketingConsent,
    tags: [...customer.tags],
    attributes: JSON.stringify(customer.attributes ?? {}, null, 2),
    personalityColour: customer.personalityColour ?? null,
  };
}

export type ProblemKey =
  | "invalidEmail"
  | "invalidPhone"
  | "invalidLocale"
  | "birthDateInFuture"
  | "invalidJsonObject"
  | "tooLong";

/** Client-side checks; the API validates again and its answer wins. */
export function validateProfile(
  model: ProfileModel,
  today = new Date(),
): Partial<Record<ProfileField, ProblemKey>> {
  const problems: Partial<Record<ProfileField, ProblemKey>> = {};
  const email = model.email.trim();
  if (email && !EMAIL.test(email)) problems.email = "invalidEmail";
  if (model.name.trim().length > 200) problems.name = "tooLong";
  const phone = model.phone.trim();
  if (phone && !PHONE.test(phone)) problems.phone = "invalidPhone";
  if (!LOCALE.test(model.locale.trim())) problems.locale = "invalidLocale";
  if (model.birthDate && model.birthDate > today.toISOString().slice(0, 10))
    problems.birthDate = "birthDateInFuture";
  if (parseAttributes(model.attributes) === undefined) problems.attributes = "invalidJsonObject";
  return problems;
}

function parseAttributes(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.trim() || "{}");
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** Only what changed, so an edit never rewrites fields someone else updated meanwhile. */
export function changesFrom(
  customer: CustomerDetailFieldsFragment,
  model: ProfileModel,
): UpdateCustomerInput {
  const input: UpdateCustomerInput = {};
  const email = blankToNull(model.email);
  if (email !== (customer.email ?? null)) input.email = email;
  const name = blankToNull(model.name);
  if (name !== (customer.name ?? null)) input.name = name;
  const phone = blankToNull(model.phone);
  if (phone !== (customer.phone ?? null)) input.phone = phone;
  if (model.locale.trim() !== customer.locale) input.locale = model.locale.trim();
  if ((model.birthDate ?? null) !== (customer.birthDate ?? null)) input.birthDate = model.birthDate;
  if (model.acquisitionSource !== customer.acquisitionSource)
    input.acquisitionSource = model.acquisitionSource;
  if (model.marketingConsent !== customer.marketingConsent)
    input.marketingConsent = model.marketingConsent;
  if (JSON.stringify(model.tags) !== JSON.stringify(customer.tags)) input.tags = model.tags;
  const attributes = parseAttributes(model.attributes);
  if (attributes && JSON.stringify(attributes) !== JSON.stringify(customer.attributes ?? {})) {
    input.attributes = attributes;
  }
  if (model.personalityColour !== (customer.personalityColour ?? null)) {
    if (model.personalityColour) input.personalityColour = model.personalityColour;
    else input.clearPersonalityColour = true;
  }
  return input;
}

/** The admin's edit form for a customer's profile. */
export function useCustomerProfileForm(customer: Ref<CustomerDetailFieldsFragment>) {
  const { t } = useI18n();
  const mutation = useMutation(UpdateCustomerMutation);
  const model = reactive<ProfileModel>(modelFrom(customer.value));
  const serverErrors = ref<Record<string, string>>({});
  const clientErrors = ref<Partial<Record<ProfileField, ProblemKey>>>({});
  const formError = ref<string | null>(null);
  const saved = ref(false);

  function reset() {
    Object.assign(model, modelFrom(customer.value));
    serverErrors.value = {};
    clientErrors.value = {};
    formError.value = null;
  }
  watch(customer, reset);

  const errors = computed(() => {
    const result: Partial<Record<ProfileField, string>> = {};
    for (const field of PROFILE_FIELDS) {
      const key = clientErrors.value[field];
      const message = key ? t(`customer.validation.${key}`) : serverErrors.value[field];
      if (message) result[field] = message;
    }
    return result;
  });

  /** Resolves true when saved (or nothing changed), false when the form shows errors. */
  async function submit(): Promise<boolean> {
    saved.value = false;
    formError.value = null;
    serverErrors.value = {};
    clientErrors.value = validateProfile(model);
    if (Object.keys(clientErrors.value).length > 0) return false;
    const input = changesFrom(customer.value, model);
    if (Object.keys(input).length === 0) {
      saved.value = true;
      return true;
    }
    const result = await mutation.executeMutation({ id: customer.value.id, input });
    if (result.error) {
      const problems = fieldProblems(result.error);
      const known = Object.keys(problems).filter((f) => (PROFILE_FIELDS as string[]).includes(f));
      serverErrors.value = problems;
      // Problems that belong to no field of this form, and errors without problems, go on top.
      const unplaced = Object.entries(problems).filter(([field]) => !known.includes(field));
      if (unplaced.length > 0) formError.value = unplaced.map(([, message]) => message).join(" ");
      else if (known.length === 0)
        formError.value = apiErrorMessage(result.error) ?? t("common.networkError");
      return false;
    }
    saved.value = true;
    return true;
  }

  return { model, errors, formError, saved, saving: mutation.fetching, submit, reset };
}
