import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { useI18n } from "vue-i18n";
import { isAppLocale, type AppLocale } from "@/i18n";

/**
 * The hosted page's own words (buttons, errors, the thank-you) follow the survey's locale, not
 * the admin's language: English or Dutch, else English for a survey in another language.
 */
export function chromeLocale(locale: string | null | undefined): AppLocale {
  const language = locale?.split("-")[0]?.toLowerCase();
  return isAppLocale(language) ? language : "en";
}

/** The language a visitor's browser asks for, before the survey says which it is in. */
export function browserLocale(): string | null {
  return typeof navigator === "undefined" ? null : (navigator.language ?? null);
}

/** `t` in the survey's locale, with the tag to put on the words it returns. */
export function useChrome(locale: MaybeRefOrGetter<string | null | undefined>) {
  const { t } = useI18n();
  const current = computed(() => chromeLocale(toValue(locale)));
  return {
    locale: current,
    t: (key: string, named: Record<string, unknown> = {}, plural?: number) =>
      t(
        key,
        named,
        plural === undefined ? { locale: current.value } : { locale: current.value, plural },
      ),
  };
}

/** A language's own name ("Nederlands" for nl), for a language switch. */
export function languageName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: "language" }).of(locale);
    return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : locale;
  } catch {
    return locale;
  }
}
