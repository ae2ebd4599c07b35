// Events on a real engine: never overbooked under a rush, the waiting list in arrival order, who may
// register, answers, prices, mails with the .ics, reminders, check-in, calendars.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { factoryActor, makeMemberUser, makeMembership, makeOrganization, makePerson, makeTeamUser } from '../testing/factories';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import { eventRegistrations } from './schema';
import {
	attendanceOf,
	calendarTokenFor,
	cancelRegistration,
	cancelRegistrationByToken,
	checkIn,
	createEvent,
	eventCalendar,
	eventRemindersJobHandler,
	getEvent,
	listEventKinds,
	listEvents,
	listRegistrations,
	normalizeTicketCode,
	personalCalendar,
	publicCalendar,
	registerForEvent,
	REMINDER_JOB,
	saveEventKinds,
	updateEvent
} from './service';
import { questionsFromText, questionsToText } from './validation';

let database: Database;
let db: Db;
let team: Actor;
let member: Actor;
let memberEmail: string;
let partner: Actor;
let memberOrg: string;
const ctx = { baseUrl: 'https://grappe.example', locale: 'fr' as const };
const DAY = 86_400_000;

function eventData(overrides: Record<string, unknown> = {}) {
	const start = new Date(Date.now() + 10 * DAY);
	return {
		title: 'Atelier BIM pour les charpentiers',
		kindId: 'workshop',
		startsAt: start.toISOString(),
		endsAt: new Date(start.getTime() + 3 * 3600_000).toISOString(),
		venue: 'Maison du bois',
		addressLine: '12 rue des Chais',
		postalCode: '33000',
		communeName: 'Bordeaux',
		audience: 'public',
		status: 'published',
		...overrides
	};
}

async function mails(to?: string): Promise<MailMessage[]> {
	const rows = await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB));
	return rows.map((r) => r.payload as unknown as MailMessage).filter((m) => !to || m.to === to);
}

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	team = (await makeTeamUser(db)).actor;
	const org = await makeOrganization(db, { name: 'Charpentes du Médoc', status: 'member' });
	memberOrg = org.id;
	await makeMembership(db, org.id, { paid: true });
	await makePerson(db, org.id, { email: 'Lea.Roux@charpentes-medoc.fr', firstName: 'Léa', lastName: 'Roux' });
	const m = await makeMemberUser(db, org.id);
	member = m.actor;
	memberEmail = m.user.email;
	const partnerOrg = await makeOrganization(db, { name: 'Lycée des métiers du bois', status: 'partner' });
	partner = (await makeMemberUser(db, partnerOrg.id, { role: 'partner' })).actor;
});
afterAll(async () => database?.close());

