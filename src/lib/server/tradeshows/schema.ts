// Trade shows (salons): the cluster's shared stand on an event, members' applications to exhibit on it,
// badge requests for the show organizer, and the carpooling board of the event's registrants.
import { pgTable, text, timestamp, boolean, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../auth/schema';
import { organizations } from '../crm/schema';
import { events, eventRegistrations } from '../events/schema';

/** The trade-show part of an event: the shared stand the team booked. Its row is locked while places are taken. */
export const tradeShows = pgTable('trade_shows', {
	eventId: text('event_id')
		.primaryKey()
		.references(() => events.id, { onDelete: 'cascade' }),
	/** Name or number of the stand, as the show's plan prints it. */
	standName: text('stand_name').notNull(),
	hall: text('hall'),
	surfaceM2: integer('surface_m2'),
	/** Exhibitor places on the stand: accepted applications never take more. */
	places: integer('places').notNull(),
	/** Price of one place, recorded for the members' information (payment is not handled); null: free. */
	placePriceCents: integer('place_price_cents'),
	/** Members apply until then; null: until the show starts. */
	applicationsCloseAt: timestamp('applications_close_at', { withTimezone: true }),
	description: text('description'),
	/** Exhibitor badges an organization may request; null: no limit. */
	badgesPerExhibitor: integer('badges_per_exhibitor'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A member organization's application to exhibit on the shared stand. */
export const tradeShowApplications = pgTable(
	'trade_show_applications',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => tradeShows.eventId, { onDelete: 'cascade' }),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		/** What the organization will show (public once accepted). */
		products: text('products').notNull(),
		/** Exhibitor places taken on the stand when accepted. */
		places: integer('places').notNull().default(1),
		surfaceM2: integer('surface_m2'),
		needsPower: boolean('needs_power').notNull().default(false),
		needsFurniture: boolean('needs_furniture').notNull().default(false),
		otherNeeds: text('other_needs'),
		/** pending | accepted | declined | withdrawn */
		status: text('status').notNull().default('pending'),
		/** places × the place price when accepted (recorded, not charged). */
		priceCents: integer('price_cents'),
		/** What the team told the organization with its decision. */
		decisionNote: text('decision_note'),
		submittedBy: text('submitted_by').references(() => users.id, { onDelete: 'set null' }),
		decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('trade_show_applications_live_key').on(t.eventId, t.organizationId).where(sql`status in ('pending', 'accepted')`),
		index('trade_show_applications_event_idx').on(t.eventId, t.status)
	]
);

/** A badge (accreditation) requested for a named person; the approved ones go to the show organizer. */
export const tradeShowBadges = pgTable(
	'trade_show_badges',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => tradeShows.eventId, { onDelete: 'cascade' }),
		organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
		/** As printed on the badge. */
		organizationName: text('organization_name').notNull(),
		firstName: text('first_name').notNull(),
		lastName: text('last_name').notNull(),
		/** Lower case: one live badge per person and show. */
		email: text('email').notNull(),
		/** exhibitor | visitor */
		role: text('role').notNull(),
		/** pending | approved | refused | cancelled */
		status: text('status').notNull().default('pending'),
		requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
		decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('trade_show_badges_live_email_key').on(t.eventId, t.email).where(sql`status in ('pending', 'approved')`),
		index('trade_show_badges_event_idx').on(t.eventId, t.status),
		index('trade_show_badges_organization_idx').on(t.organizationId)
	]
);

/** Seats a registrant offers in their car; the row is locked while a seat is booked. */
export const carpoolOffers = pgTable(
	'carpool_offers',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => tradeShows.eventId, { onDelete: 'cascade' }),
		/** The driver, through their registration to the event. */
		registrationId: text('registration_id')
			.notNull()
			.references(() => eventRegistrations.id, { onDelete: 'cascade' }),
		fromCommuneInsee: text('from_commune_insee'),
		fromCommuneName: text('from_commune_name').notNull(),
		departsAt: timestamp('departs_at', { withTimezone: true }).notNull(),
		returnsAt: timestamp('returns_at', { withTimezone: true }),
		seats: integer('seats').notNull(),
		/** email | phone | either: how passengers should reach the driver. */
		contactPreference: text('contact_preference').notNull().default('email'),
		/** E.164; shown only to the passengers who booked. */
		phone: text('phone'),
		note: text('note'),
		/** open | withdrawn */
		status: text('status').notNull().default('open'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true })
	},
	(t) => [index('carpool_offers_event_idx').on(t.eventId, t.status, t.departsAt), index('carpool_offers_registration_idx').on(t.registrationId)]
);

/** A registrant looking for a seat. */
export const carpoolRequests = pgTable(
	'carpool_requests',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => tradeShows.eventId, { onDelete: 'cascade' }),
		registrationId: text('registration_id')
			.notNull()
			.references(() => eventRegistrations.id, { onDelete: 'cascade' }),
		fromCommuneInsee: text('from_commune_insee'),
		fromCommuneName: text('from_commune_name').notNull(),
		/** When they would like to leave. */
		departsAt: timestamp('departs_at', { withTimezone: true }).notNull(),
		note: text('note'),
		/** open | matched (they booked a seat) | withdrawn */
		status: text('status').notNull().default('open'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('carpool_requests_event_idx').on(t.eventId, t.status, t.departsAt), index('carpool_requests_registration_idx').on(t.registrationId)]
);

/** A passenger's seat on an offer. */
export const carpoolBookings = pgTable(
	'carpool_bookings',
	{
		id: text('id').primaryKey(),
		offerId: text('offer_id')
			.notNull()
			.references(() => carpoolOffers.id, { onDelete: 'cascade' }),
		registrationId: text('registration_id')
			.notNull()
			.references(() => eventRegistrations.id, { onDelete: 'cascade' }),
		/** E.164, optional; shown only to the driver. */
		phone: text('phone'),
		/** booked | cancelled */
		status: text('status').notNull().default('booked'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('carpool_bookings_live_key').on(t.offerId, t.registrationId).where(sql`status = 'booked'`),
		index('carpool_bookings_registration_idx').on(t.registrationId)
	]
);
