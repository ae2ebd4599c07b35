// Every rule of trade shows: the shared stand the team sets on an event, members' applications that never
// take more places than the stand has (the stand row is locked while one is accepted), badges per person
// with a limit per exhibitor and the approved list for the show organizer, and the carpooling board of the
// event's registrants, whose seats are never overbooked (the offer row is locked while a seat is booked)
// and whose contact details only the people of one ride see.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { isStaff, requireStaff, type Actor } from '../auth/actor';
import { users } from '../auth/schema';
import { formatPhone } from '../crm/identifiers';
import { organizations } from '../crm/schema';
import { eventRegistrations } from '../events/schema';
import { getEvent, listEvents, type EventView } from '../events/service';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { parseInput } from '../validation';
import { getClusterSettings, type ClusterSettings } from '../settings/service';
import { queueMail, renderMail } from '../mail/service';
import { t, type Locale } from '../../i18n/t';
import { formatEventDateTime } from '../../i18n/format';
import { carpoolBookings, carpoolOffers, carpoolRequests, tradeShowApplications, tradeShowBadges, tradeShows } from './schema';
import { applicationInput, badgeInput, bookingInput, decisionInput, offerInput, rideRequestInput, tradeShowInput } from './validation';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const newId = () => crypto.randomUUID();

export type TradeShowRow = typeof tradeShows.$inferSelect;
export type ApplicationStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export type BadgeStatus = 'pending' | 'approved' | 'refused' | 'cancelled';
export type BadgeRole = 'exhibitor' | 'visitor';

export interface MailContext {
	baseUrl: string;
}

// ---------------------------------------------------------------- the show and its stand

/** What the trade-show pages need of the event. */
export type ShowEvent = Pick<EventView, 'id' | 'slug' | 'title' | 'startsAt' | 'endsAt' | 'venue' | 'communeName' | 'status' | 'audience' | 'kindName'>;

export interface TradeShowView {
	event: ShowEvent;
	/** Null until the team sets the stand. */
	stand: TradeShowRow | null;
	/** Places taken by accepted applications. */
	placesTaken: number;
	/** Members may still apply. */
	applicationsOpen: boolean;
	/** Badges may still be requested and seats offered or booked. */
	live: boolean;
	counts: {
		applications: Record<'pending' | 'accepted' | 'declined', number>;
		badges: Record<'pending' | 'approved' | 'refused', number>;
		offers: number;
		seatsOffered: number;
		seatsBooked: number;
		requests: number;
	};
}

function showEvent(e: EventView): ShowEvent {
	return { id: e.id, slug: e.slug, title: e.title, startsAt: e.startsAt, endsAt: e.endsAt, venue: e.venue, communeName: e.communeName, status: e.status, audience: e.audience, kindName: e.kindName };
}

function applicationsOpenFor(e: Pick<EventView, 'status' | 'startsAt'>, stand: Pick<TradeShowRow, 'applicationsCloseAt'>, now = new Date()): boolean {
	return e.status === 'published' && e.startsAt > now && !(stand.applicationsCloseAt && stand.applicationsCloseAt <= now);
}

/** A show still to come (or under way): badges and the carpooling board stay open until it ends. */
function isLive(e: Pick<EventView, 'status' | 'endsAt'>, now = new Date()): boolean {
	return e.status === 'published' && e.endsAt > now;
}

/** The event (if the actor may see it) and its stand; NotFound when the event has no trade-show part. */
async function showFor(db: Db, actor: Actor, eventId: string): Promise<{ event: EventView; stand: TradeShowRow }> {
	const event = await getEvent(db, actor, eventId);
	const [stand] = await db.select().from(tradeShows).where(eq(tradeShows.eventId, event.id));
	if (!stand) throw new NotFoundError('trade_show', eventId);
	return { event, stand };
}

/** The trade-show part of an event as its pages show it; `stand` is null until the team sets it. */
export async function getTradeShow(db: Db, actor: Actor, eventId: string): Promise<TradeShowView> {
	const event = await getEvent(db, actor, eventId);
	const [stand] = await db.select().from(tradeShows).where(eq(tradeShows.eventId, event.id));
	const [c] = await queryRows<Record<string, number>>(
		db,
		sql`select
			(select coalesce(sum(places), 0)::int from trade_show_applications where event_id = ${event.id} and status = 'accepted') as places_taken,
			(select count(*)::int from trade_show_applications where event_id = ${event.id} and status = 'pending') as app_pending,
			(select count(*)::int from trade_show_applications where event_id = ${event.id} and status = 'accepted') as app_accepted,
			(select count(*)::int from trade_show_applications where event_id = ${event.id} and status = 'declined') as app_declined,
			(select count(*)::int from trade_show_badges where event_id = ${event.id} and status = 'pending') as badge_pending,
			(select count(*)::int from trade_show_badges where event_id = ${event.id} and status = 'approved') as badge_approved,
			(select count(*)::int from trade_show_badges where event_id = ${event.id} and status = 'refused') as badge_refused,
			(select count(*)::int from carpool_offers where event_id = ${event.id} and status = 'open') as offers,
			(select coalesce(sum(seats), 0)::int from carpool_offers where event_id = ${event.id} and status = 'open') as seats_offered,
			(select count(*)::int from carpool_bookings b join carpool_offers o on o.id = b.offer_id where o.event_id = ${event.id} and o.status = 'open' and b.status = 'booked') as seats_booked,
			(select count(*)::int from carpool_requests where event_id = ${event.id} and status = 'open') as requests`
	);
	const n = (k: string) => Number(c[k]);
	return {
		event: showEvent(event),
		stand: stand ?? null,
		placesTaken: n('places_taken'),
		applicationsOpen: !!stand && applicationsOpenFor(event, stand),
		live: isLive(event),
		counts: {
			applications: { pending: n('app_pending'), accepted: n('app_accepted'), declined: n('app_declined') },
			badges: { pending: n('badge_pending'), approved: n('badge_approved'), refused: n('badge_refused') },
			offers: n('offers'),
			seatsOffered: n('seats_offered'),
			seatsBooked: n('seats_booked'),
			requests: n('requests')
		}
	};
}

