/**
 * When to try a failed delivery again: exponential backoff (base, 2x base, 4x base, ...)
 * capped at `maxMs`, with "equal jitter" so retries of many deliveries to one recovering
 * endpoint spread out instead of arriving together: half the step is fixed, half random.
 */
export function retryDelayMs(
  failedAttempts: number,
  opts: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const step = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
