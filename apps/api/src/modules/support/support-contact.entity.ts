import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { CustomerEntity } from "../customers/customer.entity";
import type { SupportContactKind, SupportContactStatus } from "@trouw/domain";

/** The current state of a contact; every change is also appended to the events table. */
@Entity("support_contacts")
@Index("support_contacts_customer_idx", { synchronize: false })
@Index("support_contacts_open_idx", { synchronize: false })
export class SupportContactEntity {
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "customer_id" })
  customerId: string;

  @ManyToOne(() => CustomerEntity)
  @JoinColumn({
    name: "customer_id",
    foreignKeyConstraintName: "support_contacts_customer_id_fkey",
  })
  private readonly customer?: never;

  @Column("text")
  kind: SupportContactKind;

  @Column("text")
  status: SupportContactStatus;

  @Column("text", { default: "email" })
  channel: string;

  @Column("text")
  subject: string;

  @Column("text", { nullable: true })
  note: string | null;

  @Column("text", { nullable: true })
  resolution: string | null;

  @Column("timestamptz", { name: "follow_up_at", nullable: true })
  followUpAt: Date | null;

  @Column("timestamptz", { name: "opened_at" })
  openedAt: Date;

  @Column("timestamptz", { name: "updated_at" })
  updatedAt: Date;

  @Column("timestamptz", { name: "resolved_at", nullable: true })
  resolvedAt: Date | null;
}