/** The team sets or changes the stand; never fewer places than the applications already accepted. */
export async function saveTradeShow(db: Db, actor: Actor, eventId: string, raw: unknown): Promise<void> {
	requireStaff(actor);
	const input = parseInput(tradeShowInput, raw);
	const event = await getEvent(db, actor, eventId);
	const values = {
		standName: input.standName,
		hall: input.hall,
		surfaceM2: input.surfaceM2,
		places: input.places,
		placePriceCents: input.placePrice,
		applicationsCloseAt: input.applicationsCloseAt,
		description: input.description,
		badgesPerExhibitor: input.badgesPerExhibitor
	};
	await db.transaction(async (tx) => {
		await tx.select({ id: tradeShows.eventId }).from(tradeShows).where(eq(tradeShows.eventId, event.id)).for('update');
		const taken = await placesTaken(tx, event.id);
		if (input.places < taken) throw new InvalidError([{ path: 'places', message: 'error_tradeshow_places_below_accepted', params: { taken } }]);
		await tx
			.insert(tradeShows)
			.values({ eventId: event.id, ...values })
			.onConflictDoUpdate({ target: tradeShows.eventId, set: { ...values, updatedAt: new Date() } });
	});
}

async function placesTaken(tx: Db | Tx, eventId: string): Promise<number> {
	const [{ n }] = await queryRows<{ n: number }>(tx, sql`select coalesce(sum(places), 0)::int as n from trade_show_applications where event_id = ${eventId} and status = 'accepted'`);
	return Number(n);
}

/** Upcoming events with a trade-show part that the actor may see, soonest first. */
export async function listTradeShows(db: Db, actor: Actor): Promise<(ShowEvent & { standName: string; hall: string | null })[]> {
	const upcoming = await listEvents(db, actor, { when: 'upcoming' });
	if (!upcoming.length) return [];
	const stands = await queryRows<{ event_id: string; stand_name: string; hall: string | null }>(
		db,
		sql`select event_id, stand_name, hall from trade_shows where event_id in (${sql.join(upcoming.map((e) => sql`${e.id}`), sql`, `)})`
	);
	const byEvent = new Map(stands.map((s) => [s.event_id, s]));
	return upcoming.filter((e) => byEvent.has(e.id)).map((e) => ({ ...showEvent(e), standName: byEvent.get(e.id)!.stand_name, hall: byEvent.get(e.id)!.hall }));
}

// ---------------------------------------------------------------- who acts for which organization

/** A member account's own organization; the other roles apply and request badges through the team. */
function ownOrganization(actor: Actor): string {
	if (actor.role !== 'member' || !actor.organizationId) throw new ForbiddenError();
	return actor.organizationId;
}

/** The organization the actor acts for: its own, or (the team) the one it names. */
function actingOrganization(actor: Actor, named: string | null, path = 'organizationId'): string {
	if (!isStaff(actor)) return ownOrganization(actor);
	if (!named) throw new InvalidError([{ path, message: 'error_tradeshow_organization_required' }]);
	return named;
}

async function organizationName(db: Db | Tx, id: string): Promise<string> {
	const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
	if (!org) throw new InvalidError([{ path: 'organizationId', message: 'error_invalid_choice' }]);
	return org.name;
}

// ---------------------------------------------------------------- applications to exhibit

export interface ApplicationView {
	id: string;
	organizationId: string;
	organizationName: string;
	products: string;
	places: number;
	surfaceM2: number | null;
	needsPower: boolean;
	needsFurniture: boolean;
	otherNeeds: string | null;
	status: ApplicationStatus;
	priceCents: number | null;
	decisionNote: string | null;
	submittedByName: string | null;
	submittedByEmail: string | null;
	decidedAt: Date | null;
	createdAt: Date;
}

