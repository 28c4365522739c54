import { randomUUID } from "node:crypto";
import { audit } from "../audit/audit";
import type { Config } from "@trouw/config";
import type { Database } from "../../db/database";
import type { Clock } from "../../common/clock";
import { isId } from "../../common/ids";
import {
  badInput,
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  unauthenticated,
} from "../../common/errors";
import { validateCustomerFields } from "@trouw/domain";
import type { Actor } from "../../auth/permissions";
import {
  apiKeySecretHash,
  hashPassword,
  newApiKey,
  newSessionToken,
  parseApiKey,
  sameHash,
  sessionTokenHash,
  verifyPassword,
} from "../../auth/credentials";
import { LoginLockout } from "../../auth/login-lockout";
import {
  AdminSessionEntity,
  AdminUserEntity,
  ApiKeyEntity,
  type ApiKeyScope,
  type Role,
} from "./user.entities";

// A real hash to compare against when the email is unknown, so timing does not reveal accounts.
const DUMMY_HASH = hashPassword("timing-equaliser");
const LAST_USED_RESOLUTION_MS = 60_000;

export class UsersService {
  private readonly lockout: LoginLockout;
  /**
   * API keys checked recently, by prefix: every integrator request authenticates, and reading
   * the key each time was one statement of every order's ~15. Entries live
   * API_KEY_CACHE_SECONDS; revoking through this process drops the entry at once.
   */
  private readonly apiKeys = new Map<string, { key: ApiKeyEntity; readAt: number }>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Pick<
      Config,
      | "SESSION_SECRET"
      | "SESSION_TTL_HOURS"
      | "LOGIN_LOCKOUT_ATTEMPTS"
      | "LOGIN_LOCKOUT_MINUTES"
      | "API_KEY_CACHE_SECONDS"
    >,
  ) {
    this.lockout = new LoginLockout(db, clock, {
      attempts: config.LOGIN_LOCKOUT_ATTEMPTS,
      minutes: config.LOGIN_LOCKOUT_MINUTES,
    });
  }

  async createUser(input: {
    email: string;
    name: string;
    role: Role;
    password: string;
  }): Promise<AdminUserEntity> {
    const problems = validateCustomerFields({ email: input.email }, this.clock.now());
    if (input.password.length < 8)
      problems.push({ path: "password", message: "must be at least 8 characters" });
    if (!input.name.trim()) problems.push({ path: "name", message: "must not be empty" });
    if (problems.length) throw badInput("Invalid admin user", problems);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.transaction(async (em) => {
        const user = await em.save(
          em.create(AdminUserEntity, {
            id: randomUUID(),
            email: input.email.toLowerCase(),
            name: input.name.trim(),
            role: input.role,
            passwordHash,
            createdAt: this.clock.now(),
            disabledAt: null,
          }),
        );
        // Never the password hash.
        await audit.record(
          em,
          {
            entityType: "admin_user",
            entityId: user.id,
            action: "created",
            after: { email: user.email, name: user.name, role: user.role },
          },
          user.createdAt,
        );
        return user;
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict(`An admin user with email ${input.email} already exists`);
      throw err;
    }
  }

  listUsers(): Promise<AdminUserEntity[]> {
    return this.db.read((em) => em.find(AdminUserEntity, { order: { email: "ASC" } }));
  }

  /** Creates the first admin when there is none; returns whether it did. */
  async ensureFirstAdmin(email: string, password: string): Promise<boolean> {
    const count = await this.db.read((em) => em.count(AdminUserEntity));
    if (count > 0) return false;
    await this.createUser({ email, name: "Administrator", role: "admin", password });
    return true;
  }

  async login(
    email: string,
    password: string,
  ): Promise<{ user: AdminUserEntity; token: string; expiresAt: Date }> {
    await this.lockout.assertNotLocked(email);
    const user = await this.db.read((em) =>
      em.findOne(AdminUserEntity, { where: { email: email.toLowerCase() } }),
    );
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH), password);
    if (!user || !ok || user.disabledAt) {
      await this.lockout.recordFailure(email);
      throw unauthenticated("Email or password is incorrect");
    }
    await this.lockout.clear(email);
    const token = newSessionToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3_600_000);
    await this.db.transaction((em) =>
      em.insert(AdminSessionEntity, {
        tokenHash: sessionTokenHash(token, this.config.SESSION_SECRET),
        userId: user.id,
        createdAt: now,
        expiresAt,
      }),
    );
    return { user, token, expiresAt };
  }

  async logout(token: string): Promise<void> {
    await this.db.transaction((em) =>
      em.delete(AdminSessionEntity, {
        tokenHash: sessionTokenHash(token, this.config.SESSION_SECRET),
      }),
    );
  }

  async actorForSession(token: string): Promise<Actor | null> {
    const now = this.clock.now();
    const rows = await this.db.read((em) =>
      em.query<
        {
          id: string;
          email: string;
          name: string;
          role: Role;
          expires_at: Date;
          disabled_at: Date | null;
        }[]
      >(
        `SELECT u.id, u.email, u.name, u.role, s.expires_at, u.disabled_at
           FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id WHERE s.token_hash = $1`,
        [sessionTokenHash(token, this.config.SESSION_SECRET)],
      ),
    );
    const row = rows[0];
    if (!row || new Date(row.expires_at) <= now || row.disabled_at) return null;
    return { kind: "user", id: row.id, email: row.email, name: row.name, role: row.role };
  }

  async actorForApiKey(full: string): Promise<Actor | null> {
    const parsed = parseApiKey(full);
    if (!parsed) return null;
    const now = this.clock.now();
    const key = await this.apiKey(parsed.prefix, now);
    if (!key || key.revokedAt || !sameHash(key.secretHash, apiKeySecretHash(parsed.secret)))
      return null;
    // Recorded at minute resolution: a write per request would make every read a write.
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.db.transaction((em) =>
        em.update(ApiKeyEntity, { id: key.id }, { lastUsedAt: now }),
      );
      key.lastUsedAt = now;
    }
    return { kind: "apiKey", id: key.id, name: key.name, scopes: key.scopes };
  }

  /** The key with this prefix, from the cache while it is fresh (unknown prefixes are not cached). */
  private async apiKey(prefix: string, now: Date): Promise<ApiKeyEntity | null> {
    const ttl = this.config.API_KEY_CACHE_SECONDS * 1000;
    const cached = this.apiKeys.get(prefix);
    if (cached && now.getTime() - cached.readAt < ttl && now.getTime() >= cached.readAt)
      return cached.key;
    const key = await this.db.read((em) => em.findOne(ApiKeyEntity, { where: { prefix } }));
    if (key && ttl > 0) {
      if (this.apiKeys.size >= 10_000) this.apiKeys.clear();
      this.apiKeys.set(prefix, { key, readAt: now.getTime() });
    } else this.apiKeys.delete(prefix);
    return key;
  }

  async createApiKey(
    actor: Actor,
    name: string,
    scopes: ApiKeyScope[],
  ): Promise<{ key: ApiKeyEntity; secret: string }> {
    if (actor.kind !== "user") throw forbidden("API keys are managed by admin users");
    const problems = [];
    if (!name.trim() || name.length > 100)
      problems.push({ path: "name", message: "must be 1 to 100 characters" });
    if (scopes.length === 0)
      problems.push({ path: "scopes", message: "choose at least one scope" });
    if (problems.length) throw badInput("Invalid API key", problems);
    const generated = newApiKey();
    const key = await this.db.transaction(async (em) => {
      const created = await em.save(
        em.create(ApiKeyEntity, {
          id: randomUUID(),
          name: name.trim(),
          prefix: generated.prefix,
          secretHash: apiKeySecretHash(generated.secret),
          scopes: [...new Set(scopes)].sort(),
          createdBy: actor.id,
          createdAt: this.clock.now(),
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      // Never the secret or its hash.
      await audit.record(
        em,
        {
          entityType: "api_key",
          entityId: created.id,
          action: "created",
          after: { name: created.name, prefix: created.prefix, scopes: created.scopes },
        },
        created.createdAt,
      );
      return created;
    });
    return { key, secret: generated.full };
  }

  listApiKeys(): Promise<ApiKeyEntity[]> {
    return this.db.read((em) => em.find(ApiKeyEntity, { order: { createdAt: "DESC" } }));
  }

  async revokeApiKey(id: string): Promise<ApiKeyEntity> {
    // Not a UUID: no such key (the database would refuse the comparison instead).
    if (!isId(id)) throw notFound("API key");
    const revoked = await this.db.transaction(async (em) => {
      const key = await em.findOne(ApiKeyEntity, { where: { id } });
      if (!key) throw notFound("API key");
      if (!key.revokedAt) {
        key.revokedAt = this.clock.now();
        await em.save(key);
        await audit.record(
          em,
          {
            entityType: "api_key",
            entityId: key.id,
            action: "revoked",
            before: { name: key.name, revokedAt: null },
            after: { name: key.name, revokedAt: key.revokedAt },
          },
          key.revokedAt,
        );
      }
      return key;
    });
    // After the commit, so no request in between can cache the key as it was.
    this.apiKeys.delete(revoked.prefix);
    return revoked;
  }
}
