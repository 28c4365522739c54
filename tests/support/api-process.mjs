// Starts the built API (apps/api/dist/main.js) as a real process on a free port, on a fresh
// database: a new PostgreSQL database when DATABASE_URL is set, otherwise PGlite.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const API_MAIN = join(ROOT, "apps", "api", "dist", "main.js");
/**
 * Node's flags from the API's own start script (e.g. a young generation sized for request
 * garbage), so tests and benchmarks run the API as `pnpm start` does.
 */
export const API_NODE_FLAGS = (() => {
  const start = JSON.parse(
    readFileSync(join(ROOT, "apps", "api", "package.json"), "utf8"),
  ).scripts.start.split(/\s+/);
  // `node [flags] dist/main.js [arguments]`: only what comes before the script is Node's.
  const script = start.findIndex((arg, i) => i > 0 && !arg.startsWith("-"));
  return start.slice(1, script);
})();

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh PostgreSQL database for this run, or null on PGlite. */
export async function freshPostgres() {
  const base = process.env.DATABASE_URL;
  if (!base?.startsWith("postgres")) return null;
  const name = `trouw_p_${randomBytes(5).toString("hex")}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const d = new pg.Client({ connectionString: base });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/**
 * Spawns the API. `env` is the whole environment the child gets (plus PATH/HOME), so a
 * developer's own variables cannot leak into a test.
 */
export async function startApi({
  env = {},
  args = [],
  waitForHealth = true,
  timeoutMs = 120_000,
} = {}) {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [...API_NODE_FLAGS, API_MAIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: port, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  if (waitForHealth) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`API exited early (${child.exitCode}): ${stderr}\n${stdout}`);
      try {
        const res = await fetch(`${base}/healthz`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`API did not become healthy: ${stderr}\n${stdout}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    base,
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function gql(base, query, variables = {}, headers = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

export async function loginCookie(base, email, password) {
  const res = await gql(
    base,
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`,
    { e: email, p: password },
  );
  const cookie = res.headers.get("set-cookie");
  if (!cookie) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return cookie.split(";")[0];
}
