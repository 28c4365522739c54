/**
 * The service-contact personality wheel (DOMAIN.md section 4): two axes give four colours,
 * each with the way staff should handle a contact.
 */
export const PERSONALITY_COLOURS = ["red", "blue", "yellow", "green"] as const;
export type PersonalityColour = (typeof PERSONALITY_COLOURS)[number];

export interface PersonalityProfile {
  colour: PersonalityColour;
  orientation: "introvert" | "extravert";
  style: "rational" | "emotional";
  summary: string;
  guidance: string[];
}

export const PERSONALITY_PROFILES: Record<PersonalityColour, PersonalityProfile> = {
  red: {
    colour: "red",
    orientation: "extravert",
    style: "emotional",
    summary: "Expressive and direct; reacts strongly to how a problem feels.",
    guidance: [
      "Do not argue.",
      "Acknowledge their feelings.",
      "Act at once.",
      "Use positive wording.",
      "Reassure them.",
    ],
  },
  blue: {
    colour: "blue",
    orientation: "introvert",
    style: "rational",
    summary: "Gives the order number and the problem at once.",
    guidance: ["Give precise facts.", "State clear timelines.", "Keep every promise you make."],
  },
  yellow: {
    colour: "yellow",
    orientation: "extravert",
    style: "rational",
    summary: "Friendly, enjoys a chat and a joke.",
    guidance: [
      "Take time for a friendly chat.",
      "Remember personal details.",
      "Refer back to them next time.",
    ],
  },
  green: {
    colour: "green",
    orientation: "introvert",
    style: "emotional",
    summary: "Asks little; often the most loyal.",
    guidance: ["Check understanding often.", 'Ask "any further questions?"', "Show appreciation."],
  },
};

export function personalityProfile(colour: PersonalityColour): PersonalityProfile {
  return PERSONALITY_PROFILES[colour];
}

/** The colour implied by the two axes. */
export function colourFor(
  orientation: "introvert" | "extravert",
  style: "rational" | "emotional",
): PersonalityColour {
  const found = PERSONALITY_COLOURS.find(
    (c) =>
      PERSONALITY_PROFILES[c].orientation === orientation &&
      PERSONALITY_PROFILES[c].style === style,
  );
  if (!found) throw new Error("unreachable: the wheel covers every combination");
  return found;
}
