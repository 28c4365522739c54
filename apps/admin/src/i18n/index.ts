import { createI18n } from "vue-i18n";
import en, { type MessageSchema } from "./en";
import nl from "./nl";

export const LOCALES = ["en", "nl"] as const;
export type AppLocale = (typeof LOCALES)[number];

const STORAGE_KEY = "trouw.locale";

declare module "vue-i18n" {
  // Typed message keys for t(); the interface must extend the schema to merge.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): AppLocale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isAppLocale(value) ? value : "en";
  } catch {
    return "en";
  }
}

export function rememberLocale(locale: AppLocale) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private windows may refuse storage; the choice then lasts for this visit only.
  }
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}

export function createAppI18n(locale: AppLocale = storedLocale()) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: "en",
    messages: { en, nl },
  });
}

/** BCP 47 tags for Intl formatting of dates, numbers and money. */
export const INTL_LOCALE: Record<AppLocale, string> = { en: "en-GB", nl: "nl-NL" };
