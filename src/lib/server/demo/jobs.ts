// The demo's job board: a dozen offers of member companies across Nouvelle-Aquitaine (varied trades,
// contracts and communes), published on different days; one waits for the team's moderation and one
// has expired. The first offers belong to the demo member account's company, so it has some to manage.
// Offers go through the service; only their dates and the two special statuses are set directly.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { createOffer } from '../employment/service';

const DAY = 86_400_000;

/** The shared demo trades of issue 5 (whoever's demo runs first creates them). */
const TRADES: [string, string][] = [
	['menuisier', 'Menuisier / menuisière'],
	['charpentier', 'Charpentier / charpentière'],
	['conducteur-ligne-sciage', 'Conducteur / conductrice de ligne de sciage'],
	['technicien-bureau-etudes', "Technicien / technicienne de bureau d'études bois"],
	['agenceur', 'Agenceur / agenceuse'],
	['ebeniste', 'Ébéniste'],
	['commercial-materiaux', 'Commercial / commerciale en matériaux'],
	['couvreur', 'Couvreur / couvreuse']
];

interface DemoOffer {
	title: string;
	trade: string | null;
	competencies: string[];
	commune: string;
	contract: 'permanent' | 'fixed_term' | 'apprenticeship' | 'internship' | 'freelance';
	months?: number;
	partTime?: number;
	remote?: 'none' | 'partial' | 'full';
	salary?: [number | null, number | null, 'year' | 'month' | 'hour'];
	apply?: ['email' | 'url', string];
	daysAgo: number;
	description: string;
	special?: 'pending' | 'expired';
}

