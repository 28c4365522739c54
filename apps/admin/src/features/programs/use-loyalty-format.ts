import { useI18n } from "vue-i18n";
import type { LoyaltyUnit } from "@/graphql/generated/graphql";
import { useFormat } from "@/lib/format";
import { isMoneyUnit } from "./reward-form";

/** Amounts in a program's unit: points and punches counted, credit and spend as money. */
export function useLoyaltyFormat() {
  const { t } = useI18n();
  const format = useFormat();
  function amount(value: number, unit: LoyaltyUnit, currency: string): string {
    if (isMoneyUnit(unit)) return format.money({ amountMinor: value, currency });
    return t(`programs.units.${unit}`, { n: format.number(value) }, Math.abs(value));
  }
  return {
    amount,
    /** With its sign, for ledger changes: +120 points, −€5.00. */
    signed(value: number, unit: LoyaltyUnit, currency: string): string {
      const text = amount(Math.abs(value), unit, currency);
      return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
    },
  };
}