describe('events', () => {
	it('ships the usual kinds, which the team renames and extends', async () => {
		const kinds = await listEventKinds(db);
		expect(kinds.map((k) => k.id)).toContain('business_meetings');
		await expect(saveEventKinds(db, member, [])).rejects.toBeInstanceOf(ForbiddenError);
		const next = await saveEventKinds(db, team, [...kinds.map((k) => ({ id: k.id, name: k.name })), { name: 'Webinaire' }]);
		expect(next.at(-1)?.name).toBe('Webinaire');
	});

	it('lets only the team create events, and names each wrong field', async () => {
		await expect(createEvent(db, member, eventData())).rejects.toBeInstanceOf(ForbiddenError);
		const start = new Date(Date.now() + DAY);
		const err = await createEvent(db, team, eventData({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() - 1).toISOString(), capacity: '0', mode: 'online' })).catch((e) => e);
		expect(err).toBeInstanceOf(InvalidError);
		const paths = (err as InvalidError).issues.map((i) => i.path);
		expect(paths).toEqual(expect.arrayContaining(['endsAt', 'capacity', 'onlineUrl']));
		await expect(createEvent(db, team, eventData({ startsAt: '31/02/2026 10:00' }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'startsAt', message: 'error_datetime' })] });
	});

	it('reads a wall-clock time as France time and gives each event a readable, unique address', async () => {
		const a = await createEvent(db, team, eventData({ startsAt: '2031-06-12T09:00', endsAt: '2031-06-12T12:30' }));
		const b = await createEvent(db, team, eventData({ startsAt: '2031-06-12T09:00', endsAt: '2031-06-12T12:30' }));
		expect(a.slug).toBe('atelier-bim-pour-les-charpentiers-2031-06-12');
		expect(b.slug).toBe('atelier-bim-pour-les-charpentiers-2031-06-12-2');
		const ev = await getEvent(db, null, a.slug);
		expect(ev.startsAt.toISOString()).toBe('2031-06-12T07:00:00.000Z');
		expect(ev.communeInsee).toBe('33063');
		expect(ev.kindName).toBe('Atelier');
	});

	it('shows each audience only to whom it is meant for; drafts only to the team', async () => {
		const members = await createEvent(db, team, eventData({ title: 'Petit-déjeuner RH des adhérents', audience: 'members' }));
		const network = await createEvent(db, team, eventData({ title: 'Visite du lycée', audience: 'network' }));
		const draft = await createEvent(db, team, eventData({ title: 'Brouillon', status: 'draft' }));
		await expect(getEvent(db, null, members.id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getEvent(db, partner, members.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await getEvent(db, partner, network.id)).title).toBe('Visite du lycée');
		await expect(getEvent(db, member, draft.id)).rejects.toBeInstanceOf(NotFoundError);
		const titles = (list: { title: string }[]) => list.map((e) => e.title);
		expect(titles(await listEvents(db, null))).not.toContain('Petit-déjeuner RH des adhérents');
		expect(titles(await listEvents(db, member))).toEqual(expect.arrayContaining(['Petit-déjeuner RH des adhérents', 'Visite du lycée']));
		expect(titles(await listEvents(db, partner))).not.toContain('Petit-déjeuner RH des adhérents');
		expect(titles(await listEvents(db, team, { includeDrafts: true }))).toContain('Brouillon');
		expect(titles(await listEvents(db, team))).not.toContain('Brouillon');
		await expect(registerForEvent(db, null, members.id, { name: 'Anonyme', email: 'a@exemple.fr' }, ctx)).rejects.toBeInstanceOf(NotFoundError);
		await expect(registerForEvent(db, partner, members.id, { name: 'Partenaire', email: 'p@exemple.fr' }, ctx)).rejects.toBeInstanceOf(NotFoundError);
		expect((await registerForEvent(db, member, members.id, { name: 'Louis', email: memberEmail }, ctx)).status).toBe('confirmed');
	});
});

