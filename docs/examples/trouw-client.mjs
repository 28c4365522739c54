// A minimal Trouw client: one POST per operation, errors thrown with their stable code.
// Configure with TROUW_URL (e.g. http://127.0.0.1:4000/graphql) and TROUW_KEY (an API key).
const url = process.env.TROUW_URL ?? "http://127.0.0.1:4000/graphql";
const key = process.env.TROUW_KEY;

export class TrouwError extends Error {
  constructor(error, status) {
    super(error.message);
    this.code = error.extensions?.code; // BAD_USER_INPUT, NOT_FOUND, CONFLICT, ...
    this.reason = error.extensions?.reason; // e.g. INSUFFICIENT_BALANCE under CONFLICT
    this.problems = error.extensions?.problems ?? []; // [{ path, message }] for bad input
    this.status = status;
  }
}

export async function trouw(query, variables = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  if (res.status === 429) {
    // Over the per-key rate limit: wait as told, then try again (safe with an idempotency key).
    const seconds = Number(res.headers.get("retry-after") ?? 1);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return trouw(query, variables);
  }
  const body = await res.json();
  if (body.errors?.length) throw new TrouwError(body.errors[0], res.status);
  return body.data;
}
