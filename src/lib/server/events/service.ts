// Every rule of events: kinds, who sees and who registers, registrations that never exceed the capacity
// (the event row is locked while a registration takes its number), the waiting list promoted in
// arrival order, emails with the .ics, reminders the day before, check-in, calendar feeds.
import { and, eq, sql } from 'drizzle-orm';
import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { organizations } from '../crm/schema';
import { users } from '../auth/schema';
import { calendarTokens, eventKinds, eventRegistrations, events, type RegistrationQuestion } from './schema';
import { isStaff, requireStaff, type Actor } from '../auth/actor';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, type FieldIssue } from '../errors';
import { parseInput } from '../validation';
import { eventInput, registrationInput, type EventInput } from './validation';
import { replaceTaxonomy } from '../taxonomy';
import { getClusterSettings, type ClusterSettings } from '../settings/service';
import { enqueue, type JobHandler } from '../jobs/queue';
import { queueMail, renderMail } from '../mail/service';
import { findCommune, resolveCommune } from '../geo/communes';
import { normalizeText } from '../text';
import { t, type Locale } from '../../i18n/t';
import { formatEventDateTime, formatMoney } from '../../i18n/format';
import { eventLocation, eventsCalendar } from './ics';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const newId = () => crypto.randomUUID();

export type EventRow = typeof events.$inferSelect;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

// ---------------------------------------------------------------- kinds

export interface EventKind {
	id: string;
	name: string;
	position: number;
	count: number;
}

export async function listEventKinds(db: Db): Promise<EventKind[]> {
	return queryRows<EventKind>(
		db,
		sql`select k.id, k.name, k.position, (select count(*)::int from events e where e.kind_id = k.id) as count from event_kinds k order by k.position, k.name`
	);
}

export async function saveEventKinds(db: Db, actor: Actor, entries: unknown[]): Promise<EventKind[]> {
	requireStaff(actor);
	await replaceTaxonomy(db, eventKinds, entries);
	return listEventKinds(db);
}

// ---------------------------------------------------------------- who sees, who registers

/** Whether the actor is in the event's audience (staff always are). */
export function inAudience(actor: Actor | null | undefined, audience: string): boolean {
	if (audience === 'public') return true;
	if (!actor) return false;
	if (isStaff(actor)) return true;
	if (audience === 'members') return actor.role === 'member';
	return actor.role === 'member' || actor.role === 'partner';
}

export function canSeeEvent(actor: Actor | null | undefined, e: Pick<EventRow, 'status' | 'audience'>): boolean {
	if (e.status === 'draft') return isStaff(actor);
	return inAudience(actor, e.audience);
}

export type RegistrationWindow = 'open' | 'not_yet' | 'closed' | 'past' | 'cancelled' | 'draft';

export function registrationWindow(e: Pick<EventRow, 'status' | 'startsAt' | 'registrationOpensAt' | 'registrationClosesAt'>, now = new Date()): RegistrationWindow {
	if (e.status === 'cancelled') return 'cancelled';
	if (e.status === 'draft') return 'draft';
	if (e.startsAt <= now) return 'past';
	if (e.registrationOpensAt && e.registrationOpensAt > now) return 'not_yet';
	if (e.registrationClosesAt && e.registrationClosesAt <= now) return 'closed';
	return 'open';
}

// ---------------------------------------------------------------- events

export interface EventView extends EventRow {
	kindName: string | null;
	confirmed: number;
	waitlisted: number;
	checkedIn: number;
	/** Places left, null without a capacity. */
	remaining: number | null;
}

function slugify(title: string): string {
	return (
		normalizeText(title)
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.replace(/-+$/, '') || 'evenement'
	);
}

