// The outbox now serves every module's events; it lives with the webhooks that deliver it.
export { emit, outboxInsert, OUTBOX_TOPICS, type OutboxTopic } from "../webhooks/outbox";