const OFFERS: DemoOffer[] = [
	{
		title: 'Menuisier poseur / menuisière poseuse',
		trade: 'menuisier',
		competencies: ['Menuiserie extérieure', 'Rénovation énergétique'],
		commune: 'Mont-de-Marsan 40000',
		contract: 'permanent',
		salary: [26_000, 31_000, 'year'],
		daysAgo: 3,
		description:
			"Au sein d'une équipe de six compagnons, vous posez nos fenêtres, portes et volets en pin maritime chez des particuliers et sur des chantiers de rénovation énergétique.\n\nVous préparez vos chantiers avec le chef d'atelier, assurez la pose et les finitions, et êtes l'interlocuteur du client sur place.\n\nProfil : CAP ou BP menuiserie, première expérience en pose appréciée, permis B. Véhicule de service, paniers repas, mutuelle prise en charge à 70 %."
	},
	{
		title: "Apprenti·e menuisier en atelier (CAP)",
		trade: 'menuisier',
		competencies: ['Menuiserie extérieure'],
		commune: 'Mont-de-Marsan 40000',
		contract: 'apprenticeship',
		months: 24,
		daysAgo: 12,
		description:
			"Vous préparez un CAP menuisier fabricant en alternance avec le CFA des Landes. À l'atelier, vous apprenez le débit, l'usinage sur machines traditionnelles et à commande numérique, l'assemblage et la finition de nos menuiseries.\n\nUn tuteur vous accompagne pendant les deux ans. Rythme : deux semaines en entreprise, une semaine au CFA."
	},
	{
		title: 'Technicien / technicienne de bureau d’études structure bois',
		trade: 'technicien-bureau-etudes',
		competencies: ['Bureau d’études structure', 'Ossature bois', 'CLT'],
		commune: 'Bordeaux',
		contract: 'permanent',
		remote: 'partial',
		salary: [32_000, 38_000, 'year'],
		daysAgo: 5,
		description:
			"Vous réalisez les plans d'exécution et les notes de calcul de bâtiments à ossature bois et en CLT (logements collectifs, écoles), de l'avant-projet au suivi de fabrication.\n\nLogiciels : Cadwork ou SEMA, notions d'Eurocode 5. Deux jours de télétravail par semaine après la période d'intégration.\n\nBTS SCBH ou DUT génie civil, deux ans d'expérience minimum."
	},
	{
		title: 'Charpentier / charpentière bois',
		trade: 'charpentier',
		competencies: ['Charpente', 'Ossature bois'],
		commune: 'Pau',
		contract: 'permanent',
		salary: [2_100, 2_500, 'month'],
		daysAgo: 8,
		description:
			"Vous taillez et levez des charpentes traditionnelles et industrielles en Béarn et en Bigorre : maisons individuelles, granges rénovées, bâtiments agricoles.\n\nTravail en équipe de trois, grands déplacements rares. Vous êtes à l'aise en hauteur et savez lire un plan.\n\nCAP charpentier bois exigé ; un compagnon du Devoir est le bienvenu."
	},
	{
		title: 'Conducteur / conductrice de ligne de sciage',
		trade: 'conducteur-ligne-sciage',
		competencies: ['Sciage', 'Séchage'],
		commune: 'Morcenx-la-Nouvelle',
		contract: 'permanent',
		salary: [24_500, 28_000, 'year'],
		daysAgo: 2,
		description:
			"Dans notre scierie de pin maritime, vous pilotez la ligne de sciage principale : réglages, optimisation du débit selon les grumes, contrôle qualité et maintenance de premier niveau.\n\nTravail en deux équipes (matin / après-midi), prime d'équipe et intéressement. Formation interne assurée."
	},
	{
		title: 'Agenceur / agenceuse de magasins',
		trade: 'agenceur',
		competencies: ['Agencement intérieur'],
		commune: 'Mérignac',
		contract: 'fixed_term',
		months: 9,
		salary: [13.5, 15, 'hour'],
		daysAgo: 15,
		description:
			"Pour un surcroît d'activité, vous fabriquez et posez des agencements de boutiques et d'hôtels en Gironde : meubles, comptoirs, habillages muraux.\n\nVous travaillez à partir des plans du bureau d'études et participez aux poses sur site, parfois tôt le matin.\n\nExpérience en agencement ou en menuiserie intérieure indispensable."
	},
	{
		title: 'Ébéniste restauration de mobilier',
		trade: 'ebeniste',
		competencies: ['Réhabilitation du patrimoine'],
		commune: 'Périgueux',
		contract: 'permanent',
		partTime: 28,
		salary: [1_700, 1_950, 'month'],
		daysAgo: 20,
		description:
			"Atelier familial de restauration de meubles anciens et de boiseries : vous restaurez marqueteries, placages et vernis au tampon pour des particuliers et des monuments historiques.\n\nPoste à temps partiel (4 jours par semaine), évolutif. Une connaissance des styles et des techniques traditionnelles est nécessaire."
	},
	{
		title: 'Commercial / commerciale en matériaux bois',
		trade: 'commercial-materiaux',
		competencies: ['Négoce', 'Isolation biosourcée'],
		commune: 'Agen',
		contract: 'permanent',
		salary: [30_000, 42_000, 'year'],
		apply: ['email', 'recrutement@exemple.fr'],
		daysAgo: 6,
		description:
			"Vous développez un portefeuille d'artisans et d'entreprises du bâtiment en Lot-et-Garonne et dans le Gers : bois de structure, panneaux, isolants biosourcés.\n\nVéhicule, téléphone et ordinateur fournis ; fixe et variable sur objectifs. Expérience de la vente aux professionnels du bâtiment souhaitée."
	},
	{
		title: 'Couvreur zingueur / couvreuse zingueuse',
		trade: 'couvreur',
		competencies: ['Bardage'],
		commune: 'Bayonne',
		contract: 'fixed_term',
		months: 6,
		salary: [2_000, 2_300, 'month'],
		daysAgo: 9,
		description:
			"Couverture tuile et ardoise, zinguerie et pose de bardages bois sur des maisons du Pays basque. Vous intervenez en équipe de deux sur des chantiers de rénovation.\n\nCDD de six mois pouvant déboucher sur un CDI."
	},
	{
		title: 'Stage : assistant·e conduite de travaux construction bois',
		trade: null,
		competencies: ['Ossature bois', 'Économie de la construction'],
		commune: 'La Rochelle',
		contract: 'internship',
		months: 6,
		salary: [4.35, null, 'hour'],
		daysAgo: 4,
		description:
			"Stage de fin d'études (école d'ingénieurs ou licence professionnelle) : vous assistez le conducteur de travaux sur deux chantiers de logements à ossature bois, du planning aux réunions de chantier et au suivi des sous-traitants.\n\nGratification légale, tickets restaurant."
	},
	{
		title: 'Dessinateur / dessinatrice projeteur en mission',
		trade: 'technicien-bureau-etudes',
		competencies: ['Architecture bois'],
		commune: 'Limoges',
		contract: 'freelance',
		months: 3,
		remote: 'full',
		salary: [350, 400, 'month'],
		apply: ['url', 'https://www.exemple.fr/recrutement'],
		daysAgo: 1,
		description:
			"Mission de trois mois, entièrement à distance : vous dessinez les plans de permis de construire et d'exécution d'une série de maisons à ossature bois, à partir des esquisses de notre architecte.\n\nMaîtrise d'ArchiCAD ou Revit ; réunions hebdomadaires en visioconférence."
	},
	{
		title: 'Opérateur / opératrice de séchage et traitement du bois',
		trade: null,
		competencies: ['Séchage', 'Traitement du bois'],
		commune: 'Dax',
		contract: 'permanent',
		salary: [23_000, 25_500, 'year'],
		daysAgo: 0,
		special: 'pending',
		description:
			"Vous conduisez les séchoirs et l'autoclave de traitement : chargement, programmes de séchage, contrôle d'humidité, traçabilité des lots.\n\nPoste en journée, formation assurée. Permis cariste apprécié."
	},
	{
		title: 'Menuisier / menuisière d’atelier – escaliers',
		trade: 'menuisier',
		competencies: ['Escaliers'],
		commune: 'Brive-la-Gaillarde',
		contract: 'permanent',
		salary: [24_000, 27_000, 'year'],
		daysAgo: 75,
		special: 'expired',
		description:
			"Fabrication d'escaliers sur mesure en chêne et en hêtre : débit, usinage sur commande numérique, assemblage et finition.\n\nExpérience en menuiserie d'agencement ou d'escaliers souhaitée."
	}
];