async function uniqueSlug(db: Db | Tx, title: string, startsAt: Date, exceptId?: string): Promise<string> {
	const base = `${slugify(title)}-${startsAt.toISOString().slice(0, 10)}`;
	const taken = new Set(
		(await queryRows<{ slug: string }>(db, sql`select slug from events where (slug = ${base} or slug like ${base + '-%'}) and id <> ${exceptId ?? ''}`)).map((r) => r.slug)
	);
	if (!taken.has(base)) return base;
	for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function eventValues(input: EventInput) {
	// The commune as INSEE knows it: from the postal code (and name), else the name alone.
	const match = input.postalCode ? resolveCommune(input.postalCode, input.communeName) : null;
	const commune = match?.ok ? match.commune : input.communeName ? findCommune(input.communeName) : undefined;
	return {
		title: input.title,
		kindId: input.kindId,
		summary: input.summary,
		description: input.description,
		startsAt: input.startsAt,
		endsAt: input.endsAt,
		mode: input.mode,
		onlineUrl: input.onlineUrl,
		venue: input.venue,
		addressLine: input.addressLine,
		postalCode: input.postalCode,
		communeInsee: commune?.code ?? null,
		communeName: commune?.nom ?? input.communeName,
		capacity: input.capacity,
		registrationOpensAt: input.registrationOpensAt,
		registrationClosesAt: input.registrationClosesAt,
		priceMemberCents: input.priceMember,
		priceNonMemberCents: input.priceNonMember,
		audience: input.audience,
		status: input.status,
		questions: input.questions as RegistrationQuestion[],
		hasBusinessMeetings: input.hasBusinessMeetings
	};
}

/**
 * The form numbers questions by line; answers are kept by question id. A question whose label did not
 * change keeps its id wherever it moves, a new one gets a fresh id, so edits never attach existing
 * answers to another question.
 */
export function keepQuestionIds(before: RegistrationQuestion[], after: RegistrationQuestion[]): RegistrationQuestion[] {
	const byLabel = new Map(before.map((q) => [q.label.trim().toLowerCase(), q.id]));
	const used = new Set<string>();
	let next = Math.max(0, ...[...before, ...after].map((q) => Number(/^q(\d+)$/.exec(q.id)?.[1] ?? 0))) + 1;
	const kept = after.map((q) => {
		const id = byLabel.get(q.label.trim().toLowerCase());
		if (id && !used.has(id)) {
			used.add(id);
			return { ...q, id };
		}
		return { ...q, id: '' };
	});
	return kept.map((q) => {
		if (q.id) return q;
		let id = `q${next++}`;
		while (used.has(id) || before.some((b) => b.id === id)) id = `q${next++}`;
		used.add(id);
		return { ...q, id };
	});
}

async function checkKind(db: Db, kindId: string | null) {
	if (!kindId) return;
	const [k] = await db.select({ id: eventKinds.id }).from(eventKinds).where(eq(eventKinds.id, kindId));
	if (!k) throw new InvalidError([{ path: 'kindId', message: 'error_invalid_choice' }]);
}

export const REMINDER_JOB = 'events.reminders';
const DAY = 86_400_000;

/** Schedules the day-before reminders of a published event (the job checks the date is still the same). */
async function scheduleReminders(db: Db | Tx, e: Pick<EventRow, 'id' | 'status' | 'startsAt'>) {
	if (e.status !== 'published') return;
	const runAt = new Date(e.startsAt.getTime() - DAY);
	if (runAt.getTime() <= Date.now()) return;
	await enqueue(db, REMINDER_JOB, { eventId: e.id, startsAt: e.startsAt.toISOString() }, { runAt });
}

export async function createEvent(db: Db, actor: Actor, raw: unknown): Promise<{ id: string; slug: string }> {
	requireStaff(actor);
	const input = parseInput(eventInput, raw);
	await checkKind(db, input.kindId);
	const id = newId();
	return db.transaction(async (tx) => {
		const slug = await uniqueSlug(tx, input.title, input.startsAt);
		await tx.insert(events).values({ id, slug, ...eventValues(input), createdBy: actor.id });
		await scheduleReminders(tx, { id, status: input.status, startsAt: input.startsAt });
		return { id, slug };
	});
}

export interface MailContext {
	baseUrl: string;
}

/**
 * Changes an event. A new date, place or status raises the iCalendar SEQUENCE (calendars update their
 * copy); more places promote the waiting list; a cancellation tells every registrant.
 */
export async function updateEvent(db: Db, actor: Actor, id: string, raw: unknown, ctx: MailContext): Promise<{ promoted: number }> {
	requireStaff(actor);
	const input = parseInput(eventInput, raw);
	await checkKind(db, input.kindId);
	const cluster = await getClusterSettings(db);
	return db.transaction(async (tx) => {
		const [before] = await queryRows<{ id: string }>(tx, sql`select id from events where id = ${id} for update`);
		if (!before) throw new NotFoundError('event', id);
		const [old] = await tx.select().from(events).where(eq(events.id, id));
		const values = { ...eventValues(input), questions: keepQuestionIds(old.questions, input.questions as RegistrationQuestion[]) };
		const moved =
			old.startsAt.getTime() !== values.startsAt.getTime() ||
			old.endsAt.getTime() !== values.endsAt.getTime() ||
			eventLocation(old) !== eventLocation(values) ||
			old.status !== values.status ||
			old.title !== values.title;
		const [updated] = await tx
			.update(events)
			.set({ ...values, icsSequence: moved ? old.icsSequence + 1 : old.icsSequence, updatedAt: new Date() })
			.where(eq(events.id, id))
			.returning();
		if (old.startsAt.getTime() !== updated.startsAt.getTime() || (old.status !== 'published' && updated.status === 'published'))
			await scheduleReminders(tx, updated);
		if (old.status !== 'cancelled' && updated.status === 'cancelled') {
			const live = await tx.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, id), sql`${eventRegistrations.status} <> 'cancelled'`));
			for (const r of live) await queueRegistrationMail(tx, 'event_cancelled', r, updated, cluster, ctx);
			return { promoted: 0 };
		}
		const promoted = updated.status === 'published' ? await promoteWaitlist(tx, updated, cluster, ctx) : 0;
		return { promoted };
	});
}

