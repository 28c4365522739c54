import { minorDigits } from "@trouw/domain";

/** Limits the domain states in minor units, as the currency units a money field shows. */
export const moneyBound = (currency: string) => (n: number) =>
  String(n / 10 ** minorDigits(currency));

/** Limits in basis points, as the percent a field shows. */
export const percentBound = (n: number) => String(n / 100);
