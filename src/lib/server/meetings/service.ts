// Business meetings on an event: the organiser sets slots and tables; confirmed registrants join as
// participants (what they offer and seek, when they are free), browse the catalogue, request meetings
// that the other side accepts or declines; the scheduler places the accepted ones (pinned meetings
// kept); each participant gets an agenda (page, .ics, PDF) and says afterwards whether the meeting may
// lead to business.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { isStaff, requireStaff, type Actor } from '../auth/actor';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { parseInput, optionalText } from '../validation';
import { events, eventRegistrations } from '../events/schema';
import { users } from '../auth/schema';
import { meetingFeedback, meetingParticipants, meetingRequests, meetings, meetingSettings, meetingSlots } from './schema';
import { schedule, ScheduleInputError, type ScheduleInput, type ScheduleStats } from './scheduler';
import { parisLocalToInstant } from '../dates';

const newId = () => crypto.randomUUID();

/** `(a, b, c)` for an IN list; `(null)` when empty, which matches nothing. */
const inList = (ids: string[]) => (ids.length ? sql`(${sql.join(ids.map((i) => sql`${i}`), sql`, `)})` : sql`(null)`);

export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'cancelled';
export const PRIORITIES = [1, 2, 3] as const;

// ---------------------------------------------------------------- the day and its settings

export interface SlotView {
	id: string;
	startsAt: Date;
	endsAt: Date;
}

export interface MeetingDay {
	eventId: string;
	title: string;
	slug: string;
	startsAt: Date;
	endsAt: Date;
	tables: number;
	requestsCloseAt: Date | null;
	/** Requests can still be sent and answered. */
	requestsOpen: boolean;
	published: boolean;
	slots: SlotView[];
	participants: number;
	requests: { pending: number; accepted: number; declined: number };
	scheduled: number;
	lastRun: ScheduleStats | null;
}

async function eventWithMeetings(db: Db, eventId: string) {
	const [ev] = await db.select().from(events).where(eq(events.id, eventId));
	if (!ev || !ev.hasBusinessMeetings) throw new NotFoundError('event', eventId);
	return ev;
}

/** The day as the organiser and participants see it; who may see it is checked by the callers below. */
export async function getMeetingDay(db: Db, actor: Actor, eventId: string): Promise<MeetingDay> {
	const ev = await eventWithMeetings(db, eventId);
	if (!isStaff(actor) && !(await myParticipant(db, actor, eventId)) && !(await myRegistration(db, actor, eventId))) throw new ForbiddenError();
	const [settings] = await db.select().from(meetingSettings).where(eq(meetingSettings.eventId, eventId));
	const slots = await db.select({ id: meetingSlots.id, startsAt: meetingSlots.startsAt, endsAt: meetingSlots.endsAt }).from(meetingSlots).where(eq(meetingSlots.eventId, eventId)).orderBy(asc(meetingSlots.startsAt));
	const [counts] = await queryRows<{ participants: number; pending: number; accepted: number; declined: number; scheduled: number }>(
		db,
		sql`select (select count(*)::int from meeting_participants where event_id = ${eventId}) as participants,
			(select count(*)::int from meeting_requests where event_id = ${eventId} and status = 'pending') as pending,
			(select count(*)::int from meeting_requests where event_id = ${eventId} and status = 'accepted') as accepted,
			(select count(*)::int from meeting_requests where event_id = ${eventId} and status = 'declined') as declined,
			(select count(*)::int from meetings where event_id = ${eventId}) as scheduled`
	);
	const closeAt = settings?.requestsCloseAt ?? null;
	return {
		eventId,
		title: ev.title,
		slug: ev.slug,
		startsAt: ev.startsAt,
		endsAt: ev.endsAt,
		tables: settings?.tables ?? 10,
		requestsCloseAt: closeAt,
		requestsOpen: !(closeAt && closeAt <= new Date()) && !(settings?.published ?? false) && ev.status === 'published',
		published: settings?.published ?? false,
		slots,
		participants: counts.participants,
		requests: { pending: counts.pending, accepted: counts.accepted, declined: counts.declined },
		scheduled: counts.scheduled,
		lastRun: settings?.lastRun ? (JSON.parse(settings.lastRun) as ScheduleStats) : null
	};
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'error_time' });
export const slotsInput = z
	.object({
		tables: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'error_number' }).int({ error: 'error_number' }).min(1, { error: 'error_tables' }).max(500, { error: 'error_tables' })),
		/** The day of the meetings (YYYY-MM-DD); the event's first day by default. */
		day: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'error_date' }).optional()),
		firstStart: hhmm,
		minutes: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'error_number' }).int().min(5, { error: 'error_minutes' }).max(240, { error: 'error_minutes' })),
		gap: z.preprocess((v) => (v === '' || v == null ? 0 : typeof v === 'string' ? Number(v) : v), z.number({ error: 'error_number' }).int().min(0).max(120, { error: 'error_minutes' })),
		count: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'error_number' }).int().min(1, { error: 'error_slot_count' }).max(64, { error: 'error_slot_count' })),
		breakStart: z.preprocess((v) => (v === '' ? undefined : v), hhmm.optional()),
		breakEnd: z.preprocess((v) => (v === '' ? undefined : v), hhmm.optional()),
		requestsCloseAt: z.preprocess((v) => (v === '' || v == null ? null : v), z.string().nullable()).transform((v, ctx) => {
			if (v === null) return null;
			const d = parisLocalToInstant(v);
			if (!d) ctx.addIssue({ code: 'custom', message: 'error_datetime' });
			return d;
		})
	})
	.superRefine((v, ctx) => {
		if ((v.breakStart && !v.breakEnd) || (!v.breakStart && v.breakEnd)) ctx.addIssue({ code: 'custom', path: [v.breakStart ? 'breakEnd' : 'breakStart'], message: 'error_required' });
		if (v.breakStart && v.breakEnd && v.breakEnd <= v.breakStart) ctx.addIssue({ code: 'custom', path: ['breakEnd'], message: 'error_ends_before_start' });
	});