/** Removes a draft or an event without registrations; otherwise the team cancels it. */
export async function deleteEvent(db: Db, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from event_registrations where event_id = ${id}`);
	if (n > 0) throw new ConflictError('error_event_has_registrations');
	await db.delete(events).where(eq(events.id, id));
}

const eventViewColumns = sql`e.*, k.name as "kindName",
	(select count(*)::int from event_registrations r where r.event_id = e.id and r.status = 'confirmed') as confirmed,
	(select count(*)::int from event_registrations r where r.event_id = e.id and r.status = 'waitlisted') as waitlisted,
	(select count(*)::int from event_registrations r where r.event_id = e.id and r.checked_in_at is not null and r.status = 'confirmed') as "checkedIn"`;

/** Raw rows (snake_case from e.*) → the camelCase view. */
function toView(r: Record<string, unknown>): EventView {
	const d = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
	const view: EventView = {
		id: r.id as string,
		slug: r.slug as string,
		kindId: (r.kind_id as string) ?? null,
		kindName: (r.kindName as string) ?? null,
		title: r.title as string,
		summary: (r.summary as string) ?? null,
		description: (r.description as string) ?? null,
		startsAt: d(r.starts_at)!,
		endsAt: d(r.ends_at)!,
		mode: r.mode as string,
		onlineUrl: (r.online_url as string) ?? null,
		venue: (r.venue as string) ?? null,
		addressLine: (r.address_line as string) ?? null,
		postalCode: (r.postal_code as string) ?? null,
		communeInsee: (r.commune_insee as string) ?? null,
		communeName: (r.commune_name as string) ?? null,
		capacity: r.capacity == null ? null : Number(r.capacity),
		registrationOpensAt: d(r.registration_opens_at),
		registrationClosesAt: d(r.registration_closes_at),
		priceMemberCents: r.price_member_cents == null ? null : Number(r.price_member_cents),
		priceNonMemberCents: r.price_non_member_cents == null ? null : Number(r.price_non_member_cents),
		audience: r.audience as string,
		status: r.status as string,
		questions: (typeof r.questions === 'string' ? JSON.parse(r.questions) : r.questions) as RegistrationQuestion[],
		hasBusinessMeetings: Boolean(r.has_business_meetings),
		registrationSeq: Number(r.registration_seq),
		icsSequence: Number(r.ics_sequence),
		createdBy: (r.created_by as string) ?? null,
		createdAt: d(r.created_at)!,
		updatedAt: d(r.updated_at)!,
		confirmed: Number(r.confirmed),
		waitlisted: Number(r.waitlisted),
		checkedIn: Number(r.checkedIn),
		remaining: null
	};
	view.remaining = view.capacity == null ? null : Math.max(0, view.capacity - view.confirmed);
	return view;
}

/** One event by id or slug, if the actor may see it. */
export async function getEvent(db: Db, actor: Actor | null, idOrSlug: string): Promise<EventView> {
	const [row] = await queryRows<Record<string, unknown>>(
		db,
		sql`select ${eventViewColumns} from events e left join event_kinds k on k.id = e.kind_id where e.id = ${idOrSlug} or e.slug = ${idOrSlug} limit 1`
	);
	if (!row) throw new NotFoundError('event', idOrSlug);
	const view = toView(row);
	if (!canSeeEvent(actor, view)) {
		// A members' event exists for a visitor, who is asked to sign in; a draft does not.
		if (view.status !== 'draft' && !actor) throw new ForbiddenError('sign_in');
		throw new NotFoundError('event', idOrSlug);
	}
	return view;
}

export interface EventFilter {
	/** upcoming (default): not ended yet; past: ended; all */
	when?: 'upcoming' | 'past' | 'all';
	kindId?: string;
	q?: string;
	/** Staff only: include drafts. */
	includeDrafts?: boolean;
	limit?: number;
}

/** Events the actor may see, soonest first (upcoming) or latest first (past). */
export async function listEvents(db: Db, actor: Actor | null, filter: EventFilter = {}): Promise<EventView[]> {
	const staff = isStaff(actor);
	const audiences = staff ? ['members', 'network', 'public'] : ['public', ...(inAudience(actor, 'members') ? ['members'] : []), ...(inAudience(actor, 'network') ? ['network'] : [])];
	const conds = [sql`e.audience in (${sql.join(audiences.map((a) => sql`${a}`), sql`, `)})`];
	if (!(staff && filter.includeDrafts)) conds.push(sql`e.status <> 'draft'`);
	const when = filter.when ?? 'upcoming';
	if (when === 'upcoming') conds.push(sql`e.ends_at > now()`);
	if (when === 'past') conds.push(sql`e.ends_at <= now()`);
	if (filter.kindId) conds.push(sql`e.kind_id = ${filter.kindId}`);
	if (filter.q?.trim()) {
		const like = `%${filter.q.trim().replace(/[%_\\]/g, (c) => '\\' + c)}%`;
		conds.push(sql`(e.title ilike ${like} or e.commune_name ilike ${like} or e.summary ilike ${like})`);
	}
	const order = when === 'past' ? sql`e.starts_at desc` : sql`e.starts_at asc`;
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select ${eventViewColumns} from events e left join event_kinds k on k.id = e.kind_id where ${sql.join(conds, sql` and `)} order by ${order} limit ${Math.min(filter.limit ?? 200, 1000)}`
	);
	return rows.map(toView);
}

// ---------------------------------------------------------------- registrations

export interface RegistrationResult {
	id: string;
	status: RegistrationStatus;
	/** Place on the waiting list, from 1. */
	position?: number;
	ticketCode: string;
	token: string;
	/** True when the address was already registered: its registration is returned, nothing is created. */
	existing: boolean;
}

export interface RegisterContext extends MailContext {
	locale: Locale;
	/** 'self' (a person on the site), 'staff' (the team adds someone), 'api' */
	source?: 'self' | 'staff' | 'api';
	now?: Date;
}

const TICKET_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function ticketCode(): string {
	let s = '';
	for (let i = 0; i < 8; i++) s += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
	return s;
}