describe('registrations', () => {
	it('never confirms more than the capacity under a rush, wait-lists the rest in arrival order, and gives a duplicate its registration', async () => {
		const { id } = await createEvent(db, team, eventData({ title: 'Forum recrutement', capacity: 25 }));
		const people = Array.from({ length: 150 }, (_, i) => ({ name: `Candidat ${i}`, email: `candidat.${i}@exemple.fr` }));
		// Every address twice (different case), all at once.
		const requests = [...people, ...people.map((p) => ({ ...p, email: p.email.toUpperCase() }))];
		const results = await Promise.all(requests.map((p) => registerForEvent(db, null, id, p, ctx)));
		const rows = await db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, id));
		expect(rows).toHaveLength(150);
		expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(25);
		// Arrival order: the confirmed are the first 25 numbers; positions follow the numbers.
		const bySeq = [...rows].sort((a, b) => a.seq - b.seq);
		expect(bySeq.map((r) => r.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
		expect(bySeq.slice(0, 25).every((r) => r.status === 'confirmed')).toBe(true);
		expect(bySeq.slice(25).every((r) => r.status === 'waitlisted')).toBe(true);
		for (let i = 0; i < people.length; i++) {
			const first = results[i];
			const second = results[i + people.length];
			expect(second.id).toBe(first.id);
			expect([first.existing, second.existing].sort()).toEqual([false, true]);
		}
		const positions = results.filter((r) => !r.existing && r.status === 'waitlisted').map((r) => r.position!);
		expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 125 }, (_, i) => i + 1));
		const list = await listRegistrations(db, team, id, { status: 'waitlisted' });
		expect(list.map((r) => r.position)).toEqual(Array.from({ length: 125 }, (_, i) => i + 1));
	});

	it('promotes the first of the waiting list when someone cancels, and when places are added', async () => {
		const { id } = await createEvent(db, team, eventData({ title: 'Visite de scierie', capacity: 2 }));
		const a = await registerForEvent(db, null, id, { name: 'A', email: 'a.visite@exemple.fr' }, ctx);
		await registerForEvent(db, null, id, { name: 'B', email: 'b.visite@exemple.fr' }, ctx);
		const c = await registerForEvent(db, null, id, { name: 'C', email: 'c.visite@exemple.fr' }, ctx);
		const d = await registerForEvent(db, null, id, { name: 'D', email: 'd.visite@exemple.fr' }, ctx);
		expect([c.status, c.position, d.position]).toEqual(['waitlisted', 1, 2]);
		expect((await mails('c.visite@exemple.fr'))[0].text).toContain('position 1');

		await cancelRegistrationByToken(db, a.token, ctx);
		const after = await listRegistrations(db, team, id);
		expect(after.find((r) => r.id === c.id)?.status).toBe('confirmed');
		expect(after.find((r) => r.id === d.id)).toMatchObject({ status: 'waitlisted', position: 1 });
		const promotedMail = (await mails('c.visite@exemple.fr')).find((m) => m.subject.startsWith('Une place'));
		expect(promotedMail?.attachments?.[0].content).toContain('BEGIN:VEVENT');
		// Cancelling twice changes nothing.
		await cancelRegistrationByToken(db, a.token, ctx);
		expect((await listRegistrations(db, team, id)).filter((r) => r.status === 'confirmed')).toHaveLength(2);
		// A member may not cancel someone else's registration.
		await expect(cancelRegistration(db, member, id, d.id, ctx)).rejects.toBeInstanceOf(ForbiddenError);

		const ev = await getEvent(db, team, id);
		const { promoted } = await updateEvent(db, team, id, { ...eventData({ title: 'Visite de scierie', capacity: 3 }), startsAt: ev.startsAt, endsAt: ev.endsAt }, ctx);
		expect(promoted).toBe(1);
		expect((await listRegistrations(db, team, id)).find((r) => r.id === d.id)?.status).toBe('confirmed');
		// Once cancelled, the address may register again (a new number, at the end).
		const again = await registerForEvent(db, null, id, { name: 'A', email: 'a.visite@exemple.fr' }, ctx);
		expect(again).toMatchObject({ status: 'waitlisted', position: 1, existing: false });
	});

	it('opens and closes registrations with the window; the team may still add someone', async () => {
		const { id } = await createEvent(db, team, eventData({ title: 'AG', registrationOpensAt: new Date(Date.now() + DAY).toISOString() }));
		await expect(registerForEvent(db, null, id, { name: 'Tôt', email: 'tot@exemple.fr' }, ctx)).rejects.toMatchObject({ messageKey: 'error_registration_not_yet' });
		expect((await registerForEvent(db, team, id, { name: 'Ajout', email: 'ajout@exemple.fr' }, ctx)).status).toBe('confirmed');
		const past = await createEvent(db, team, eventData({ title: 'Passé', startsAt: new Date(Date.now() - 2 * DAY).toISOString(), endsAt: new Date(Date.now() - DAY).toISOString() }));
		await expect(registerForEvent(db, team, past.id, { name: 'Tard', email: 'tard@exemple.fr' }, ctx)).rejects.toMatchObject({ messageKey: 'error_registration_past' });
	});

	it('checks the custom questions and records the member or non-member price', async () => {
		const questions = 'Régime alimentaire | Aucun ; Végétarien ; Sans gluten *\nVenez-vous en covoiturage ? [oui/non]\nAttentes [long]';
		expect(questionsToText(questionsFromText(questions) as never)).toBe(questions);
		const { id } = await createEvent(db, team, eventData({ title: 'Déjeuner', questions, priceMember: '15', priceNonMember: '35,50' }));
		const err = await registerForEvent(db, null, id, { name: 'X', email: 'x@exemple.fr', answers: { q1: 'Carnivore' } }, ctx).catch((e) => e);
		expect(err).toBeInstanceOf(InvalidError);
		expect((err as InvalidError).issues).toEqual([expect.objectContaining({ path: 'answers.q1', message: 'error_invalid_choice' })]);
		const bad = await registerForEvent(db, null, id, { name: '', email: 'pas-une-adresse', answers: {} }, ctx).catch((e) => e);
		expect((bad as InvalidError).issues.map((i) => i.path).sort()).toEqual(['email', 'name']);
		await registerForEvent(db, null, id, { name: 'Léa Roux', email: 'lea.roux@charpentes-medoc.fr', answers: { q1: 'Végétarien', q2: 'on' } }, ctx);
		await registerForEvent(db, null, id, { name: 'Jean Dupuis', email: 'jean@ailleurs.fr', organization: 'Ailleurs SARL', answers: { q1: 'Aucun' } }, ctx);
		const list = await listRegistrations(db, team, id);
		expect(list.find((r) => r.name === 'Léa Roux')).toMatchObject({ isMember: true, priceCents: 1500, organizationId: memberOrg, answers: { q1: 'Végétarien', q2: true } });
		expect(list.find((r) => r.name === 'Jean Dupuis')).toMatchObject({ isMember: false, priceCents: 3550, organizationName: 'Ailleurs SARL', organizationId: null });
		const mail = (await mails('lea.roux@charpentes-medoc.fr')).find((m) => m.subject.includes('Déjeuner'))!;
		expect(mail.text).toContain('15,00');
	});

	it('keeps each answer with its question when the team reorders, adds or removes questions', async () => {
		const { id } = await createEvent(db, team, eventData({ title: 'Questions', questions: 'Régime | Aucun ; Végétarien\nTaille de t-shirt' }));
		await registerForEvent(db, null, id, { name: 'Q', email: 'q@exemple.fr', answers: { q1: 'Végétarien', q2: 'M' } }, ctx);
		const ev = await getEvent(db, team, id);
		// The second question moves first, a new one arrives, the diet question is removed.
		await updateEvent(db, team, id, { ...eventData({ title: 'Questions', questions: 'Taille de t-shirt\nVenez-vous en train ? [oui/non]' }), startsAt: ev.startsAt, endsAt: ev.endsAt }, ctx);
		const after = await getEvent(db, team, id);
		expect(after.questions.map((q) => [q.id, q.label])).toEqual([['q2', 'Taille de t-shirt'], ['q3', 'Venez-vous en train ?']]);
		const [reg] = await listRegistrations(db, team, id);
		expect(reg.answers.q2).toBe('M');
	});

	it('sends the .ics with every confirmation, and a cancelled one when the event is cancelled', async () => {
		const { id, slug } = await createEvent(db, team, eventData({ title: 'Salon Bois & Habitat' }));
		await registerForEvent(db, null, id, { name: 'Marc', email: 'marc@exemple.fr' }, { ...ctx, locale: 'en' });
		const [confirmation] = await mails('marc@exemple.fr');
		expect(confirmation.subject).toBe('Registration confirmed: Salon Bois & Habitat');
		const ics = confirmation.attachments![0];
		expect(ics.filename).toBe(`${slug}.ics`);
		expect(ics.content).toMatch(/BEGIN:VCALENDAR[\s\S]*UID:.*@grappe\.example[\s\S]*SEQUENCE:0[\s\S]*STATUS:CONFIRMED/);
		expect(confirmation.text).toContain('https://grappe.example/events/registration/');
		const ev = await getEvent(db, team, id);
		await updateEvent(db, team, id, { ...eventData({ title: 'Salon Bois & Habitat', status: 'cancelled' }), startsAt: ev.startsAt, endsAt: ev.endsAt }, ctx);
		const cancelled = (await mails('marc@exemple.fr')).find((m) => m.subject.startsWith('Event cancelled'))!;
		expect(cancelled.attachments![0].content).toMatch(/SEQUENCE:1[\s\S]*STATUS:CANCELLED/);
		await expect(registerForEvent(db, null, id, { name: 'Trop tard', email: 'tard2@exemple.fr' }, ctx)).rejects.toBeInstanceOf(ConflictError);
	});

	it('reminds confirmed people the day before, once, and not for an old date', async () => {
		const { id } = await createEvent(db, team, eventData({ title: 'Réunion technique', capacity: 1 }));
		const [job] = await db.select().from(jobs).where(and(eq(jobs.kind, REMINDER_JOB), sql`payload->>'eventId' = ${id}`));
		const ev = await getEvent(db, team, id);
		expect(job.runAt.getTime()).toBe(ev.startsAt.getTime() - DAY);
		await registerForEvent(db, null, id, { name: 'R1', email: 'r1@exemple.fr' }, ctx);
		await registerForEvent(db, null, id, { name: 'R2', email: 'r2@exemple.fr' }, ctx);
		const handler = eventRemindersJobHandler(ctx.baseUrl);
		expect(await handler(job, db)).toEqual({ sent: 1 });
		expect(await handler(job, db)).toEqual({ sent: 0 });
		expect((await mails('r1@exemple.fr')).some((m) => m.subject === "C'est demain : Réunion technique")).toBe(true);
		expect((await mails('r2@exemple.fr')).some((m) => m.subject.startsWith("C'est demain"))).toBe(false);
		const moved = new Date(ev.startsAt.getTime() + DAY);
		await updateEvent(db, team, id, { ...eventData({ title: 'Réunion technique', capacity: 1 }), startsAt: moved, endsAt: new Date(moved.getTime() + 3600_000) }, ctx);
		expect(await handler(job, db)).toMatchObject({ sent: 0, skipped: 'changed' });
	});
});