/** The slots a setup makes: `count` meetings of `minutes`, `gap` minutes apart, none overlapping the break. */
export function generateSlots(day: string, input: Pick<z.output<typeof slotsInput>, 'firstStart' | 'minutes' | 'gap' | 'count' | 'breakStart' | 'breakEnd'>): { startsAt: Date; endsAt: Date }[] {
	const at = (time: string) => parisLocalToInstant(`${day}T${time}`)!;
	const out: { startsAt: Date; endsAt: Date }[] = [];
	let start = at(input.firstStart);
	const breakStart = input.breakStart ? at(input.breakStart) : null;
	const breakEnd = input.breakEnd ? at(input.breakEnd) : null;
	while (out.length < input.count) {
		let end = new Date(start.getTime() + input.minutes * 60_000);
		if (breakStart && breakEnd && start < breakEnd && end > breakStart) {
			start = breakEnd;
			end = new Date(start.getTime() + input.minutes * 60_000);
		}
		out.push({ startsAt: start, endsAt: end });
		start = new Date(end.getTime() + input.gap * 60_000);
	}
	return out;
}

/**
 * The organiser sets the tables and the slots. Slots whose times do not change keep their id and
 * their meetings; meetings in slots that disappear are removed (the organiser runs the scheduler again).
 */
export async function configureMeetingDay(db: Db, actor: Actor, eventId: string, raw: unknown): Promise<MeetingDay> {
	requireStaff(actor);
	const ev = await eventWithMeetings(db, eventId);
	const input = parseInput(slotsInput, raw);
	const day = input.day ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(ev.startsAt);
	const wanted = generateSlots(day, input);
	const last = wanted.at(-1)!;
	if (last.startsAt.toISOString().slice(0, 10) !== wanted[0].startsAt.toISOString().slice(0, 10) && last.endsAt.getTime() - wanted[0].startsAt.getTime() > 86_400_000)
		throw new InvalidError([{ path: 'count', message: 'error_slot_count' }]);
	await db.transaction(async (tx) => {
		await tx
			.insert(meetingSettings)
			.values({ eventId, tables: input.tables, requestsCloseAt: input.requestsCloseAt })
			.onConflictDoUpdate({ target: meetingSettings.eventId, set: { tables: input.tables, requestsCloseAt: input.requestsCloseAt, updatedAt: new Date() } });
		const existing = await tx.select().from(meetingSlots).where(eq(meetingSlots.eventId, eventId));
		const key = (s: { startsAt: Date; endsAt: Date }) => `${s.startsAt.getTime()}-${s.endsAt.getTime()}`;
		const keep = new Set(wanted.map(key));
		const gone = existing.filter((s) => !keep.has(key(s))).map((s) => s.id);
		if (gone.length) await tx.delete(meetingSlots).where(inArray(meetingSlots.id, gone));
		const have = new Set(existing.map(key));
		const fresh = wanted.filter((s) => !have.has(key(s)));
		if (fresh.length) await tx.insert(meetingSlots).values(fresh.map((s) => ({ id: newId(), eventId, ...s })));
		// Tables beyond the new count lose their meetings.
		await tx.delete(meetings).where(and(eq(meetings.eventId, eventId), sql`${meetings.tableNumber} > ${input.tables}`));
		// Participants lose the slots that disappear from their availability.
		for (const p of await tx.select().from(meetingParticipants).where(eq(meetingParticipants.eventId, eventId))) {
			if (!p.available || !p.available.some((id) => gone.includes(id))) continue;
			const left = p.available.filter((id) => !gone.includes(id));
			await tx.update(meetingParticipants).set({ available: left.length ? left : null }).where(eq(meetingParticipants.id, p.id));
		}
	});
	return getMeetingDay(db, actor, eventId);
}