/** A ticket code as typed or scanned ("abcd-2345", a ticket URL) → "ABCD2345". */
export function normalizeTicketCode(input: string): string {
	const fromUrl = /[?&]code=([^&#]+)/.exec(input)?.[1];
	return decodeURIComponent(fromUrl ?? input)
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
}

export function formatTicketCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function checkAnswers(questions: RegistrationQuestion[], answers: Record<string, string | boolean>): Record<string, string | boolean> {
	const issues: FieldIssue[] = [];
	const out: Record<string, string | boolean> = {};
	for (const q of questions) {
		const v = answers[q.id];
		if (q.type === 'checkbox') {
			const b = v === true || v === 'true' || v === 'on' || v === 'oui' || v === 'yes';
			if (q.required && !b) issues.push({ path: `answers.${q.id}`, message: 'error_required' });
			out[q.id] = b;
			continue;
		}
		const s = typeof v === 'string' ? v.trim() : '';
		if (!s) {
			if (q.required) issues.push({ path: `answers.${q.id}`, message: 'error_required' });
			continue;
		}
		if (q.type === 'choice' && !(q.options ?? []).includes(s)) {
			issues.push({ path: `answers.${q.id}`, message: 'error_invalid_choice' });
			continue;
		}
		if (s.length > (q.type === 'long' ? 4000 : 300)) {
			issues.push({ path: `answers.${q.id}`, message: 'error_too_long', params: { max: q.type === 'long' ? 4000 : 300 } });
			continue;
		}
		out[q.id] = s;
	}
	if (issues.length) throw new InvalidError(issues);
	return out;
}

/** The contact and organization behind an address or an account, and whether the member price applies. */
async function whoIs(db: Db, actor: Actor | null, email: string): Promise<{ personId: string | null; organizationId: string | null; organizationName: string | null; isMember: boolean }> {
	const [person] = await queryRows<{ id: string; organization_id: string }>(
		db,
		sql`select id, organization_id from people where lower(email) = ${email} order by created_at limit 1`
	);
	const orgId = person?.organization_id ?? (actor && !isStaff(actor) ? (actor.organizationId ?? null) : null);
	if (!orgId) return { personId: null, organizationId: null, organizationName: null, isMember: false };
	const [org] = await db.select({ name: organizations.name, status: organizations.status }).from(organizations).where(eq(organizations.id, orgId));
	return { personId: person?.id ?? null, organizationId: org ? orgId : null, organizationName: org?.name ?? null, isMember: org?.status === 'member' };
}

async function waitlistPosition(db: Db | Tx, eventId: string, seq: number): Promise<number> {
	const [{ n }] = await queryRows<{ n: number }>(
		db,
		sql`select count(*)::int as n from event_registrations where event_id = ${eventId} and status = 'waitlisted' and seq <= ${seq}`
	);
	return n;
}

/**
 * Registers a person. The event row is locked for the transaction, so registrations to one event
 * take their number one at a time on either engine: the first `capacity` are confirmed, the next
 * wait-listed in arrival order, and an address already registered gets its registration back.
 * Inside the transaction: one statement locks and reads the event, one reads the counts and an
 * existing registration, one takes the next number and inserts, one queues the email.
 */
export async function registerForEvent(db: Db, actor: Actor | null, eventId: string, raw: unknown, ctx: RegisterContext): Promise<RegistrationResult> {
	const input = parseInput(registrationInput, raw);
	const now = ctx.now ?? new Date();
	const staffOrApi = isStaff(actor);
	const [pre] = await db.select().from(events).where(eq(events.id, eventId));
	if (!pre || !canSeeEvent(actor, pre)) throw new NotFoundError('event', eventId);
	if (!inAudience(actor, pre.audience)) throw new ForbiddenError();
	const answers = checkAnswers(pre.questions, input.answers);
	const who = await whoIs(db, actor, input.email);
	const cluster = await getClusterSettings(db);
	// The registration belongs to the account only when it is the account's own address.
	const ownAccount = !!actor?.id && (await isOwnEmail(db, actor.id, input.email));
	const ticket = ticketCode();
	const token = randomBytes(24).toString('base64url');
	const result = await db.transaction(async (tx) => {
		// Lock first, count after, in two statements: under READ COMMITTED a statement that waited for the
		// lock still reads with the snapshot it started with, so counts taken in the locking statement
		// would miss the registrations committed while it waited (and overbook on PostgreSQL).
		// The locked row itself is the latest version (PostgreSQL re-reads it once the lock is granted).
		const [ev] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
		if (!ev) throw new NotFoundError('event', eventId);
		const [state] = await queryRows<{ confirmed: number; waitlisted: number; existing_id: string | null }>(
			tx,
			sql`select
					(select count(*)::int from event_registrations r where r.event_id = ${eventId} and r.status = 'confirmed') as confirmed,
					(select count(*)::int from event_registrations r where r.event_id = ${eventId} and r.status = 'waitlisted') as waitlisted,
					(select r.id from event_registrations r where r.event_id = ${eventId} and r.email = ${input.email} and r.status <> 'cancelled') as existing_id`
		);
		if (state.existing_id) {
			const [existing] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, state.existing_id));
			return {
				row: existing,
				fresh: false,
				position: existing.status === 'waitlisted' ? await waitlistPosition(tx, eventId, existing.seq) : undefined
			};
		}
		const window = registrationWindow(ev, now);
		// The team may still add someone after the registrations closed, never to a past or cancelled event.
		if (window !== 'open' && !(staffOrApi && (window === 'closed' || window === 'not_yet')))
			throw new ConflictError(`error_registration_${window}`);
		let { confirmed, waitlisted } = state;
		// Free places with people waiting (only after the capacity was raised outside updateEvent): them first.
		if (waitlisted > 0 && (ev.capacity == null || confirmed < ev.capacity)) {
			const promoted = await promoteWaitlist(tx, ev, cluster, ctx);
			confirmed += promoted;
			waitlisted -= promoted;
		}
		const status: RegistrationStatus = ev.capacity == null || confirmed < ev.capacity ? 'confirmed' : 'waitlisted';
		const price = who.isMember ? ev.priceMemberCents : ev.priceNonMemberCents;
		const values = {
			id: newId(),
			eventId,
			status,
			name: input.name,
			email: input.email,
			organizationName: input.organization ?? who.organizationName,
			organizationId: who.organizationId,
			personId: who.personId,
			userId: ownAccount ? actor!.id : null,
			isMember: who.isMember,
			priceCents: price,
			answers,
			ticketCode: ticket,
			token,
			locale: ctx.locale,
			source: ctx.source ?? (staffOrApi ? 'staff' : 'self')
		};
		// The next arrival number and the row, in one statement.
		const [inserted] = await queryRows<{ seq: number; created_at: Date }>(
			tx,
			sql`with n as (update events set registration_seq = registration_seq + 1 where id = ${eventId} returning registration_seq)
				insert into event_registrations (id, event_id, seq, status, name, email, organization_name, organization_id, person_id, user_id, is_member, price_cents, answers, ticket_code, token, locale, source)
				select ${values.id}, ${eventId}, n.registration_seq, ${status}, ${values.name}, ${values.email}, ${values.organizationName}, ${values.organizationId}, ${values.personId},
					${values.userId}, ${values.isMember}, ${values.priceCents}, ${JSON.stringify(answers)}::jsonb, ${ticket}, ${token}, ${values.locale}, ${values.source}
				from n returning seq, created_at`
		);
		const row: RegistrationRow = {
			...values,
			seq: Number(inserted.seq),
			checkedInAt: null,
			checkedInBy: null,
			promotedAt: null,
			cancelledAt: null,
			reminderSentAt: null,
			createdAt: new Date(String(inserted.created_at))
		};
		const position = status === 'waitlisted' ? waitlisted + 1 : undefined;
		await queueRegistrationMail(tx, status, row, ev, cluster, ctx, position);
		return { row, fresh: true, position };
	});
	const { row } = result;
	return {
		id: row.id,
		status: row.status as RegistrationStatus,
		...(result.position !== undefined ? { position: result.position } : {}),
		ticketCode: row.ticketCode,
		token: row.token,
		existing: !result.fresh
	};
}