async function applicationViews(db: Db, where: ReturnType<typeof sql>): Promise<ApplicationView[]> {
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select a.*, o.name as org_name, u.name as user_name, u.email as user_email
			from trade_show_applications a join organizations o on o.id = a.organization_id left join users u on u.id = a.submitted_by
			where ${where}
			order by case a.status when 'pending' then 0 when 'accepted' then 1 when 'declined' then 2 else 3 end, a.created_at`
	);
	return rows.map((r) => ({
		id: r.id as string,
		organizationId: r.organization_id as string,
		organizationName: r.org_name as string,
		products: r.products as string,
		places: Number(r.places),
		surfaceM2: r.surface_m2 == null ? null : Number(r.surface_m2),
		needsPower: Boolean(r.needs_power),
		needsFurniture: Boolean(r.needs_furniture),
		otherNeeds: (r.other_needs as string) ?? null,
		status: r.status as ApplicationStatus,
		priceCents: r.price_cents == null ? null : Number(r.price_cents),
		decisionNote: (r.decision_note as string) ?? null,
		submittedByName: (r.user_name as string) ?? null,
		submittedByEmail: (r.user_email as string) ?? null,
		decidedAt: r.decided_at ? new Date(String(r.decided_at)) : null,
		createdAt: new Date(String(r.created_at))
	}));
}

/** Every application to the stand: the team only. */
export async function listApplications(db: Db, actor: Actor, eventId: string): Promise<ApplicationView[]> {
	requireStaff(actor);
	const { event } = await showFor(db, actor, eventId);
	return applicationViews(db, sql`a.event_id = ${event.id}`);
}

/** The actor's organization's applications (the live one first), for the members' page. */
export async function myApplications(db: Db, actor: Actor, eventId: string): Promise<ApplicationView[]> {
	if (actor.role !== 'member' || !actor.organizationId) return [];
	const { event } = await showFor(db, actor, eventId);
	return applicationViews(db, sql`a.event_id = ${event.id} and a.organization_id = ${actor.organizationId}`);
}

/**
 * A member organization applies to exhibit (the team may apply for one). A pending application is
 * changed in place; an accepted one is not (its places are counted: withdraw it or ask the team).
 */
export async function applyToExhibit(db: Db, actor: Actor, eventId: string, raw: unknown): Promise<{ id: string; updated: boolean }> {
	const input = parseInput(applicationInput, raw);
	const { event, stand } = await showFor(db, actor, eventId);
	const organizationId = actingOrganization(actor, input.organizationId);
	await organizationName(db, organizationId);
	if (!isStaff(actor) && !applicationsOpenFor(event, stand)) throw new ConflictError('error_tradeshow_applications_closed');
	const values = {
		products: input.products,
		places: input.places,
		surfaceM2: input.surfaceM2,
		needsPower: input.needsPower,
		needsFurniture: input.needsFurniture,
		otherNeeds: input.otherNeeds
	};
	return db.transaction(async (tx) => {
		// The stand's lock also orders two first applications of one organization sent at once.
		await tx.select({ id: tradeShows.eventId }).from(tradeShows).where(eq(tradeShows.eventId, event.id)).for('update');
		const [live] = await tx
			.select()
			.from(tradeShowApplications)
			.where(and(eq(tradeShowApplications.eventId, event.id), eq(tradeShowApplications.organizationId, organizationId), sql`${tradeShowApplications.status} in ('pending', 'accepted')`));
		if (live?.status === 'accepted') throw new ConflictError('error_tradeshow_already_accepted');
		if (live) {
			await tx.update(tradeShowApplications).set({ ...values, updatedAt: new Date() }).where(eq(tradeShowApplications.id, live.id));
			return { id: live.id, updated: true };
		}
		const id = newId();
		await tx.insert(tradeShowApplications).values({ id, eventId: event.id, organizationId, ...values, submittedBy: actor.id });
		return { id, updated: false };
	});
}

/** The organization withdraws its application (pending or accepted: its places are freed); the team may too. */
export async function withdrawApplication(db: Db, actor: Actor, eventId: string, applicationId: string): Promise<void> {
	const { event } = await showFor(db, actor, eventId);
	const [a] = await db.select().from(tradeShowApplications).where(and(eq(tradeShowApplications.id, applicationId), eq(tradeShowApplications.eventId, event.id)));
	if (!a) throw new NotFoundError('application', applicationId);
	if (!isStaff(actor) && ownOrganization(actor) !== a.organizationId) throw new ForbiddenError();
	await db
		.update(tradeShowApplications)
		.set({ status: 'withdrawn', updatedAt: new Date() })
		.where(and(eq(tradeShowApplications.id, a.id), sql`${tradeShowApplications.status} in ('pending', 'accepted')`));
}

/**
 * The team accepts or declines an application. Accepting locks the stand row, then counts the places
 * taken in a separate statement (under READ COMMITTED a statement that waited for the lock still reads
 * with the snapshot it started with; the next one sees what the previous holder committed), so the stand's
 * places are never exceeded on either engine. The person who applied is told by email.
 */
export async function decideApplication(
	db: Db,
	actor: Actor,
	eventId: string,
	applicationId: string,
	decision: 'accept' | 'decline',
	raw: unknown,
	ctx: MailContext
): Promise<{ status: ApplicationStatus }> {
	requireStaff(actor);
	const { note } = parseInput(decisionInput, raw);
	const { event } = await showFor(db, actor, eventId);
	const cluster = await getClusterSettings(db);
	return db.transaction(async (tx) => {
		const [stand] = await tx.select().from(tradeShows).where(eq(tradeShows.eventId, event.id)).for('update');
		const [a] = await tx.select().from(tradeShowApplications).where(and(eq(tradeShowApplications.id, applicationId), eq(tradeShowApplications.eventId, event.id)));
		if (!a) throw new NotFoundError('application', applicationId);
		if (a.status === 'withdrawn') throw new ConflictError('error_tradeshow_application_withdrawn');
		const target: ApplicationStatus = decision === 'accept' ? 'accepted' : 'declined';
		if (a.status === target) return { status: target };
		if (target === 'accepted') {
			const taken = await placesTaken(tx, event.id);
			if (taken + a.places > stand.places) throw new ConflictError('error_tradeshow_stand_full', { left: Math.max(0, stand.places - taken), wanted: a.places });
		}
		await tx
			.update(tradeShowApplications)
			.set({
				status: target,
				priceCents: target === 'accepted' && stand.placePriceCents != null ? stand.placePriceCents * a.places : null,
				decisionNote: note,
				decidedBy: actor.id,
				decidedAt: new Date(),
				updatedAt: new Date()
			})
			.where(eq(tradeShowApplications.id, a.id));
		if (a.submittedBy) {
			const [u] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, a.submittedBy));
			if (u) {
				const locale: Locale = u.locale === 'en' ? 'en' : 'fr';
				const paragraphs = [t(`tradeshow_mail_application_${target}_body`, { stand: stand.standName, title: event.title }, locale)];
				if (note) paragraphs.push(t('tradeshow_mail_team_note', { note }, locale));
				await sendMail(tx, cluster, ctx, { to: u.email, locale, kind: `application_${target}`, params: { title: event.title }, paragraphs, path: `/app/trade-shows/${event.id}` });
			}
		}
		return { status: target };
	});
}

export interface PublicExhibitors {
	standName: string;
	hall: string | null;
	exhibitors: { organizationName: string; communeName: string | null; products: string; showcaseSlug: string | null }[];
}

/**
 * The accepted exhibitors of an event's stand, for its public page (the caller has checked the visitor
 * may see the event); null when the event has no trade-show part.
 */
export async function publicExhibitors(db: Db, eventId: string): Promise<PublicExhibitors | null> {
	const [stand] = await db.select().from(tradeShows).where(eq(tradeShows.eventId, eventId));
	if (!stand) return null;
	const rows = await queryRows<{ name: string; commune_name: string | null; products: string; slug: string | null }>(
		db,
		sql`select o.name, o.commune_name, a.products, d.slug
			from trade_show_applications a join organizations o on o.id = a.organization_id
			left join directory_entries d on d.organization_id = a.organization_id
			where a.event_id = ${eventId} and a.status = 'accepted'
			order by o.name_normalized`
	);
	return {
		standName: stand.standName,
		hall: stand.hall,
		exhibitors: rows.map((r) => ({ organizationName: r.name, communeName: r.commune_name, products: r.products, showcaseSlug: r.slug }))
	};
}

// ---------------------------------------------------------------- badges

export interface BadgeView {
	id: string;
	organizationId: string | null;
	organizationName: string;
	firstName: string;
	lastName: string;
	email: string;
	role: BadgeRole;
	status: BadgeStatus;
	requestedByName: string | null;
	createdAt: Date;
	decidedAt: Date | null;
}

/** Badges of the show: the team sees all of them, a member its organization's. */
export async function listBadges(db: Db, actor: Actor, eventId: string, opts: { status?: BadgeStatus } = {}): Promise<BadgeView[]> {
	const { event } = await showFor(db, actor, eventId);
	const conds = [sql`b.event_id = ${event.id}`];
	if (!isStaff(actor)) {
		if (actor.role !== 'member' || !actor.organizationId) return [];
		conds.push(sql`b.organization_id = ${actor.organizationId}`);
	}
	if (opts.status) conds.push(sql`b.status = ${opts.status}`);
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select b.*, u.name as user_name from trade_show_badges b left join users u on u.id = b.requested_by
			where ${sql.join(conds, sql` and `)}
			order by case b.status when 'pending' then 0 when 'approved' then 1 when 'refused' then 2 else 3 end, b.organization_name, b.last_name, b.first_name`
	);
	return rows.map((r) => ({
		id: r.id as string,
		organizationId: (r.organization_id as string) ?? null,
		organizationName: r.organization_name as string,
		firstName: r.first_name as string,
		lastName: r.last_name as string,
		email: r.email as string,
		role: r.role as BadgeRole,
		status: r.status as BadgeStatus,
		requestedByName: (r.user_name as string) ?? null,
		createdAt: new Date(String(r.created_at)),
		decidedAt: r.decided_at ? new Date(String(r.decided_at)) : null
	}));
}