export async function publishSchedule(db: Db, actor: Actor, eventId: string, published: boolean): Promise<void> {
	requireStaff(actor);
	await eventWithMeetings(db, eventId);
	await db
		.insert(meetingSettings)
		.values({ eventId, published })
		.onConflictDoUpdate({ target: meetingSettings.eventId, set: { published, updatedAt: new Date() } });
}

// ---------------------------------------------------------------- participants

async function actorEmail(db: Db, actor: Actor): Promise<string | null> {
	if (!actor.id) return null;
	const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.id));
	return u?.email.toLowerCase() ?? null;
}

/** The actor's confirmed registration to the event, if any. */
async function myRegistration(db: Db, actor: Actor, eventId: string) {
	const email = await actorEmail(db, actor);
	if (!actor.id) return null;
	const [r] = await db
		.select()
		.from(eventRegistrations)
		.where(
			and(
				eq(eventRegistrations.eventId, eventId),
				eq(eventRegistrations.status, 'confirmed'),
				email ? or(eq(eventRegistrations.userId, actor.id), eq(eventRegistrations.email, email)) : eq(eventRegistrations.userId, actor.id)
			)
		)
		.limit(1);
	return r ?? null;
}

export async function myParticipant(db: Db, actor: Actor, eventId: string) {
	const reg = await myRegistration(db, actor, eventId);
	if (!reg) return null;
	const [p] = await db.select().from(meetingParticipants).where(eq(meetingParticipants.registrationId, reg.id));
	return p ?? null;
}

export const participantInput = z.object({
	offers: optionalText(2000),
	seeks: optionalText(2000),
	/** Slot ids; absent or "all": every slot. */
	available: z.preprocess((v) => (v === 'all' || v == null ? null : Array.isArray(v) ? v : [v]), z.array(z.string().max(60)).max(64).nullable()),
	/** The team: the registration of the person who joins. */
	registrationId: z.string().max(60).optional()
});

/** Joins (or updates one's profile): a confirmed registrant for oneself, the team for anyone registered. */
export async function saveParticipant(db: Db, actor: Actor, eventId: string, raw: unknown): Promise<{ id: string }> {
	await eventWithMeetings(db, eventId);
	const input = parseInput(participantInput, raw);
	let reg;
	if (input.registrationId) {
		if (!isStaff(actor)) throw new ForbiddenError();
		[reg] = await db.select().from(eventRegistrations).where(and(eq(eventRegistrations.id, input.registrationId), eq(eventRegistrations.eventId, eventId)));
		if (!reg) throw new InvalidError([{ path: 'registrationId', message: 'error_invalid_choice' }]);
	} else {
		reg = await myRegistration(db, actor, eventId);
		if (!reg) throw new ConflictError('error_meetings_not_registered');
	}
	if (reg.status !== 'confirmed') throw new ConflictError('error_meetings_not_registered');
	if (input.available) {
		const slotIds = new Set((await db.select({ id: meetingSlots.id }).from(meetingSlots).where(eq(meetingSlots.eventId, eventId))).map((s) => s.id));
		const bad = input.available.findIndex((id) => !slotIds.has(id));
		if (bad >= 0) throw new InvalidError([{ path: `available.${bad}`, message: 'error_invalid_choice' }]);
		if (input.available.length === 0) throw new InvalidError([{ path: 'available', message: 'error_meetings_no_slot' }]);
	}
	const values = { offers: input.offers, seeks: input.seeks, available: input.available, organizationId: reg.organizationId, updatedAt: new Date() };
	const [row] = await db
		.insert(meetingParticipants)
		.values({ id: newId(), eventId, registrationId: reg.id, ...values })
		.onConflictDoUpdate({ target: meetingParticipants.registrationId, set: values })
		.returning({ id: meetingParticipants.id });
	// Meetings in slots the participant no longer attends are dropped (the scheduler places them again).
	if (input.available)
		await db.execute(sql`delete from meetings m using meeting_requests r where m.request_id = r.id and m.event_id = ${eventId}
			and (r.from_id = ${row.id} or r.to_id = ${row.id}) and m.slot_id not in ${inList(input.available)}`);
	return row;
}

/** The registrations that already joined the meetings (the team's "add a participant" offers the others). */
export async function participantRegistrationIds(db: Db, actor: Actor, eventId: string): Promise<Set<string>> {
	requireStaff(actor);
	const rows = await db.select({ id: meetingParticipants.registrationId }).from(meetingParticipants).where(eq(meetingParticipants.eventId, eventId));
	return new Set(rows.map((r) => r.id));
}

export interface ParticipantView {
	id: string;
	name: string;
	organizationName: string | null;
	organizationId: string | null;
	/** The organization's public page, when it has one. */
	showcaseSlug: string | null;
	offers: string | null;
	seeks: string | null;
	available: string[] | null;
	/** The request between the viewer and this participant, if any. */
	sent: { id: string; status: RequestStatus } | null;
	received: { id: string; status: RequestStatus } | null;
}

