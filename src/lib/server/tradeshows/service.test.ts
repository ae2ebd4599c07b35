// Trade shows on a real engine: stand places and car seats never exceeded when many act at once, who may
// do what (a member for its own organization, the team for all), contact details only within a ride,
// badges within the limit and the organizer's CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { makeMemberUser, makeOrganization, makeTeamUser } from '../testing/factories';
import { jobs } from '../jobs/schema';
import { users } from '../auth/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import { createEvent, registerForEvent } from '../events/service';
import {
	applyToExhibit,
	askForRide,
	bookSeat,
	cancelBadge,
	cancelBooking,
	carpoolBoard,
	decideApplication,
	decideBadge,
	getTradeShow,
	listApplications,
	listBadges,
	listTradeShows,
	myApplications,
	offerRide,
	publicExhibitors,
	requestBadge,
	saveTradeShow,
	withdrawApplication,
	withdrawOffer,
	withdrawRideRequest
} from './service';
import { exportBadges } from './export';

let database: Database;
let db: Db;
let team: Actor;
let member: Actor;
let memberOrg: string;
let other: Actor;
let otherOrg: string;
let partner: Actor;
const ctx = { baseUrl: 'https://grappe.example' };
const DAY = 86_400_000;

async function tradeShowEvent(title: string, overrides: Record<string, unknown> = {}) {
	const start = new Date(Date.now() + 30 * DAY);
	return createEvent(db, team, {
		title,
		kindId: 'trade_show',
		startsAt: start.toISOString(),
		endsAt: new Date(start.getTime() + 9 * 3600_000).toISOString(),
		venue: 'Parc des expositions',
		postalCode: '64000',
		communeName: 'Pau',
		audience: 'public',
		status: 'published',
		...overrides
	});
}

const stand = (overrides: Record<string, unknown> = {}) => ({ standName: 'Stand collectif B12', hall: 'Hall 3', surfaceM2: '60', places: '4', placePrice: '450', badgesPerExhibitor: '', ...overrides });

async function mails(to: string): Promise<MailMessage[]> {
	const rows = await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB));
	return rows.map((r) => r.payload as unknown as MailMessage).filter((m) => m.to === to);
}

/** A member account of a new organization, registered (confirmed) to the event under its own address. */
async function registrant(eventId: string, name: string): Promise<{ actor: Actor; email: string }> {
	const org = await makeOrganization(db, { status: 'member' });
	const { user, actor } = await makeMemberUser(db, org.id, { name });
	const r = await registerForEvent(db, actor, eventId, { name, email: user.email }, { ...ctx, locale: 'fr' });
	expect(r.status).toBe('confirmed');
	return { actor, email: user.email };
}

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	team = (await makeTeamUser(db)).actor;
	memberOrg = (await makeOrganization(db, { name: 'Charpentes du Béarn', status: 'member' })).id;
	member = (await makeMemberUser(db, memberOrg)).actor;
	otherOrg = (await makeOrganization(db, { name: 'Menuiserie Landaise', status: 'member' })).id;
	other = (await makeMemberUser(db, otherOrg)).actor;
	const partnerOrg = await makeOrganization(db, { name: 'Région (test)', status: 'partner' });
	partner = (await makeMemberUser(db, partnerOrg.id, { role: 'partner' })).actor;
});
afterAll(async () => database?.close());

