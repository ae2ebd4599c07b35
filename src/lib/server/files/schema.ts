// Files uploaded for later processing (an import between its preview and its commit), kept in the database so any app instance can read them.
import { pgTable, text, timestamp, integer, customType } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v))
});

export const uploads = pgTable('uploads', {
	id: text('id').primaryKey(),
	purpose: text('purpose').notNull(),
	filename: text('filename').notNull(),
	contentType: text('content_type'),
	size: integer('size').notNull(),
	data: bytea('data').notNull(),
	ownerId: text('owner_id'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