/**
 * A badge requested for a named person. Exhibitor badges are for accepted exhibitors, at most the stand's
 * limit per organization (counted under the stand's lock, so two requests sent at once cannot both take
 * the last one); one live badge per address.
 */
export async function requestBadge(db: Db, actor: Actor, eventId: string, raw: unknown): Promise<{ id: string }> {
	const input = parseInput(badgeInput, raw);
	const { event } = await showFor(db, actor, eventId);
	let organizationId: string | null;
	let printed: string;
	if (isStaff(actor)) {
		organizationId = input.organizationId;
		printed = input.organizationName ?? (organizationId ? await organizationName(db, organizationId) : '');
		if (!printed) throw new InvalidError([{ path: 'organizationName', message: 'error_tradeshow_organization_required' }]);
	} else {
		organizationId = ownOrganization(actor);
		printed = await organizationName(db, organizationId);
		if (!isLive(event)) throw new ConflictError('error_tradeshow_event_over');
	}
	return db.transaction(async (tx) => {
		const [stand] = await tx.select().from(tradeShows).where(eq(tradeShows.eventId, event.id)).for('update');
		const [state] = await queryRows<{ accepted: boolean; exhibitor_badges: number; existing: string | null }>(
			tx,
			sql`select
				exists (select 1 from trade_show_applications where event_id = ${event.id} and organization_id = ${organizationId} and status = 'accepted') as accepted,
				(select count(*)::int from trade_show_badges where event_id = ${event.id} and organization_id = ${organizationId} and role = 'exhibitor' and status in ('pending', 'approved')) as exhibitor_badges,
				(select id from trade_show_badges where event_id = ${event.id} and email = ${input.email} and status in ('pending', 'approved') limit 1) as existing`
		);
		if (state.existing) throw new ConflictError('error_tradeshow_badge_exists', { email: input.email }, 'email');
		if (input.role === 'exhibitor' && organizationId) {
			if (!state.accepted) throw new ConflictError('error_tradeshow_badge_not_exhibitor', {}, 'role');
			if (stand.badgesPerExhibitor != null && Number(state.exhibitor_badges) >= stand.badgesPerExhibitor)
				throw new ConflictError('error_tradeshow_badge_limit_reached', { limit: stand.badgesPerExhibitor }, 'role');
		}
		const id = newId();
		await tx.insert(tradeShowBadges).values({
			id,
			eventId: event.id,
			organizationId,
			organizationName: printed,
			firstName: input.firstName,
			lastName: input.lastName,
			email: input.email,
			role: input.role,
			requestedBy: actor.id
		});
		return { id };
	});
}

