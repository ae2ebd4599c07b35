// The demo cluster's agenda: a few events around today (an HR breakfast, a BIM workshop already full
// with a waiting list, a sawmill visit, a trade show, a business-meeting day, a recruitment fair) and
// last month's general assembly with its attendance. Registrations go through the events service, so
// the capacities, waiting lists and ticket codes are the real ones; the confirmation mails it queues
// for these fictional people are dropped (nobody registered them), the day-before reminders are kept.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { checkIn, createEvent, registerForEvent } from '../events/service';
import { MAIL_JOB } from '../mail/service';
import { Random } from './random';

const SEED = 20261123;
const DAY = 86_400_000;

interface DemoEvent {
	title: string;
	kindId: string;
	inDays: number;
	hour: number;
	hours: number;
	audience: 'members' | 'network' | 'public';
	capacity: number | null;
	registrations: number;
	summary: string;
	description: string;
	venue?: string;
	addressLine?: string;
	postalCode?: string;
	communeName?: string;
	mode?: 'on_site' | 'online' | 'hybrid';
	onlineUrl?: string;
	priceMember?: string;
	priceNonMember?: string;
	questions?: string;
	hasBusinessMeetings?: boolean;
	/** Share of confirmed people checked in (past events). */
	attended?: number;
}

const EVENTS: DemoEvent[] = [
	{
		title: 'Petit-déjeuner RH : recruter et fidéliser des apprentis',
		kindId: 'hr_breakfast',
		inDays: 12,
		hour: 8,
		hours: 2,
		audience: 'members',
		capacity: 30,
		registrations: 18,
		summary: 'Témoignages de deux adhérents et du CFA du bâtiment sur l’accueil des apprentis charpentiers et menuisiers.',
		description:
			'Au programme : les aides à l’embauche d’apprentis en 2026, le rôle du maître d’apprentissage, et les retours d’expérience de deux entreprises adhérentes.\n\nCafé et viennoiseries offerts.',
		venue: 'Maison de la filière bois',
		addressLine: '14 quai des Chartrons',
		postalCode: '33000',
		communeName: 'Bordeaux',
		questions: 'Combien d’apprentis accueillez-vous aujourd’hui ? | Aucun ; 1 ; 2 à 5 ; Plus de 5 *\nQuestions que vous souhaitez aborder [long]'
	},
	{
		title: 'Atelier BIM : la maquette numérique pour les charpentiers',
		kindId: 'workshop',
		inDays: 20,
		hour: 14,
		hours: 3,
		audience: 'public',
		capacity: 16,
		registrations: 20,
		summary: 'Une demi-journée pratique pour échanger une maquette IFC avec un bureau d’études et un fabricant.',
		description: 'Apportez votre ordinateur portable. Les logiciels sont installés en version d’essai.\n\nPlaces limitées à 16 postes.',
		venue: 'Lycée des métiers du bois',
		addressLine: '2 avenue de la Forêt',
		postalCode: '40000',
		communeName: 'Mont-de-Marsan',
		priceMember: '0',
		priceNonMember: '60'
	},
	{
		title: 'Visite de la scierie des Landes',
		kindId: 'company_visit',
		inDays: 27,
		hour: 10,
		hours: 2,
		audience: 'network',
		capacity: 25,
		registrations: 9,
		summary: 'Du grume à la planche : la ligne de sciage, le séchoir et le classement mécanique.',
		description: 'Chaussures de sécurité obligatoires (quelques paires de prêt sur place).',
		venue: 'Scierie des Landes',
		postalCode: '40200',
		communeName: 'Mimizan',
		questions: 'Pointure pour les chaussures de sécurité prêtées'
	},
	{
		title: 'Rencontres d’affaires de la filière bois',
		kindId: 'business_meetings',
		inDays: 45,
		hour: 9,
		hours: 8,
		audience: 'members',
		capacity: 80,
		registrations: 24,
		summary: 'Une journée de rendez-vous d’affaires de 20 minutes entre donneurs d’ordre, fabricants et entreprises de pose.',
		description: 'Chaque participant indique ce qu’il propose et ce qu’il recherche, demande ses rendez-vous, et reçoit son planning la veille.',
		venue: 'Parc des expositions',
		postalCode: '33300',
		communeName: 'Bordeaux',
		hasBusinessMeetings: true,
		priceMember: '30',
		priceNonMember: '90'
	},
	{
		title: 'Salon Bois & Habitat : stand collectif du cluster',
		kindId: 'trade_show',
		inDays: 60,
		hour: 9,
		hours: 9,
		audience: 'public',
		capacity: null,
		registrations: 6,
		summary: 'Le cluster réserve un stand partagé pour ses adhérents au salon régional de la construction bois.',
		description: 'Les adhérents exposants partagent 60 m². Un covoiturage est organisé depuis Bordeaux et Mont-de-Marsan.',
		venue: 'Parc des expositions',
		postalCode: '64000',
		communeName: 'Pau'
	},
	{
		title: 'Forum de l’emploi des métiers du bois',
		kindId: 'recruitment_fair',
		inDays: 80,
		hour: 10,
		hours: 6,
		audience: 'public',
		capacity: 200,
		registrations: 12,
		summary: 'Les entreprises de la filière rencontrent candidats, apprentis et personnes en reconversion.',
		description: 'Entrée libre sur inscription. Préparez votre CV.',
		mode: 'hybrid',
		onlineUrl: 'https://visio.example/forum-bois',
		venue: 'Espace Mendès-France',
		postalCode: '86000',
		communeName: 'Poitiers'
	},
	{
		title: 'Assemblée générale du cluster',
		kindId: 'general_assembly',
		inDays: -34,
		hour: 17,
		hours: 3,
		audience: 'members',
		capacity: 120,
		registrations: 32,
		summary: 'Rapport d’activité, comptes, élection du bureau et feuille de route.',
		description: 'Suivie d’un apéritif dînatoire.',
		venue: 'Maison de la filière bois',
		addressLine: '14 quai des Chartrons',
		postalCode: '33000',
		communeName: 'Bordeaux',
		attended: 0.8
	}
];

