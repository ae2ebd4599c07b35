// Events: workshops, visits, trade shows, general assemblies, business-meeting days; their registrations.
import { pgTable, text, timestamp, boolean, integer, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../auth/schema';
import { organizations, people } from '../crm/schema';

/** Kinds of events (atelier, petit-déjeuner RH, visite…), configurable by the team. */
export const eventKinds = pgTable('event_kinds', {
	id: text('id').primaryKey(),
	position: integer('position').notNull(),
	name: text('name').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** A custom question asked at registration. */
export interface RegistrationQuestion {
	id: string;
	label: string;
	/** text: one line; long: paragraph; choice: one of `options`; checkbox: yes/no */
	type: 'text' | 'long' | 'choice' | 'checkbox';
	options?: string[];
	required: boolean;
}

export const events = pgTable(
	'events',
	{
		id: text('id').primaryKey(),
		slug: text('slug').notNull(),
		kindId: text('kind_id').references(() => eventKinds.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		summary: text('summary'),
		description: text('description'),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		/** on_site | online | hybrid */
		mode: text('mode').notNull().default('on_site'),
		onlineUrl: text('online_url'),
		venue: text('venue'),
		addressLine: text('address_line'),
		postalCode: text('postal_code'),
		communeInsee: text('commune_insee'),
		communeName: text('commune_name'),
		/** null: no limit */
		capacity: integer('capacity'),
		registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
		registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
		/** Amounts recorded at registration (payment is not handled); null = free. */
		priceMemberCents: integer('price_member_cents'),
		priceNonMemberCents: integer('price_non_member_cents'),
		/** members | network (members and partners) | public */
		audience: text('audience').notNull().default('members'),
		/** draft | published | cancelled */
		status: text('status').notNull().default('draft'),
		questions: jsonb('questions').$type<RegistrationQuestion[]>().notNull().default(sql`'[]'::jsonb`),
		hasBusinessMeetings: boolean('has_business_meetings').notNull().default(false),
		/** Arrival counter: each registration takes the next number while the event row is locked. */
		registrationSeq: integer('registration_seq').notNull().default(0),
		/** iCalendar SEQUENCE: incremented when the date, place or status changes. */
		icsSequence: integer('ics_sequence').notNull().default(0),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('events_slug_key').on(t.slug), index('events_starts_idx').on(t.startsAt), index('events_status_idx').on(t.status, t.startsAt)]
);

export const eventRegistrations = pgTable(
	'event_registrations',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		/** Arrival order within the event (events.registration_seq at the time). */
		seq: integer('seq').notNull(),
		/** confirmed | waitlisted | cancelled */
		status: text('status').notNull(),
		name: text('name').notNull(),
		/** Lower case: one live registration per address and event. */
		email: text('email').notNull(),
		organizationName: text('organization_name'),
		organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
		personId: text('person_id').references(() => people.id, { onDelete: 'set null' }),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		/** Whether the member price applied (the organization was a member when registering). */
		isMember: boolean('is_member').notNull().default(false),
		priceCents: integer('price_cents'),
		answers: jsonb('answers').$type<Record<string, string | boolean>>().notNull().default(sql`'{}'::jsonb`),
		/** Short code printed on the ticket and typed or scanned at the door. */
		ticketCode: text('ticket_code').notNull(),
		/** Secret of the links in the emails (ticket, cancellation). */
		token: text('token').notNull(),
		locale: text('locale').notNull().default('fr'),
		/** Who registered: 'self', 'staff', 'api'. */
		source: text('source').notNull().default('self'),
		checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
		checkedInBy: text('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
		promotedAt: timestamp('promoted_at', { withTimezone: true }),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('event_registrations_live_email_key').on(t.eventId, t.email).where(sql`status <> 'cancelled'`),
		uniqueIndex('event_registrations_seq_key').on(t.eventId, t.seq),
		uniqueIndex('event_registrations_ticket_key').on(t.ticketCode),
		uniqueIndex('event_registrations_token_key').on(t.token),
		index('event_registrations_status_idx').on(t.eventId, t.status, t.seq),
		index('event_registrations_person_idx').on(t.personId),
		index('event_registrations_organization_idx').on(t.organizationId),
		index('event_registrations_user_idx').on(t.userId)
	]
);

/** A user's secret address for their personal calendar feed. */
export const calendarTokens = pgTable('calendar_tokens', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	token: text('token').notNull().unique(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