/** The catalogue of participants, for the team and for participants. */
export async function listParticipants(db: Db, actor: Actor, eventId: string, opts: { q?: string } = {}): Promise<ParticipantView[]> {
	await eventWithMeetings(db, eventId);
	const me = isStaff(actor) ? null : await myParticipant(db, actor, eventId);
	if (!isStaff(actor) && !me) throw new ForbiddenError();
	const like = opts.q?.trim() ? `%${opts.q.trim().replace(/[%_\\]/g, (c) => '\\' + c)}%` : null;
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select p.id, r.name, coalesce(o.name, r.organization_name) as organization_name, p.organization_id, d.slug as showcase_slug, p.offers, p.seeks, p.available,
				s.id as sent_id, s.status as sent_status, v.id as received_id, v.status as received_status
			from meeting_participants p join event_registrations r on r.id = p.registration_id
			left join organizations o on o.id = p.organization_id
			left join directory_entries d on d.organization_id = p.organization_id
			left join meeting_requests s on s.from_id = ${me?.id ?? ''} and s.to_id = p.id and s.status <> 'cancelled'
			left join meeting_requests v on v.to_id = ${me?.id ?? ''} and v.from_id = p.id and v.status <> 'cancelled'
			where p.event_id = ${eventId} and r.status = 'confirmed'
			${like ? sql`and (r.name ilike ${like} or o.name ilike ${like} or r.organization_name ilike ${like} or p.offers ilike ${like} or p.seeks ilike ${like})` : sql``}
			order by coalesce(o.name, r.organization_name, r.name), r.name`
	);
	return rows.map((r) => ({
		id: r.id as string,
		name: r.name as string,
		organizationName: (r.organization_name as string) ?? null,
		organizationId: (r.organization_id as string) ?? null,
		showcaseSlug: (r.showcase_slug as string) ?? null,
		offers: (r.offers as string) ?? null,
		seeks: (r.seeks as string) ?? null,
		available: (r.available as string[]) ?? null,
		sent: r.sent_id ? { id: r.sent_id as string, status: r.sent_status as RequestStatus } : null,
		received: r.received_id ? { id: r.received_id as string, status: r.received_status as RequestStatus } : null
	}));
}

// ---------------------------------------------------------------- requests

export const requestInput = z.object({
	to: z.string({ error: 'error_required' }).min(1, { error: 'error_required' }).max(60),
	message: optionalText(1000),
	priority: z.preprocess((v) => (v === '' || v == null ? 2 : typeof v === 'string' ? Number(v) : v), z.number({ error: 'error_invalid_choice' }).int().min(1, { error: 'error_invalid_choice' }).max(3, { error: 'error_invalid_choice' }))
});

async function requireOpen(db: Db, actor: Actor, eventId: string) {
	const day = await getMeetingDay(db, actor, eventId);
	if (!day.requestsOpen && !isStaff(actor)) throw new ConflictError('error_meetings_requests_closed');
}

/**
 * A participant asks another for a meeting. When the other had already asked, both requests are
 * accepted at once (mutual interest weighs more in the schedule).
 */
export async function sendMeetingRequest(db: Db, actor: Actor, eventId: string, raw: unknown): Promise<{ id: string; status: RequestStatus }> {
	const input = parseInput(requestInput, raw);
	const me = await myParticipant(db, actor, eventId);
	if (!me) throw new ForbiddenError();
	await requireOpen(db, actor, eventId);
	if (input.to === me.id) throw new InvalidError([{ path: 'to', message: 'error_meetings_self' }]);
	const [target] = await db.select().from(meetingParticipants).where(and(eq(meetingParticipants.id, input.to), eq(meetingParticipants.eventId, eventId)));
	if (!target) throw new InvalidError([{ path: 'to', message: 'error_invalid_choice' }]);
	return db.transaction(async (tx) => {
		const [already] = await tx.select().from(meetingRequests).where(and(eq(meetingRequests.fromId, me.id), eq(meetingRequests.toId, target.id), sql`${meetingRequests.status} <> 'cancelled'`));
		if (already) return { id: already.id, status: already.status as RequestStatus };
		const [reverse] = await tx
			.select()
			.from(meetingRequests)
			.where(and(eq(meetingRequests.fromId, target.id), eq(meetingRequests.toId, me.id), inArray(meetingRequests.status, ['pending', 'accepted'])));
		const status: RequestStatus = reverse ? 'accepted' : 'pending';
		const id = newId();
		await tx.insert(meetingRequests).values({ id, eventId, fromId: me.id, toId: target.id, message: input.message, priority: input.priority, status, decidedAt: reverse ? new Date() : null });
		if (reverse && reverse.status === 'pending') await tx.update(meetingRequests).set({ status: 'accepted', decidedAt: new Date() }).where(eq(meetingRequests.id, reverse.id));
		return { id, status };
	});
}

/** The person asked accepts or declines (the team may too). */
export async function decideMeetingRequest(db: Db, actor: Actor, requestId: string, decision: 'accept' | 'decline'): Promise<void> {
	const [req] = await db.select().from(meetingRequests).where(eq(meetingRequests.id, requestId));
	if (!req) throw new NotFoundError('meeting request', requestId);
	if (!isStaff(actor)) {
		const me = await myParticipant(db, actor, req.eventId);
		if (!me || me.id !== req.toId) throw new ForbiddenError();
		await requireOpen(db, actor, req.eventId);
	}
	if (req.status === 'cancelled') throw new ConflictError('error_meetings_request_cancelled');
	await db.transaction(async (tx) => {
		await tx.update(meetingRequests).set({ status: decision === 'accept' ? 'accepted' : 'declined', decidedAt: new Date() }).where(eq(meetingRequests.id, requestId));
		if (decision === 'decline') await tx.delete(meetings).where(eq(meetings.requestId, requestId));
	});
}

/** The requester withdraws; a scheduled meeting goes with it. */
export async function cancelMeetingRequest(db: Db, actor: Actor, requestId: string): Promise<void> {
	const [req] = await db.select().from(meetingRequests).where(eq(meetingRequests.id, requestId));
	if (!req) throw new NotFoundError('meeting request', requestId);
	if (!isStaff(actor)) {
		const me = await myParticipant(db, actor, req.eventId);
		if (!me || me.id !== req.fromId) throw new ForbiddenError();
	}
	await db.transaction(async (tx) => {
		await tx.update(meetingRequests).set({ status: 'cancelled', decidedAt: new Date() }).where(eq(meetingRequests.id, requestId));
		await tx.delete(meetings).where(eq(meetings.requestId, requestId));
	});
}

export interface RequestView {
	id: string;
	fromId: string;
	toId: string;
	fromName: string;
	fromOrganization: string | null;
	toName: string;
	toOrganization: string | null;
	message: string | null;
	priority: number;
	status: RequestStatus;
	createdAt: Date;
}

/** Requests of the event (team) or the actor's own, sent and received. */
export async function listMeetingRequests(db: Db, actor: Actor, eventId: string): Promise<RequestView[]> {
	await eventWithMeetings(db, eventId);
	const me = isStaff(actor) ? null : await myParticipant(db, actor, eventId);
	if (!isStaff(actor) && !me) throw new ForbiddenError();
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select q.id, q.from_id, q.to_id, q.message, q.priority, q.status, q.created_at,
				rf.name as from_name, coalesce(of.name, rf.organization_name) as from_org, rt.name as to_name, coalesce(ot.name, rt.organization_name) as to_org
			from meeting_requests q
			join meeting_participants pf on pf.id = q.from_id join event_registrations rf on rf.id = pf.registration_id left join organizations of on of.id = pf.organization_id
			join meeting_participants pt on pt.id = q.to_id join event_registrations rt on rt.id = pt.registration_id left join organizations ot on ot.id = pt.organization_id
			where q.event_id = ${eventId} and q.status <> 'cancelled' ${me ? sql`and (q.from_id = ${me.id} or q.to_id = ${me.id})` : sql``}
			order by q.created_at`
	);
	return rows.map((r) => ({
		id: r.id as string,
		fromId: r.from_id as string,
		toId: r.to_id as string,
		fromName: r.from_name as string,
		fromOrganization: (r.from_org as string) ?? null,
		toName: r.to_name as string,
		toOrganization: (r.to_org as string) ?? null,
		message: (r.message as string) ?? null,
		priority: Number(r.priority),
		status: r.status as RequestStatus,
		createdAt: new Date(String(r.created_at))
	}));
}

