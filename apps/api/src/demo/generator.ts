import type { LifecycleTypeKey } from "@trouw/domain";
import { ARCHETYPES, REFERRED_ARCHETYPES } from "./archetypes";
import { makeCustomer } from "./profile";
import { Random } from "./random";
import { DAY, Timeline, makeEvent } from "./timeline";
import type { DemoBatch } from "./types";
import { CATEGORIES } from "./vocabulary";

export type { DemoBatch, DemoCustomer, DemoEvent, DemoSupportContact } from "./types";

export interface GenerateDemoOptions {
  customers: number;
  seed: number;
  /** The moment the data set is generated for: nothing occurs after it. */
  now: Date;
  /** Customers per batch; 1000 by default. */
  batchSize?: number;
}

/** Upper bound of referrals per referrer type, to keep room for them before the data set ends. */
const MAX_REFERRALS: Partial<Record<LifecycleTypeKey, number>> = { referring: 2, advocates: 5 };

/** A referral promised by an earlier customer, fulfilled by a later one. */
interface ReferralSlot {
  referrerId: string;
  referrerSignup: number;
}

/**
 * Deals archetypes in shuffled blocks of 100 that hold each one exactly `weight` times,
 * so every lifecycle type shows up in every block rather than only on average.
 */
class ArchetypeSchedule {
  private block: LifecycleTypeKey[] = [];

  constructor(private readonly rng: Random) {}

  next(): LifecycleTypeKey {
    if (this.block.length === 0) {
      for (const [key, a] of Object.entries(ARCHETYPES) as [
        LifecycleTypeKey,
        (typeof ARCHETYPES)[LifecycleTypeKey],
      ][]) {
        for (let i = 0; i < a.weight; i++) this.block.push(key);
      }
      this.rng.shuffle(this.block);
    }
    return this.block.pop()!;
  }
}

/**
 * Streams a realistic, deterministic data set: the same options give the same rows.
 * Only the current batch and a handful of pending referrals are held in memory.
 */
export function* generateDemo(opts: GenerateDemoOptions): Generator<DemoBatch> {
  const total = opts.customers;
  const batchSize = opts.batchSize ?? 1000;
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError("customers must be a non-negative integer");
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new RangeError("batchSize must be a positive integer");
  const now = opts.now.getTime();
  if (!Number.isFinite(now)) throw new RangeError("now must be a valid date");

  const rng = new Random(opts.seed);
  const schedule = new ArchetypeSchedule(rng);
  const pending: ReferralSlot[] = [];
  let batch: DemoBatch = { customers: [], events: [], supportContacts: [] };

  for (let i = 0; i < total; i++) {
    const remaining = total - i - 1;
    // Referred customers interleave with the others; near the end they must take the open slots.
    const slot =
      pending.length > 0 && (pending.length > remaining || rng.chance(0.4))
        ? pending.shift()!
        : undefined;
    const id = rng.uuid();

    let archetype: LifecycleTypeKey;
    let tenureDays: number;
    if (slot) {
      ({ archetype, tenureDays } = referredArchetype(rng, (now - slot.referrerSignup) / DAY));
    } else {
      archetype = schedule.next();
      // A referrer needs enough customers after it to refer; without them it is simply loyal.
      if (pending.length + (MAX_REFERRALS[archetype] ?? 0) > remaining) archetype = "loyal";
      const [min, max] = ARCHETYPES[archetype].tenureDays;
      // Skewed towards recent sign-ups: a growing shop.
      tenureDays = min + (max - min) * rng.float() ** 1.3;
    }
    const signup = now - tenureDays * DAY;

    const customer = makeCustomer(rng, {
      id,
      number: i + 1,
      archetype,
      signup,
      now,
      referredByCustomerId: slot?.referrerId ?? null,
    });
    const spec = ARCHETYPES[archetype];
    const favourites = rng
      .shuffle([...CATEGORIES])
      .slice(0, rng.int(spec.favourites[0], spec.favourites[1]));
    const t = new Timeline(rng, id, i + 1, now, favourites);
    const referrals = spec.behave({ rng, t, now, signup });
    for (let r = 0; r < referrals; r++) pending.push({ referrerId: id, referrerSignup: signup });

    batch.customers.push(customer);
    if (slot)
      batch.events.push(
        makeEvent(rng, now, slot.referrerId, "referral", signup, {
          payload: { referredCustomerId: id },
        }),
      );
    t.events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    for (const e of t.events) batch.events.push(e);
    for (const c of t.contacts) batch.supportContacts.push(c);

    if (batch.customers.length === batchSize) {
      yield batch;
      batch = { customers: [], events: [], supportContacts: [] };
    }
  }
  if (batch.customers.length > 0) yield batch;
}

/** A referred customer joined after the referrer; what they became depends on how long ago that was. */
function referredArchetype(
  rng: Random,
  referrerTenureDays: number,
): { archetype: LifecycleTypeKey; tenureDays: number } {
  const maxDays = Math.max(1, referrerTenureDays - 1);
  if (rng.chance(0.6))
    return {
      archetype: "referral",
      tenureDays: rng.between(Math.min(3, maxDays), Math.min(120, maxDays)),
    };
  const tenureDays = rng.between(1, maxDays);
  const fits = REFERRED_ARCHETYPES.filter((k) => {
    const [min, max] = ARCHETYPES[k].tenureDays;
    return tenureDays >= min && tenureDays <= max;
  });
  return fits.length > 0
    ? { archetype: rng.pick(fits), tenureDays }
    : { archetype: "referral", tenureDays: Math.min(tenureDays, 120) };
}