/** The organization cancels one of its badge requests; the team may too. */
export async function cancelBadge(db: Db, actor: Actor, eventId: string, badgeId: string): Promise<void> {
	const { event } = await showFor(db, actor, eventId);
	const [b] = await db.select().from(tradeShowBadges).where(and(eq(tradeShowBadges.id, badgeId), eq(tradeShowBadges.eventId, event.id)));
	if (!b) throw new NotFoundError('badge', badgeId);
	if (!isStaff(actor) && ownOrganization(actor) !== b.organizationId) throw new ForbiddenError();
	await db.update(tradeShowBadges).set({ status: 'cancelled' }).where(and(eq(tradeShowBadges.id, b.id), sql`${tradeShowBadges.status} in ('pending', 'approved')`));
}

/** The team approves or refuses a badge (and may change its mind); a cancelled request stays cancelled. */
export async function decideBadge(db: Db, actor: Actor, eventId: string, badgeId: string, decision: 'approve' | 'refuse'): Promise<void> {
	requireStaff(actor);
	const { event } = await showFor(db, actor, eventId);
	const [b] = await db.select().from(tradeShowBadges).where(and(eq(tradeShowBadges.id, badgeId), eq(tradeShowBadges.eventId, event.id)));
	if (!b) throw new NotFoundError('badge', badgeId);
	if (b.status === 'cancelled') throw new ConflictError('error_tradeshow_badge_cancelled');
	const status: BadgeStatus = decision === 'approve' ? 'approved' : 'refused';
	if (status === 'approved' && b.status === 'refused') {
		// Refused then approved again: the address must not have got another badge in between.
		const [other] = await db
			.select({ id: tradeShowBadges.id })
			.from(tradeShowBadges)
			.where(and(eq(tradeShowBadges.eventId, event.id), eq(tradeShowBadges.email, b.email), sql`${tradeShowBadges.status} in ('pending', 'approved')`));
		if (other) throw new ConflictError('error_tradeshow_badge_exists', { email: b.email });
	}
	await db.update(tradeShowBadges).set({ status, decidedBy: actor.id, decidedAt: new Date() }).where(eq(tradeShowBadges.id, b.id));
}

// ---------------------------------------------------------------- carpooling

interface Registrant {
	id: string;
	name: string;
	email: string;
	locale: string;
}

/** The actor's confirmed registration to the event (by account or by the account's address), if any. */
export async function myRegistration(db: Db | Tx, actor: Actor, eventId: string): Promise<Registrant | null> {
	if (!actor.id) return null;
	const [r] = await queryRows<Registrant>(
		db,
		sql`select r.id, r.name, r.email, r.locale from event_registrations r join users u on u.id = ${actor.id}
			where r.event_id = ${eventId} and r.status = 'confirmed' and (r.user_id = ${actor.id} or r.email = lower(u.email))
			order by r.seq limit 1`
	);
	return r ?? null;
}

async function requireRegistrant(db: Db, actor: Actor, eventId: string): Promise<Registrant> {
	const me = await myRegistration(db, actor, eventId);
	if (!me) throw new ConflictError('error_tradeshow_not_registered');
	return me;
}

/** What the board shows of a person: their first name only. */
export function firstName(name: string): string {
	return name.trim().split(/\s+/)[0] ?? '';
}

export interface RideContact {
	name: string;
	email: string;
	phone: string | null;
}

export interface OfferView {
	id: string;
	firstName: string;
	fromCommune: string;
	departsAt: Date;
	returnsAt: Date | null;
	seats: number;
	seatsLeft: number;
	contactPreference: 'email' | 'phone' | 'either';
	note: string | null;
	/** The viewer drives. */
	mine: boolean;
	/** The viewer's booking on this offer. */
	myBookingId: string | null;
	/** Only for the viewer's booked rides: how to reach the driver. */
	driver: RideContact | null;
	/** Only for the driver: who booked, and how to reach them. */
	passengers: (RideContact & { bookingId: string })[] | null;
}

