// The job queue, stored in the database so it survives restarts and is shared by app instances.
import { pgTable, text, timestamp, integer, jsonb, index } from 'drizzle-orm/pg-core';

export const jobs = pgTable(
	'jobs',
	{
		id: text('id').primaryKey(),
		kind: text('kind').notNull(),
		payload: jsonb('payload').notNull().default({}),
		/** pending | running | done | failed */
		status: text('status').notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		maxAttempts: integer('max_attempts').notNull().default(5),
		runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
		lockedAt: timestamp('locked_at', { withTimezone: true }),
		lockedBy: text('locked_by'),
		lastError: text('last_error'),
		result: jsonb('result'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		finishedAt: timestamp('finished_at', { withTimezone: true })
	},
	(t) => [index('jobs_pending_idx').on(t.status, t.runAt)]
);
