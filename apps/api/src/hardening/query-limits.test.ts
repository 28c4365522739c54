import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  Kind,
  parse,
  typeFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@trouw/config";
import { buildTrouwSchema } from "../schema";
import { sampleInput } from "../test-support/operation-samples";
import {
  ASSUMED_PAGE_SIZE,
  operationCost,
  operationDepth,
  queryLimitsPlugin,
} from "./query-limits";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildTrouwSchema();
});

function parts(document: DocumentNode) {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let operation: OperationDefinitionNode | undefined;
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    if (d.kind === Kind.OPERATION_DEFINITION) operation ??= d;
  }
  return { operation: operation!, fragments };
}

const depth = (source: string) => {
  const { operation, fragments } = parts(parse(source));
  return operationDepth(operation, fragments);
};
const cost = (source: string, variables: Record<string, unknown> = {}) =>
  operationCost(schema, parse(source), undefined, variables);

describe("operationDepth", () => {
  it("counts field nesting through fragments and inline fragments", () => {
    expect(depth(`{ customers { edges { node { id } } } }`)).toBe(4);
    expect(
      depth(
        `query { customers { ...C } } fragment C on CustomerConnection { edges { ... on CustomerEdge { node { id } } } }`,
      ),
    ).toBe(4);
  });

  it("leaves introspection out, so tools can read the schema", () => {
    expect(depth(`{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`)).toBe(
      0,
    );
  });
});

describe("operationCost", () => {
  it("charges a list's children once per item asked for, so nested pages multiply", () => {
    const one = cost(`{ customers(first: 10) { edges { node { id } } } }`).cost;
    const nested = cost(
      `{ customers(first: 10) { edges { node { timeline(first: 10) { edges { node { id } } } } } } }`,
    ).cost;
    expect(one).toBe(1 + 10 * 3);
    expect(nested).toBe(1 + 10 * (3 + 10 * 3));
  });

  it("assumes the usual page when no size is given, and reads sizes from variables", () => {
    expect(cost(`{ customers { totalCount } }`).cost).toBe(1 + ASSUMED_PAGE_SIZE);
    expect(cost(`query($n: Int) { customers(first: $n) { totalCount } }`, { n: 3 }).cost).toBe(4);
  });

  it("names every page larger than MAX_PAGE_SIZE, nested ones included", () => {
    const { oversizedPages } = cost(
      `query($n: Int) { customers(first: $n) { edges { node { timeline(last: 500) { totalCount } } } } }`,
      { n: 201 },
    );
    expect(oversizedPages.map((p) => p.path)).toEqual([
      "Customer.timeline.last",
      "Query.customers.first",
    ]);
  });
});

describe("the default limits", () => {
  const defaults = loadConfig({}, "/nonexistent/.env");
  const generated = join(__dirname, "../../../admin/src/graphql/generated/graphql.ts");

  it.skipIf(!existsSync(generated))(
    "fit every operation the admin app sends, even with 200-row pages",
    () => {
      const source = readFileSync(generated, "utf8");
      const documents = [
        ...source.matchAll(/^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode/gm),
      ];
      expect(documents.length).toBeGreaterThan(20);
      for (const [, name, json] of documents) {
        const document = JSON.parse(json!) as DocumentNode;
        const { operation, fragments } = parts(document);
        const variables: Record<string, unknown> = {};
        for (const v of operation.variableDefinitions ?? []) {
          const type = typeFromAST(schema, v.type as never) as GraphQLInputType;
          const id = v.variable.name.value;
          if (id === "first" || id === "last") variables[id] = 200;
          else if (v.type.kind === Kind.NON_NULL_TYPE) variables[id] = sampleInput(type);
        }
        expect(operationDepth(operation, fragments), name).toBeLessThanOrEqual(
          defaults.GRAPHQL_MAX_DEPTH,
        );
        expect(
          operationCost(schema, document, undefined, variables).cost,
          name,
        ).toBeLessThanOrEqual(defaults.GRAPHQL_MAX_COST);
      }
    },
  );
});

describe("queryLimitsPlugin", () => {
  /** What the plugin says of one request: null when it lets it run, else the error's code. */
  async function verdict(document: DocumentNode, variables: Record<string, unknown>) {
    const plugin = queryLimitsPlugin({ maxDepth: 10, maxCost: 1_000 });
    const listener = await plugin.requestDidStart!({} as never);
    try {
      await listener!.didResolveOperation!({
        document,
        operation: parts(document).operation,
        operationName: null,
        request: { variables },
        schema,
      } as never);
      return null;
    } catch (err) {
      return (err as { extensions?: { code?: string } }).extensions?.code ?? "thrown";
    }
  }

  it("estimates a document once per size and condition, never reusing one for other values", async () => {
    // One parsed document object, as Apollo hands it to every request with the same text.
    const pages = parse(`query($n: Int, $note: String) { customers(first: $n) { totalCount } }`);
    expect(await verdict(pages, { n: 3, note: "a" })).toBeNull();
    expect(await verdict(pages, { n: 3, note: "b" })).toBeNull();
    expect(await verdict(pages, { n: 500, note: "a" })).toBe("BAD_USER_INPUT");
    expect(await verdict(pages, { n: 3, note: "c" })).toBeNull();

    const nested = parse(`query($deep: Boolean!, $n: Int) {
      customers(first: $n) { edges { node { id
        timeline(first: 200) @include(if: $deep) { totalCount } } } } }`);
    expect(await verdict(nested, { deep: false, n: 100 })).toBeNull();
    expect(await verdict(nested, { deep: true, n: 100 })).toBe("QUERY_TOO_COMPLEX");
    expect(await verdict(nested, { deep: false, n: 100 })).toBeNull();
    expect(await verdict(nested, { deep: true, n: 1 })).toBeNull();
  });
});
