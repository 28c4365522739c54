import { CustomerEntity } from "../modules/customers/customer.entity";
import { EventEntity } from "../modules/events/event.entity";
import { SupportContactEntity } from "../modules/support/support-contact.entity";
import { AdminSessionEntity, AdminUserEntity, ApiKeyEntity } from "../modules/users/user.entities";
import { IdempotencyKeyEntity } from "../common/idempotency";
import { SegmentEntity } from "../modules/segments/segment.entity";

export const entities = [
  CustomerEntity,
  EventEntity,
  SupportContactEntity,
  AdminUserEntity,
  AdminSessionEntity,
  ApiKeyEntity,
  IdempotencyKeyEntity,
  SegmentEntity,
];
