import type { Question } from "./definition";

/** The whole-number answers a scale question accepts, inclusive. */
export interface Scale {
  min: number;
  max: number;
}

export const NPS_SCALE: Scale = { min: 0, max: 10 };
export const CSAT_SCALE: Scale = { min: 1, max: 5 };
export const CES_SCALE: Scale = { min: 1, max: 7 };

/** The scale of a question answered with a number; null for the other types. */
export function scaleOf(q: Question): Scale | null {
  switch (q.type) {
    case "nps":
      return NPS_SCALE;
    case "csat":
      return CSAT_SCALE;
    case "ces":
      return CES_SCALE;
    case "rating":
      return { min: 1, max: q.scale };
    default:
      return null;
  }
}

export const onScale = (value: number, scale: Scale): boolean =>
  Number.isInteger(value) && value >= scale.min && value <= scale.max;
