// Training catalogue, labels, trade pages (métiers) and school requests.
import { pgTable, text, integer, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The trades (métiers) of the cluster's sector: the list job offers, trainings and trade pages refer
 * to. Named and ordered by the team; `slug` is the address of the public trade page.
 */
export const trades = pgTable(
	'trades',
	{
		id: text('id').primaryKey(),
		position: integer('position').notNull(),
		name: text('name').notNull(),
		slug: text('slug').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('trades_slug_key').on(t.slug)]
);
