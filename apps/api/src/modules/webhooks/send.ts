/** What one HTTP attempt of a delivery came to. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed: the HTTP status and the start of the body, a timeout, or a network error. */
  error: string | null;
  ms: number;
}

const ERROR_BODY_CHARS = 500;

/**
 * POSTs one signed event. Any 2xx is success; redirects are not followed (a receiver that
 * moved must be re-registered, so a signed event never lands somewhere unexpected); the whole
 * exchange, body included, is bounded by `timeoutMs`.
 */
export async function postEvent(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<AttemptResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Trouw-Webhooks/1",
        ...headers,
      },
      body,
      redirect: "manual",
      signal,
    });
    const text = await res.text().catch(() => "");
    if (res.status >= 200 && res.status < 300)
      return { ok: true, statusCode: res.status, error: null, ms: ms() };
    const excerpt = text.slice(0, ERROR_BODY_CHARS).trim();
    return {
      ok: false,
      statusCode: res.status,
      error: `HTTP ${res.status}${excerpt ? `: ${excerpt}` : ""}`,
      ms: ms(),
    };
  } catch (err) {
    const timedOut = signal.aborted;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const message = timedOut
      ? `Timed out after ${timeoutMs} ms`
      : (cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)));
    return { ok: false, statusCode: null, error: message, ms: ms() };
  }
}