// ---------------------------------------------------------------- the schedule

/**
 * What the scheduler is given: each pair with accepted requests is one candidate meeting, weighing
 * the requesters' priorities, plus one when both asked (mutual interest); pinned meetings are fixed.
 */
export async function scheduleInputOf(db: Db, eventId: string): Promise<{ input: ScheduleInput; pairOf: Map<string, string[]> }> {
	const [settings] = await db.select().from(meetingSettings).where(eq(meetingSettings.eventId, eventId));
	const slots = await db.select().from(meetingSlots).where(eq(meetingSlots.eventId, eventId)).orderBy(asc(meetingSlots.startsAt));
	const participants = await queryRows<{ id: string; available: string[] | null }>(
		db,
		sql`select p.id, p.available from meeting_participants p join event_registrations r on r.id = p.registration_id where p.event_id = ${eventId} and r.status = 'confirmed' order by p.created_at, p.id`
	);
	const present = new Set(participants.map((p) => p.id));
	const accepted = (await db.select().from(meetingRequests).where(and(eq(meetingRequests.eventId, eventId), eq(meetingRequests.status, 'accepted'))).orderBy(asc(meetingRequests.createdAt), asc(meetingRequests.id))).filter(
		(r) => present.has(r.fromId) && present.has(r.toId)
	);
	const pairs = new Map<string, typeof accepted>();
	for (const r of accepted) {
		const key = [r.fromId, r.toId].sort().join('|');
		pairs.set(key, [...(pairs.get(key) ?? []), r]);
	}
	const pairOf = new Map<string, string[]>();
	const requests = [...pairs.values()].map((list) => {
		const first = list[0];
		pairOf.set(first.id, list.map((r) => r.id));
		const weight = list.reduce((s, r) => s + r.priority, 0) + (list.length > 1 ? 1 : 0);
		return { id: first.id, from: first.fromId, to: first.toId, weight };
	});
	const requestIdOf = new Map<string, string>();
	for (const [id, all] of pairOf) for (const x of all) requestIdOf.set(x, id);
	const pinned = await db.select().from(meetings).where(and(eq(meetings.eventId, eventId), eq(meetings.pinned, true)));
	const fixed = pinned.filter((m) => requestIdOf.has(m.requestId)).map((m) => ({ request: requestIdOf.get(m.requestId)!, slot: m.slotId, table: m.tableNumber }));
	return {
		input: {
			slots: slots.map((s) => ({ id: s.id, start: s.startsAt.toISOString(), end: s.endsAt.toISOString() })),
			tables: settings?.tables ?? 10,
			participants: participants.map((p) => (p.available ? { id: p.id, available: p.available } : { id: p.id })),
			requests,
			fixed
		},
		pairOf
	};
}

