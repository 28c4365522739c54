import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";

export type Role = "admin" | "analyst" | "support";
export type ApiKeyScope = "read" | "write";

@Entity("admin_users")
@Check("admin_users_role_check", `role IN ('admin','analyst','support')`)
export class AdminUserEntity {
  @PrimaryColumn("uuid")
  id: string;

  @Column("text", { unique: true })
  email: string;

  @Column("text")
  name: string;

  @Column("text")
  role: Role;

  @Column("text", { name: "password_hash" })
  passwordHash: string;

  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Column("timestamptz", { name: "disabled_at", nullable: true })
  disabledAt: Date | null;
}

@Entity("admin_sessions")
export class AdminSessionEntity {
  @PrimaryColumn("text", { name: "token_hash" })
  tokenHash: string;

  @Column("uuid", { name: "user_id" })
  userId: string;

  @ManyToOne(() => AdminUserEntity)
  @JoinColumn({ name: "user_id", foreignKeyConstraintName: "admin_sessions_user_id_fkey" })
  private readonly user?: never;

  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Column("timestamptz", { name: "expires_at" })
  expiresAt: Date;
}

@Entity("api_keys")
export class ApiKeyEntity {
  @PrimaryColumn("uuid")
  id: string;

  @Column("text")
  name: string;

  /** Public part of the key, used to find the row; the secret part is only stored hashed. */
  @Column("text", { unique: true })
  prefix: string;

  @Column("text", { name: "secret_hash" })
  secretHash: string;

  @Column("text", { array: true })
  scopes: ApiKeyScope[];

  @Column("uuid", { name: "created_by", nullable: true })
  createdBy: string | null;

  @ManyToOne(() => AdminUserEntity, { nullable: true })
  @JoinColumn({ name: "created_by", foreignKeyConstraintName: "api_keys_created_by_fkey" })
  private readonly creator?: never;

  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Column("timestamptz", { name: "last_used_at", nullable: true })
  lastUsedAt: Date | null;

  @Column("timestamptz", { name: "revoked_at", nullable: true })
  revokedAt: Date | null;
}