export async function seedDemoJobs(db: Db, actor: Actor): Promise<{ offers: number }> {
	for (const [slug, name] of TRADES)
		await db.execute(sql`insert into trades (id, position, name, slug)
			values (${crypto.randomUUID()}, (select coalesce(max(position), 0) + 1 from trades), ${name}, ${slug}) on conflict (slug) do nothing`);
	const trades = new Map((await queryRows<{ id: string; slug: string }>(db, sql`select id, slug from trades`)).map((t) => [t.slug, t.id]));
	const competencies = new Map((await queryRows<{ id: string; name: string }>(db, sql`select id, name from competencies`)).map((c) => [c.name, c.id]));
	// The demo member account's company first, then other members with a public page.
	const orgs = await queryRows<{ id: string }>(
		db,
		sql`select o.id from organizations o left join users u on u.organization_id = o.id and u.email = 'member@grappe.localhost'
			where o.status = 'member' order by (u.id is not null) desc, (exists (select 1 from directory_entries d where d.organization_id = o.id)) desc, o.name_normalized limit 12`
	);
	if (!orgs.length) return { offers: 0 };
	const now = Date.now();
	let n = 0;
	for (const [i, d] of OFFERS.entries()) {
		const organizationId = orgs[(i < 2 ? 0 : i - 1) % orgs.length].id;
		const { id } = await createOffer(
			db,
			actor,
			{
				organizationId,
				title: d.title,
				tradeId: d.trade ? (trades.get(d.trade) ?? null) : null,
				competencyIds: d.competencies.map((c) => competencies.get(c)).filter(Boolean),
				description: d.description,
				commune: d.commune,
				remote: d.remote ?? 'none',
				contractKind: d.contract,
				durationMonths: d.months ?? '',
				workingTime: d.partTime ? 'part_time' : 'full_time',
				weeklyHours: d.partTime ?? 35,
				salaryMin: d.salary?.[0] ?? '',
				salaryMax: d.salary?.[1] ?? '',
				salaryPeriod: d.salary?.[2] ?? '',
				startAsap: d.contract !== 'apprenticeship' && d.contract !== 'internship',
				startDate: d.contract === 'apprenticeship' || d.contract === 'internship' ? new Date(now + 60 * DAY).toISOString().slice(0, 10) : '',
				applyMethod: d.apply?.[0] ?? 'platform',
				applyEmail: d.apply?.[0] === 'email' ? d.apply[1] : '',
				applyUrl: d.apply?.[0] === 'url' ? d.apply[1] : ''
			},
			{ submit: d.special !== 'pending' }
		);
		const published = new Date(now - d.daysAgo * DAY);
		if (d.special === 'pending') await db.execute(sql`update job_offers set status = 'pending' where id = ${id}`);
		else
			await db.execute(sql`update job_offers set status = ${d.special === 'expired' ? 'expired' : 'published'},
				published_at = ${published.toISOString()}::timestamptz, expires_at = ${new Date(published.getTime() + 60 * DAY).toISOString()}::timestamptz,
				created_at = ${published.toISOString()}::timestamptz, updated_at = ${published.toISOString()}::timestamptz where id = ${id}`);
		n++;
	}
	return { offers: n };
}
