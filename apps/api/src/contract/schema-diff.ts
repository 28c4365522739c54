import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildSchema } from "graphql";
import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";

/** A breaking change that was made on purpose, with the reason integrators were told. */
export interface Acknowledgement {
  type: string;
  path: string;
  reason: string;
}

export interface SchemaDiffReport {
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
  /** Breaking changes with no acknowledgement: these fail the check. */
  unacknowledged: Change[];
  /** Acknowledgements that match no change any more (stale entries to remove). */
  unused: Acknowledgement[];
}

export const API_ROOT = resolve(__dirname, "..", "..");
export const RELEASE_SCHEMA = resolve(API_ROOT, "schema.release.graphql");
export const CURRENT_SCHEMA = resolve(API_ROOT, "schema.graphql");
export const ACKNOWLEDGEMENTS = resolve(API_ROOT, "schema.breaking.json");

const matches = (a: Acknowledgement, c: Change) => a.type === c.type && a.path === (c.path ?? "");

/** Compares two SDL documents with graphql-inspector and sorts the changes by criticality. */
export async function diffSchemaSdl(
  releasedSdl: string,
  currentSdl: string,
  acknowledged: Acknowledgement[] = [],
): Promise<SchemaDiffReport> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const of = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level);
  const breaking = of(CriticalityLevel.Breaking);
  return {
    breaking,
    dangerous: of(CriticalityLevel.Dangerous),
    safe: of(CriticalityLevel.NonBreaking),
    unacknowledged: breaking.filter((c) => !acknowledged.some((a) => matches(a, c))),
    unused: acknowledged.filter((a) => !breaking.some((c) => matches(a, c))),
  };
}

/** Reads and checks the acknowledgement file: every entry needs a type, a path and a reason. */
export function readAcknowledgements(file = ACKNOWLEDGEMENTS): Acknowledgement[] {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { acknowledged?: unknown };
  const list = parsed.acknowledged;
  if (!Array.isArray(list)) throw new Error(`${file}: "acknowledged" must be an array`);
  return list.map((entry: Partial<Acknowledgement>, i) => {
    for (const key of ["type", "path", "reason"] as const) {
      if (typeof entry[key] !== "string" || entry[key].trim() === "")
        throw new Error(`${file}: acknowledged[${i}].${key} must be a non-empty string`);
    }
    return entry as Acknowledgement;
  });
}

/** The human-readable report the CLI prints. */
export function formatReport(report: SchemaDiffReport): string {
  const line = (c: Change) => `  - [${c.type}] ${c.path ?? ""}: ${c.message}`;
  const section = (title: string, changes: Change[]) =>
    changes.length ? [`${title} (${changes.length}):`, ...changes.map(line)] : [];
  const acknowledged = report.breaking.filter((c) => !report.unacknowledged.includes(c));
  return [
    ...section("Breaking changes NOT acknowledged", report.unacknowledged),
    ...section("Breaking changes acknowledged in schema.breaking.json", acknowledged),
    ...section("Dangerous changes", report.dangerous),
    ...section("Safe changes", report.safe),
    ...(report.unused.length
      ? [
          `Stale acknowledgements (no such breaking change; remove them):`,
          ...report.unused.map((a) => `  - [${a.type}] ${a.path}`),
        ]
      : []),
    report.unacknowledged.length
      ? `schema:diff: ${report.unacknowledged.length} unacknowledged breaking change(s) against the last release. Restore compatibility (deprecate instead of removing), or acknowledge each in apps/api/schema.breaking.json with a reason.`
      : `schema:diff: no unacknowledged breaking changes against the last release (${report.breaking.length} breaking acknowledged, ${report.dangerous.length} dangerous, ${report.safe.length} safe).`,
  ].join("\n");
}

/** CLI: `pnpm --filter @trouw/api schema:diff [released.graphql] [current.graphql]`. */
async function main(argv: string[]): Promise<number> {
  const [released = RELEASE_SCHEMA, current = CURRENT_SCHEMA] = argv;
  const report = await diffSchemaSdl(
    readFileSync(released, "utf8"),
    readFileSync(current, "utf8"),
    readAcknowledgements(),
  );
  process.stdout.write(`${formatReport(report)}\n`);
  return report.unacknowledged.length ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`schema:diff failed: ${String(err)}\n`);
      process.exit(2);
    },
  );
}
