import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { buildTrouwSchema } from "../schema";

/** Every schema coordinate (type, field, argument, input field, enum value) without a description. */
export function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (d: string | null | undefined) => !d || d.trim() === "";
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type))
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args)
          if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    if (isInputObjectType(type))
      for (const field of Object.values(type.getFields()))
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
    if (isEnumType(type))
      for (const value of type.getValues())
        if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

describe("schema descriptions", () => {
  it("describes every type, field, argument, input field and enum value", async () => {
    expect(undocumented(await buildTrouwSchema())).toEqual([]);
  });

  it("notices a missing description (the check itself works)", async () => {
    const schema = await buildTrouwSchema();
    const customer = schema.getType("Customer");
    if (!isObjectType(customer)) throw new Error("Customer is not an object type");
    customer.getFields().email!.description = undefined;
    schema.getQueryType()!.getFields().customer!.args[0]!.description = "";
    expect(undocumented(schema).sort()).toEqual(["Customer.email", "Query.customer(externalId:)"]);
  });
});
