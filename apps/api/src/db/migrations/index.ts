import { Foundation1763900000000 } from "./1763900000000-Foundation";

/** Append-only: add new migrations at the end. */
export const migrations = [Foundation1763900000000];
