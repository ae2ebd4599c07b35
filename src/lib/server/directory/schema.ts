// The public directory's read model: one row per publicly listed organization, kept up to date by
// database triggers (migration 0004) from the CRM and showcase tables, so a search reads one table.
// Also the reference data it joins: commune coordinates.
import { pgTable, text, timestamp, integer, bigint, doublePrecision, customType, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from '../crm/schema';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const point = customType<{ data: string }>({ dataType: () => 'point' });

export const directoryEntries = pgTable(
	'directory_entries',
	{
		organizationId: text('organization_id')
			.primaryKey()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		nameNormalized: text('name_normalized').notNull(),
		communeInsee: text('commune_insee'),
		communeName: text('commune_name'),
		departementCode: text('departement_code'),
		regionCode: text('region_code'),
		nafCode: text('naf_code'),
		nafSection: text('naf_section'),
		sizeBand: text('size_band'),
		competencyIds: text('competency_ids').array().notNull().default(sql`'{}'::text[]`),
		labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
		materials: text('materials').array().notNull().default(sql`'{}'::text[]`),
		referenceKindIds: text('reference_kind_ids').array().notNull().default(sql`'{}'::text[]`),
		/** Year of the first paid membership (null: not a member yet). */
		memberSince: integer('member_since'),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		/** commune | departement: how precise lat/lon are. */
		geoPrecision: text('geo_precision'),
		location: point('location'),
		/** Weighted French text (unaccented stems): name A, competencies/activity/labels B, products C, portrait D. */
		search: tsvector('search').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	// Searches run over the in-memory index (memory-index.ts), not over these columns: only the look-ups
	// by slug (public pages, sitemap) and name (the supply-chain map) need an index.
	(t) => [
		index('directory_entries_slug_idx').on(t.slug),
		index('directory_entries_name_idx').on(t.nameNormalized)
	]
);

/**
 * The directory's version, for the search index each server process keeps in memory
 * (directory/memory-index.ts): one row, incremented by the triggers of migration 0006 in every
 * transaction that changes directory_entries or the taxonomy. The row lock taken by the increment
 * makes versions follow commit order, so a reader that sees version V has seen every change up to V.
 */
export const directoryState = pgTable('directory_state', {
	id: integer('id').primaryKey(),
	version: bigint('version', { mode: 'number' }).notNull(),
	/** Changes below this version were pruned: an index older than it reloads everything. */
	prunedBelow: bigint('pruned_below', { mode: 'number' }).notNull()
});

/** Which organizations changed at each version (organization_id null: the taxonomy's names changed). */
export const directoryChanges = pgTable(
	'directory_changes',
	{
		version: bigint('version', { mode: 'number' }).notNull(),
		organizationId: text('organization_id')
	},
	(t) => [index('directory_changes_version_idx').on(t.version)]
);

/** Coordinates of every commune: GeoNames where it knows the commune, else its département's centre. */
export const communesGeo = pgTable('communes_geo', {
	insee: text('insee').primaryKey(),
	name: text('name').notNull(),
	departementCode: text('departement_code').notNull(),
	lat: doublePrecision('lat').notNull(),
	lon: doublePrecision('lon').notNull(),
	/** geonames | departement */
	source: text('source').notNull()
});

/** NAF rév. 2 codes and their French labels (INSEE), so the directory's text search knows each activity. */
export const nafCodes = pgTable('naf_codes', {
	code: text('code').primaryKey(),
	label: text('label').notNull()
});
