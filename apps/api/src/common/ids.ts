import { badInput } from "./errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one ID scheme: UUIDs. A malformed id is the caller's mistake, not a database error. */
export function assertId(id: string, path = "id"): string {
  if (!UUID.test(id))
    throw badInput(`${path} is not a valid id`, [{ path, message: "is not a valid id" }]);
  return id.toLowerCase();
}

export const isId = (id: string) => UUID.test(id);
