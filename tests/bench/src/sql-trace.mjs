// Preloaded into the API process by the loyalty bench's profile phase
// (NODE_OPTIONS="--import .../sql-trace.mjs", TRACE_SQL_FILE=...): records every statement the
// `pg` driver sends, with its wall-clock start, client-side duration and parameters, and writes
// them as JSON to TRACE_SQL_FILE when the process exits. Each record names the GraphQL request
// it ran in (the API's own query-count context), so background jobs can be told apart. The
// measured run never loads it.
import Module, { createRequire } from "node:module";
import { renameSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

const file = process.env.TRACE_SQL_FILE;
const records = [];
const patched = new WeakSet();
const requests = new WeakMap();
let queryCountStore;
let nextRequest = 0;

/** The id of the GraphQL request the current code runs in, or null (background work). */
function requestId() {
  if (queryCountStore === undefined) {
    try {
      // dist/main.js is the entry point; dist/common/query-count.js holds the request context.
      queryCountStore = require(
        join(dirname(process.argv[1]), "common", "query-count.js"),
      ).queryCountStore;
    } catch {
      queryCountStore = null;
    }
  }
  const store = queryCountStore && queryCountStore.getStore();
  if (!store) return null;
  if (!requests.has(store)) requests.set(store, nextRequest++);
  return requests.get(store);
}

function patch(pg) {
  const proto = pg && pg.Client && pg.Client.prototype;
  if (!proto || patched.has(proto)) return;
  patched.add(proto);
  const query = proto.query;
  proto.query = function tracedQuery(config, values) {
    const sql = typeof config === "string" ? config : config && config.text;
    const params = Array.isArray(values) ? values : config && config.values;
    const at = Date.now();
    const req = requestId();
    const started = process.hrtime.bigint();
    const result = query.apply(this, arguments);
    if (sql && result && typeof result.then === "function") {
      const done = () =>
        records.push({
          at,
          req,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          sql,
          params: params ?? [],
        });
      result.then(done, done);
    }
    return result;
  };
}

const load = Module._load;
Module._load = function tracedLoad(request) {
  const loaded = load.apply(this, arguments);
  if (request === "pg") patch(loaded);
  return loaded;
};

process.on("exit", () => {
  if (file) writeFileSync(file, JSON.stringify(records));
});

// SIGUSR2 starts the V8 CPU profiler; the next SIGUSR2 stops it and writes the profile to
// TRACE_CPU_FILE (via a temporary name, so a reader never sees half a file).
let session = null;
process.on("SIGUSR2", () => {
  if (!session) {
    session = new Session();
    session.connect();
    session.post("Profiler.enable", () =>
      session.post("Profiler.setSamplingInterval", { interval: 250 }, () =>
        session.post("Profiler.start"),
      ),
    );
    return;
  }
  const s = session;
  session = null;
  s.post("Profiler.stop", (err, result) => {
    const out = process.env.TRACE_CPU_FILE;
    if (!err && out) {
      writeFileSync(`${out}.tmp`, JSON.stringify(result.profile));
      renameSync(`${out}.tmp`, out);
    }
    s.disconnect();
  });
});
