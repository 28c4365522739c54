import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { ApiKeyScopeEnum } from "../../common/graphql-types";
import { forbidden } from "../../common/errors";
import type { ApiKeyScope } from "./user.entities";
import { AdminUser, ApiKey, CreateAdminUserInput, CreatedApiKey } from "./users.types";

@Resolver()
export class UsersResolver {
  @Authorized("authenticated")
  @Query(() => AdminUser, { description: "The signed-in admin user." })
  me(@Ctx() ctx: Context): AdminUser {
    if (ctx.actor?.kind !== "user")
      throw forbidden("Only admin users have a profile; this is an API key");
    return ctx.actor;
  }

  @Mutation(() => AdminUser, { description: "Signs in and sets the session cookie." })
  async login(
    @Arg("email", { description: "The user's email address." }) email: string,
    @Arg("password", { description: "The user's password." }) password: string,
    @Ctx() ctx: Context,
  ): Promise<AdminUser> {
    const { user, token, expiresAt } = await ctx.services.users.login(email, password);
    ctx.session.set(token, expiresAt);
    return user;
  }

  @Mutation(() => Boolean, { description: "Ends the current session." })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    const token = ctx.session.token();
    if (token) await ctx.services.users.logout(token);
    ctx.session.clear();
    return true;
  }

  @Authorized("users:manage")
  @Query(() => [AdminUser], { description: "Every admin user (admins only)." })
  adminUsers(@Ctx() ctx: Context): Promise<AdminUser[]> {
    return ctx.services.users.listUsers();
  }

  @Authorized("users:manage")
  @Mutation(() => AdminUser, { description: "Creates an admin user (admins only)." })
  createAdminUser(
    @Arg("input", { description: "The new user." }) input: CreateAdminUserInput,
    @Ctx() ctx: Context,
  ): Promise<AdminUser> {
    return ctx.services.users.createUser(input);
  }

  @Authorized("apikeys:manage")
  @Query(() => [ApiKey], { description: "Every API key, revoked ones included (admins only)." })
  apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return ctx.services.users.listApiKeys();
  }

  @Authorized("apikeys:manage")
  @Mutation(() => CreatedApiKey, {
    description: "Creates an integrator API key; the secret is returned once.",
  })
  async createApiKey(
    @Arg("name", { description: "A name to recognise the key by." }) name: string,
    @Arg("scopes", () => [ApiKeyScopeEnum], { description: "What the key may do." })
    scopes: ApiKeyScope[],
    @Ctx() ctx: Context,
  ): Promise<CreatedApiKey> {
    const { key, secret } = await ctx.services.users.createApiKey(ctx.actor!, name, scopes);
    return { apiKey: key, secret };
  }

  @Authorized("apikeys:manage")
  @Mutation(() => ApiKey, { description: "Revokes a key at once; revoking twice is harmless." })
  revokeApiKey(
    @Arg("id", () => ID, { description: "The key." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ApiKey> {
    return ctx.services.users.revokeApiKey(id);
  }
}
