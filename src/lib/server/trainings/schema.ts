// Training catalogue, labels, trade pages (métiers) and school requests.
import { pgTable, text, integer, timestamp, uniqueIndex, index, date, boolean, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from '../crm/schema';
import { users } from '../auth/schema';

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
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** The public page's text: what the trade is. */
		description: text('description'),
		/** Skills of the trade, one per entry, in the team's order. */
		skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
		/** How to get there (diplomas, schools, apprenticeship), free text; catalogue trainings are linked by their trades. */
		trainingPaths: text('training_paths'),
		/** Video addresses (YouTube, Vimeo, PeerTube); embedded only after a click. */
		videos: text('videos').array().notNull().default(sql`'{}'::text[]`),
		/** A photo in the files module (stored_files.key), optional. */
		photoKey: text('photo_key'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('trades_slug_key').on(t.slug)]
);

/** A training of the catalogue, from a provider among the CRM's partners or members. */
export const trainings = pgTable(
	'trainings',
	{
		id: text('id').primaryKey(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		providerId: text('provider_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		/** initial | continuing */
		kind: text('kind').notNull(),
		content: text('content'),
		objectives: text('objectives'),
		durationHours: integer('duration_hours'),
		/** onsite | online | blended */
		mode: text('mode').notNull().default('onsite'),
		communeInsee: text('commune_insee'),
		communeName: text('commune_name'),
		departementCode: text('departement_code'),
		/** Keys of the fixed list (opco, cpf, apprenticeship, region, france_travail, employer). */
		fundings: text('fundings').array().notNull().default(sql`'{}'::text[]`),
		fundingNote: text('funding_note'),
		level: text('level'),
		certification: text('certification'),
		url: text('url'),
		/** draft | published */
		status: text('status').notNull().default('draft'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('trainings_slug_key').on(t.slug), index('trainings_provider_idx').on(t.providerId), index('trainings_status_idx').on(t.status)]
);

export const trainingTrades = pgTable(
	'training_trades',
	{
		trainingId: text('training_id')
			.notNull()
			.references(() => trainings.id, { onDelete: 'cascade' }),
		tradeId: text('trade_id')
			.notNull()
			.references(() => trades.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.trainingId, t.tradeId] }), index('training_trades_trade_idx').on(t.tradeId)]
);

/** A session (dates) of a training. */
export const trainingSessions = pgTable(
	'training_sessions',
	{
		id: text('id').primaryKey(),
		trainingId: text('training_id')
			.notNull()
			.references(() => trainings.id, { onDelete: 'cascade' }),
		startsOn: date('starts_on').notNull(),
		endsOn: date('ends_on'),
		note: text('note')
	},
	(t) => [index('training_sessions_training_idx').on(t.trainingId, t.startsOn)]
);

/** A quality label the cluster grants after an audit. */
export const trainingLabels = pgTable('training_labels', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	criteria: text('criteria'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** A label granted to a training or to a provider, valid from its audit to its end date. */
export const labelGrants = pgTable(
	'label_grants',
	{
		id: text('id').primaryKey(),
		labelId: text('label_id')
			.notNull()
			.references(() => trainingLabels.id, { onDelete: 'cascade' }),
		trainingId: text('training_id').references(() => trainings.id, { onDelete: 'cascade' }),
		providerId: text('provider_id').references(() => organizations.id, { onDelete: 'cascade' }),
		auditedOn: date('audited_on').notNull(),
		validUntil: date('valid_until').notNull(),
		/** granted | suspended | withdrawn */
		status: text('status').notNull().default('granted'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('label_grants_training_idx').on(t.trainingId), index('label_grants_provider_idx').on(t.providerId)]
);

/** A school asks for a class intervention or a company visit; members volunteer, the team matches. */
export const schoolRequests = pgTable(
	'school_requests',
	{
		id: text('id').primaryKey(),
		/** intervention | visit */
		kind: text('kind').notNull(),
		schoolName: text('school_name').notNull(),
		communeName: text('commune_name'),
		contactName: text('contact_name').notNull(),
		email: text('email').notNull(),
		phone: text('phone'),
		classLevel: text('class_level').notNull(),
		pupils: integer('pupils').notNull(),
		wishedDates: text('wished_dates'),
		message: text('message'),
		locale: text('locale').notNull().default('fr'),
		/** new | open | matched | done | cancelled */
		status: text('status').notNull().default('new'),
		matchedVolunteerId: text('matched_volunteer_id'),
		consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('school_requests_status_idx').on(t.status, t.createdAt)]
);

export const schoolRequestTrades = pgTable(
	'school_request_trades',
	{
		requestId: text('request_id')
			.notNull()
			.references(() => schoolRequests.id, { onDelete: 'cascade' }),
		tradeId: text('trade_id')
			.notNull()
			.references(() => trades.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.requestId, t.tradeId] })]
);

/** A member organization offering to answer a school request. */
export const schoolVolunteers = pgTable(
	'school_volunteers',
	{
		id: text('id').primaryKey(),
		requestId: text('request_id')
			.notNull()
			.references(() => schoolRequests.id, { onDelete: 'cascade' }),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		contactName: text('contact_name').notNull(),
		contactEmail: text('contact_email').notNull(),
		contactPhone: text('contact_phone'),
		message: text('message'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('school_volunteers_request_org_key').on(t.requestId, t.organizationId)]
);
