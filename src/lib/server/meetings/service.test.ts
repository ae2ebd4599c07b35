// Business meetings on a real engine: the organiser's slots, participants and their requests, the
// schedule (every rule kept, pinned meetings kept), moves refused with a reason, agendas, feedback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { actorFor, makeOrganization, makeTeamUser } from '../testing/factories';
import { createUser } from '../auth/users';
import { createEvent, registerForEvent } from '../events/service';
import {
	agendaOf,
	cancelMeetingRequest,
	configureMeetingDay,
	decideMeetingRequest,
	generateSlots,
	getMeetingDay,
	listMeetingRequests,
	listMeetings,
	listParticipants,
	meetingReport,
	placeMeeting,
	publishSchedule,
	runScheduler,
	saveMeetingFeedback,
	saveParticipant,
	scheduleInputOf,
	sendMeetingRequest,
	setMeetingPinned
} from './service';

let database: Database;
let db: Db;
let team: Actor;
let eventId: string;
const people: { actor: Actor; participantId: string; name: string }[] = [];
const ctx = { baseUrl: 'https://grappe.example', locale: 'fr' as const };

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	team = (await makeTeamUser(db)).actor;
	const start = new Date(Date.now() + 30 * 86_400_000);
	const day = start.toISOString().slice(0, 10);
	({ id: eventId } = await createEvent(db, team, {
		title: 'Rencontres d’affaires',
		kindId: 'business_meetings',
		startsAt: `${day}T08:30`,
		endsAt: `${day}T18:00`,
		audience: 'members',
		status: 'published',
		hasBusinessMeetings: true
	}));
	for (let i = 0; i < 8; i++) {
		const org = await makeOrganization(db, { name: `Entreprise ${String.fromCharCode(65 + i)}`, status: 'member' });
		const user = await createUser(db, { email: `rdv.${i}@exemple.fr`, name: `Personne ${i}`, role: 'member', organizationId: org.id });
		const actor = actorFor(user);
		await registerForEvent(db, actor, eventId, { name: `Personne ${i}`, email: `rdv.${i}@exemple.fr` }, ctx);
		people.push({ actor, participantId: '', name: `Personne ${i}` });
	}
});
afterAll(async () => database?.close());

describe('the organiser', () => {
	it('makes slots around the break, in France time, and keeps unchanged slots when editing', async () => {
		const slots = generateSlots('2031-03-05', { firstStart: '09:00', minutes: 20, gap: 5, count: 10, breakStart: '12:00', breakEnd: '13:30' });
		expect(slots.map((s) => s.startsAt.toISOString().slice(11, 16))).toEqual(['08:00', '08:25', '08:50', '09:15', '09:40', '10:05', '10:30', '12:30', '12:55', '13:20']);
		await expect(configureMeetingDay(db, people[0].actor, eventId, { tables: 3, firstStart: '09:00', minutes: 20, count: 4 })).rejects.toBeInstanceOf(ForbiddenError);
		const bad = await configureMeetingDay(db, team, eventId, { tables: 0, firstStart: '9h', minutes: 20, count: 4 }).catch((e) => e);
		expect((bad as InvalidError).issues.map((i) => i.path).sort()).toEqual(['firstStart', 'tables']);
		const day = await configureMeetingDay(db, team, eventId, { tables: 2, firstStart: '09:00', minutes: 20, gap: 5, count: 4 });
		expect(day.slots).toHaveLength(4);
		const again = await configureMeetingDay(db, team, eventId, { tables: 2, firstStart: '09:00', minutes: 20, gap: 5, count: 5 });
		expect(again.slots.slice(0, 4).map((s) => s.id)).toEqual(day.slots.map((s) => s.id));
		const back = await configureMeetingDay(db, team, eventId, { tables: 2, firstStart: '09:00', minutes: 20, gap: 5, count: 3 });
		expect(back.slots).toHaveLength(3);
	});
});

