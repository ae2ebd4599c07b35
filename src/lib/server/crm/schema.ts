// The member CRM: organizations, their people (contacts), memberships, interactions, needs, history.
import {
	pgTable,
	text,
	timestamp,
	boolean,
	integer,
	jsonb,
	date,
	index,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../auth/schema';

/** Stages of the cluster's value chain (filière), configurable by the team. */
export const valueChainStages = pgTable('value_chain_stages', {
	id: text('id').primaryKey(),
	position: integer('position').notNull(),
	name: text('name').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const organizations = pgTable(
	'organizations',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		/** lower-case, accents removed: what duplicate detection and name search compare. */
		nameNormalized: text('name_normalized').notNull(),
		/** name, commune and tags, normalised like nameNormalized: what the list's search box matches (trigram index). */
		searchText: text('search_text').notNull().default(''),
		siren: text('siren'),
		siret: text('siret'),
		nafCode: text('naf_code'),
		addressLine: text('address_line'),
		postalCode: text('postal_code'),
		communeInsee: text('commune_insee'),
		communeName: text('commune_name'),
		departementCode: text('departement_code'),
		regionCode: text('region_code'),
		sizeBand: text('size_band'),
		website: text('website'),
		email: text('email'),
		phone: text('phone'),
		description: text('description'),
		status: text('status').notNull().default('prospect'),
		partnerKind: text('partner_kind'),
		tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
		valueChainStageId: text('value_chain_stage_id').references(() => valueChainStages.id, {
			onDelete: 'set null'
		}),
		teamMemberId: text('team_member_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('organizations_siret_key').on(t.siret),
		index('organizations_siren_idx').on(t.siren),
		index('organizations_status_idx').on(t.status),
		index('organizations_departement_idx').on(t.departementCode),
		index('organizations_team_member_idx').on(t.teamMemberId),
		index('organizations_name_sort_idx').on(t.nameNormalized),
		index('organizations_name_trgm_idx').using('gin', sql`${t.nameNormalized} gin_trgm_ops`),
		index('organizations_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
		index('organizations_updated_idx').on(t.updatedAt.desc(), t.id),
		index('organizations_tags_idx').using('gin', t.tags)
	]
);

/** A contact: a person working for an organization. */
export const people = pgTable(
	'people',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		firstName: text('first_name').notNull(),
		lastName: text('last_name').notNull(),
		title: text('title'),
		email: text('email'),
		phone: text('phone'),
		consentPublicListing: boolean('consent_public_listing').notNull().default(false),
		consentPublicListingAt: timestamp('consent_public_listing_at', { withTimezone: true }),
		consentNewsletter: boolean('consent_newsletter').notNull().default(false),
		consentNewsletterAt: timestamp('consent_newsletter_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('people_organization_idx').on(t.organizationId), index('people_email_idx').on(t.email)]
);

/** Annual fee per size band, used to pre-fill a new membership. */
export const feeScales = pgTable('fee_scales', {
	sizeBand: text('size_band').primaryKey(),
	amountCents: integer('amount_cents').notNull()
});

export const memberships = pgTable(
	'memberships',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		amountCents: integer('amount_cents').notNull(),
		paid: boolean('paid').notNull().default(false),
		paidOn: date('paid_on'),
		invoiceNumber: text('invoice_number'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('memberships_organization_year_key').on(t.organizationId, t.year),
		index('memberships_year_idx').on(t.year)
	]
);

export const interactions = pgTable(
	'interactions',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		personId: text('person_id').references(() => people.id, { onDelete: 'set null' }),
		/** meeting | call | email | visit */
		kind: text('kind').notNull(),
		occurredOn: date('occurred_on').notNull(),
		teamMemberId: text('team_member_id').references(() => users.id, { onDelete: 'set null' }),
		subject: text('subject').notNull(),
		notes: text('notes'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('interactions_organization_idx').on(t.organizationId, t.occurredOn)]
);

/** A need a member expressed; later capabilities build collective actions from these. */
export const needs = pgTable(
	'needs',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		interactionId: text('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
		category: text('category').notNull(),
		text: text('text').notNull(),
		/** open | in_progress | addressed | dropped */
		status: text('status').notNull().default('open'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('needs_organization_idx').on(t.organizationId), index('needs_status_idx').on(t.status)]
);

/** Who changed what and when, on each organization (its contacts, memberships… included). */
export const organizationHistory = pgTable(
	'organization_history',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		actorId: text('actor_id'),
		actorLabel: text('actor_label').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull(),
		action: text('action').notNull(),
		changes: jsonb('changes').notNull().default({}),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('organization_history_org_idx').on(t.organizationId, t.at)]
);

/** A saved list filter, shared with the team or kept by its owner. */
export const segments = pgTable('segments', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	entity: text('entity').notNull().default('organizations'),
	filter: jsonb('filter').notNull(),
	ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }),
	shared: boolean('shared').notNull().default(true),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