describe('the stand and applications', () => {
	it('lets only the team set the stand, naming each wrong field, and lists the show for members', async () => {
		const { id } = await tradeShowEvent('Salon Bois & Habitat');
		await expect(saveTradeShow(db, member, id, stand())).rejects.toBeInstanceOf(ForbiddenError);
		const bad = await saveTradeShow(db, team, id, stand({ standName: '', places: '0', placePrice: 'beaucoup' })).catch((e) => e);
		expect(bad).toBeInstanceOf(InvalidError);
		expect((bad as InvalidError).issues.map((i) => [i.path, i.message]).sort()).toEqual([
			['placePrice', 'error_amount'],
			['places', 'error_tradeshow_places'],
			['standName', 'error_required']
		]);
		expect((await getTradeShow(db, team, id)).stand).toBeNull();
		await saveTradeShow(db, team, id, stand());
		const show = await getTradeShow(db, member, id);
		expect(show.stand).toMatchObject({ standName: 'Stand collectif B12', hall: 'Hall 3', surfaceM2: 60, places: 4, placePriceCents: 45000, badgesPerExhibitor: null });
		expect(show.applicationsOpen).toBe(true);
		expect((await listTradeShows(db, member)).map((s) => s.title)).toContain('Salon Bois & Habitat');
	});

	it('takes an application for the member’s own organization only, changes it while pending, and closes at the deadline', async () => {
		const { id } = await tradeShowEvent('Salon de la rénovation');
		await saveTradeShow(db, team, id, stand());
		await expect(applyToExhibit(db, partner, id, { products: 'Études' })).rejects.toBeInstanceOf(ForbiddenError);
		// A member cannot apply for another organization: the named one is ignored, its own is used.
		const first = await applyToExhibit(db, member, id, { products: 'Charpente traditionnelle', places: '2', needsPower: 'on', organizationId: otherOrg });
		expect(first.updated).toBe(false);
		const again = await applyToExhibit(db, member, id, { products: 'Charpente et ossature bois', places: '1', otherNeeds: 'Un mur pour accrocher des panneaux' });
		expect(again).toEqual({ id: first.id, updated: true });
		const mine = await myApplications(db, member, id);
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({ organizationId: memberOrg, products: 'Charpente et ossature bois', places: 1, needsPower: false, otherNeeds: 'Un mur pour accrocher des panneaux', status: 'pending' });
		expect(await myApplications(db, other, id)).toEqual([]);
		await expect(listApplications(db, member, id)).rejects.toBeInstanceOf(ForbiddenError);
		// Another member may not withdraw it; the team needs to say for whom it applies.
		await expect(withdrawApplication(db, other, id, first.id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(applyToExhibit(db, team, id, { products: 'X' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'organizationId', message: 'error_tradeshow_organization_required' })] });
		await expect(applyToExhibit(db, member, id, { products: '', places: '99' })).rejects.toMatchObject({
			issues: expect.arrayContaining([expect.objectContaining({ path: 'products' }), expect.objectContaining({ path: 'places', message: 'error_tradeshow_places_wanted' })])
		});

		await saveTradeShow(db, team, id, stand({ applicationsCloseAt: new Date(Date.now() - 60_000).toISOString() }));
		await expect(applyToExhibit(db, other, id, { products: 'Menuiseries' })).rejects.toMatchObject({ messageKey: 'error_tradeshow_applications_closed' });
		// The team still may, for a member.
		expect((await applyToExhibit(db, team, id, { products: 'Menuiseries', organizationId: otherOrg })).updated).toBe(false);
		await expect(decideApplication(db, member, id, first.id, 'accept', {}, ctx)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('never accepts more places than the stand has, however many the team accepts at once', async () => {
		const { id } = await tradeShowEvent('Salon des maires');
		await saveTradeShow(db, team, id, stand({ places: '5' }));
		const applications: { id: string; places: number }[] = [];
		for (let i = 0; i < 14; i++) {
			const org = await makeOrganization(db, { status: 'member' });
			const places = i % 3 === 0 ? 2 : 1;
			applications.push({ id: (await applyToExhibit(db, team, id, { products: `Produits ${i}`, places: String(places), organizationId: org.id })).id, places });
		}
		const results = await Promise.allSettled(applications.map((a) => decideApplication(db, team, id, a.id, 'accept', {}, ctx)));
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ messageKey: 'error_tradeshow_stand_full' });
		const list = await listApplications(db, team, id);
		const taken = list.filter((a) => a.status === 'accepted').reduce((n, a) => n + a.places, 0);
		expect(taken).toBeLessThanOrEqual(5);
		// Only a two-place application may be refused while one place is left.
		expect(taken).toBeGreaterThanOrEqual(4);
		expect((await getTradeShow(db, team, id)).placesTaken).toBe(taken);
		expect(list.find((a) => a.status === 'accepted')?.priceCents).toBeGreaterThanOrEqual(45000);
		// Fewer places than accepted: refused on the field.
		await expect(saveTradeShow(db, team, id, stand({ places: '2' }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'places', message: 'error_tradeshow_places_below_accepted' })] });
		// Declining an accepted application frees its places.
		const accepted = list.find((a) => a.status === 'accepted')!;
		await decideApplication(db, team, id, accepted.id, 'decline', { note: 'Le stand est complet' }, ctx);
		expect((await getTradeShow(db, team, id)).placesTaken).toBe(taken - accepted.places);
	});

	it('tells the applicant of the decision and lists accepted exhibitors on the public page', async () => {
		const { id } = await tradeShowEvent('Salon Habitat durable');
		await saveTradeShow(db, team, id, stand());
		const mine = await applyToExhibit(db, member, id, { products: 'Maisons à ossature bois' });
		const theirs = await applyToExhibit(db, other, id, { products: 'Escaliers sur mesure' });
		await decideApplication(db, team, id, mine.id, 'accept', { note: 'Montage la veille à 14 h' }, ctx);
		await decideApplication(db, team, id, theirs.id, 'decline', {}, ctx);
		const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, member.id!));
		const mail = (await mails(email)).find((m) => m.subject.includes('Salon Habitat durable'))!;
		expect(mail.subject).toMatch(/accept/i);
		expect(mail.text).toContain('Montage la veille à 14 h');
		expect(mail.text).toContain(`https://grappe.example/app/trade-shows/${id}`);
		const pub = await publicExhibitors(db, id);
		expect(pub).toMatchObject({ standName: 'Stand collectif B12', hall: 'Hall 3', exhibitors: [{ organizationName: 'Charpentes du Béarn', products: 'Maisons à ossature bois' }] });
		const plain = await tradeShowEvent('Salon sans stand');
		expect(await publicExhibitors(db, plain.id)).toBeNull();
		await expect(applyToExhibit(db, member, plain.id, { products: 'X' })).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('badges', () => {
	it('gives exhibitor badges to accepted exhibitors within the limit, even when requested at once; each member sees its own', async () => {
		const { id } = await tradeShowEvent('Salon Bois Énergie');
		await saveTradeShow(db, team, id, stand({ badgesPerExhibitor: '3' }));
		const person = (i: number, role = 'exhibitor') => ({ firstName: 'Jeanne', lastName: `Exposante ${i}`, email: `jeanne.${i}@charpentes-bearn.fr`, role });
		await expect(requestBadge(db, member, id, person(0))).rejects.toMatchObject({ messageKey: 'error_tradeshow_badge_not_exhibitor', path: 'role' });
		// A visitor badge needs no stand place.
		const visitor = await requestBadge(db, member, id, person(100, 'visitor'));
		const app = await applyToExhibit(db, member, id, { products: 'Poêles à bois' });
		await decideApplication(db, team, id, app.id, 'accept', {}, ctx);
		const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => requestBadge(db, member, id, person(i + 1))));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ messageKey: 'error_tradeshow_badge_limit_reached', params: { limit: 3 } });
		await expect(requestBadge(db, member, id, person(100, 'visitor'))).rejects.toMatchObject({ messageKey: 'error_tradeshow_badge_exists', path: 'email' });
		await expect(requestBadge(db, member, id, { ...person(7), email: 'pas-une-adresse', role: 'organisateur' })).rejects.toMatchObject({
			issues: expect.arrayContaining([expect.objectContaining({ path: 'email', message: 'error_email' }), expect.objectContaining({ path: 'role', message: 'error_invalid_choice' })])
		});
		await expect(requestBadge(db, partner, id, person(50, 'visitor'))).rejects.toBeInstanceOf(ForbiddenError);
		await requestBadge(db, other, id, { firstName: 'Paul', lastName: 'Visiteur', email: 'paul@menuiserie-landaise.fr', role: 'visitor' });

		const ours = await listBadges(db, member, id);
		expect(ours).toHaveLength(4);
		expect(ours.every((b) => b.organizationName === 'Charpentes du Béarn')).toBe(true);
		expect((await listBadges(db, other, id)).map((b) => b.lastName)).toEqual(['Visiteur']);
		expect(await listBadges(db, team, id)).toHaveLength(5);

		// Cancelling one frees it for someone else; another member may not cancel it.
		const one = ours.find((b) => b.role === 'exhibitor')!;
		await expect(cancelBadge(db, other, id, one.id)).rejects.toBeInstanceOf(ForbiddenError);
		await cancelBadge(db, member, id, one.id);
		await requestBadge(db, member, id, person(9));
		await expect(decideBadge(db, member, id, visitor.id, 'approve')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(decideBadge(db, team, id, one.id, 'approve')).rejects.toMatchObject({ messageKey: 'error_tradeshow_badge_cancelled' });
	});

	it('exports the approved badges as a CSV French Excel opens (semicolons, UTF-8 with BOM)', async () => {
		const { id, slug } = await tradeShowEvent('Salon Export');
		await saveTradeShow(db, team, id, stand());
		const app = await applyToExhibit(db, member, id, { products: 'Bardages' });
		await decideApplication(db, team, id, app.id, 'accept', {}, ctx);
		const a = await requestBadge(db, member, id, { firstName: 'Éloïse', lastName: "D'Arcy; Martin", email: 'eloise@charpentes-bearn.fr', role: 'exhibitor' });
		const b = await requestBadge(db, other, id, { firstName: 'Paul', lastName: 'Refusé', email: 'paul.refuse@menuiserie-landaise.fr', role: 'visitor' });
		await requestBadge(db, other, id, { firstName: 'Zoé', lastName: 'Attente', email: 'zoe@menuiserie-landaise.fr', role: 'visitor' });
		const c = await requestBadge(db, team, id, { firstName: 'Claire', lastName: 'Animatrice', email: 'claire@cluster.example', role: 'exhibitor', organizationName: 'Cluster Bois & Bâtiment' });
		await decideBadge(db, team, id, a.id, 'approve');
		await decideBadge(db, team, id, b.id, 'refuse');
		await decideBadge(db, team, id, c.id, 'approve');
		await expect(exportBadges(db, member, id)).rejects.toBeInstanceOf(ForbiddenError);
		const file = await exportBadges(db, team, id, 'fr');
		expect(file.filename).toBe(`badges-${slug}.csv`);
		expect(file.count).toBe(2);
		expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = file.body.subarray(3).toString('utf8').trim().split('\r\n');
		expect(lines[0]).toBe('Nom;Prénom;Organisation;E-mail;Type de badge;Stand');
		expect(lines).toContain('"D\'Arcy; Martin";Éloïse;Charpentes du Béarn;eloise@charpentes-bearn.fr;Exposant;Stand collectif B12 (Hall 3)');
		expect(lines).toContain('Animatrice;Claire;Cluster Bois & Bâtiment;claire@cluster.example;Exposant;Stand collectif B12 (Hall 3)');
		expect(lines).toHaveLength(3);
	});
});