async function isOwnEmail(tx: Db | Tx, userId: string, email: string): Promise<boolean> {
	const [u] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
	return !!u && u.email.toLowerCase() === email;
}

/** Confirms the first people of the waiting list while places are free; each gets an email. */
async function promoteWaitlist(tx: Tx, ev: EventRow, cluster: ClusterSettings, ctx: MailContext): Promise<number> {
	if (ev.status !== 'published') return 0;
	const limit =
		ev.capacity == null
			? null
			: ev.capacity -
				(await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from event_registrations where event_id = ${ev.id} and status = 'confirmed'`))[0].n;
	if (limit !== null && limit <= 0) return 0;
	const promoted = await queryRows<{ id: string }>(
		tx,
		sql`update event_registrations set status = 'confirmed', promoted_at = now()
			where id in (select id from event_registrations where event_id = ${ev.id} and status = 'waitlisted' order by seq ${limit === null ? sql`` : sql`limit ${limit}`})
			returning id`
	);
	for (const p of promoted) {
		const [r] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, p.id));
		await queueRegistrationMail(tx, 'promoted', r, ev, cluster, ctx);
	}
	return promoted.length;
}

async function cancelRow(db: Db, reg: RegistrationRow, ctx: MailContext): Promise<{ promoted: number }> {
	const cluster = await getClusterSettings(db);
	return db.transaction(async (tx) => {
		await queryRows(tx, sql`select id from events where id = ${reg.eventId} for update`);
		const [current] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, reg.id));
		if (!current || current.status === 'cancelled') return { promoted: 0 };
		const [ev] = await tx.select().from(events).where(eq(events.id, reg.eventId));
		await tx.update(eventRegistrations).set({ status: 'cancelled', cancelledAt: new Date() }).where(eq(eventRegistrations.id, reg.id));
		await queueRegistrationMail(tx, 'cancelled', current, ev, cluster, ctx);
		return { promoted: await promoteWaitlist(tx, ev, cluster, ctx) };
	});
}

/** Cancels through the link of an email (no account needed); the waiting list moves up. */
export async function cancelRegistrationByToken(db: Db, token: string, ctx: MailContext): Promise<{ promoted: number }> {
	const [reg] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.token, token));
	if (!reg) throw new NotFoundError('registration');
	return cancelRow(db, reg, ctx);
}

/** Cancels a registration: the team, or the account that registered. */
export async function cancelRegistration(db: Db, actor: Actor, eventId: string, registrationId: string, ctx: MailContext): Promise<{ promoted: number }> {
	const [reg] = await db
		.select()
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)));
	if (!reg) throw new NotFoundError('registration', registrationId);
	if (!isStaff(actor) && !(actor.id && reg.userId === actor.id)) throw new ForbiddenError();
	return cancelRow(db, reg, ctx);
}

export interface RegistrationView {
	id: string;
	seq: number;
	status: RegistrationStatus;
	position: number | null;
	name: string;
	email: string;
	organizationName: string | null;
	organizationId: string | null;
	personId: string | null;
	isMember: boolean;
	priceCents: number | null;
	answers: Record<string, string | boolean>;
	ticketCode: string;
	source: string;
	checkedInAt: Date | null;
	createdAt: Date;
	cancelledAt: Date | null;
}

/** The team's list of an event's registrations, in arrival order, with each waiting-list position. */
export async function listRegistrations(db: Db, actor: Actor, eventId: string, opts: { q?: string; status?: string } = {}): Promise<RegistrationView[]> {
	requireStaff(actor);
	const conds = [sql`r.event_id = ${eventId}`];
	if (opts.status) conds.push(sql`r.status = ${opts.status}`);
	if (opts.q?.trim()) {
		const q = opts.q.trim();
		const like = `%${q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
		const code = normalizeTicketCode(q);
		conds.push(sql`(r.name ilike ${like} or r.email ilike ${like} or r.organization_name ilike ${like} or r.ticket_code = ${code})`);
	}
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select * from (
				select r.*, case when r.status = 'waitlisted' then row_number() over (partition by r.status order by r.seq) end as position
				from event_registrations r where r.event_id = ${eventId}
			) r where ${sql.join(conds, sql` and `)} order by r.seq`
	);
	return rows.map((r) => ({
		id: r.id as string,
		seq: Number(r.seq),
		status: r.status as RegistrationStatus,
		position: r.position == null ? null : Number(r.position),
		name: r.name as string,
		email: r.email as string,
		organizationName: (r.organization_name as string) ?? null,
		organizationId: (r.organization_id as string) ?? null,
		personId: (r.person_id as string) ?? null,
		isMember: Boolean(r.is_member),
		priceCents: r.price_cents == null ? null : Number(r.price_cents),
		answers: (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as Record<string, string | boolean>,
		ticketCode: r.ticket_code as string,
		source: r.source as string,
		checkedInAt: r.checked_in_at ? new Date(String(r.checked_in_at)) : null,
		createdAt: new Date(String(r.created_at)),
		cancelledAt: r.cancelled_at ? new Date(String(r.cancelled_at)) : null
	}));
}

/** A registration seen through its secret link (ticket page, cancellation). */
export async function registrationByToken(db: Db, token: string): Promise<{ registration: RegistrationView; event: EventView }> {
	const [reg] = await db.select({ id: eventRegistrations.id, eventId: eventRegistrations.eventId }).from(eventRegistrations).where(eq(eventRegistrations.token, token));
	if (!reg) throw new NotFoundError('registration');
	const [registration] = (await listRegistrations(db, { id: null, role: 'admin', label: 'ticket' }, reg.eventId)).filter((r) => r.id === reg.id);
	const [row] = await queryRows<Record<string, unknown>>(
		db,
		sql`select ${eventViewColumns} from events e left join event_kinds k on k.id = e.kind_id where e.id = ${reg.eventId}`
	);
	return { registration, event: toView(row) };
}

/** The signed-in person's live registrations, soonest event first. */
export async function myRegistrations(db: Db, actor: Actor): Promise<{ event: EventView; status: RegistrationStatus; token: string; ticketCode: string }[]> {
	if (!actor.id) return [];
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select ${eventViewColumns}, r.status as reg_status, r.token as reg_token, r.ticket_code as reg_ticket
			from event_registrations r join events e on e.id = r.event_id left join event_kinds k on k.id = e.kind_id
			join users u on u.id = ${actor.id}
			where (r.user_id = ${actor.id} or r.email = lower(u.email)) and r.status <> 'cancelled' and e.ends_at > now() - interval '1 day'
			order by e.starts_at`
	);
	return rows.map((r) => ({ event: toView(r), status: r.reg_status as RegistrationStatus, token: r.reg_token as string, ticketCode: r.reg_ticket as string }));
}

