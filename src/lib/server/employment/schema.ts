// Job board: offers, applications, job alerts, the spontaneous applications pool, the board's settings.
import {
	pgTable,
	text,
	timestamp,
	boolean,
	integer,
	jsonb,
	date,
	doublePrecision,
	customType,
	index,
	uniqueIndex,
	check
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../auth/schema';
import { organizations } from '../crm/schema';
import { trades } from '../trainings/schema';
import { storedFiles } from '../files/schema';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A job offer of a member organization. Lifecycle (status): draft → pending (awaiting moderation, when
 * the team moderates) → published | rejected (rejection_reason); published → filled | expired.
 * A published offer whose expires_at has passed is not shown even before the periodic job marks it
 * expired. `search` is maintained by a trigger (migration 0013) from the title (A), trade and
 * competencies (B), organization and commune (C) and description (D), with the grappe_french
 * configuration (unaccented French stems), like the directory.
 */
export const jobOffers = pgTable(
	'job_offers',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** The address of the public page: /jobs/<slug>. */
		slug: text('slug').notNull(),
		tradeId: text('trade_id').references(() => trades.id, { onDelete: 'set null' }),
		/** Ids of the showcase competencies taxonomy (competencies.id). */
		competencyIds: text('competency_ids').array().notNull().default(sql`'{}'::text[]`),
		/** Plain text (paragraphs separated by blank lines). */
		description: text('description').notNull(),
		communeInsee: text('commune_insee'),
		communeName: text('commune_name'),
		postalCode: text('postal_code'),
		departementCode: text('departement_code'),
		regionCode: text('region_code'),
		/** From communes_geo at write time (null: commune unknown there). */
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		/** none | partial | full */
		remote: text('remote').notNull().default('none'),
		/** permanent | fixed_term | apprenticeship | internship | freelance */
		contractKind: text('contract_kind').notNull(),
		/** Length of a fixed-term contract, apprenticeship, internship or mission, in months (optional). */
		durationMonths: integer('duration_months'),
		/** full_time | part_time */
		workingTime: text('working_time').notNull().default('full_time'),
		weeklyHours: doublePrecision('weekly_hours'),
		/** Gross, in euro cents, per salary_period. */
		salaryMinCents: integer('salary_min_cents'),
		salaryMaxCents: integer('salary_max_cents'),
		/** year | month | hour */
		salaryPeriod: text('salary_period'),
		startDate: date('start_date'),
		/** "As soon as possible" (start_date then ignored). */
		startAsap: boolean('start_asap').notNull().default(false),
		/** platform | email | url */
		applyMethod: text('apply_method').notNull().default('platform'),
		/** The e-mail address or the URL when apply_method is email or url. */
		applyValue: text('apply_value'),
		/** draft | pending | published | rejected | expired | filled */
		status: text('status').notNull().default('draft'),
		rejectionReason: text('rejection_reason'),
		moderatedBy: text('moderated_by').references(() => users.id, { onDelete: 'set null' }),
		moderatedAt: timestamp('moderated_at', { withTimezone: true }),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		filledAt: timestamp('filled_at', { withTimezone: true }),
		/** When the organization was told the offer expires soon (null: not yet for this expiry date). */
		expiryNoticeSentAt: timestamp('expiry_notice_sent_at', { withTimezone: true }),
		search: tsvector('search').notNull().default(sql`''::tsvector`),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('job_offers_slug_key').on(t.slug),
		index('job_offers_organization_idx').on(t.organizationId, t.createdAt),
		index('job_offers_status_published_idx').on(t.status, t.publishedAt.desc()),
		index('job_offers_status_expires_idx').on(t.status, t.expiresAt),
		index('job_offers_trade_idx').on(t.tradeId),
		index('job_offers_departement_idx').on(t.departementCode),
		index('job_offers_contract_idx').on(t.contractKind),
		index('job_offers_competencies_idx').using('gin', t.competencyIds),
		index('job_offers_search_idx').using('gin', t.search)
	]
);

/** An application to an offer through the platform. Personal data: deleted after delete_after. */
export const jobApplications = pgTable(
	'job_applications',
	{
		id: text('id').primaryKey(),
		offerId: text('offer_id')
			.notNull()
			.references(() => jobOffers.id, { onDelete: 'cascade' }),
		candidateName: text('candidate_name').notNull(),
		email: text('email').notNull(),
		phone: text('phone'),
		message: text('message'),
		/** Key into stored_files (not public: served through a route that checks rights). */
		cvFileKey: text('cv_file_key').references(() => storedFiles.key, { onDelete: 'set null' }),
		cvFilename: text('cv_filename'),
		cvContentType: text('cv_content_type'),
		cvSize: integer('cv_size'),
		consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
		/** new | read | shortlisted | rejected */
		status: text('status').notNull().default('new'),
		deleteAfter: timestamp('delete_after', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('job_applications_offer_idx').on(t.offerId, t.createdAt),
		index('job_applications_delete_after_idx').on(t.deleteAfter)
	]
);

/** The search a job alert follows (the board's filters). */
export interface JobAlertSearch {
	q?: string;
	trade?: string;
	contract?: string;
	departement?: string;
	/** INSEE code of the commune, with radiusKm. */
	commune?: string;
	radiusKm?: number;
}

/** A candidate's subscription to a search: new matching offers by e-mail (double opt-in). */
export const jobAlerts = pgTable(
	'job_alerts',
	{
		id: text('id').primaryKey(),
		email: text('email').notNull(),
		locale: text('locale').notNull().default('fr'),
		search: jsonb('search').$type<JobAlertSearch>().notNull().default(sql`'{}'::jsonb`),
		/** Secret of the confirmation and one-click unsubscribe links. */
		token: text('token').notNull(),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('job_alerts_token_key').on(t.token), index('job_alerts_email_idx').on(t.email)]
);

/** The cluster's pool of spontaneous applications and internship/apprenticeship requests, shown to members. */
export const spontaneousApplications = pgTable(
	'spontaneous_applications',
	{
		id: text('id').primaryKey(),
		/** job | internship | apprenticeship */
		kind: text('kind').notNull(),
		name: text('name').notNull(),
		email: text('email').notNull(),
		phone: text('phone'),
		tradeIds: text('trade_ids').array().notNull().default(sql`'{}'::text[]`),
		competencyIds: text('competency_ids').array().notNull().default(sql`'{}'::text[]`),
		communeInsee: text('commune_insee'),
		communeName: text('commune_name'),
		departementCode: text('departement_code'),
		availableFrom: date('available_from'),
		message: text('message'),
		cvFileKey: text('cv_file_key').references(() => storedFiles.key, { onDelete: 'set null' }),
		cvFilename: text('cv_filename'),
		cvContentType: text('cv_content_type'),
		cvSize: integer('cv_size'),
		/** Consent to be shown to the cluster's members. */
		consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
		deleteAfter: timestamp('delete_after', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('spontaneous_applications_kind_idx').on(t.kind, t.createdAt),
		index('spontaneous_applications_delete_after_idx').on(t.deleteAfter),
		index('spontaneous_applications_trades_idx').using('gin', t.tradeIds)
	]
);

/** The job board's settings, set by the team: one row (id = 1), created by migration 0013. */
export const employmentSettings = pgTable(
	'employment_settings',
	{
		id: integer('id').primaryKey().default(1),
		/** Days after which applications' and the pool's personal data are deleted. */
		retentionDays: integer('retention_days').notNull().default(180),
		/** Members' offers wait for the team's approval before publication. */
		moderation: boolean('moderation').notNull().default(true),
		updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('employment_settings_one_row', sql`${t.id} = 1`)]
);