const FIRST = ['Camille', 'Julien', 'Sophie', 'Thomas', 'Claire', 'Nicolas', 'Laura', 'Antoine', 'Manon', 'Hugo', 'Chloé', 'Lucas', 'Inès', 'Maxime', 'Emma', 'Pierre'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Garcia', 'Roux', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Chevalier', 'Robin'];

/** A date at `hour` o'clock in France, `days` from today. */
function franceTime(days: number, hour: number): string {
	const d = new Date(Date.now() + days * DAY);
	return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

export async function seedDemoEvents(db: Db, actor: Actor): Promise<{ events: number; registrations: number }> {
	const rng = new Random(SEED);
	const contacts = await queryRows<{ name: string; email: string; organization: string }>(
		db,
		sql`select p.first_name || ' ' || p.last_name as name, lower(p.email) as email, o.name as organization
			from people p join organizations o on o.id = p.organization_id
			where o.status = 'member' and p.email is not null order by o.name, p.last_name, p.first_name`
	);
	const ctx = { baseUrl: process.env.ORIGIN || 'http://localhost:3000', locale: 'fr' as const, source: 'staff' as const };
	const emails = new Set<string>();
	let registrations = 0;
	for (const e of EVENTS) {
		// A past event is made in the future, filled, then moved back to its date (as it happened).
		const days = e.inDays < 0 ? 400 : e.inDays;
		const { id } = await createEvent(db, actor, {
			title: e.title,
			kindId: e.kindId,
			summary: e.summary,
			description: e.description,
			startsAt: franceTime(days, e.hour),
			endsAt: franceTime(days, e.hour + e.hours),
			mode: e.mode ?? 'on_site',
			onlineUrl: e.onlineUrl,
			venue: e.venue,
			addressLine: e.addressLine,
			postalCode: e.postalCode,
			communeName: e.communeName,
			capacity: e.capacity,
			priceMember: e.priceMember,
			priceNonMember: e.priceNonMember,
			audience: e.audience,
			status: 'published',
			questions: e.questions ?? '',
			hasBusinessMeetings: e.hasBusinessMeetings ?? false
		});
		const people = rng.sample(contacts, Math.min(contacts.length, e.audience === 'public' ? Math.ceil(e.registrations / 2) : e.registrations));
		// Public events also draw people from outside the cluster.
		while (people.length < e.registrations) {
			const first = rng.pick(FIRST);
			const last = rng.pick(LAST);
			people.push({ name: `${first} ${last}`, email: `${first}.${last}.${people.length}@exemple.fr`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''), organization: '' });
		}
		const tickets: string[] = [];
		for (const p of people) {
			const answers: Record<string, string> = {};
			if (e.questions?.startsWith('Combien')) answers.q1 = rng.pick(['Aucun', '1', '2 à 5', 'Plus de 5']);
			const r = await registerForEvent(db, actor, id, { name: p.name, email: p.email, organization: p.organization || undefined, answers }, ctx);
			emails.add(p.email);
			if (r.status === 'confirmed') tickets.push(r.ticketCode);
			registrations++;
		}
		if (e.inDays < 0) {
			for (const code of tickets.slice(0, Math.round(tickets.length * (e.attended ?? 0)))) await checkIn(db, actor, id, code);
			const shift = `${400 - e.inDays} days`;
			await db.execute(sql`update events set starts_at = starts_at - ${shift}::interval, ends_at = ends_at - ${shift}::interval where id = ${id}`);
			await db.execute(sql`update event_registrations set created_at = created_at - ${shift}::interval, checked_in_at = checked_in_at - ${shift}::interval where event_id = ${id}`);
			await db.execute(sql`delete from jobs where kind = 'events.reminders' and payload->>'eventId' = ${id}`);
		}
	}
	// Nobody asked for these confirmations: the demo's people are fictional.
	if (emails.size)
		await db.execute(sql`delete from jobs where kind = ${MAIL_JOB} and payload->>'to' in (${sql.join([...emails].map((x) => sql`${x}`), sql`, `)})`);
	return { events: EVENTS.length, registrations };
}