describe('the carpooling board', () => {
	it('never books more seats than offered, however many book at once; contact details stay within the ride', async () => {
		const { id } = await tradeShowEvent('Salon du covoiturage');
		await saveTradeShow(db, team, id, stand());
		const driver = await registrant(id, 'Marion Lacoste');
		const passengers = await Promise.all(Array.from({ length: 7 }, (_, i) => registrant(id, `Passager${i} Dupin`)));
		const onlooker = await registrant(id, 'Bastien Curieux');
		const day = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);

		const bad = await offerRide(db, driver.actor, id, { fromCommune: 'Atlantis', departsAt: `${day}T07:00`, returnsAt: `${day}T06:00`, seats: '12', contactPreference: 'phone' }, ctx).catch((e) => e);
		expect((bad as InvalidError).issues.map((i) => [i.path, i.message]).sort()).toEqual([
			['fromCommune', 'error_tradeshow_commune_unknown'],
			['phone', 'error_tradeshow_phone_needed'],
			['returnsAt', 'error_tradeshow_return_before_departure'],
			['seats', 'error_tradeshow_seats']
		]);
		const offer = await offerRide(db, driver.actor, id, { fromCommune: 'mont de marsan', departsAt: `${day}T07:00`, returnsAt: `${day}T19:30`, seats: '3', contactPreference: 'either', phone: '06 39 98 12 34', note: 'Départ parking de la gare' }, ctx);

		const results = await Promise.allSettled(passengers.map((p) => bookSeat(db, p.actor, id, offer.id, {}, ctx)));
		const booked = results.filter((r) => r.status === 'fulfilled');
		expect(booked).toHaveLength(3);
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ messageKey: 'error_tradeshow_offer_full' });
		const riders = passengers.filter((_, i) => results[i].status === 'fulfilled');
		const left = passengers.filter((_, i) => results[i].status === 'rejected');
		// Booking twice gives the same seat back.
		const again = await bookSeat(db, riders[0].actor, id, offer.id, {}, ctx);
		expect(again.existing).toBe(true);
		await expect(bookSeat(db, driver.actor, id, offer.id, {}, ctx)).rejects.toMatchObject({ messageKey: 'error_tradeshow_own_offer' });

		// The driver sees who booked and how to reach them.
		const driverView = (await carpoolBoard(db, driver.actor, id)).offers.find((o) => o.id === offer.id)!;
		expect(driverView).toMatchObject({ mine: true, seatsLeft: 0, fromCommune: 'Mont-de-Marsan', firstName: 'Marion', driver: null });
		expect(driverView.passengers!.map((p) => p.email).sort()).toEqual(riders.map((r) => r.email).sort());
		// A passenger sees the driver's details.
		const riderView = (await carpoolBoard(db, riders[0].actor, id)).offers.find((o) => o.id === offer.id)!;
		expect(riderView.driver).toEqual({ name: 'Marion Lacoste', email: driver.email, phone: '+33639981234' });
		expect(riderView.passengers).toBeNull();
		// Anyone else (another registrant, someone left without a seat, the team): first name, commune, time only.
		for (const viewer of [onlooker.actor, left[0].actor, team]) {
			const board = await carpoolBoard(db, viewer, id);
			const seen = board.offers.find((o) => o.id === offer.id)!;
			expect(seen).toMatchObject({ firstName: 'Marion', driver: null, passengers: null, mine: false });
			const text = JSON.stringify(board);
			expect(text).not.toContain(driver.email);
			expect(text).not.toContain('Lacoste');
			expect(text).not.toContain('+33639981234');
			for (const r of riders) expect(text).not.toContain(r.email);
		}
		// Someone not registered sees nothing and may not offer.
		const stranger = (await makeMemberUser(db, memberOrg)).actor;
		expect(await carpoolBoard(db, stranger, id)).toMatchObject({ me: null, offers: [], requests: [] });
		await expect(offerRide(db, stranger, id, { fromCommune: 'Pau', departsAt: `${day}T08:00`, seats: '2' }, ctx)).rejects.toMatchObject({ messageKey: 'error_tradeshow_not_registered' });
	});

	it('tells people asking from the same commune about a new offer, the driver about bookings and cancellations, and passengers when an offer is withdrawn', async () => {
		const { id } = await tradeShowEvent('Salon des mails');
		await saveTradeShow(db, team, id, stand());
		const day = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
		const driver = await registrant(id, 'Hugo Conducteur');
		const asker = await registrant(id, 'Inès Demandeuse');
		const elsewhere = await registrant(id, 'Lucas Ailleurs');
		const request = await askForRide(db, asker.actor, id, { fromCommune: 'Bordeaux', departsAt: `${day}T07:30`, note: 'Avec une valise de catalogues' });
		await askForRide(db, elsewhere.actor, id, { fromCommune: 'Bayonne', departsAt: `${day}T07:30` });
		expect((await carpoolBoard(db, driver.actor, id)).requests.map((r) => [r.firstName, r.fromCommune])).toEqual([
			['Inès', 'Bordeaux'],
			['Lucas', 'Bayonne']
		]);
		await expect(withdrawRideRequest(db, driver.actor, id, request.id)).rejects.toBeInstanceOf(ForbiddenError);

		const offer = await offerRide(db, driver.actor, id, { fromCommune: 'Bordeaux', departsAt: `${day}T07:00`, seats: '2' }, ctx);
		expect(offer.notified).toBe(1);
		const told = (await mails(asker.email)).find((m) => m.subject.includes('Bordeaux'))!;
		expect(told.text).toContain('Hugo');
		expect(told.text).not.toContain(driver.email);
		expect((await mails(elsewhere.email)).filter((m) => m.subject.startsWith('Covoiturage'))).toEqual([]);

		const booking = await bookSeat(db, asker.actor, id, offer.id, { phone: '0639981111' }, ctx);
		// Found a ride: the request leaves the board.
		expect((await carpoolBoard(db, driver.actor, id)).requests.map((r) => r.firstName)).toEqual(['Lucas']);
		const bookedMail = (await mails(driver.email)).find((m) => m.subject.includes('Inès Demandeuse'))!;
		expect(bookedMail.text).toContain(asker.email);
		expect(bookedMail.text).toContain('06 39 98 11 11');

		// Nobody else may cancel the seat; the passenger may, and the driver is told.
		await expect(cancelBooking(db, elsewhere.actor, id, booking.id, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		await cancelBooking(db, asker.actor, id, booking.id, ctx);
		expect((await mails(driver.email)).some((m) => m.subject.startsWith('Réservation annulée'))).toBe(true);
		expect((await carpoolBoard(db, driver.actor, id)).offers[0].seatsLeft).toBe(2);
		expect((await carpoolBoard(db, driver.actor, id)).requests.map((r) => r.firstName).sort()).toEqual(['Inès', 'Lucas']);

		await bookSeat(db, asker.actor, id, offer.id, {}, ctx);
		await bookSeat(db, elsewhere.actor, id, offer.id, {}, ctx);
		await expect(withdrawOffer(db, asker.actor, id, offer.id, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		expect(await withdrawOffer(db, driver.actor, id, offer.id, ctx)).toEqual({ notified: 2 });
		for (const p of [asker, elsewhere]) expect((await mails(p.email)).some((m) => m.subject.startsWith('Covoiturage annulé'))).toBe(true);
		const after = await carpoolBoard(db, asker.actor, id);
		expect(after.offers).toEqual([]);
		expect(after.requests.map((r) => r.firstName).sort()).toEqual(['Inès', 'Lucas']);
		await expect(bookSeat(db, asker.actor, id, offer.id, {}, ctx)).rejects.toMatchObject({ messageKey: 'error_tradeshow_offer_withdrawn' });
		await expect(offerRide(db, driver.actor, id, { fromCommune: 'Bordeaux', departsAt: `${day}T07:00`, seats: '0' }, ctx)).rejects.toBeInstanceOf(InvalidError);
	});
});
