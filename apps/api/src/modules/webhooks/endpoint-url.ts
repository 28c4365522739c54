import type { InputProblem } from "@trouw/domain";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
export const MAX_URL_LENGTH = 2000;

/**
 * Where a webhook may be sent: https anywhere; plain http only to this machine
 * (localhost, 127.0.0.1, ::1) and only outside production, for local development.
 * Credentials in the URL are refused: they would show in the admin and in logs.
 */
export function endpointUrlProblems(
  raw: string,
  production: boolean,
  path = "url",
): InputProblem[] {
  if (raw.length > MAX_URL_LENGTH)
    return [{ path, message: `must be at most ${MAX_URL_LENGTH} characters` }];
  if (!URL.canParse(raw)) return [{ path, message: "is not a valid URL" }];
  const url = new URL(raw);
  if (url.username || url.password)
    return [{ path, message: "must not contain a user name or password" }];
  if (url.protocol === "https:") return [];
  if (url.protocol === "http:" && !production && LOCAL_HOSTS.has(url.hostname)) return [];
  return [
    {
      path,
      message: production
        ? "must use https"
        : "must use https (http only to localhost or 127.0.0.1)",
    },
  ];
}
