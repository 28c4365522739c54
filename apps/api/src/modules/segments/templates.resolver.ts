import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Authorized, Field, Float, ObjectType, Query, Resolver } from "type-graphql";
import {
  instantiateTemplate,
  SEGMENT_TEMPLATES,
  TemplateError,
  type Rule,
  type SegmentTemplate as DomainTemplate,
} from "@trouw/domain";
import { badInput, notFound } from "../../common/errors";

@ObjectType({ description: "A named, editable number of a template, e.g. lapsed after N days." })
export class SegmentTemplateParameter {
  @Field({ description: "The parameter's key." })
  key: string;

  @Field({ description: "Short label for forms." })
  label: string;

  @Field({ description: "What the parameter means." })
  description: string;

  @Field({ description: "days, count, percent (0-100), money (minor units) or number." })
  type: string;

  @Field(() => Float, { description: "Value used when none is given." })
  default: number;

  @Field(() => Float, { description: "Smallest allowed value.", nullable: true })
  min?: number;

  @Field(() => Float, { description: "Largest allowed value.", nullable: true })
  max?: number;
}

@ObjectType({
  description: "A built-in segment: the 16 lifecycle types, 3 sentiment groups and the RFM cells.",
})
export class SegmentTemplate {
  @Field({ description: "The template's key." })
  key: string;

  @Field({ description: "Name of the customer type." })
  name: string;

  @Field({ description: "lifecycle, sentiment or rfm." })
  group: string;

  @Field({ description: "What the customer type is." })
  description: string;

  @Field({ description: "What to do for customers in this segment." })
  treatment: string;

  @Field(() => [SegmentTemplateParameter], { description: "What can be tuned, with defaults." })
  parameters: SegmentTemplateParameter[];

  @Field(() => GraphQLJSONObject, { description: "The rule with default parameters." })
  rule: Rule;
}

function instantiate(key: string, values?: Record<string, unknown>): Rule {
  try {
    return instantiateTemplate(key, values);
  } catch (err) {
    if (err instanceof TemplateError) {
      if (err.code === "UNKNOWN_TEMPLATE") throw notFound(`Segment template "${key}"`);
      throw badInput(err.message, err.problems);
    }
    throw err;
  }
}

const toGraphQL = (t: DomainTemplate): SegmentTemplate => ({ ...t, rule: instantiate(t.key) });

@Resolver()
export class SegmentTemplatesResolver {
  @Authorized("customers:read")
  @Query(() => [SegmentTemplate], {
    description: "The built-in segment templates: the 16 lifecycle customer types.",
  })
  segmentTemplates(): SegmentTemplate[] {
    return SEGMENT_TEMPLATES.map(toGraphQL);
  }

  @Authorized("customers:read")
  @Query(() => GraphQLJSONObject, {
    description: "The rule of a template with some parameters changed.",
  })
  instantiateSegmentTemplate(
    @Arg("key", { description: "The template." }) key: string,
    @Arg("values", () => GraphQLJSONObject, {
      description: "Parameter values by key; missing ones take their default.",
      nullable: true,
    })
    values?: Record<string, unknown>,
  ): Rule {
    return instantiate(key, values ?? undefined);
  }
}
