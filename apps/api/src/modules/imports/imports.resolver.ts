import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  ID,
  Mutation,
  Query,
  Resolver,
} from "type-graphql";
import type { Context } from "../../context";
import { requestActor } from "../../context";
import type { Page } from "../../common/graphql-types";
import { PageArgsType } from "../customers/customers.resolver";
import type { ImportProblemRow, ImportRow } from "./imports.service";
import {
  CreateImportInput,
  ImportColumn,
  ImportConnection,
  ImportProblem,
  ImportProblemConnection,
  ImportObject,
  ImportTypeEnum,
} from "./imports.types";

export const toImportType = (i: ImportRow): ImportObject => ({
  ...i,
  progress: i.readyCount ? i.processedCount / i.readyCount : i.status === "done" ? 1 : 0,
  uploadPath: `/imports/${i.id}/file`,
  problemsCsvPath: `/imports/${i.id}/problems.csv`,
});

@ArgsType()
class ImportProblemsArgs extends PageArgsType {
  @Field(() => ID, { description: "The import." })
  importId: string;
}

/** Bulk imports write customers and orders: admins and write keys. */
@Resolver(() => ImportObject)
export class ImportsResolver {
  @Authorized("imports:manage")
  @Query(() => ImportConnection, { description: "Imports, newest first." })
  async imports(@Args() args: PageArgsType, @Ctx() ctx: Context): Promise<Page<ImportObject>> {
    const page = await ctx.services.imports.list(args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toImportType(e.node) })) };
  }

  @Authorized("imports:manage")
  @Query(() => ImportObject, {
    nullable: true,
    description: "One import: status, counts, progress.",
  })
  async import(
    @Arg("id", () => ID, { description: "The import's id." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ImportObject | null> {
    const imp = await ctx.services.imports.get(id);
    return imp ? toImportType(imp) : null;
  }

  @Authorized("imports:manage")
  @Query(() => ImportProblemConnection, {
    description: "The dry run's report: problems by row and column, in row order.",
  })
  async importProblems(
    @Args() args: ImportProblemsArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<ImportProblemRow>> {
    await ctx.services.imports.require(args.importId);
    return ctx.services.imports.problems(args.importId, args);
  }

  @Authorized("imports:manage")
  @Query(() => [ImportColumn], { description: "The columns a file of this type may have." })
  importColumns(
    @Arg("type", () => ImportTypeEnum, { description: "Customers or orders." })
    type: "customers" | "orders",
    @Ctx() ctx: Context,
  ): ImportColumn[] {
    return ctx.services.imports.columns(type);
  }

  @Authorized("imports:manage")
  @Mutation(() => ImportObject, {
    description: "Creates an import; then PUT the CSV to its uploadPath to validate it.",
  })
  async createImport(
    @Arg("input", () => CreateImportInput, { description: "What to import and how." })
    input: CreateImportInput,
    @Ctx() ctx: Context,
  ): Promise<ImportObject> {
    return toImportType(await ctx.services.imports.create(requestActor(ctx), input));
  }

  @Authorized("imports:manage")
  @Mutation(() => ImportObject, {
    description: "Imports the validated rows in the background (poll import(id) for progress).",
  })
  async startImport(
    @Arg("id", () => ID, { description: "The import's id." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ImportObject> {
    return toImportType(await ctx.services.imports.start(id));
  }

  @Authorized("imports:manage")
  @Mutation(() => ImportObject, {
    description: "Stops a running import after the chunk in hand; committed rows stay.",
  })
  async cancelImport(
    @Arg("id", () => ID, { description: "The import's id." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ImportObject> {
    return toImportType(await ctx.services.imports.cancel(id));
  }

  @Authorized("imports:manage")
  @Mutation(() => ImportObject, {
    description: "Continues a failed or cancelled import after its last committed chunk.",
  })
  async resumeImport(
    @Arg("id", () => ID, { description: "The import's id." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ImportObject> {
    return toImportType(await ctx.services.imports.resume(id));
  }
}

export type { ImportProblem };
