import { INTL_LOCALE, isAppLocale } from "@/i18n";

/**
 * A survey language named in the admin's language ("Dutch" for nl in English), by the
 * browser's language names; the tag itself when it has none.
 */
export function languageLabel(locale: string, adminLocale?: string): string {
  const admin = adminLocale && isAppLocale(adminLocale) ? INTL_LOCALE[adminLocale] : adminLocale;
  try {
    const name = new Intl.DisplayNames(admin ? [admin] : undefined, { type: "language" }).of(
      locale,
    );
    return name && name !== locale
      ? name.charAt(0).toLocaleUpperCase(admin) + name.slice(1)
      : locale;
  } catch {
    return locale;
  }
}
