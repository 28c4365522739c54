import type { Clock } from "../common/clock";
import { AppError } from "../common/errors";
import type { Database } from "../db/database";

/**
 * Locks an email after `attempts` failed sign-ins within `minutes`, for `minutes`. Failures
 * are kept per email whether or not an account has it, so a locked address looks the same
 * either way and lockout reveals nothing about which accounts exist. The state lives in
 * `login_failures`, so a restart does not unlock anyone (and every replica sees it).
 */
export class LoginLockout {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly policy: { attempts: number; minutes: number },
  ) {}

  private get enabled(): boolean {
    return this.policy.attempts > 0;
  }

  /** Throws UNAUTHENTICATED (reason LOCKED_OUT) while the email is locked. */
  async assertNotLocked(email: string): Promise<void> {
    if (!this.enabled) return;
    const now = this.clock.now();
    const [row] = await this.db.read((em) =>
      em.query<{ locked_until: Date }[]>(
        `SELECT locked_until FROM login_failures WHERE email = $1 AND locked_until > $2`,
        [key(email), now],
      ),
    );
    if (!row) return;
    const seconds = Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 1000);
    throw new AppError(
      "UNAUTHENTICATED",
      `Too many failed sign-ins for this email; try again in ${Math.ceil(seconds / 60)} min`,
      undefined,
      "LOCKED_OUT",
      { details: { retryAfterSeconds: seconds } },
    );
  }

  /** Counts a failure; the one that reaches `attempts` locks the email. */
  async recordFailure(email: string): Promise<void> {
    if (!this.enabled) return;
    const now = this.clock.now();
    const windowMs = this.policy.minutes * 60_000;
    const windowStart = new Date(now.getTime() - windowMs);
    const lockedUntil = new Date(now.getTime() + windowMs);
    await this.db.transaction(async (em) => {
      // A failure after the window has passed starts a new count.
      await em.query(
        `INSERT INTO login_failures AS f (email, failures, window_started_at, locked_until)
         VALUES ($1, 1, $2, CASE WHEN $4::int <= 1 THEN $3::timestamptz END)
         ON CONFLICT (email) DO UPDATE SET
           failures = CASE WHEN f.window_started_at > $5 THEN f.failures + 1 ELSE 1 END,
           window_started_at = CASE WHEN f.window_started_at > $5 THEN f.window_started_at ELSE $2 END,
           locked_until = CASE
             WHEN (CASE WHEN f.window_started_at > $5 THEN f.failures + 1 ELSE 1 END) >= $4::int
               THEN $3::timestamptz
             ELSE f.locked_until END`,
        [key(email), now, lockedUntil, this.policy.attempts, windowStart],
      );
      // Rows whose window and lock are over say nothing any more.
      await em.query(
        `DELETE FROM login_failures
          WHERE window_started_at <= $1 AND (locked_until IS NULL OR locked_until <= $2)`,
        [windowStart, now],
      );
    });
  }

  /** A successful sign-in forgets earlier failures. */
  async clear(email: string): Promise<void> {
    if (!this.enabled) return;
    await this.db.transaction((em) =>
      em.query(`DELETE FROM login_failures WHERE email = $1`, [key(email)]),
    );
  }
}

const key = (email: string) => email.trim().toLowerCase().slice(0, 320);
