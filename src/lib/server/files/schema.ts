// Files uploaded for later processing (an import between its preview and its commit), kept in the database so any app instance can read them.
import { pgTable, text, timestamp, integer, boolean, customType } from 'drizzle-orm/pg-core';

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

/** Stored files (logos, covers, photos, videos): metadata here, bytes behind the storage interface. */
export const storedFiles = pgTable('stored_files', {
	key: text('key').primaryKey(),
	contentType: text('content_type').notNull(),
	size: integer('size').notNull(),
	width: integer('width'),
	height: integer('height'),
	/** Public files are served to anyone; others only through a route that checks rights. */
	isPublic: boolean('is_public').notNull().default(true),
	/** The organization whose page shows it (for clean-up and rights). */
	ownerOrganizationId: text('owner_organization_id'),
	/** The bytes, when the storage driver is the database (several app instances); null on the filesystem driver. */
	data: bytea('data'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
