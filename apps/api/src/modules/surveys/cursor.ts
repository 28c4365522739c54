import { badInput } from "../../common/errors";
import { isId } from "../../common/ids";
import { decodeCursor } from "../../common/pagination";

/**
 * A (time, id) keyset cursor of the survey lists, checked so that a tampered cursor is the
 * caller's mistake (BAD_USER_INPUT), not a database error.
 */
export function timeIdCursor(cursor: string): [string, string] {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string" || !isId(id))
    throw badInput("Invalid cursor", [
      { path: "after", message: "is not a cursor this list returned" },
    ]);
  return [at, id];
}
