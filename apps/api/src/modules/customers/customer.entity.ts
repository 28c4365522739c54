import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import type { AcquisitionSource, PersonalityColour } from "@trouw/domain";

@Entity("customers")
@Check(
  "customers_personality_colour_check",
  `personality_colour IN ('red','blue','yellow','green')`,
)
@Index("customers_signed_up_at_idx", { synchronize: false })
@Index("customers_name_idx", { synchronize: false })
@Index("customers_email_idx", { synchronize: false })
@Index("customers_tags_idx", { synchronize: false })
@Index("customers_created_at_idx", { synchronize: false })
@Index("customers_acquisition_source_idx", { synchronize: false })
export class CustomerEntity {
  @PrimaryColumn("uuid")
  id: string;

  @Column("text", { name: "external_id", unique: true })
  externalId: string;

  @Column("text", { nullable: true })
  email: string | null;

  @Column("text", { nullable: true })
  name: string | null;

  @Column("text", { nullable: true })
  phone: string | null;

  @Column("text", { default: "en" })
  locale: string;

  @Column("date", { name: "birth_date", nullable: true })
  birthDate: string | null;

  @Column("timestamptz", { name: "signed_up_at" })
  signedUpAt: Date;

  @Column("text", { name: "acquisition_source", default: "direct" })
  acquisitionSource: AcquisitionSource;

  @Column("boolean", { name: "marketing_consent", default: false })
  marketingConsent: boolean;

  @Column("timestamptz", { name: "marketing_consent_at", nullable: true })
  marketingConsentAt: Date | null;

  @Column("text", { array: true, default: () => "'{}'" })
  tags: string[];

  @Column("jsonb", { default: () => "'{}'" })
  attributes: Record<string, unknown>;

  @Column("text", { name: "personality_colour", nullable: true })
  personalityColour: PersonalityColour | null;

  @Column("uuid", { name: "referred_by_customer_id", nullable: true })
  referredByCustomerId: string | null;

  @ManyToOne(() => CustomerEntity, { nullable: true, onDelete: "NO ACTION" })
  @JoinColumn({
    name: "referred_by_customer_id",
    foreignKeyConstraintName: "customers_referred_by_customer_id_fkey",
  })
  private readonly referredBy?: never;

  /** Set when the customer's personal data was erased (GDPR); such a customer takes no writes. */
  @Column("timestamptz", { name: "erased_at", nullable: true })
  erasedAt: Date | null;

  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Column("timestamptz", { name: "updated_at" })
  updatedAt: Date;
}
