// A fixed-window rate limit kept in the database, so it holds across restarts and app instances.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';

/** Counts one attempt for `key`; false when more than `max` happened within `windowSeconds`. */
export async function hitRateLimit(db: Db, key: string, max: number, windowSeconds: number): Promise<boolean> {
	const now = Date.now();
	const windowStart = now - windowSeconds * 1000;
	const rows = await queryRows<{ count: number }>(db, sql`
		insert into rate_limits (id, key, count, last_request) values (${crypto.randomUUID()}, ${key}, 1, ${now})
		on conflict (key) do update set
			count = case when rate_limits.last_request < ${windowStart} then 1 else rate_limits.count + 1 end,
			last_request = case when rate_limits.last_request < ${windowStart} then ${now} else rate_limits.last_request end
		returning count`);
	return Number(rows[0].count) <= max;
}

/** Forgets the attempts counted for `key` (after a successful sign-in, say). */
export async function clearRateLimit(db: Db, key: string): Promise<void> {
	await db.execute(sql`delete from rate_limits where key = ${key}`);
}
