// Business meetings (rencontres d'affaires) on an event: participants, their requests, the slots and
// tables the organiser sets, the schedule, and the feedback after each meeting.
import { pgTable, text, timestamp, boolean, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { events, eventRegistrations } from '../events/schema';
import { organizations } from '../crm/schema';

/** The organiser's settings of a business-meeting day. */
export const meetingSettings = pgTable('meeting_settings', {
	eventId: text('event_id')
		.primaryKey()
		.references(() => events.id, { onDelete: 'cascade' }),
	tables: integer('tables').notNull().default(10),
	/** Participants may send and answer requests until then (null: until the schedule is published). */
	requestsCloseAt: timestamp('requests_close_at', { withTimezone: true }),
	/** The schedule participants see (their agendas) once published. */
	published: boolean('published').notNull().default(false),
	/** What the last run of the scheduler said (JSON of its stats). */
	lastRun: text('last_run'),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const meetingSlots = pgTable(
	'meeting_slots',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull()
	},
	(t) => [index('meeting_slots_event_idx').on(t.eventId, t.startsAt)]
);

/** A registered person taking part in the meetings, for their organization. */
export const meetingParticipants = pgTable(
	'meeting_participants',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		registrationId: text('registration_id')
			.notNull()
			.references(() => eventRegistrations.id, { onDelete: 'cascade' }),
		organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
		/** What the participant offers and seeks, in its own words. */
		offers: text('offers'),
		seeks: text('seeks'),
		/** Slot ids the participant can attend; null: all. */
		available: text('available').array(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('meeting_participants_registration_key').on(t.registrationId), index('meeting_participants_event_idx').on(t.eventId)]
);

export const meetingRequests = pgTable(
	'meeting_requests',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		fromId: text('from_id')
			.notNull()
			.references(() => meetingParticipants.id, { onDelete: 'cascade' }),
		toId: text('to_id')
			.notNull()
			.references(() => meetingParticipants.id, { onDelete: 'cascade' }),
		message: text('message'),
		/** 1 nice to have, 2 important, 3 essential: the requester's priority. */
		priority: integer('priority').notNull().default(2),
		/** pending | accepted | declined | cancelled */
		status: text('status').notNull().default('pending'),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('meeting_requests_pair_key').on(t.fromId, t.toId).where(sql`status <> 'cancelled'`),
		index('meeting_requests_event_idx').on(t.eventId, t.status),
		index('meeting_requests_to_idx').on(t.toId)
	]
);

/** The schedule: one row per meeting that takes place. */
export const meetings = pgTable(
	'meetings',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		requestId: text('request_id')
			.notNull()
			.references(() => meetingRequests.id, { onDelete: 'cascade' }),
		slotId: text('slot_id')
			.notNull()
			.references(() => meetingSlots.id, { onDelete: 'cascade' }),
		tableNumber: integer('table_number').notNull(),
		/** Placed by the organiser: kept when the scheduler runs again. */
		pinned: boolean('pinned').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('meetings_request_key').on(t.requestId), uniqueIndex('meetings_slot_table_key').on(t.slotId, t.tableNumber), index('meetings_event_idx').on(t.eventId)]
);

/** After a meeting, each side says whether it took place and whether it may lead to business. */
export const meetingFeedback = pgTable(
	'meeting_feedback',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => meetingParticipants.id, { onDelete: 'cascade' }),
		happened: boolean('happened').notNull(),
		/** yes | maybe | no */
		business: text('business'),
		comment: text('comment'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('meeting_feedback_key').on(t.meetingId, t.participantId)]
);
