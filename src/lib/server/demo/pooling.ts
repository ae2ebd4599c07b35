// The demo's pooled employment: an employer group of three member companies (the demo member account's
// among them, so it sees the group and can sign its agreement) with two shared positions split by percent
// and by hours; and secondment offers and requests that match partly (one offer answers a request fully,
// others share a competency or the trade). Everything goes through the service, as the team would.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { createGroup, createSecondment, getGroup, saveListing, savePosition, updateAgreement } from '../pooling/service';

const DEMO_MEMBER_EMAIL = 'member@grappe.localhost';

const TRADES = [
	['menuisier', 'Menuisier / menuisière'],
	['charpentier', 'Charpentier / charpentière'],
	['conducteur-ligne-sciage', 'Conducteur / conductrice de ligne de sciage'],
	['technicien-bureau-etudes', 'Technicien / technicienne de bureau d’études bois'],
	['agenceur', 'Agenceur / agenceuse'],
	['ebeniste', 'Ébéniste'],
	['commercial-materiaux', 'Commercial / commerciale en matériaux'],
	['couvreur', 'Couvreur / couvreuse']
] as const;

/** A date `months` from today's first of the month, as yyyy-mm-dd. */
function monthsFromNow(months: number, day = 1): string {
	const d = new Date();
	return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, day)).toISOString().slice(0, 10);
}

