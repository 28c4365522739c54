import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ApiKeyScopeEnum, RoleEnum } from "../../common/graphql-types";
import type { ApiKeyScope, Role } from "./user.entities";

@ObjectType({ description: "A person who signs in to the admin app." })
export class AdminUser {
  @Field(() => ID, { description: "The user's id." })
  id: string;

  @Field({ description: "Sign-in email address (unique)." })
  email: string;

  @Field({ description: "Display name." })
  name: string;

  @Field(() => RoleEnum, { description: "What the user may do." })
  role: Role;
}

@InputType({ description: "A new admin user: email, name, role and initial password." })
export class CreateAdminUserInput {
  @Field({ description: "Sign-in email address; must be unused." })
  email: string;

  @Field({ description: "Display name." })
  name: string;

  @Field(() => RoleEnum, { description: "What the user may do." })
  role: Role;

  @Field({ description: "At least 8 characters." })
  password: string;
}

@ObjectType({ description: "An integrator API key. The secret is shown only once, at creation." })
export class ApiKey {
  @Field(() => ID, { description: "The key's id (not its secret)." })
  id: string;

  @Field({ description: "A name to recognise the key by, e.g. the integration using it." })
  name: string;

  @Field({ description: "Public prefix that identifies the key in logs and lists." })
  prefix: string;

  @Field(() => [ApiKeyScopeEnum], { description: "What the key may do: READ, WRITE or both." })
  scopes: ApiKeyScope[];

  @Field({ description: "When the key was created." })
  createdAt: Date;

  @Field(() => Date, {
    description: "When the key last authenticated a request; null if never.",
    nullable: true,
  })
  lastUsedAt: Date | null;

  @Field(() => Date, {
    description: "When the key was revoked; null while it works.",
    nullable: true,
  })
  revokedAt: Date | null;
}

@ObjectType({ description: "A new API key and its secret, shown only this once." })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: "The key's details (without the secret)." })
  apiKey: ApiKey;

  @Field({
    description:
      "The full key to send as `Authorization: Bearer <secret>`. Store it now: it is not shown again.",
  })
  secret: string;
}