export interface RideRequestView {
	id: string;
	firstName: string;
	fromCommune: string;
	departsAt: Date;
	note: string | null;
	mine: boolean;
}

export interface CarpoolBoard {
	/** The viewer's confirmed registration; null: they may read the board only if they are the team. */
	me: { registrationId: string; firstName: string } | null;
	/** Seats may be offered and booked (the show has not ended). */
	open: boolean;
	offers: OfferView[];
	requests: RideRequestView[];
}

/**
 * The carpooling board of a show, for its confirmed registrants and the team. Everybody sees first names,
 * communes and times; a driver and the passengers who booked their car see each other's contact details,
 * nobody else does (not even the team: the board is between registrants).
 */
export async function carpoolBoard(db: Db, actor: Actor, eventId: string): Promise<CarpoolBoard> {
	const { event } = await showFor(db, actor, eventId);
	const me = await myRegistration(db, actor, event.id);
	if (!me && !isStaff(actor)) return { me: null, open: isLive(event), offers: [], requests: [] };
	const offers = await queryRows<Record<string, unknown>>(
		db,
		sql`select o.*, r.name as driver_name, r.email as driver_email,
				(select count(*)::int from carpool_bookings b where b.offer_id = o.id and b.status = 'booked') as booked
			from carpool_offers o join event_registrations r on r.id = o.registration_id
			where o.event_id = ${event.id} and o.status = 'open' and r.status = 'confirmed'
			order by o.departs_at, o.created_at`
	);
	const bookings = await queryRows<{ id: string; offer_id: string; registration_id: string; phone: string | null; name: string; email: string }>(
		db,
		sql`select b.id, b.offer_id, b.registration_id, b.phone, r.name, r.email
			from carpool_bookings b join carpool_offers o on o.id = b.offer_id join event_registrations r on r.id = b.registration_id
			where o.event_id = ${event.id} and o.status = 'open' and b.status = 'booked'
			order by b.created_at`
	);
	const requests = await queryRows<Record<string, unknown>>(
		db,
		sql`select q.*, r.name from carpool_requests q join event_registrations r on r.id = q.registration_id
			where q.event_id = ${event.id} and q.status = 'open' and r.status = 'confirmed'
			order by q.departs_at, q.created_at`
	);
	return {
		me: me ? { registrationId: me.id, firstName: firstName(me.name) } : null,
		open: isLive(event),
		offers: offers.map((o) => {
			const mine = !!me && o.registration_id === me.id;
			const onThis = bookings.filter((b) => b.offer_id === o.id);
			const myBooking = me ? onThis.find((b) => b.registration_id === me.id) : undefined;
			return {
				id: o.id as string,
				firstName: firstName(o.driver_name as string),
				fromCommune: o.from_commune_name as string,
				departsAt: new Date(String(o.departs_at)),
				returnsAt: o.returns_at ? new Date(String(o.returns_at)) : null,
				seats: Number(o.seats),
				seatsLeft: Math.max(0, Number(o.seats) - Number(o.booked)),
				contactPreference: o.contact_preference as OfferView['contactPreference'],
				note: (o.note as string) ?? null,
				mine,
				myBookingId: myBooking?.id ?? null,
				driver: myBooking ? { name: o.driver_name as string, email: o.driver_email as string, phone: (o.phone as string) ?? null } : null,
				passengers: mine ? onThis.map((b) => ({ bookingId: b.id, name: b.name, email: b.email, phone: b.phone })) : null
			};
		}),
		requests: requests.map((q) => ({
			id: q.id as string,
			firstName: firstName(q.name as string),
			fromCommune: q.from_commune_name as string,
			departsAt: new Date(String(q.departs_at)),
			note: (q.note as string) ?? null,
			mine: !!me && q.registration_id === me.id
		}))
	};
}

async function requireLiveShow(db: Db, actor: Actor, eventId: string) {
	const { event } = await showFor(db, actor, eventId);
	if (!isLive(event)) throw new ConflictError('error_tradeshow_event_over');
	return event;
}

/**
 * A registrant offers seats in their car. People who asked for a seat from the same commune are told by
 * email (without the driver's details: they book on the board).
 */
export async function offerRide(db: Db, actor: Actor, eventId: string, raw: unknown, ctx: MailContext): Promise<{ id: string; notified: number }> {
	const input = parseInput(offerInput, raw);
	const event = await requireLiveShow(db, actor, eventId);
	const me = await requireRegistrant(db, actor, event.id);
	const cluster = await getClusterSettings(db);
	const id = newId();
	return db.transaction(async (tx) => {
		await tx.insert(carpoolOffers).values({
			id,
			eventId: event.id,
			registrationId: me.id,
			fromCommuneInsee: input.fromCommune.insee,
			fromCommuneName: input.fromCommune.name,
			departsAt: input.departsAt,
			returnsAt: input.returnsAt,
			seats: input.seats,
			contactPreference: input.contactPreference,
			phone: input.phone,
			note: input.note
		});
		const waiting = await queryRows<{ email: string; locale: string; name: string }>(
			tx,
			sql`select distinct r.email, r.locale, r.name from carpool_requests q join event_registrations r on r.id = q.registration_id
				where q.event_id = ${event.id} and q.status = 'open' and q.from_commune_insee = ${input.fromCommune.insee} and q.registration_id <> ${me.id} and r.status = 'confirmed'`
		);
		for (const w of waiting) {
			const locale: Locale = w.locale === 'en' ? 'en' : 'fr';
			await sendMail(tx, cluster, ctx, {
				to: w.email,
				locale,
				kind: 'ride_offered',
				params: { title: event.title, commune: input.fromCommune.name },
				paragraphs: [
					t('tradeshow_mail_ride_offered_body', { driver: firstName(me.name), commune: input.fromCommune.name, time: formatEventDateTime(input.departsAt, locale), seats: input.seats }, locale)
				],
				path: `/app/trade-shows/${event.id}/carpooling`
			});
		}
		return { id, notified: waiting.length };
	});
}

