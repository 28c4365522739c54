// Sums vitest JSON reports (one per suite and database) into the closing CI line.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.argv[2];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith(".json")) files.push(p);
  }
};
walk(root);

let passed = 0;
let failed = 0;
for (const f of files.sort()) {
  const r = JSON.parse(readFileSync(f, "utf8"));
  // A suite that failed to load counts as a failure even if no test inside it ran.
  const brokenFiles = (r.testResults ?? []).filter(
    (t) => t.status === "failed" && (t.assertionResults ?? []).length === 0,
  ).length;
  passed += r.numPassedTests;
  failed += r.numFailedTests + brokenFiles;
  console.log(
    `${relative(root, f).padEnd(40)} ${String(r.numPassedTests).padStart(5)} passed ${String(r.numFailedTests + brokenFiles).padStart(4)} failed`,
  );
}
if (files.length === 0) {
  console.log("no test reports found");
  failed += 1;
}
// A step that writes no report (lint, typecheck, build, install) failed: count it, so the
// closing line never says 0 failed for a run that failed.
const stepsStatus = Number(process.argv[3] ?? 0);
if (stepsStatus !== 0 && failed === 0) {
  console.log(
    "a CI step without a test report failed (lint, typecheck, build or install; see above)",
  );
  failed += 1;
}
console.log(`ci: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