/** Runs the scheduler: pinned meetings stay, every other meeting is placed again. */
export async function runScheduler(db: Db, actor: Actor, eventId: string): Promise<ScheduleStats> {
	requireStaff(actor);
	await eventWithMeetings(db, eventId);
	const { input } = await scheduleInputOf(db, eventId);
	if (!input.slots.length) throw new ConflictError('error_meetings_no_slots');
	// Pinned meetings come back from the scheduler where they were (still pinned); those whose request is
	// no longer accepted, or whose participant left, are not in the input and disappear.
	const pinned = new Set(input.fixed?.map((f) => f.request));
	let result;
	try {
		result = schedule(input, { timeLimitMs: 20_000 });
	} catch (e) {
		// Pinned meetings that no longer fit (a participant's availability changed under them): say so.
		if (e instanceof ScheduleInputError) throw new ConflictError('error_meetings_pins_invalid', { detail: e.issues.map((i) => i.message).join('; ').slice(0, 300) });
		throw e;
	}
	await db.transaction(async (tx) => {
		await tx.delete(meetings).where(eq(meetings.eventId, eventId));
		if (result.meetings.length)
			await tx.insert(meetings).values(result.meetings.map((m) => ({ id: newId(), eventId, requestId: m.request, slotId: m.slot, tableNumber: m.table, pinned: pinned.has(m.request) })));
		await tx
			.insert(meetingSettings)
			.values({ eventId, lastRun: JSON.stringify(result.stats) })
			.onConflictDoUpdate({ target: meetingSettings.eventId, set: { lastRun: JSON.stringify(result.stats), updatedAt: new Date() } });
	});
	return result.stats;
}

export const placeInput = z.object({
	requestId: z.string().min(1).max(60),
	slotId: z.string({ error: 'error_required' }).min(1, { error: 'error_required' }).max(60),
	table: z.preprocess((v) => (v === '' || v == null ? undefined : typeof v === 'string' ? Number(v) : v), z.number({ error: 'error_number' }).int().min(1, { error: 'error_tables' }).optional())
});

/**
 * The organiser places (or moves) a meeting by hand: it is pinned there. Refused, naming the field,
 * when a participant is not available then, already meets someone, or the table is taken.
 */
export async function placeMeeting(db: Db, actor: Actor, eventId: string, raw: unknown): Promise<{ id: string; table: number }> {
	requireStaff(actor);
	const input = parseInput(placeInput, raw);
	const { input: problem, pairOf } = await scheduleInputOf(db, eventId);
	const requestId = [...pairOf].find(([, all]) => all.includes(input.requestId))?.[0];
	const request = problem.requests.find((r) => r.id === requestId);
	if (!request) throw new InvalidError([{ path: 'requestId', message: 'error_meetings_not_accepted' }]);
	if (!problem.slots.some((s) => s.id === input.slotId)) throw new InvalidError([{ path: 'slotId', message: 'error_invalid_choice' }]);
	if (input.table && input.table > problem.tables) throw new InvalidError([{ path: 'table', message: 'error_tables' }]);
	for (const who of [request.from, request.to]) {
		const p = problem.participants.find((x) => x.id === who);
		if (p?.available && !p.available.includes(input.slotId)) throw new InvalidError([{ path: 'slotId', message: 'error_meetings_unavailable' }]);
	}
	return db.transaction(async (tx) => {
		const inSlot = await queryRows<{ id: string; request_id: string; table_number: number; from_id: string; to_id: string }>(
			tx,
			sql`select m.id, m.request_id, m.table_number, r.from_id, r.to_id from meetings m join meeting_requests r on r.id = m.request_id where m.slot_id = ${input.slotId}`
		);
		const others = inSlot.filter((m) => m.request_id !== requestId);
		if (others.some((m) => [m.from_id, m.to_id].some((x) => x === request.from || x === request.to))) throw new InvalidError([{ path: 'slotId', message: 'error_meetings_busy' }]);
		const taken = new Set(others.map((m) => m.table_number));
		let table = input.table;
		if (table && taken.has(table)) throw new InvalidError([{ path: 'table', message: 'error_meetings_table_taken' }]);
		if (!table) {
			table = 1;
			while (taken.has(table)) table++;
			if (table > problem.tables) throw new InvalidError([{ path: 'slotId', message: 'error_meetings_slot_full' }]);
		}
		await tx.delete(meetings).where(eq(meetings.requestId, requestId!));
		const id = newId();
		await tx.insert(meetings).values({ id, eventId, requestId: requestId!, slotId: input.slotId, tableNumber: table, pinned: true });
		return { id, table };
	});
}