/** A registrant asks for a seat from their commune. */
export async function askForRide(db: Db, actor: Actor, eventId: string, raw: unknown): Promise<{ id: string }> {
	const input = parseInput(rideRequestInput, raw);
	const event = await requireLiveShow(db, actor, eventId);
	const me = await requireRegistrant(db, actor, event.id);
	const id = newId();
	await db.insert(carpoolRequests).values({
		id,
		eventId: event.id,
		registrationId: me.id,
		fromCommuneInsee: input.fromCommune.insee,
		fromCommuneName: input.fromCommune.name,
		departsAt: input.departsAt,
		note: input.note
	});
	return { id };
}

/** The asker (or the team) takes their request off the board. */
export async function withdrawRideRequest(db: Db, actor: Actor, eventId: string, requestId: string): Promise<void> {
	const { event } = await showFor(db, actor, eventId);
	const [q] = await db.select().from(carpoolRequests).where(and(eq(carpoolRequests.id, requestId), eq(carpoolRequests.eventId, event.id)));
	if (!q) throw new NotFoundError('ride_request', requestId);
	if (!isStaff(actor) && (await myRegistration(db, actor, event.id))?.id !== q.registrationId) throw new ForbiddenError();
	await db.update(carpoolRequests).set({ status: 'withdrawn' }).where(eq(carpoolRequests.id, q.id));
}

/**
 * A registrant books a seat on someone's offer. The offer row is locked, then the booked seats are counted
 * in a separate statement (see decideApplication), so an offer never carries more passengers than seats.
 * Booking twice returns the same booking. The driver is told who booked and how to reach them.
 */
export async function bookSeat(db: Db, actor: Actor, eventId: string, offerId: string, raw: unknown, ctx: MailContext): Promise<{ id: string; existing: boolean }> {
	const { phone } = parseInput(bookingInput, raw);
	const event = await requireLiveShow(db, actor, eventId);
	const me = await requireRegistrant(db, actor, event.id);
	const cluster = await getClusterSettings(db);
	return db.transaction(async (tx) => {
		const [offer] = await tx
			.select()
			.from(carpoolOffers)
			.where(and(eq(carpoolOffers.id, offerId), eq(carpoolOffers.eventId, event.id)))
			.for('update');
		if (!offer) throw new NotFoundError('offer', offerId);
		if (offer.status !== 'open') throw new ConflictError('error_tradeshow_offer_withdrawn');
		if (offer.registrationId === me.id) throw new ConflictError('error_tradeshow_own_offer');
		const [state] = await queryRows<{ booked: number; existing: string | null }>(
			tx,
			sql`select (select count(*)::int from carpool_bookings where offer_id = ${offer.id} and status = 'booked') as booked,
				(select id from carpool_bookings where offer_id = ${offer.id} and registration_id = ${me.id} and status = 'booked') as existing`
		);
		if (state.existing) return { id: state.existing, existing: true };
		if (Number(state.booked) >= offer.seats) throw new ConflictError('error_tradeshow_offer_full');
		const id = newId();
		await tx.insert(carpoolBookings).values({ id, offerId: offer.id, registrationId: me.id, phone });
		// Found a ride: their own request leaves the board.
		await tx.update(carpoolRequests).set({ status: 'matched' }).where(and(eq(carpoolRequests.eventId, event.id), eq(carpoolRequests.registrationId, me.id), eq(carpoolRequests.status, 'open')));
		const [driver] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, offer.registrationId));
		const locale: Locale = driver.locale === 'en' ? 'en' : 'fr';
		await sendMail(tx, cluster, ctx, {
			to: driver.email,
			locale,
			kind: 'seat_booked',
			params: { title: event.title, name: me.name },
			paragraphs: [
				t('tradeshow_mail_seat_booked_body', { name: me.name, commune: offer.fromCommuneName, time: formatEventDateTime(offer.departsAt, locale) }, locale),
				t('tradeshow_mail_contact', { email: me.email, phone: phone ? formatPhone(phone) : '—' }, locale)
			],
			path: `/app/trade-shows/${event.id}/carpooling`
		});
		return { id, existing: false };
	});
}

/**
 * A booking is cancelled by its passenger, by the driver (who tells them) or by the team. The other side
 * is told by email; the passenger's request, if they had one, goes back on the board.
 */