// ---------------------------------------------------------------- check-in

export interface CheckInResult {
	registration: RegistrationView;
	/** Already checked in before this scan. */
	already: boolean;
}

/** Records that the person of a ticket came. Wait-listed or cancelled tickets are refused with a reason. */
export async function checkIn(db: Db, actor: Actor, eventId: string, code: string): Promise<CheckInResult> {
	requireStaff(actor);
	const ticket = normalizeTicketCode(code);
	if (!ticket) throw new InvalidError([{ path: 'code', message: 'error_required' }]);
	const [reg] = await db
		.select()
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.ticketCode, ticket)));
	if (!reg) throw new NotFoundError('ticket', ticket);
	if (reg.status === 'cancelled') throw new ConflictError('error_ticket_cancelled', { name: reg.name });
	if (reg.status === 'waitlisted') throw new ConflictError('error_ticket_waitlisted', { name: reg.name });
	const already = !!reg.checkedInAt;
	if (!already)
		await db
			.update(eventRegistrations)
			.set({ checkedInAt: new Date(), checkedInBy: actor.id })
			.where(and(eq(eventRegistrations.id, reg.id), sql`${eventRegistrations.checkedInAt} is null`));
	const [view] = (await listRegistrations(db, actor, eventId)).filter((r) => r.id === reg.id);
	return { registration: view, already };
}