export async function setMeetingPinned(db: Db, actor: Actor, eventId: string, meetingId: string, pinned: boolean): Promise<void> {
	requireStaff(actor);
	const done = await db.update(meetings).set({ pinned }).where(and(eq(meetings.id, meetingId), eq(meetings.eventId, eventId))).returning({ id: meetings.id });
	if (!done.length) throw new NotFoundError('meeting', meetingId);
}

export async function removeMeeting(db: Db, actor: Actor, eventId: string, meetingId: string): Promise<void> {
	requireStaff(actor);
	await db.delete(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.eventId, eventId)));
}

export interface MeetingView {
	id: string;
	requestId: string;
	slotId: string;
	startsAt: Date;
	endsAt: Date;
	table: number;
	pinned: boolean;
	a: { id: string; name: string; organization: string | null };
	b: { id: string; name: string; organization: string | null };
	message: string | null;
}

async function meetingRows(db: Db, eventId: string, participantId?: string): Promise<MeetingView[]> {
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select m.id, m.request_id, m.slot_id, s.starts_at, s.ends_at, m.table_number, m.pinned, q.message,
				q.from_id, rf.name as from_name, coalesce(of.name, rf.organization_name) as from_org,
				q.to_id, rt.name as to_name, coalesce(ot.name, rt.organization_name) as to_org
			from meetings m join meeting_slots s on s.id = m.slot_id join meeting_requests q on q.id = m.request_id
			join meeting_participants pf on pf.id = q.from_id join event_registrations rf on rf.id = pf.registration_id left join organizations of on of.id = pf.organization_id
			join meeting_participants pt on pt.id = q.to_id join event_registrations rt on rt.id = pt.registration_id left join organizations ot on ot.id = pt.organization_id
			where m.event_id = ${eventId} ${participantId ? sql`and (q.from_id = ${participantId} or q.to_id = ${participantId})` : sql``}
			order by s.starts_at, m.table_number`
	);
	return rows.map((r) => ({
		id: r.id as string,
		requestId: r.request_id as string,
		slotId: r.slot_id as string,
		startsAt: new Date(String(r.starts_at)),
		endsAt: new Date(String(r.ends_at)),
		table: Number(r.table_number),
		pinned: Boolean(r.pinned),
		message: (r.message as string) ?? null,
		a: { id: r.from_id as string, name: r.from_name as string, organization: (r.from_org as string) ?? null },
		b: { id: r.to_id as string, name: r.to_name as string, organization: (r.to_org as string) ?? null }
	}));
}

/** The whole schedule (team): every meeting by slot and table. */
export async function listMeetings(db: Db, actor: Actor, eventId: string): Promise<MeetingView[]> {
	requireStaff(actor);
	return meetingRows(db, eventId);
}

export interface AgendaItem {
	meetingId: string;
	requestId: string;
	startsAt: Date;
	endsAt: Date;
	table: number;
	with: { id: string; name: string; organization: string | null };
	message: string | null;
	feedback: { happened: boolean; business: string | null; comment: string | null } | null;
}

/**
 * A participant's agenda: their meetings in time order (once the schedule is published; the team
 * sees any participant's at any time).
 */
export async function agendaOf(db: Db, actor: Actor, eventId: string, participantId?: string): Promise<{ participant: { id: string; name: string; organization: string | null }; items: AgendaItem[]; published: boolean }> {
	await eventWithMeetings(db, eventId);
	let pid = participantId;
	if (isStaff(actor) && !pid) pid = (await myParticipant(db, actor, eventId))?.id;
	if (!isStaff(actor)) {
		const me = await myParticipant(db, actor, eventId);
		if (!me || (pid && pid !== me.id)) throw new ForbiddenError();
		pid = me.id;
	}
	if (!pid) throw new NotFoundError('participant');
	const [who] = await queryRows<{ name: string; organization: string | null }>(
		db,
		sql`select r.name, coalesce(o.name, r.organization_name) as organization from meeting_participants p join event_registrations r on r.id = p.registration_id left join organizations o on o.id = p.organization_id where p.id = ${pid} and p.event_id = ${eventId}`
	);
	if (!who) throw new NotFoundError('participant', pid);
	const [settings] = await db.select().from(meetingSettings).where(eq(meetingSettings.eventId, eventId));
	const published = settings?.published ?? false;
	if (!published && !isStaff(actor)) return { participant: { id: pid, ...who }, items: [], published };
	const rows = await meetingRows(db, eventId, pid);
	const feedback = await db
		.select()
		.from(meetingFeedback)
		.where(and(eq(meetingFeedback.participantId, pid), rows.length ? inArray(meetingFeedback.meetingId, rows.map((r) => r.id)) : sql`false`));
	return {
		participant: { id: pid, ...who },
		published,
		items: rows.map((m) => {
			const f = feedback.find((x) => x.meetingId === m.id);
			return {
				meetingId: m.id,
				requestId: m.requestId,
				startsAt: m.startsAt,
				endsAt: m.endsAt,
				table: m.table,
				with: m.a.id === pid ? m.b : m.a,
				message: m.message,
				feedback: f ? { happened: f.happened, business: f.business, comment: f.comment } : null
			};
		})
	};
}

// ---------------------------------------------------------------- feedback and reporting

export const feedbackInput = z.object({
	happened: z.preprocess((v) => (v === 'yes' || v === 'true' || v === true ? true : v === 'no' || v === 'false' || v === false ? false : v), z.boolean({ error: 'error_required' })),
	business: z.preprocess((v) => (v === '' || v == null ? null : v), z.enum(['yes', 'maybe', 'no'], { error: 'error_invalid_choice' }).nullable()),
	comment: optionalText(1000)
});

/** One side of a meeting says whether it took place and whether it may lead to business. */
export async function saveMeetingFeedback(db: Db, actor: Actor, meetingId: string, raw: unknown): Promise<void> {
	const input = parseInput(feedbackInput, raw);
	const [m] = await queryRows<{ event_id: string; from_id: string; to_id: string; starts_at: Date }>(
		db,
		sql`select m.event_id, q.from_id, q.to_id, s.starts_at from meetings m join meeting_requests q on q.id = m.request_id join meeting_slots s on s.id = m.slot_id where m.id = ${meetingId}`
	);
	if (!m) throw new NotFoundError('meeting', meetingId);
	const me = await myParticipant(db, actor, m.event_id);
	if (!me || (me.id !== m.from_id && me.id !== m.to_id)) throw new ForbiddenError();
	if (new Date(String(m.starts_at)) > new Date()) throw new ConflictError('error_meetings_feedback_early');
	const values = { happened: input.happened, business: input.happened ? input.business : null, comment: input.comment };
	await db
		.insert(meetingFeedback)
		.values({ id: newId(), meetingId, participantId: me.id, ...values })
		.onConflictDoUpdate({ target: [meetingFeedback.meetingId, meetingFeedback.participantId], set: values });
}

/** The cluster's figures for a business-meeting day: what was asked, placed, held, and what may lead to business. */
export async function meetingReport(db: Db, actor: Actor, eventId: string) {
	requireStaff(actor);
	const [r] = await queryRows<{
		participants: number;
		requests: number;
		accepted: number;
		declined: number;
		scheduled: number;
		answered: number;
		held: number;
		business_yes: number;
		business_maybe: number;
		business_no: number;
	}>(
		db,
		sql`select (select count(*)::int from meeting_participants where event_id = ${eventId}) as participants,
			(select count(*)::int from meeting_requests where event_id = ${eventId} and status <> 'cancelled') as requests,
			(select count(*)::int from meeting_requests where event_id = ${eventId} and status = 'accepted') as accepted,
			(select count(*)::int from meeting_requests where event_id = ${eventId} and status = 'declined') as declined,
			(select count(*)::int from meetings where event_id = ${eventId}) as scheduled,
			(select count(distinct f.meeting_id)::int from meeting_feedback f join meetings m on m.id = f.meeting_id where m.event_id = ${eventId}) as answered,
			(select count(distinct f.meeting_id)::int from meeting_feedback f join meetings m on m.id = f.meeting_id where m.event_id = ${eventId} and f.happened) as held,
			(select count(distinct f.meeting_id)::int from meeting_feedback f join meetings m on m.id = f.meeting_id where m.event_id = ${eventId} and f.business = 'yes') as business_yes,
			(select count(distinct f.meeting_id)::int from meeting_feedback f join meetings m on m.id = f.meeting_id where m.event_id = ${eventId} and f.business = 'maybe') as business_maybe,
			(select count(distinct f.meeting_id)::int from meeting_feedback f join meetings m on m.id = f.meeting_id where m.event_id = ${eventId} and f.business = 'no') as business_no`
	);
	return r;
}
