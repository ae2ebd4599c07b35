// Pooled employment: employer groups (groupements d'employeurs) with their shared positions, the split of
// time, cost and week between member companies and each company's agreement; secondments (prêt de
// salariés / mise à disposition): offers of people available, requests, and the agreements the team tracks.
import { pgTable, text, timestamp, integer, date, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';
import { organizations } from '../crm/schema';
import { competencies } from '../showcase/schema';
import { trades } from '../trainings/schema';

/** An employer group the cluster follows: a legal structure that employs people shared by its members. */
export const employerGroups = pgTable('employer_groups', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	/** association | cooperative | other (most groups are associations loi 1901). */
	legalForm: text('legal_form').notNull(),
	siret: text('siret'),
	contactName: text('contact_name'),
	contactEmail: text('contact_email'),
	contactPhone: text('contact_phone'),
	notes: text('notes'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** The member companies of a group (organizations of the CRM). */
export const employerGroupMembers = pgTable(
	'employer_group_members',
	{
		groupId: text('group_id')
			.notNull()
			.references(() => employerGroups.id, { onDelete: 'cascade' }),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.groupId, t.organizationId] }), index('employer_group_members_organization_idx').on(t.organizationId)]
);

/** A position the group employs and shares between some of its members. */
export const sharedPositions = pgTable(
	'shared_positions',
	{
		id: text('id').primaryKey(),
		groupId: text('group_id')
			.notNull()
			.references(() => employerGroups.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		tradeId: text('trade_id').references(() => trades.id, { onDelete: 'set null' }),
		/** The person employed, once known. */
		employeeName: text('employee_name'),
		/** Weekly working time in minutes (35 h = 2100), so half hours add up exactly. */
		weeklyMinutes: integer('weekly_minutes').notNull(),
		startDate: date('start_date').notNull(),
		endDate: date('end_date'),
		/** The monthly loaded cost of the position (salary and charges), in cents. */
		monthlyCostCents: integer('monthly_cost_cents').notNull(),
		/** How the time is split: percent (of the position) | hours (per week). */
		splitMode: text('split_mode').notNull().default('percent'),
		notes: text('notes'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('shared_positions_group_idx').on(t.groupId)]
);

/** One company's share of a position: time (hundredths of a percent, or minutes a week) and cost (hundredths of a percent). */
export const sharedPositionShares = pgTable(
	'shared_position_shares',
	{
		positionId: text('position_id')
			.notNull()
			.references(() => sharedPositions.id, { onDelete: 'cascade' }),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		/** Split mode percent: 6000 = 60 %. */
		timeBasisPoints: integer('time_basis_points'),
		/** Split mode hours: minutes a week. */
		timeMinutes: integer('time_minutes'),
		costBasisPoints: integer('cost_basis_points').notNull()
	},
	(t) => [primaryKey({ columns: [t.positionId, t.organizationId] })]
);

/** The weekly split: which company the person works for on each half-day. The key makes a half-day one company's. */
export const sharedPositionSlots = pgTable(
	'shared_position_slots',
	{
		positionId: text('position_id')
			.notNull()
			.references(() => sharedPositions.id, { onDelete: 'cascade' }),
		/** ISO day of the week: 1 Monday … 6 Saturday. */
		day: integer('day').notNull(),
		/** am | pm */
		half: text('half').notNull(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.positionId, t.day, t.half] })]
);

/** A member company's agreement to a shared position. */
export const sharedPositionAgreements = pgTable(
	'shared_position_agreements',
	{
		id: text('id').primaryKey(),
		positionId: text('position_id')
			.notNull()
			.references(() => sharedPositions.id, { onDelete: 'cascade' }),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		/** proposed | signed | ended */
		status: text('status').notNull().default('proposed'),
		signedOn: date('signed_on'),
		endedOn: date('ended_on'),
		/** A stored file (files module, not public) with the signed document. */
		documentKey: text('document_key'),
		documentName: text('document_name'),
		notes: text('notes'),
		updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('shared_position_agreements_key').on(t.positionId, t.organizationId), index('shared_position_agreements_organization_idx').on(t.organizationId)]
);

/** An offer of someone available for a secondment, or a request for a profile. */
export const secondmentListings = pgTable(
	'secondment_listings',
	{
		id: text('id').primaryKey(),
		/** offer | request */
		kind: text('kind').notNull(),
		/** The lending company (offer) or the host company looking for someone (request). */
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		/** The profile offered or sought ("Responsable de production senior"). */
		title: text('title').notNull(),
		tradeId: text('trade_id').references(() => trades.id, { onDelete: 'set null' }),
		/** junior | confirmed | senior | expert; null: any. */
		seniority: text('seniority'),
		durationMinMonths: integer('duration_min_months').notNull(),
		durationMaxMonths: integer('duration_max_months').notNull(),
		/** Available from (offer) or wanted from (request). */
		startDate: date('start_date').notNull(),
		/** full | part */
		workTime: text('work_time').notNull(),
		description: text('description'),
		/** Offers are anonymous: an optional name seen only by its own organization and the team. */
		personName: text('person_name'),
		/** draft | published | closed */
		status: text('status').notNull().default('published'),
		postedBy: text('posted_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('secondment_listings_kind_idx').on(t.kind, t.status), index('secondment_listings_organization_idx').on(t.organizationId)]
);

/** The competencies (showcase taxonomy) of an offer or a request: what matching compares. */
export const secondmentListingCompetencies = pgTable(
	'secondment_listing_competencies',
	{
		listingId: text('listing_id')
			.notNull()
			.references(() => secondmentListings.id, { onDelete: 'cascade' }),
		competencyId: text('competency_id')
			.notNull()
			.references(() => competencies.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.listingId, t.competencyId] }), index('secondment_listing_competencies_competency_idx').on(t.competencyId)]
);

/** A secondment agreement (convention de mise à disposition) the team tracks between a lending and a host company. */
export const secondments = pgTable(
	'secondments',
	{
		id: text('id').primaryKey(),
		offerId: text('offer_id').references(() => secondmentListings.id, { onDelete: 'set null' }),
		requestId: text('request_id').references(() => secondmentListings.id, { onDelete: 'set null' }),
		lendingOrganizationId: text('lending_organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		hostOrganizationId: text('host_organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		personName: text('person_name'),
		startDate: date('start_date').notNull(),
		endDate: date('end_date').notNull(),
		/** draft | signed | running | ended | cancelled */
		status: text('status').notNull().default('draft'),
		notes: text('notes'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('secondments_lending_idx').on(t.lendingOrganizationId), index('secondments_host_idx').on(t.hostOrganizationId)]
);
