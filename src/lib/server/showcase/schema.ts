// The public face of members: showcase pages, the cluster's competency taxonomy, references
// (réalisations) shared between members, introductions made through the contact form, and the
// supply-chain links between members.
import { pgTable, text, timestamp, boolean, integer, jsonb, primaryKey, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations, valueChainStages } from '../crm/schema';
import { users } from '../auth/schema';

/** The cluster's own competency taxonomy, edited by the team. */
export const competencies = pgTable('competencies', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	position: integer('position').notNull().default(0),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** Kinds of reference (for a building cluster: aménagement, construction, réhabilitation…). */
export const referenceKinds = pgTable('reference_kinds', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	position: integer('position').notNull().default(0),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * What an organization shows in public. The columns are the published version; `draft` holds changes
 * waiting for the team's approval when the cluster requires it.
 */
export const showcases = pgTable(
	'showcases',
	{
		organizationId: text('organization_id')
			.primaryKey()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		/** The team may hide a page even when a contact consented. */
		listed: boolean('listed').notNull().default(true),
		portrait: text('portrait'),
		productsServices: text('products_services'),
		territory: text('territory'),
		labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
		materials: text('materials').array().notNull().default(sql`'{}'::text[]`),
		videoUrl: text('video_url'),
		videoKey: text('video_key'),
		logoKey: text('logo_key'),
		coverKey: text('cover_key'),
		/** Pending changes ({ fields…, competencyIds }) when approval is required. */
		draft: jsonb('draft'),
		draftSubmittedAt: timestamp('draft_submitted_at', { withTimezone: true }),
		draftSubmittedBy: text('draft_submitted_by').references(() => users.id, { onDelete: 'set null' }),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('showcases_slug_key').on(t.slug), index('showcases_draft_idx').on(t.draftSubmittedAt)]
);

export const organizationCompetencies = pgTable(
	'organization_competencies',
	{
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		competencyId: text('competency_id')
			.notNull()
			.references(() => competencies.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.organizationId, t.competencyId] }), index('organization_competencies_competency_idx').on(t.competencyId)]
);

/**
 * Whether the team let a member's reference or supply link go public, when the cluster requires
 * approval: approved (public), pending (waiting for the team), rejected (kept hidden, shown to the
 * member as declined). Rows written before approval existed, and by the team, are approved.
 */
export const APPROVAL_STATUSES = ['approved', 'pending', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** A réalisation / opération; shared by its partner members, shown on each of their pages. */
export const showcaseReferences = pgTable(
	'showcase_references',
	{
		id: text('id').primaryKey(),
		title: text('title').notNull(),
		kindId: text('kind_id').references(() => referenceKinds.id, { onDelete: 'set null' }),
		communeInsee: text('commune_insee'),
		communeName: text('commune_name'),
		year: integer('year'),
		/** public | private_company | individual | other */
		clientType: text('client_type'),
		description: text('description'),
		photoKeys: text('photo_keys').array().notNull().default(sql`'{}'::text[]`),
		ownerOrganizationId: text('owner_organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
		/** An ApprovalStatus: only approved references are public (pages, directory search and facets). */
		approvalStatus: text('approval_status').$type<ApprovalStatus>().notNull().default('approved'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('showcase_references_pending_idx').on(t.updatedAt).where(sql`approval_status = 'pending'`)]
);

export const referenceMembers = pgTable(
	'reference_members',
	{
		referenceId: text('reference_id')
			.notNull()
			.references(() => showcaseReferences.id, { onDelete: 'cascade' }),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		/** What this member did on the operation (free text, e.g. "charpente"). */
		role: text('role')
	},
	(t) => [primaryKey({ columns: [t.referenceId, t.organizationId] }), index('reference_members_org_idx').on(t.organizationId)]
);

/** A message sent through a showcase page's contact form: an introduction the team counts. */
export const introductions = pgTable(
	'introductions',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		senderName: text('sender_name').notNull(),
		senderEmail: text('sender_email').notNull(),
		senderCompany: text('sender_company'),
		message: text('message').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('introductions_org_idx').on(t.organizationId, t.createdAt), index('introductions_created_idx').on(t.createdAt)]
);

/** Value-chain stages a member places itself on (several allowed), for the supply-chain map. */
export const organizationStages = pgTable(
	'organization_stages',
	{
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		stageId: text('stage_id')
			.notNull()
			.references(() => valueChainStages.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.organizationId, t.stageId] })]
);

/** "supplier delivers material to customer": a declared link between two members. */
export const supplyLinks = pgTable(
	'supply_links',
	{
		id: text('id').primaryKey(),
		supplierId: text('supplier_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		customerId: text('customer_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		material: text('material').notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		/** An ApprovalStatus: only approved links are public (pages, supply-chain map). */
		approvalStatus: text('approval_status').$type<ApprovalStatus>().notNull().default('approved'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('supply_links_key').on(t.supplierId, t.customerId, t.material),
		index('supply_links_customer_idx').on(t.customerId),
		index('supply_links_pending_idx').on(t.createdAt).where(sql`approval_status = 'pending'`)
	]
);
