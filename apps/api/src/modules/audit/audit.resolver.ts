import { Args, ArgsType, Authorized, Ctx, Field, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { PageArgsType } from "../customers/customers.resolver";
import { AuditEntry, AuditEntryConnection, AuditLogFilter } from "./audit.types";

@ArgsType()
class AuditLogArgs extends PageArgsType {
  @Field(() => AuditLogFilter, { nullable: true, description: "Which entries to list." })
  filter?: AuditLogFilter | null;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized("audit:read")
  @Query(() => AuditEntryConnection, {
    description:
      "The audit log of administrative changes, newest first, filterable by actor, kind of thing, id, action and period. Admins only.",
  })
  auditLog(@Args() args: AuditLogArgs, @Ctx() ctx: Context) {
    return ctx.services.audit.list(args);
  }
}
