// The demo's trade show: the shared stand on the agenda's trade-show event, three member companies
// exhibiting and one waiting for an answer, their badges (most approved), and a carpooling board with two
// cars, a booked seat and someone looking for a ride. The demo member account is registered to the show
// (so it sees the board) but has not applied: applying is what a visitor of the demo tries first.
// Stand, applications and badges go through the service; carpool posts are written directly, because the
// service acts for a signed-in registrant and the demo's registrants are contacts without accounts.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { registerForEvent } from '../events/service';
import { findCommune } from '../geo/communes';
import { MAIL_JOB } from '../mail/service';
import { applyToExhibit, decideApplication, decideBadge, requestBadge, saveTradeShow } from '../tradeshows/service';
import { carpoolBookings, carpoolOffers, carpoolRequests } from '../tradeshows/schema';

const DEMO_MEMBER_EMAIL = 'member@grappe.localhost';
const DAY = 86_400_000;

const PRODUCTS = [
	{ products: 'Maisons à ossature bois et extensions, de la conception au chantier.', places: 2, power: true, furniture: true },
	{ products: 'Menuiseries extérieures en pin maritime des Landes, fenêtres et portes sur mesure.', places: 1, power: false, furniture: true },
	{ products: 'Bardages et lames de terrasse en bois local, traitement haute température.', places: 1, power: true, furniture: false },
	{ products: 'Escaliers et agencements intérieurs en chêne et châtaignier.', places: 1, power: false, furniture: true }
];

/** A time on a given day, as France's wall clock ("2026-12-03T07:00"). */
function onDay(day: Date, time: string): string {
	return `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(day)}T${time}`;
}

export async function seedDemoTradeShows(db: Db, actor: Actor): Promise<{ exhibitors: number; badges: number; offers: number }> {
	const [ev] = await queryRows<{ id: string; starts_at: Date }>(
		db,
		sql`select id, starts_at from events where kind_id = 'trade_show' and status = 'published' and starts_at > now() order by starts_at limit 1`
	);
	if (!ev) return { exhibitors: 0, badges: 0, offers: 0 };
	const startsAt = new Date(String(ev.starts_at));
	const ctx = { baseUrl: process.env.ORIGIN || 'http://localhost:3000' };
	await saveTradeShow(db, actor, ev.id, {
		standName: 'Stand collectif B12',
		hall: '2 – Construction bois',
		surfaceM2: '60',
		places: '6',
		placePrice: '450',
		applicationsCloseAt: onDay(new Date(startsAt.getTime() - 21 * DAY), '18:00'),
		badgesPerExhibitor: '4',
		description:
			'Le cluster fournit les cloisons, l’enseigne commune, un comptoir d’accueil et un espace café partagé.\n\nMontage la veille de 14 h à 19 h ; démontage le soir du salon à partir de 18 h.'
	});

	// Member companies with a public page and contacts, except the demo member account's own.
	const companies = await queryRows<{ id: string }>(
		db,
		sql`select o.id from organizations o join directory_entries d on d.organization_id = o.id
			where o.status = 'member' and not exists (select 1 from users u where u.organization_id = o.id)
				and (select count(*) from people p where p.organization_id = o.id and p.email is not null) >= 2
			order by o.name_normalized limit ${PRODUCTS.length}`
	);
	let exhibitors = 0;
	let badges = 0;
	for (const [i, company] of companies.entries()) {
		const p = PRODUCTS[i];
		const { id } = await applyToExhibit(db, actor, ev.id, {
			organizationId: company.id,
			products: p.products,
			places: String(p.places),
			needsPower: p.power,
			needsFurniture: p.furniture
		});
		// The last one waits for the team's answer.
		if (i === companies.length - 1) continue;
		await decideApplication(db, actor, ev.id, id, 'accept', {}, ctx);
		exhibitors++;
		const contacts = await queryRows<{ first_name: string; last_name: string; email: string }>(
			db,
			sql`select first_name, last_name, lower(email) as email from people where organization_id = ${company.id} and email is not null order by last_name, first_name limit 2`
		);
		for (const [j, c] of contacts.entries()) {
			const badge = await requestBadge(db, actor, ev.id, { organizationId: company.id, firstName: c.first_name, lastName: c.last_name, email: c.email, role: 'exhibitor' });
			badges++;
			// One request of the last exhibitor is still to be approved.
			if (!(i === companies.length - 2 && j === 1)) await decideBadge(db, actor, ev.id, badge.id, 'approve');
		}
	}

	// Registered as if the account had done it itself (its organization and the member price apply).
	const [member] = await queryRows<{ id: string; name: string; organization_id: string | null }>(db, sql`select id, name, organization_id from users where email = ${DEMO_MEMBER_EMAIL}`);
	if (member)
		await registerForEvent(
			db,
			{ id: member.id, role: 'member', organizationId: member.organization_id, label: member.name },
			ev.id,
			{ name: member.name, email: DEMO_MEMBER_EMAIL },
			{ ...ctx, locale: 'fr', source: 'self' }
		);
	const registrants = await queryRows<{ id: string; email: string }>(
		db,
		sql`select id, email from event_registrations where event_id = ${ev.id} and status = 'confirmed' and email <> ${DEMO_MEMBER_EMAIL} order by seq`
	);
	let offers = 0;
	if (registrants.length >= 4) {
		const mdm = findCommune('Mont-de-Marsan')!;
		const bdx = findCommune('Bordeaux')!;
		const bayonne = findCommune('Bayonne')!;
		const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
		await db.insert(carpoolOffers).values([
			{
				id: first,
				eventId: ev.id,
				registrationId: registrants[0].id,
				fromCommuneInsee: mdm.code,
				fromCommuneName: mdm.nom,
				departsAt: new Date(startsAt.getTime() - 2 * 3600_000),
				returnsAt: new Date(startsAt.getTime() + 10 * 3600_000),
				seats: 3,
				contactPreference: 'email',
				note: 'Départ du parking de la gare ; place pour un kakémono dans le coffre.'
			},
			{
				id: second,
				eventId: ev.id,
				registrationId: registrants[1].id,
				fromCommuneInsee: bdx.code,
				fromCommuneName: bdx.nom,
				departsAt: new Date(startsAt.getTime() - 2.5 * 3600_000),
				returnsAt: new Date(startsAt.getTime() + 9.5 * 3600_000),
				seats: 2,
				contactPreference: 'email'
			}
		]);
		offers = 2;
		await db.insert(carpoolBookings).values({ id: crypto.randomUUID(), offerId: first, registrationId: registrants[2].id });
		await db.insert(carpoolRequests).values({
			id: crypto.randomUUID(),
			eventId: ev.id,
			registrationId: registrants[3].id,
			fromCommuneInsee: bayonne.code,
			fromCommuneName: bayonne.nom,
			departsAt: new Date(startsAt.getTime() - 2 * 3600_000),
			note: 'Je peux partager les frais de péage.'
		});
	}
	// Nobody asked for these mails: the demo's people are fictional and the member account did not register itself.
	await db.execute(
		sql`delete from jobs where kind = ${MAIL_JOB} and payload->>'to' in (select lower(email) from event_registrations where event_id = ${ev.id} union select ${DEMO_MEMBER_EMAIL})`
	);
	return { exhibitors, badges, offers };
}
