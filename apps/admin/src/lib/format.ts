import { computed } from "vue";
import { useI18n } from "vue-i18n";
import { formatMoney, type Money } from "@trouw/domain";
import { INTL_LOCALE, isAppLocale } from "@/i18n";

export function intlLocale(locale: string): string {
  return isAppLocale(locale) ? INTL_LOCALE[locale] : locale;
}

/** A LocalDate ('YYYY-MM-DD') is a calendar day, not an instant: format it without a time zone shift. */
export function formatLocalDate(value: string, locale: string): string {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "medium",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatInstant(value: string, locale: string, withTime = true): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
  }).format(new Date(value));
}

/** Formatters that follow the interface language. */
export function useFormat() {
  const { locale } = useI18n();
  const current = computed(() => locale.value);
  return {
    date: (value: string | null | undefined) =>
      value ? formatInstant(value, current.value, false) : "",
    dateTime: (value: string | null | undefined) =>
      value ? formatInstant(value, current.value) : "",
    localDate: (value: string | null | undefined) =>
      value ? formatLocalDate(value, current.value) : "",
    money: (value: Money) => formatMoney(value, intlLocale(current.value)),
    number: (value: number) => new Intl.NumberFormat(intlLocale(current.value)).format(value),
  };
}
