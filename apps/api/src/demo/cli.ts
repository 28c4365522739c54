import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import { generateDemo } from "./generator";
import { writeDemo, type DemoTarget, type DemoWriteResult } from "./writer";

export const DEMO_USAGE = "Usage: demo --customers N [--seed S] [--batch-size B] [--now ISO-8601]";

export interface DemoCliIo {
  stdout: NodeJS.WritableStream;
  /** The progress bar draws here, and only when it is a terminal. */
  stderr: NodeJS.WritableStream;
}

export interface DemoCliOptions {
  customers: number;
  seed: number;
  batchSize: number;
  now: Date;
}

function integer(
  name: string,
  raw: string | undefined,
  fallback: number | undefined,
  min: number,
): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required\n${DEMO_USAGE}`);
    return fallback;
  }
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"\n${DEMO_USAGE}`);
  return n;
}

export function parseDemoArgs(argv: string[]): DemoCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: "string" },
      seed: { type: "string" },
      "batch-size": { type: "string" },
      now: { type: "string" },
    },
    strict: true,
  });
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime()))
    throw new Error(`--now must be an ISO-8601 date, got "${values.now}"\n${DEMO_USAGE}`);
  return {
    customers: integer("customers", values.customers, undefined, 0),
    // A fixed default seed: two runs at the same --now give the same data set.
    seed: integer("seed", values.seed, 1, Number.MIN_SAFE_INTEGER),
    batchSize: integer("batch-size", values["batch-size"], 1000, 1),
    now,
  };
}

/** Generates and writes a demo data set with a progress bar; throws on bad arguments. */
export async function runDemoCli(
  argv: string[],
  target: DemoTarget,
  io: DemoCliIo = process,
): Promise<DemoWriteResult> {
  const opts = parseDemoArgs(argv);
  const bar = new SingleBar({
    stream: io.stderr,
    format:
      "demo data [{bar}] {percentage}% | {value}/{total} customers | {events} events | ETA {eta_formatted}",
    hideCursor: true,
  });
  bar.start(opts.customers, 0, { events: 0 });
  try {
    const result = await writeDemo(target, generateDemo(opts), (p) =>
      bar.update(p.customers, { events: p.events }),
    );
    bar.stop();
    io.stdout.write(
      `Wrote ${result.customers} customers, ${result.events} events and ${result.supportContacts} support contacts ` +
        `in ${(result.ms / 1000).toFixed(1)} s (seed ${opts.seed}, now ${opts.now.toISOString()}).\n`,
    );
    return result;
  } catch (err) {
    bar.stop();
    throw err;
  }
}