export async function seedDemoPooling(db: Db, actor: Actor): Promise<{ groups: number; positions: number; listings: number }> {
	// The shared list of trades: whoever's demo runs first creates it.
	for (const [i, [slug, name]] of TRADES.entries())
		await db.execute(sql`insert into trades (id, position, name, slug) values (${crypto.randomUUID()}, ${i}, ${name}, ${slug}) on conflict (slug) do nothing`);
	const trades = new Map((await queryRows<{ id: string; slug: string }>(db, sql`select id, slug from trades`)).map((t) => [t.slug, t.id]));
	const comps = new Map((await queryRows<{ id: string; name: string }>(db, sql`select id, name from competencies`)).map((c) => [c.name, c.id]));
	const c = (...names: string[]) => names.map((n) => comps.get(n)).filter((x): x is string => !!x);

	const [own] = await queryRows<{ organization_id: string }>(db, sql`select organization_id from users where email = ${DEMO_MEMBER_EMAIL} and organization_id is not null`);
	const others = await queryRows<{ id: string }>(
		db,
		sql`select o.id from organizations o where o.status = 'member' and not exists (select 1 from users u where u.organization_id = o.id) order by o.name_normalized limit 6`
	);
	if (!own || others.length < 5) return { groups: 0, positions: 0, listings: 0 };
	const [a, b, cOrg, d, e] = [own.organization_id, ...others.map((o) => o.id)];

	// ---------------------------------------------------------------- the employer group
	const { id: groupId } = await createGroup(db, actor, {
		name: 'GE Bois & Habitat Sud-Ouest',
		legalForm: 'association',
		contactName: 'Hélène Darrigade',
		contactEmail: 'contact@ge-bois-habitat.example',
		contactPhone: '05 58 00 12 34',
		notes: 'Groupement créé en 2023 par trois adhérents du cluster pour partager des compétences qu’aucun ne peut employer à temps plein.',
		memberIds: [a, b, cOrg]
	});
	await savePosition(db, actor, groupId, null, {
		title: 'Responsable qualité, sécurité, environnement',
		tradeId: null,
		employeeName: 'Sophie Lacaze',
		weeklyHours: '35',
		startDate: monthsFromNow(-8),
		monthlyCost: '4 300',
		splitMode: 'percent',
		notes: 'Certification PEFC et document unique dans les trois entreprises.',
		shares: [
			{ organizationId: a, time: '40', cost: '40' },
			{ organizationId: b, time: '40', cost: '40' },
			{ organizationId: cOrg, time: '20', cost: '20' }
		],
		slots: [
			{ day: 1, half: 'am', organizationId: a },
			{ day: 1, half: 'pm', organizationId: a },
			{ day: 2, half: 'am', organizationId: a },
			{ day: 2, half: 'pm', organizationId: a },
			{ day: 3, half: 'am', organizationId: b },
			{ day: 3, half: 'pm', organizationId: b },
			{ day: 4, half: 'am', organizationId: b },
			{ day: 4, half: 'pm', organizationId: b },
			{ day: 5, half: 'am', organizationId: cOrg },
			{ day: 5, half: 'pm', organizationId: cOrg }
		]
	});
	await savePosition(db, actor, groupId, null, {
		title: 'Technicien·ne bureau d’études bois',
		tradeId: trades.get('technicien-bureau-etudes') ?? null,
		employeeName: '',
		weeklyHours: '35',
		startDate: monthsFromNow(2),
		endDate: monthsFromNow(26, 0),
		monthlyCost: '3 650',
		splitMode: 'hours',
		shares: [
			{ organizationId: b, time: '21' },
			{ organizationId: cOrg, time: '14' }
		],
		slots: [
			{ day: 1, half: 'am', organizationId: b },
			{ day: 1, half: 'pm', organizationId: b },
			{ day: 2, half: 'am', organizationId: b },
			{ day: 2, half: 'pm', organizationId: b },
			{ day: 3, half: 'am', organizationId: b },
			{ day: 3, half: 'pm', organizationId: b },
			{ day: 4, half: 'am', organizationId: cOrg },
			{ day: 4, half: 'pm', organizationId: cOrg },
			{ day: 5, half: 'am', organizationId: cOrg },
			{ day: 5, half: 'pm', organizationId: cOrg }
		]
	});
	// The first position's agreements: two signed, the demo member's own still to sign.
	const group = await getGroup(db, actor, groupId);
	for (const ag of group.positions.find((p) => p.splitMode === 'percent')!.agreements) {
		if (ag.organizationId === a) continue;
		await updateAgreement(db, actor, ag.id, { status: 'signed', signedOn: monthsFromNow(-8, 20), notes: 'Convention d’adhésion au poste signée.' });
	}

	// ---------------------------------------------------------------- secondments
	const listing = (o: Record<string, unknown>) => ({ seniority: '', workTime: 'full', status: 'published', ...o });
	const { id: offerDirector } = await saveListing(
		db,
		actor,
		null,
		listing({
			kind: 'offer',
			organizationId: d,
			title: 'Directeur de production senior',
			competencyIds: c('Sciage', 'Séchage', 'Lamellé-collé'),
			tradeId: trades.get('conducteur-ligne-sciage'),
			seniority: 'senior',
			durationMinMonths: '12',
			durationMaxMonths: '18',
			startDate: monthsFromNow(3),
			personName: 'Bernard Etchegoyen',
			description: 'Vingt ans de direction de scierie industrielle ; disponible pour accompagner une PME dans la modernisation de sa ligne de sciage et de séchage.'
		})
	);
	await saveListing(
		db,
		actor,
		null,
		listing({
			kind: 'offer',
			organizationId: e,
			title: 'Ingénieure structure bois confirmée',
			competencyIds: c('Bureau d’études structure', 'CLT', 'Ossature bois'),
			tradeId: trades.get('technicien-bureau-etudes'),
			seniority: 'confirmed',
			durationMinMonths: '6',
			durationMaxMonths: '12',
			startDate: monthsFromNow(1),
			workTime: 'part',
			description: 'Trois jours par semaine, pour un projet de bâtiment en CLT ou la mise en place d’un bureau d’études.'
		})
	);
	await saveListing(
		db,
		actor,
		null,
		listing({
			kind: 'offer',
			organizationId: b,
			title: 'Chef d’atelier menuiserie',
			competencyIds: c('Menuiserie extérieure', 'Agencement intérieur'),
			tradeId: trades.get('menuisier'),
			seniority: 'senior',
			durationMinMonths: '3',
			durationMaxMonths: '6',
			startDate: monthsFromNow(2),
			description: 'Creux d’activité de notre atelier cet hiver : notre chef d’atelier peut renforcer une équipe.'
		})
	);
	const { id: requestSawmill } = await saveListing(
		db,
		actor,
		null,
		listing({
			kind: 'request',
			organizationId: cOrg,
			title: 'Pilote de la modernisation de la scierie',
			competencyIds: c('Sciage', 'Séchage', 'Lamellé-collé'),
			tradeId: trades.get('conducteur-ligne-sciage'),
			seniority: 'senior',
			durationMinMonths: '12',
			durationMaxMonths: '24',
			startDate: monthsFromNow(4),
			description: 'Nous investissons dans une ligne de sciage et un séchoir : nous cherchons un profil expérimenté pour piloter le projet et former l’équipe.'
		})
	);
	await saveListing(
		db,
		actor,
		null,
		listing({
			kind: 'request',
			organizationId: a,
			title: 'Renfort bureau d’études pour un projet CLT',
			competencyIds: c('CLT', 'Charpente'),
			tradeId: trades.get('technicien-bureau-etudes'),
			durationMinMonths: '6',
			durationMaxMonths: '9',
			startDate: monthsFromNow(2),
			workTime: 'part',
			description: 'Extension d’un groupe scolaire en CLT : besoin d’un appui en calcul de structure.'
		})
	);
	// The team already put the best pair in relation: a draft agreement.
	await createSecondment(db, actor, {
		offerId: offerDirector,
		requestId: requestSawmill,
		lendingOrganizationId: d,
		hostOrganizationId: cOrg,
		personName: 'Bernard Etchegoyen',
		startDate: monthsFromNow(4),
		endDate: monthsFromNow(19, 0),
		notes: 'Rencontre des deux dirigeants prévue ; refacturation au coût réel (salaire, charges, frais).'
	});
	return { groups: 1, positions: 2, listings: 5 };
}
