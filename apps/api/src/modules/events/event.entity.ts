import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { CustomerEntity } from "../customers/customer.entity";
import type { EventType } from "@trouw/domain";

/** bigint columns arrive from pg as strings; money stays integer minor units. */
const bigintAsNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** Append-only: rows are inserted, never updated or deleted. */
@Entity("events")
@Index("events_customer_type_time_idx", { synchronize: false })
@Index("events_customer_time_idx", { synchronize: false })
@Index("events_order_ref_key", { synchronize: false })
@Index("events_refund_order_ref_idx", { synchronize: false })
export class EventEntity {
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "customer_id" })
  customerId: string;

  @ManyToOne(() => CustomerEntity)
  @JoinColumn({ name: "customer_id", foreignKeyConstraintName: "events_customer_id_fkey" })
  private readonly customer?: never;

  @Column("text")
  type: EventType;

  @Column("timestamptz", { name: "occurred_at" })
  occurredAt: Date;

  @Column("timestamptz", { name: "recorded_at" })
  recordedAt: Date;

  @Column("bigint", { name: "amount_minor", nullable: true, transformer: bigintAsNumber })
  amountMinor: number | null;

  @Column("bigint", { name: "discount_minor", nullable: true, transformer: bigintAsNumber })
  discountMinor: number | null;

  @Column("char", { length: 3, nullable: true })
  currency: string | null;

  @Column("text", { nullable: true })
  category: string | null;

  @Column("text", { name: "order_ref", nullable: true })
  orderRef: string | null;

  @Column("jsonb", { default: () => "'{}'" })
  payload: Record<string, unknown>;
}
