import type { PersonalityColour } from "@/graphql/generated/graphql";

/** Tag colours for the personality wheel; text colours chosen for contrast on each. */
export const COLOUR_STYLE: Record<
  PersonalityColour,
  { color: string; textColor: string; borderColor: string }
> = {
  RED: { color: "#fde2e1", textColor: "#a4161a", borderColor: "#e5484d" },
  BLUE: { color: "#dcebfe", textColor: "#1d4ed8", borderColor: "#3b82f6" },
  YELLOW: { color: "#fef3c7", textColor: "#854d0e", borderColor: "#eab308" },
  GREEN: { color: "#dcfce7", textColor: "#166534", borderColor: "#22c55e" },
};
