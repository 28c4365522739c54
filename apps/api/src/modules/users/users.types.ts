import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ApiKeyScopeEnum, RoleEnum } from "../../common/graphql-types";
import type { ApiKeyScope, Role } from "./user.entities";

@ObjectType({ description: "A person who signs in to the admin app." })
export class AdminUser {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => RoleEnum)
  role: Role;
}

@InputType()
export class CreateAdminUserInput {
  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field({ description: "At least 8 characters." })
  password: string;
}

@ObjectType({ description: "An integrator API key. The secret is shown only once, at creation." })
export class ApiKey {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "Public prefix that identifies the key in logs and lists." })
  prefix: string;

  @Field(() => [ApiKeyScopeEnum])
  scopes: ApiKeyScope[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field({
    description:
      "The full key to send as `Authorization: Bearer <secret>`. Store it now: it is not shown again.",
  })
  secret: string;
}
