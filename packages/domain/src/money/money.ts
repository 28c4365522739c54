/** Money is integer minor units plus an ISO 4217 currency code; never a float. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function isCurrencyCode(value: string): boolean {
  return CURRENCY_PATTERN.test(value);
}

export function isMinorAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Minor units per major unit for the currencies retailers commonly use; 2 otherwise. */
const MINOR_DIGITS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  BHD: 3,
  KWD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
};

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

export function formatMoney(m: Money, locale = "en"): string {
  const digits = minorDigits(m.currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: m.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(m.amountMinor / 10 ** digits);
}
