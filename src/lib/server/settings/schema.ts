// Cluster-wide settings (name, colours, contact, legal notice, secrets generated at first start).
import { pgTable, text, timestamp, jsonb } from 'drizzle-orm/pg-core';

export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
