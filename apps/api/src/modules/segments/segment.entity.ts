import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import type { Rule } from "@trouw/domain";
import { AdminUserEntity } from "../users/user.entities";

@Entity("segments")
@Index("segments_name_key", { synchronize: false })
export class SegmentEntity {
  @PrimaryColumn("uuid")
  id: string;

  @Column("text")
  name: string;

  @Column("text", { default: "" })
  description: string;

  @Column("jsonb")
  rule: Rule;

  @Column("text", { array: true, default: () => "'{}'" })
  tags: string[];

  @Column("text", { name: "template_key", nullable: true })
  templateKey: string | null;

  @Column("uuid", { name: "referenced_segments", array: true, default: () => "'{}'" })
  referencedSegments: string[];

  @Column("uuid", { name: "owner_id", nullable: true })
  ownerId: string | null;

  @ManyToOne(() => AdminUserEntity, { nullable: true })
  @JoinColumn({ name: "owner_id", foreignKeyConstraintName: "segments_owner_id_fkey" })
  private readonly owner?: never;

  @Column("integer", { default: 1 })
  version: number;

  @Column("integer", { name: "member_count", default: 0 })
  memberCount: number;

  @Column("timestamptz", { name: "refreshed_at", nullable: true })
  refreshedAt: Date | null;

  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Column("timestamptz", { name: "updated_at" })
  updatedAt: Date;
}
