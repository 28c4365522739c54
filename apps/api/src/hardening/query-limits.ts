import type { ApolloServerPlugin } from "@apollo/server";
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from "graphql-query-complexity";
import type { InputProblem } from "@trouw/domain";
import { AppError } from "../common/errors";
import { MAX_PAGE_SIZE } from "../common/pagination";

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/** Arguments that size a list; a list's children are paid for once per item. */
const SIZE_ARGS = ["first", "last", "limit", "sampleSize"] as const;
/** Arguments that ask for a page of a connection, capped at MAX_PAGE_SIZE everywhere. */
const PAGE_ARGS = ["first", "last"] as const;
/** What a list without an explicit size is assumed to return (the usual default page). */
export const ASSUMED_PAGE_SIZE = 25;

/**
 * Deepest field nesting of an operation: `{ customers { edges { node { id } } } }` is 4.
 * Introspection fields (`__schema`, `__type`) and what is under them do not count, so tools
 * can introspect; whether introspection is allowed at all is GRAPHQL_INTROSPECTION.
 */
export function operationDepth(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): number {
  const fragmentDepths = new Map<string, number>();
  const depthOf = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
    let deepest = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("__")) continue;
        deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, visiting));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // Unknown and cyclic fragments are validation errors reported elsewhere.
        if (!fragment || visiting.has(name)) continue;
        let depth = fragmentDepths.get(name);
        if (depth === undefined) {
          visiting.add(name);
          depth = depthOf(fragment.selectionSet, visiting);
          visiting.delete(name);
          fragmentDepths.set(name, depth);
        }
        deepest = Math.max(deepest, depth);
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, new Set());
}

/**
 * Estimated cost and the pages asked for beyond MAX_PAGE_SIZE. Each field costs 1 plus its
 * children; a field with a size argument (`first`, `last`, `limit`, `sampleSize`) pays for
 * its children once per item asked for (ASSUMED_PAGE_SIZE when not given), so nested lists
 * multiply. A field can set its own cost with type-graphql's `complexity` option.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): { cost: number; oversizedPages: InputProblem[] } {
  const oversizedPages: InputProblem[] = [];
  const sizedListEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    const sizeArg = SIZE_ARGS.find((a) => field.args.some((d) => d.name === a) && a in args);
    const hasSizeArg = field.args.some((d) => (SIZE_ARGS as readonly string[]).includes(d.name));
    if (!hasSizeArg) return undefined;
    for (const name of PAGE_ARGS) {
      const value: unknown = args[name];
      if (typeof value === "number" && value > MAX_PAGE_SIZE)
        oversizedPages.push({
          path: `${type.name}.${field.name}.${name}`,
          message: `must be between 0 and ${MAX_PAGE_SIZE}`,
        });
    }
    const requested: unknown = sizeArg ? args[sizeArg] : undefined;
    const size =
      typeof requested === "number" && requested >= 0
        ? Math.min(requested, MAX_PAGE_SIZE)
        : ASSUMED_PAGE_SIZE;
    return 1 + size * childComplexity;
  };
  const cost = getComplexity({
    schema,
    query: document,
    operationName,
    variables,
    estimators: [
      fieldExtensionsEstimator(),
      sizedListEstimator,
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
  return { cost, oversizedPages };
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return fragments;
}

const tooComplex = (reason: "DEPTH" | "COST", message: string, limit: number, actual?: number) =>
  new AppError("QUERY_TOO_COMPLEX", message, undefined, reason, {
    details: { limit, ...(actual !== undefined ? { actual } : {}) },
    http: { status: 400 },
  }).toGraphQL();

type Estimate = ReturnType<typeof operationCost>;

/**
 * Estimates already made, per document. Apollo hands every request with the same query text
 * the same parsed document, so a hot mutation is estimated once rather than on every call. An
 * estimate depends on the variables only through sizes (Int) and @skip/@include conditions
 * (Boolean): those values are the key, and the rest (an order's lines, an idempotency key)
 * is not. Each document keeps its last MAX_KEYS keys.
 */
const estimates = new WeakMap<DocumentNode, Map<string, Estimate>>();
const depths = new WeakMap<OperationDefinitionNode, number>();
const MAX_KEYS = 64;

function estimateKey(
  operation: OperationDefinitionNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): string {
  const key: unknown[] = [operationName ?? null];
  for (const definition of operation.variableDefinitions ?? []) {
    let type = definition.type;
    while (type.kind !== Kind.NAMED_TYPE) type = type.type;
    if (type.name.value === "Int" || type.name.value === "Boolean")
      key.push(variables?.[definition.variable.name.value] ?? null);
  }
  return JSON.stringify(key);
}

function cachedEstimate(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): Estimate {
  const key = estimateKey(operation, operationName, variables);
  let known = estimates.get(document);
  const hit = known?.get(key);
  if (hit) return hit;
  const estimate = operationCost(schema, document, operationName, variables);
  if (!known) estimates.set(document, (known = new Map()));
  if (known.size >= MAX_KEYS) known.delete(known.keys().next().value!);
  known.set(key, estimate);
  return estimate;
}

/**
 * Refuses, before anything runs, an operation nested deeper than `maxDepth`, estimated to
 * cost more than `maxCost` (both QUERY_TOO_COMPLEX, HTTP 400) or asking any list for a page
 * larger than MAX_PAGE_SIZE (BAD_USER_INPUT), so every list honours the cap by construction.
 */
export function queryLimitsPlugin<C extends object>(limits: QueryLimits): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, request, schema }) {
          if (!operation) return;
          let depth = depths.get(operation);
          if (depth === undefined) {
            depth = operationDepth(operation, fragmentsOf(document));
            depths.set(operation, depth);
          }
          if (depth > limits.maxDepth)
            throw tooComplex(
              "DEPTH",
              `The operation is nested ${depth} levels deep; the limit is ${limits.maxDepth}`,
              limits.maxDepth,
              depth,
            );
          let estimate: Estimate;
          try {
            estimate = cachedEstimate(
              schema,
              document,
              operation,
              operationName ?? undefined,
              request.variables,
            );
          } catch (err) {
            const message = err instanceof Error ? err.message : "";
            if (/maximum allowed number of nodes/.test(message))
              throw tooComplex(
                "COST",
                "The operation has too many fields to estimate",
                limits.maxCost,
              );
            // Invalid variables: execution reports them as BAD_USER_INPUT and runs nothing.
            return;
          }
          if (estimate.oversizedPages.length)
            throw new AppError(
              "BAD_USER_INPUT",
              "Invalid page arguments",
              estimate.oversizedPages,
              undefined,
              { http: { status: 400 } },
            ).toGraphQL();
          if (estimate.cost > limits.maxCost)
            throw tooComplex(
              "COST",
              `The operation would cost ${estimate.cost}; the limit is ${limits.maxCost}. Ask for smaller pages or fewer nested lists`,
              limits.maxCost,
              estimate.cost,
            );
        },
      };
    },
  };
}