describe('participants and requests', () => {
	it('lets confirmed registrants join with what they offer and seek, and when they are free', async () => {
		const day = await getMeetingDay(db, team, eventId);
		for (const [i, p] of people.entries()) {
			// Person 7 is only there for the first slot.
			const { id } = await saveParticipant(db, p.actor, eventId, { offers: `Offre ${i}`, seeks: `Besoin ${i}`, available: i === 7 ? [day.slots[0].id] : 'all' });
			p.participantId = id;
		}
		const outsider = actorFor(await createUser(db, { email: 'pas.inscrit@exemple.fr', name: 'Pas inscrit', role: 'member', organizationId: (await makeOrganization(db, { status: 'member' })).id }));
		await expect(saveParticipant(db, outsider, eventId, { offers: 'x' })).rejects.toMatchObject({ messageKey: 'error_meetings_not_registered' });
		await expect(listParticipants(db, outsider, eventId)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(saveParticipant(db, people[0].actor, eventId, { available: ['nope'] })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'available.0' })] });
		const catalogue = await listParticipants(db, people[0].actor, eventId, { q: 'offre 3' });
		expect(catalogue.map((c) => c.name)).toEqual(['Personne 3']);
		expect(catalogue[0]).toMatchObject({ organizationName: 'Entreprise D', seeks: 'Besoin 3' });
	});

	it('sends, accepts and declines requests; a request both ways is accepted at once', async () => {
		const [p0, p1, p2] = people;
		await expect(sendMeetingRequest(db, p0.actor, eventId, { to: p0.participantId })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'to', message: 'error_meetings_self' })] });
		const r01 = await sendMeetingRequest(db, p0.actor, eventId, { to: p1.participantId, message: 'Parlons charpente', priority: 3 });
		expect(r01.status).toBe('pending');
		// Sending twice gives the same request.
		expect((await sendMeetingRequest(db, p0.actor, eventId, { to: p1.participantId })).id).toBe(r01.id);
		await expect(decideMeetingRequest(db, p2.actor, r01.id, 'accept')).rejects.toBeInstanceOf(ForbiddenError);
		await decideMeetingRequest(db, p1.actor, r01.id, 'accept');
		const r20 = await sendMeetingRequest(db, p2.actor, eventId, { to: p0.participantId });
		await decideMeetingRequest(db, p0.actor, r20.id, 'decline');
		const r12 = await sendMeetingRequest(db, p1.actor, eventId, { to: p2.participantId, priority: 1 });
		const r21 = await sendMeetingRequest(db, p2.actor, eventId, { to: p1.participantId, priority: 2 });
		expect(r21.status).toBe('accepted');
		const mine = await listMeetingRequests(db, p1.actor, eventId);
		expect(mine.find((r) => r.id === r12.id)?.status).toBe('accepted');
		expect(mine.every((r) => r.fromId === p1.participantId || r.toId === p1.participantId)).toBe(true);
		// The mutual pair is one candidate, weighing both priorities plus one.
		const { input } = await scheduleInputOf(db, eventId);
		const pair = input.requests.find((r) => [r.from, r.to].sort().join() === [p1.participantId, p2.participantId].sort().join());
		expect(pair?.weight).toBe(1 + 2 + 1);
		expect(input.requests.find((r) => r.id === r01.id)?.weight).toBe(3);
		expect(input.requests.some((r) => r.id === r20.id)).toBe(false);
	});
});

