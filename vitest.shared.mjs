// Shared vitest reporters: the default console output, plus a JSON file per suite
// when TROUW_RESULTS_DIR is set, so .ci/run can sum passed/failed over all suites.
import { join } from "node:path";

export function reporters(name) {
  const dir = process.env.TROUW_RESULTS_DIR;
  if (!dir) return ["default"];
  const db = process.env.DATABASE_URL?.startsWith("postgres") ? "pg" : "pglite";
  return ["default", ["json", { outputFile: join(dir, `${name}-${db}.json`) }]];
}
