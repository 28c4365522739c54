import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildTrouwSchema } from "./schema";

/** Writes schema.graphql, the contract the admin's typed documents are generated from. */
export async function printTrouwSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildTrouwSchema()))}\n`;
}

if (require.main === module) {
  void printTrouwSchema().then((sdl) => {
    const target = resolve(__dirname, "..", "schema.graphql");
    writeFileSync(target, sdl);
    process.stdout.write(`wrote ${target}\n`);
  });
}