describe('the schedule', () => {
	it('places every accepted meeting it can, within availability and tables, and keeps pinned ones', async () => {
		// Everybody wants to meet person 7, who is there for one slot only; two tables per slot.
		for (const p of people.slice(3, 7)) {
			const r = await sendMeetingRequest(db, p.actor, eventId, { to: people[7].participantId, priority: Number(p.name.slice(-1)) % 3 + 1 });
			await decideMeetingRequest(db, people[7].actor, r.id, 'accept');
		}
		for (const [a, b] of [[3, 4], [4, 5], [5, 6], [6, 3], [0, 4]]) {
			const r = await sendMeetingRequest(db, people[a].actor, eventId, { to: people[b].participantId });
			await decideMeetingRequest(db, people[b].actor, r.id, 'accept');
		}
		await expect(runScheduler(db, people[0].actor, eventId)).rejects.toBeInstanceOf(ForbiddenError);
		const stats = await runScheduler(db, team, eventId);
		expect(stats.optimal).toBe(true);
		const all = await listMeetings(db, team, eventId);
		const { input } = await scheduleInputOf(db, eventId);
		// Every rule: a participant once per slot, available, at most 2 tables, distinct tables.
		const bySlot = new Map<string, typeof all>();
		for (const m of all) bySlot.set(m.slotId, [...(bySlot.get(m.slotId) ?? []), m]);
		for (const [slot, list] of bySlot) {
			expect(list.length).toBeLessThanOrEqual(2);
			expect(new Set(list.map((m) => m.table)).size).toBe(list.length);
			const who = list.flatMap((m) => [m.a.id, m.b.id]);
			expect(new Set(who).size).toBe(who.length);
			for (const id of who) {
				const p = input.participants.find((x) => x.id === id)!;
				if (p.available) expect(p.available).toContain(slot);
			}
		}
		// Person 7 meets exactly one of its four requesters: the heaviest.
		expect(all.filter((m) => m.a.id === people[7].participantId || m.b.id === people[7].participantId)).toHaveLength(1);
		expect(stats.weight).toBe(stats.upperBound);

		// Pin one meeting, run again: it stays where it was.
		const pinned = all[0];
		await expect(setMeetingPinned(db, team, 'another-event', pinned.id, true)).rejects.toBeInstanceOf(NotFoundError);
		await setMeetingPinned(db, team, eventId, pinned.id, true);
		await runScheduler(db, team, eventId);
		const after = await listMeetings(db, team, eventId);
		expect(after.find((m) => m.requestId === pinned.requestId)).toMatchObject({ slotId: pinned.slotId, table: pinned.table, pinned: true });
	});

	it('moves a meeting by hand, refusing a slot where someone is busy or absent, and pins it', async () => {
		const day = await getMeetingDay(db, team, eventId);
		const all = await listMeetings(db, team, eventId);
		const withSeven = all.find((m) => m.a.id === people[7].participantId || m.b.id === people[7].participantId)!;
		await expect(placeMeeting(db, team, eventId, { requestId: withSeven.requestId, slotId: day.slots[1].id })).rejects.toMatchObject({
			issues: [expect.objectContaining({ path: 'slotId', message: 'error_meetings_unavailable' })]
		});
		// Person 4 has several meetings: moving one into the slot of another is refused.
		const four = people[4].participantId;
		const m = all.find((x) => x.id !== withSeven.id && (x.a.id === four || x.b.id === four))!;
		const busySlot = all.find((x) => x.slotId !== m.slotId && [x.a.id, x.b.id].some((id) => id === m.a.id || id === m.b.id));
		expect(busySlot).toBeDefined();
		if (busySlot)
			await expect(placeMeeting(db, team, eventId, { requestId: m.requestId, slotId: busySlot.slotId })).rejects.toMatchObject({
				issues: [expect.objectContaining({ message: 'error_meetings_busy' })]
			});
		const declined = (await listMeetingRequests(db, team, eventId)).find((r) => r.status === 'declined')!;
		await expect(placeMeeting(db, team, eventId, { requestId: declined.id, slotId: day.slots[0].id })).rejects.toMatchObject({
			issues: [expect.objectContaining({ path: 'requestId', message: 'error_meetings_not_accepted' })]
		});
	});

	it('shows a participant their agenda once published, takes their feedback after the meeting, and reports the figures', async () => {
		const p0 = people[0];
		expect((await agendaOf(db, p0.actor, eventId)).items).toEqual([]);
		await publishSchedule(db, team, eventId, true);
		const agenda = await agendaOf(db, p0.actor, eventId);
		expect(agenda.items.length).toBeGreaterThan(0);
		expect(agenda.items.map((i) => i.startsAt.getTime())).toEqual([...agenda.items.map((i) => i.startsAt.getTime())].sort((a, b) => a - b));
		await expect(agendaOf(db, p0.actor, eventId, people[1].participantId)).rejects.toBeInstanceOf(ForbiddenError);
		// Requests close with the published schedule.
		await expect(sendMeetingRequest(db, p0.actor, eventId, { to: people[6].participantId })).rejects.toMatchObject({ messageKey: 'error_meetings_requests_closed' });
		// Before the meeting, no feedback.
		await expect(saveMeetingFeedback(db, p0.actor, agenda.items[0].meetingId, { happened: 'yes', business: 'yes' })).rejects.toBeInstanceOf(ConflictError);
		await db.execute(`update meeting_slots set starts_at = starts_at - interval '60 days', ends_at = ends_at - interval '60 days' where event_id = '${eventId}'` as never);
		await expect(saveMeetingFeedback(db, people[5].actor, agenda.items[0].meetingId, { happened: 'yes' })).rejects.toBeInstanceOf(ForbiddenError);
		await saveMeetingFeedback(db, p0.actor, agenda.items[0].meetingId, { happened: 'yes', business: 'maybe', comment: 'Devis à suivre' });
		await saveMeetingFeedback(db, p0.actor, agenda.items[0].meetingId, { happened: 'yes', business: 'yes', comment: 'Commande probable' });
		expect((await agendaOf(db, p0.actor, eventId)).items[0].feedback).toEqual({ happened: true, business: 'yes', comment: 'Commande probable' });
		const report = await meetingReport(db, team, eventId);
		expect(report).toMatchObject({ participants: 8, held: 1, business_yes: 1, answered: 1 });
		expect(report.scheduled).toBeGreaterThan(3);
		await expect(meetingReport(db, p0.actor, eventId)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('drops the meeting when its request is withdrawn', async () => {
		const all = await listMeetings(db, team, eventId);
		const m = all[0];
		await cancelMeetingRequest(db, team, m.requestId);
		expect((await listMeetings(db, team, eventId)).some((x) => x.id === m.id)).toBe(false);
	});
});
