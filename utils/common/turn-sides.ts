/** Which way a head turn must go: both (the live prompt), or one side of the picture (a recording's stretch). */
export const TURN_SIDES = ['both', 'image-left', 'image-right'] as const;
export type TurnSides = (typeof TURN_SIDES)[number];