export async function cancelBooking(db: Db, actor: Actor, eventId: string, bookingId: string, ctx: MailContext): Promise<void> {
	const { event } = await showFor(db, actor, eventId);
	const [row] = await db
		.select({ booking: carpoolBookings, offer: carpoolOffers })
		.from(carpoolBookings)
		.innerJoin(carpoolOffers, eq(carpoolOffers.id, carpoolBookings.offerId))
		.where(and(eq(carpoolBookings.id, bookingId), eq(carpoolOffers.eventId, event.id)));
	if (!row) throw new NotFoundError('booking', bookingId);
	const me = await myRegistration(db, actor, event.id);
	const byPassenger = !!me && me.id === row.booking.registrationId;
	const byDriver = !!me && me.id === row.offer.registrationId;
	if (!byPassenger && !byDriver && !isStaff(actor)) throw new ForbiddenError();
	const cluster = await getClusterSettings(db);
	await db.transaction(async (tx) => {
		const done = await queryRows<{ id: string }>(
			tx,
			sql`update carpool_bookings set status = 'cancelled', cancelled_at = now() where id = ${bookingId} and status = 'booked' returning id`
		);
		if (!done.length) return;
		await tx
			.update(carpoolRequests)
			.set({ status: 'open' })
			.where(and(eq(carpoolRequests.eventId, event.id), eq(carpoolRequests.registrationId, row.booking.registrationId), eq(carpoolRequests.status, 'matched')));
		const [passenger] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, row.booking.registrationId));
		const [driver] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, row.offer.registrationId));
		const told = byPassenger ? driver : passenger;
		const locale: Locale = told.locale === 'en' ? 'en' : 'fr';
		const kind = byPassenger ? 'booking_cancelled_by_passenger' : 'booking_cancelled_by_driver';
		await sendMail(tx, cluster, ctx, {
			to: told.email,
			locale,
			kind,
			params: { title: event.title },
			paragraphs: [
				t(`tradeshow_mail_${kind}_body`, { name: byPassenger ? passenger.name : firstName(driver.name), commune: row.offer.fromCommuneName, time: formatEventDateTime(row.offer.departsAt, locale) }, locale)
			],
			path: `/app/trade-shows/${event.id}/carpooling`
		});
	});
}

/** The driver (or the team) withdraws an offer: its bookings are cancelled and each passenger is told by email. */
export async function withdrawOffer(db: Db, actor: Actor, eventId: string, offerId: string, ctx: MailContext): Promise<{ notified: number }> {
	const { event } = await showFor(db, actor, eventId);
	const [offer] = await db.select().from(carpoolOffers).where(and(eq(carpoolOffers.id, offerId), eq(carpoolOffers.eventId, event.id)));
	if (!offer) throw new NotFoundError('offer', offerId);
	if (!isStaff(actor) && (await myRegistration(db, actor, event.id))?.id !== offer.registrationId) throw new ForbiddenError();
	const cluster = await getClusterSettings(db);
	return db.transaction(async (tx) => {
		const [locked] = await tx.select().from(carpoolOffers).where(eq(carpoolOffers.id, offer.id)).for('update');
		if (locked.status !== 'open') return { notified: 0 };
		await tx.update(carpoolOffers).set({ status: 'withdrawn', withdrawnAt: new Date() }).where(eq(carpoolOffers.id, offer.id));
		const cancelled = await queryRows<{ registration_id: string }>(
			tx,
			sql`update carpool_bookings set status = 'cancelled', cancelled_at = now() where offer_id = ${offer.id} and status = 'booked' returning registration_id`
		);
		const [driver] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, offer.registrationId));
		for (const { registration_id } of cancelled) {
			await tx
				.update(carpoolRequests)
				.set({ status: 'open' })
				.where(and(eq(carpoolRequests.eventId, event.id), eq(carpoolRequests.registrationId, registration_id), eq(carpoolRequests.status, 'matched')));
			const [p] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registration_id));
			const locale: Locale = p.locale === 'en' ? 'en' : 'fr';
			await sendMail(tx, cluster, ctx, {
				to: p.email,
				locale,
				kind: 'offer_withdrawn',
				params: { title: event.title },
				paragraphs: [t('tradeshow_mail_offer_withdrawn_body', { driver: firstName(driver.name), commune: offer.fromCommuneName, time: formatEventDateTime(offer.departsAt, locale) }, locale)],
				path: `/app/trade-shows/${event.id}/carpooling`
			});
		}
		return { notified: cancelled.length };
	});
}

// ---------------------------------------------------------------- mail

async function sendMail(
	tx: Tx | Db,
	cluster: ClusterSettings,
	ctx: MailContext,
	m: { to: string; locale: Locale; kind: string; params: Record<string, string>; paragraphs: string[]; path: string }
) {
	const { html, text } = renderMail({
		clusterName: cluster.name,
		color: cluster.primaryColor,
		heading: t(`tradeshow_mail_${m.kind}_heading`, m.params, m.locale),
		paragraphs: m.paragraphs,
		action: { label: t('tradeshow_mail_action', {}, m.locale), url: `${ctx.baseUrl}${m.path}` },
		footer: t('tradeshow_mail_footer', { cluster: cluster.name }, m.locale)
	});
	await queueMail(tx as Pick<Db, 'insert'>, { to: m.to, subject: t(`tradeshow_mail_${m.kind}_subject`, { ...m.params, cluster: cluster.name }, m.locale), text, html });
}

