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
  @Field()
  key: string;

  @Field()
  label: string;

  @Field()
  description: string;

  @Field({ description: "days, count, percent (0-100), money (minor units) or number." })
  type: string;

  @Field(() => Float)
  default: number;

  @Field(() => Float, { nullable: true })
  min?: number;

  @Field(() => Float, { nullable: true })
  max?: number;
}

@ObjectType({
  description: "A built-in segment: the 16 lifecycle types, 3 sentiment groups and the RFM cells.",
})
export class SegmentTemplate {
  @Field()
  key: string;

  @Field()
  name: string;

  @Field({ description: "lifecycle, sentiment or rfm." })
  group: string;

  @Field()
  description: string;

  @Field({ description: "What to do for customers in this segment." })
  treatment: string;

  @Field(() => [SegmentTemplateParameter])
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
  @Query(() => [SegmentTemplate])
  segmentTemplates(): SegmentTemplate[] {
    return SEGMENT_TEMPLATES.map(toGraphQL);
  }

  @Authorized("customers:read")
  @Query(() => GraphQLJSONObject, {
    description: "The rule of a template with some parameters changed.",
  })
  instantiateSegmentTemplate(
    @Arg("key") key: string,
    @Arg("values", () => GraphQLJSONObject, { nullable: true }) values?: Record<string, unknown>,
  ): Rule {
    return instantiate(key, values ?? undefined);
  }
}
