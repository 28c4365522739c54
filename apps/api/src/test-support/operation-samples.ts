import { randomUUID } from "node:crypto";
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isRequiredArgument,
  isRequiredInputField,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

/**
 * The smallest value GraphQL accepts for an input type: required input fields filled,
 * optional ones left out, lists empty. Enough to reach a resolver (and its guard); the
 * resolver may still refuse the content, which is what a permission test wants.
 */
export function sampleInput(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleInput(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isRequiredInputField(field)) value[field.name] = sampleInput(field.type);
    return value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "ID":
        return randomUUID();
      case "Int":
      case "Float":
        return 1;
      case "Boolean":
        return false;
      case "DateTime":
        return "2026-06-01T00:00:00.000Z";
      case "LocalDate":
        return "2026-06-01";
      case "JSON":
      case "JSONObject":
        return {};
      default:
        return "x";
    }
  }
  throw new Error(`No sample for ${String(type)}`);
}

/** `(a: $a, b: $b)`, its variable definitions and sample values, for a field's required args. */
export function sampleArguments(
  field: GraphQLField<unknown, unknown>,
  prefix = "",
): { args: string; definitions: string[]; variables: Record<string, unknown> } {
  const required = field.args.filter(isRequiredArgument);
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const parts: string[] = [];
  for (const arg of required) {
    const name = `${prefix}${arg.name}`;
    variables[name] = sampleInput(arg.type);
    definitions.push(`$${name}: ${String(arg.type)}`);
    parts.push(`${arg.name}: $${name}`);
  }
  return { args: parts.length ? `(${parts.join(", ")})` : "", definitions, variables };
}

export interface SampleOperation {
  kind: "query" | "mutation";
  field: string;
  document: string;
  variables: Record<string, unknown>;
}

/** One operation per root field of the schema, each asking only for `__typename`. */
export function sampleOperations(schema: GraphQLSchema): SampleOperation[] {
  const roots: ["query" | "mutation", GraphQLObjectType | null | undefined][] = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ];
  return roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {}).map((field) => {
      const { args, definitions, variables } = sampleArguments(field);
      const selection = isCompositeType(getNamedType(field.type)) ? " { __typename }" : "";
      const vars = definitions.length ? `(${definitions.join(", ")})` : "";
      return {
        kind,
        field: field.name,
        document: `${kind} Sample${vars} { ${field.name}${args}${selection} }`,
        variables,
      };
    }),
  );
}