export async function undoCheckIn(db: Db, actor: Actor, eventId: string, registrationId: string): Promise<void> {
	requireStaff(actor);
	await db
		.update(eventRegistrations)
		.set({ checkedInAt: null, checkedInBy: null })
		.where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)));
}

/** Events an organization's people registered for and attended (the CRM's record of attendance). */
export async function attendanceOf(db: Db, actor: Actor, organizationId: string) {
	if (!isStaff(actor) && actor.organizationId !== organizationId) throw new ForbiddenError();
	return queryRows<{ eventId: string; slug: string; title: string; startsAt: Date; name: string; personId: string | null; status: string; attended: boolean }>(
		db,
		sql`select e.id as "eventId", e.slug, e.title, e.starts_at as "startsAt", r.name, r.person_id as "personId", r.status, (r.checked_in_at is not null) as attended
			from event_registrations r join events e on e.id = r.event_id
			where r.organization_id = ${organizationId} and r.status <> 'cancelled'
			order by e.starts_at desc, r.name limit 200`
	);
}

// ---------------------------------------------------------------- mail

type MailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled' | 'event_cancelled' | 'reminder';

function eventFacts(ev: EventRow, locale: Locale): string[] {
	const when = t('events_mail_when', { start: formatEventDateTime(ev.startsAt, locale), end: formatEventDateTime(ev.endsAt, locale, 'time') }, locale);
	const where = eventLocation(ev);
	return [when, ...(where ? [t('events_mail_where', { place: where }, locale)] : [])];
}

async function queueRegistrationMail(tx: Tx | Db, kind: MailKind, reg: RegistrationRow, ev: EventRow, cluster: ClusterSettings, ctx: MailContext, knownPosition?: number) {
	const locale = (reg.locale === 'en' ? 'en' : 'fr') as Locale;
	const ticketUrl = `${ctx.baseUrl}/events/registration/${reg.token}`;
	const paragraphs: string[] = [];
	if (kind === 'waitlisted') {
		const position = knownPosition ?? (await waitlistPosition(tx as Tx, ev.id, reg.seq));
		paragraphs.push(t('events_mail_waitlisted_body', { position }, locale));
	} else paragraphs.push(t(`events_mail_${kind}_body`, { name: reg.name }, locale));
	paragraphs.push(...eventFacts(ev, locale));
	if ((kind === 'confirmed' || kind === 'promoted' || kind === 'reminder') && reg.priceCents)
		paragraphs.push(t('events_mail_price', { amount: formatMoney(reg.priceCents, locale) }, locale));
	if (kind === 'confirmed' || kind === 'promoted' || kind === 'reminder')
		paragraphs.push(t('events_mail_ticket', { code: formatTicketCode(reg.ticketCode) }, locale));
	const live = kind !== 'cancelled' && kind !== 'event_cancelled';
	if (live) paragraphs.push(t('events_mail_cancel_hint', { url: ticketUrl }, locale));
	const { html, text } = renderMail({
		clusterName: cluster.name,
		color: cluster.primaryColor,
		heading: t(`events_mail_${kind}_heading`, { title: ev.title }, locale),
		paragraphs,
		action: live ? { label: t('events_mail_action', {}, locale), url: ticketUrl } : { label: t('events_mail_event_action', {}, locale), url: `${ctx.baseUrl}/events/${ev.slug}` },
		footer: t('events_mail_footer', { cluster: cluster.name }, locale)
	});
	const withIcs = kind === 'confirmed' || kind === 'promoted' || kind === 'event_cancelled' || kind === 'cancelled';
	const cancelled = kind === 'event_cancelled' || kind === 'cancelled';
	await queueMail(tx as Pick<Db, 'insert'>, {
		to: reg.email,
		subject: t(`events_mail_${kind}_subject`, { title: ev.title, cluster: cluster.name }, locale),
		text,
		html,
		...(withIcs
			? {
					attachments: [
						{
							filename: `${ev.slug}.ics`,
							contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
							content: eventsCalendar([ev], { name: ev.title, baseUrl: ctx.baseUrl, cancelledIds: cancelled ? new Set([ev.id]) : undefined })
						}
					]
				}
			: {})
	});
}

/** The job that sends the day-before reminders; a job for an old date of a moved event does nothing. */
export function eventRemindersJobHandler(baseUrl: string): JobHandler {
	return async (job, db) => {
		const { eventId, startsAt } = job.payload as { eventId: string; startsAt: string };
		const [ev] = await db.select().from(events).where(eq(events.id, eventId));
		if (!ev || ev.status !== 'published' || ev.startsAt.toISOString() !== startsAt) return { sent: 0, skipped: 'changed' };
		const cluster = await getClusterSettings(db);
		// Claimed one statement at a time, so two workers never remind the same person twice.
		const claimed = await queryRows<{ id: string }>(
			db,
			sql`update event_registrations set reminder_sent_at = now() where event_id = ${eventId} and status = 'confirmed' and reminder_sent_at is null returning id`
		);
		for (const { id } of claimed) {
			const [r] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id));
			await queueRegistrationMail(db, 'reminder', r, ev, cluster, { baseUrl });
		}
		return { sent: claimed.length };
	};
}