describe('check-in and calendars', () => {
	it('checks a ticket in by its code as typed, refuses wait-listed and cancelled ones, and records attendance', async () => {
		const { id } = await createEvent(db, team, eventData({ title: 'Visite chantier', capacity: 1 }));
		const lea = await registerForEvent(db, null, id, { name: 'Léa Roux', email: 'lea.roux@charpentes-medoc.fr' }, ctx);
		const waiting = await registerForEvent(db, null, id, { name: 'Attente', email: 'attente@exemple.fr' }, ctx);
		await expect(checkIn(db, member, id, lea.ticketCode)).rejects.toBeInstanceOf(ForbiddenError);
		const typed = `${lea.ticketCode.slice(0, 4).toLowerCase()}-${lea.ticketCode.slice(4)}`;
		expect(normalizeTicketCode(`https://grappe.example/app/events/${id}/check-in?code=${lea.ticketCode}`)).toBe(lea.ticketCode);
		const first = await checkIn(db, team, id, typed);
		expect(first).toMatchObject({ already: false, registration: { name: 'Léa Roux' } });
		expect((await checkIn(db, team, id, lea.ticketCode)).already).toBe(true);
		await expect(checkIn(db, team, id, waiting.ticketCode)).rejects.toMatchObject({ messageKey: 'error_ticket_waitlisted' });
		await expect(checkIn(db, team, id, 'ZZZZ-ZZZZ')).rejects.toBeInstanceOf(NotFoundError);
		expect((await getEvent(db, team, id)).checkedIn).toBe(1);
		const attended = await attendanceOf(db, team, memberOrg);
		expect(attended.find((a) => a.eventId === id)).toMatchObject({ attended: true, name: 'Léa Roux' });
		expect((await listRegistrations(db, team, id, { q: typed }))[0].name).toBe('Léa Roux');
	});

	it('publishes public events in /calendar.ics, and each person their own events in a secret feed', async () => {
		const pub = await createEvent(db, team, eventData({ title: 'Conférence publique filière bois' }));
		const mem = await createEvent(db, team, eventData({ title: 'Réservé adhérents', audience: 'members', capacity: 1 }));
		const feed = await publicCalendar(db, ctx.baseUrl);
		expect(feed).toContain('SUMMARY:Conférence publique filière bois');
		expect(feed).not.toContain('Réservé adhérents');
		expect((await eventCalendar(db, null, pub.slug, ctx.baseUrl)).ics).toContain('LOCATION:Maison du bois\\, 12 rue des Chais\\, 33000 Bordeaux');

		await registerForEvent(db, team, mem.id, { name: 'Premier', email: 'premier@exemple.fr' }, ctx);
		await registerForEvent(db, member, mem.id, { name: 'Louis', email: memberEmail }, ctx);
		const token = await calendarTokenFor(db, member);
		expect(await calendarTokenFor(db, member)).toBe(token);
		const mine = await personalCalendar(db, token, ctx.baseUrl);
		expect(mine).toMatch(/SUMMARY:Réservé adhérents[\s\S]*STATUS:TENTATIVE|STATUS:TENTATIVE[\s\S]*SUMMARY:Réservé adhérents/);
		expect(mine).not.toContain('Conférence publique filière bois');
		await expect(personalCalendar(db, 'nope', ctx.baseUrl)).rejects.toBeInstanceOf(NotFoundError);
		const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from event_registrations where email = ${memberEmail} and user_id is not null`);
		expect(n).toBeGreaterThan(0);
		void factoryActor;
	});
});