// ---------------------------------------------------------------- calendars

export async function publicCalendar(db: Db, baseUrl: string): Promise<string> {
	const cluster = await getClusterSettings(db);
	const list = await queryRows<Record<string, unknown>>(
		db,
		sql`select ${eventViewColumns} from events e left join event_kinds k on k.id = e.kind_id
			where e.audience = 'public' and e.status <> 'draft' and e.ends_at > now() - interval '90 days' order by e.starts_at limit 500`
	);
	return eventsCalendar(list.map(toView), { name: t('events_calendar_name', { cluster: cluster.name }), baseUrl });
}

export async function eventCalendar(db: Db, actor: Actor | null, idOrSlug: string, baseUrl: string): Promise<{ ics: string; slug: string }> {
	const ev = await getEvent(db, actor, idOrSlug);
	return { ics: eventsCalendar([ev], { name: ev.title, baseUrl }), slug: ev.slug };
}

/** The secret address of a user's personal feed, made on first use. */
export async function calendarTokenFor(db: Db, actor: Actor): Promise<string> {
	if (!actor.id) throw new ForbiddenError();
	const [row] = await db.select().from(calendarTokens).where(eq(calendarTokens.userId, actor.id));
	if (row) return row.token;
	const token = randomBytes(24).toString('base64url');
	await db.insert(calendarTokens).values({ userId: actor.id, token }).onConflictDoNothing();
	const [again] = await db.select().from(calendarTokens).where(eq(calendarTokens.userId, actor.id));
	return again.token;
}

/** A new secret address; the old one stops working. */
export async function resetCalendarToken(db: Db, actor: Actor): Promise<string> {
	if (!actor.id) throw new ForbiddenError();
	await db.delete(calendarTokens).where(eq(calendarTokens.userId, actor.id));
	return calendarTokenFor(db, actor);
}

/** A user's feed: the events they registered for (wait-listed ones tentative), cancelled ones marked. */
export async function personalCalendar(db: Db, token: string, baseUrl: string): Promise<string> {
	const [owner] = await db
		.select({ userId: calendarTokens.userId, email: users.email, name: users.name })
		.from(calendarTokens)
		.innerJoin(users, eq(users.id, calendarTokens.userId))
		.where(eq(calendarTokens.token, token));
	if (!owner) throw new NotFoundError('calendar');
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select distinct on (e.id) ${eventViewColumns}, r.status as reg_status
			from event_registrations r join events e on e.id = r.event_id left join event_kinds k on k.id = e.kind_id
			where (r.user_id = ${owner.userId} or r.email = ${owner.email.toLowerCase()}) and e.status <> 'draft' and e.ends_at > now() - interval '90 days'
			order by e.id, case r.status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`
	);
	const tentative = new Set(rows.filter((r) => r.reg_status === 'waitlisted').map((r) => r.id as string));
	const cancelled = new Set(rows.filter((r) => r.reg_status === 'cancelled').map((r) => r.id as string));
	const cluster = await getClusterSettings(db);
	return eventsCalendar(
		rows.map(toView).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
		{ name: t('events_personal_calendar_name', { cluster: cluster.name, name: owner.name }), baseUrl, tentativeIds: tentative, cancelledIds: cancelled }
	);
}


/** The fields of an event as eventInput reads them: what PATCH starts from. */
function eventAsInput(e: EventRow): Record<string, unknown> {
	return {
		title: e.title,
		kindId: e.kindId,
		summary: e.summary,
		description: e.description,
		startsAt: e.startsAt,
		endsAt: e.endsAt,
		mode: e.mode,
		onlineUrl: e.onlineUrl,
		venue: e.venue,
		addressLine: e.addressLine,
		postalCode: e.postalCode,
		communeName: e.communeName,
		capacity: e.capacity,
		registrationOpensAt: e.registrationOpensAt,
		registrationClosesAt: e.registrationClosesAt,
		priceMember: e.priceMemberCents == null ? null : e.priceMemberCents / 100,
		priceNonMember: e.priceNonMemberCents == null ? null : e.priceNonMemberCents / 100,
		audience: e.audience,
		status: e.status,
		questions: e.questions,
		hasBusinessMeetings: e.hasBusinessMeetings
	};
}

/** Changes only the fields given (the API's PATCH); the others keep their value. */
export async function patchEvent(db: Db, actor: Actor, id: string, raw: Record<string, unknown>, ctx: MailContext): Promise<{ promoted: number }> {
	requireStaff(actor);
	const [current] = await db.select().from(events).where(eq(events.id, id));
	if (!current) throw new NotFoundError('event', id);
	return updateEvent(db, actor, id, { ...eventAsInput(current), ...raw }, ctx);
}

/** An event as the API returns it. */
export function eventJson(e: EventView) {
	const { registrationSeq: _seq, createdBy: _by, ...rest } = e;
	return rest;
}

/** A registration as the API returns it (the ticket's secret link stays out). */
export function registrationJson(r: RegistrationView) {
	return r;
}
