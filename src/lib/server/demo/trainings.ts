// The demo's trades and trainings: the eight trades every demo shares (created if no other demo did, then
// given their page), about ten trainings from the partners and member companies with sessions, two labels
// (one expired, so it is not shown), and two school requests: one open with the demo member volunteering,
// one matched. Everything goes through the service, except that the demo's mails are removed (nobody asked).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { MAIL_JOB } from '../mail/service';
import { createLabel, createTraining, grantLabel, matchVolunteer, setSchoolRequestStatus, submitSchoolRequest, updateTrade, volunteerForRequest } from '../trainings/service';

const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** slug → name, shared with the other demos of issue 5 (job offers, shared positions). */
export const DEMO_TRADES: [string, string][] = [
	['menuisier', 'Menuisier / menuisière'],
	['charpentier', 'Charpentier / charpentière'],
	['conducteur-ligne-sciage', 'Conducteur / conductrice de ligne de sciage'],
	['technicien-bureau-etudes', "Technicien / technicienne de bureau d'études bois"],
	['agenceur', 'Agenceur / agenceuse'],
	['ebeniste', 'Ébéniste'],
	['commercial-materiaux', 'Commercial / commerciale en matériaux'],
	['couvreur', 'Couvreur / couvreuse']
];

const PAGES: Record<string, { description: string; skills: string[]; trainingPaths: string; videos?: string[] }> = {
	menuisier: {
		description: 'Le menuisier fabrique et pose portes, fenêtres, escaliers et placards, en atelier puis sur le chantier. Il travaille le bois massif, les panneaux et de plus en plus les menuiseries mixtes bois-aluminium.',
		skills: ['Lire un plan et relever des cotes', 'Régler et conduire des machines à bois, y compris à commande numérique', 'Assembler, ajuster et finir', 'Poser en respectant l’étanchéité et l’isolation'],
		trainingPaths: 'CAP Menuisier fabricant ou installateur (2 ans, souvent en apprentissage), puis Brevet professionnel ou Bac pro Technicien menuisier agenceur ; BTS Systèmes constructifs bois et habitat pour aller plus loin.',
		// A fictional PeerTube instance, as the demo's other addresses (.example): no real video is linked.
		videos: ['https://videos.cluster-bois.example/w/menuisier-portrait-atelier']
	},
	charpentier: {
		description: 'Le charpentier conçoit, taille et lève les charpentes et les maisons à ossature bois. Un métier de plein air, d’équipe et de précision, au cœur de la construction bas carbone.',
		skills: ['Tracer et tailler des pièces de charpente', 'Monter des murs à ossature bois', 'Travailler en hauteur en sécurité', 'Lire les plans du bureau d’études'],
		trainingPaths: 'CAP Charpentier bois, Brevet professionnel Charpentier, Bac pro Technicien constructeur bois ; les Compagnons du devoir forment aussi par le tour de France.',
		videos: ['https://videos.cluster-bois.example/w/charpentier-levage-ossature']
	},
	'conducteur-ligne-sciage': {
		description: 'En scierie, le conducteur de ligne de sciage pilote les machines qui transforment les grumes en planches et en poutres, en optimisant chaque bille selon sa qualité.',
		skills: ['Piloter une ligne automatisée', 'Classer les bois selon leur qualité', 'Assurer la maintenance de premier niveau', 'Respecter les règles de sécurité'],
		trainingPaths: 'CAP ou Bac pro Technicien de scierie, certificats de qualification professionnelle de la branche ; beaucoup de scieries forment en interne.'
	},
	'technicien-bureau-etudes': {
		description: 'Au bureau d’études, le technicien conçoit les ouvrages en bois sur ordinateur : plans, calculs de structure, listes de débit envoyées aux machines.',
		skills: ['Dessiner en 3D (CAO/DAO)', 'Dimensionner une structure bois', 'Préparer les fichiers de taille numérique', 'Dialoguer avec le chantier'],
		trainingPaths: 'BTS Systèmes constructifs bois et habitat, BUT Génie civil – construction durable, licences professionnelles bois-construction.'
	},
	agenceur: {
		description: 'L’agenceur conçoit et installe les aménagements intérieurs : magasins, hôtels, cuisines, bureaux, en associant le bois à d’autres matériaux.',
		skills: ['Comprendre un projet d’architecte', 'Fabriquer des meubles sur mesure', 'Coordonner les corps de métier sur le chantier'],
		trainingPaths: 'Bac pro Technicien menuisier agenceur, BTS Étude et réalisation d’agencement.'
	},
	ebeniste: {
		description: 'L’ébéniste fabrique et restaure des meubles de qualité, du dessin à la finition, en perpétuant des savoir-faire d’art.',
		skills: ['Choisir les essences', 'Tracer, assembler, plaquer', 'Réaliser les finitions (vernis, cire, teinte)'],
		trainingPaths: 'CAP Ébéniste, Brevet des métiers d’art, Diplôme national des métiers d’art et du design.'
	},
	'commercial-materiaux': {
		description: 'Le commercial en matériaux conseille artisans et entreprises du bâtiment sur les produits bois et biosourcés, du devis à la livraison.',
		skills: ['Connaître les produits et leurs usages', 'Établir un devis', 'Suivre un portefeuille de clients'],
		trainingPaths: 'BTS Négociation et digitalisation de la relation client, Titre professionnel Technicien de vente en matériaux de construction.'
	},
	couvreur: {
		description: 'Le couvreur pose et entretient les toitures : tuiles, ardoises, bardeaux de bois, zinc, et de plus en plus l’isolation et les panneaux solaires.',
		skills: ['Travailler en hauteur en sécurité', 'Poser tuiles, ardoises et bardeaux', 'Réaliser l’étanchéité et les zingueries'],
		trainingPaths: 'CAP Couvreur, Brevet professionnel Couvreur, Mention complémentaire Zinguerie.'
	}
};

interface DemoTraining {
	title: string;
	provider: 'centre' | 'union' | 'lab' | 'member1' | 'member2' | 'demoMember';
	kind: 'initial' | 'continuing';
	trades: string[];
	content: string;
	objectives: string;
	hours: number;
	mode: 'onsite' | 'online' | 'blended';
	commune: string;
	fundings: string[];
	level?: string;
	certification?: string;
	sessions: [number, number | null][];
}

const TRAININGS: DemoTraining[] = [
	{ title: 'CAP Charpentier bois en apprentissage', provider: 'centre', kind: 'initial', trades: ['charpentier'], content: 'Deux ans en alternance entre le centre et une entreprise de charpente : tracé, taille, levage, ossature bois.', objectives: 'Obtenir le CAP Charpentier bois et savoir réaliser une charpente traditionnelle.', hours: 800, mode: 'onsite', commune: 'Égletons', fundings: ['apprenticeship', 'region'], level: 'Niveau 3 (CAP)', certification: 'CAP Charpentier bois', sessions: [[60, 730]] },
	{ title: 'Ossature bois : concevoir et monter les murs', provider: 'centre', kind: 'continuing', trades: ['charpentier', 'technicien-bureau-etudes'], content: 'Principes de l’ossature bois, pare-pluie et pare-vapeur, montage de murs en atelier, levage sur chantier.', objectives: 'Monter un mur à ossature bois conforme aux DTU.', hours: 35, mode: 'onsite', commune: 'Égletons', fundings: ['opco', 'cpf'], sessions: [[40, 44], [120, 124]] },
	{ title: 'Conduite de centre d’usinage à commande numérique', provider: 'centre', kind: 'continuing', trades: ['menuisier', 'agenceur'], content: 'Programmation et conduite d’un centre d’usinage bois à commande numérique, réglages, sécurité.', objectives: 'Programmer et conduire un centre d’usinage en autonomie.', hours: 70, mode: 'blended', commune: 'Égletons', fundings: ['opco', 'cpf', 'france_travail'], sessions: [[25, 36]] },
	{ title: 'Bac pro Technicien menuisier agenceur', provider: 'centre', kind: 'initial', trades: ['menuisier', 'agenceur'], content: 'Trois ans pour apprendre à fabriquer et poser menuiseries et agencements, avec périodes en entreprise.', objectives: 'Obtenir le Bac pro et préparer la suite en BTS ou dans la vie active.', hours: 1800, mode: 'onsite', commune: 'Limoges', fundings: ['apprenticeship', 'region'], level: 'Niveau 4 (Bac)', certification: 'Bac pro TMA', sessions: [[70, 1100]] },
	{ title: 'Scierie : classement visuel des bois de structure', provider: 'union', kind: 'continuing', trades: ['conducteur-ligne-sciage'], content: 'Règles du classement visuel des sciages résineux selon la norme, exercices sur parc à grumes.', objectives: 'Classer les bois de structure et tenir le registre de classement.', hours: 14, mode: 'onsite', commune: 'Limoges', fundings: ['opco'], sessions: [[18, 19], [95, 96]] },
	{ title: 'Réussir la vente de matériaux biosourcés', provider: 'union', kind: 'continuing', trades: ['commercial-materiaux'], content: 'Arguments techniques et environnementaux des isolants et bois biosourcés, RE2020, réponse aux objections.', objectives: 'Conseiller un client sur le bon produit biosourcé.', hours: 14, mode: 'online', commune: '', fundings: ['opco', 'employer'], sessions: [[30, null], [75, null]] },
	{ title: 'Matériaux biosourcés et RE2020 pour les bureaux d’études', provider: 'lab', kind: 'continuing', trades: ['technicien-bureau-etudes'], content: 'Analyse de cycle de vie, fiches FDES, calcul de l’indicateur carbone d’un bâtiment bois.', objectives: 'Intégrer l’ACV et la RE2020 dans les études de structure bois.', hours: 21, mode: 'blended', commune: 'Poitiers', fundings: ['opco', 'region'], sessions: [[50, 52]] },
	{ title: 'Couverture en bardeaux de bois', provider: 'member1', kind: 'continuing', trades: ['couvreur', 'charpentier'], content: 'Préparation des bardeaux de châtaignier, pose sur voligeage, traitement des rives et des noues.', objectives: 'Poser une couverture en bardeaux de bois.', hours: 21, mode: 'onsite', commune: '', fundings: ['opco'], sessions: [[55, 57]] },
	{ title: 'Finitions et vernis pour l’ébénisterie', provider: 'member2', kind: 'continuing', trades: ['ebeniste', 'menuisier'], content: 'Teintes, vernis à l’eau, cires et huiles : préparation des surfaces et application au pistolet.', objectives: 'Choisir et appliquer une finition durable et saine.', hours: 14, mode: 'onsite', commune: '', fundings: ['opco', 'cpf'], sessions: [[33, 34]] },
	{ title: 'Découverte des métiers du bois (stage de 3e)', provider: 'demoMember', kind: 'initial', trades: ['menuisier', 'charpentier'], content: 'Une semaine d’observation en atelier et sur chantier pour les collégiens de 3e.', objectives: 'Découvrir les métiers du bois et de la construction.', hours: 35, mode: 'onsite', commune: '', fundings: [], sessions: [[90, 94]] }
];

export async function seedDemoTrainings(db: Db, actor: Actor): Promise<{ trades: number; trainings: number; requests: number }> {
	for (const [i, [slug, name]] of DEMO_TRADES.entries())
		await db.execute(sql`insert into trades (id, position, name, slug) values (${crypto.randomUUID()}, ${i}, ${name}, ${slug}) on conflict (slug) do nothing`);
	const trades = await queryRows<{ id: string; slug: string; name: string; description: string | null }>(db, sql`select id, slug, name, description from trades`);
	const tradeId = new Map(trades.map((t) => [t.slug, t.id]));
	for (const t of trades) {
		const page = PAGES[t.slug];
		if (!page || t.description) continue;
		await updateTrade(db, actor, t.id, { name: t.name, description: page.description, skills: page.skills.join('\n'), trainingPaths: page.trainingPaths, videos: (page.videos ?? []).join('\n') });
	}

	const orgs = await queryRows<{ id: string; name: string; status: string; commune_name: string | null; departement_code: string | null }>(
		db,
		sql`select id, name, status, commune_name, departement_code from organizations where status in ('partner', 'member') order by name`
	);
	const byName = (n: string) => orgs.find((o) => o.name === n);
	const [demoMember] = await queryRows<{ organization_id: string }>(db, sql`select organization_id from users where email = 'member@grappe.localhost'`);
	const members = orgs.filter((o) => o.status === 'member' && o.commune_name && o.id !== demoMember?.organization_id);
	const providers: Record<DemoTraining['provider'], { id: string; commune: string | null; dep: string | null } | undefined> = {
		centre: pick(byName('Centre de formation Bois Avenir')),
		union: pick(byName('Union des Entrepreneurs du Bois du Limousin')),
		lab: pick(byName('Laboratoire Matériaux Biosourcés Atlantique')),
		member1: pick(members[0]),
		member2: pick(members[1]),
		demoMember: pick(orgs.find((o) => o.id === demoMember?.organization_id))
	};
	const created = new Map<string, string>();
	for (const tr of TRAININGS) {
		const p = providers[tr.provider];
		if (!p) continue;
		const commune = tr.mode === 'online' ? '' : tr.commune || (p.commune ? `${p.commune}${p.dep ? ` (${p.dep})` : ''}` : '');
		if (tr.mode !== 'online' && !commune) continue;
		const row = await createTraining(db, actor, {
			title: tr.title,
			providerId: p.id,
			kind: tr.kind,
			tradeIds: tr.trades.map((s) => tradeId.get(s)).filter(Boolean),
			content: tr.content,
			objectives: tr.objectives,
			durationHours: String(tr.hours),
			mode: tr.mode,
			commune,
			fundings: tr.fundings,
			level: tr.level ?? '',
			certification: tr.certification ?? '',
			url: '',
			status: 'published',
			sessions: tr.sessions.map(([a, b]) => [iso(a), b == null ? '' : iso(b)].join(' ').trim()).join('\n')
		});
		created.set(tr.title, row.id);
	}

	// Labels: one valid (shown), one whose validity ended last month (not shown anywhere public).
	const label = await createLabel(db, actor, { name: 'Formation recommandée Bois & Bâtiment', criteria: 'Formateurs issus des entreprises, au moins 70 % de pratique, taux de satisfaction supérieur à 85 % et suivi de l’insertion à six mois.' });
	const ossature = created.get('Ossature bois : concevoir et monter les murs');
	if (ossature) await grantLabel(db, actor, { labelId: label.id, trainingId: ossature, auditedOn: iso(-120), validUntil: iso(610) });
	const sawmill = created.get('Scierie : classement visuel des bois de structure');
	if (sawmill) await grantLabel(db, actor, { labelId: label.id, trainingId: sawmill, auditedOn: iso(-760), validUntil: iso(-30) });

	// School requests: one open with the demo member volunteering, one matched with another member.
	const ctx = { baseUrl: process.env.ORIGIN || 'http://localhost:3000', locale: 'fr' as const };
	let requests = 0;
	const open = await submitSchoolRequest(
		db,
		{ kind: 'intervention', schoolName: 'Collège Jules-Ferry', communeName: 'Tulle', contactName: 'Sophie Marchand', email: 'sophie.marchand@college-ferry.example', phone: '05 55 00 12 34', classLevel: '3e', pupils: '26', tradeIds: [tradeId.get('menuisier'), tradeId.get('charpentier')].filter(Boolean), wishedDates: 'Un jeudi après-midi en février', message: 'Dans le cadre du parcours Avenir, nous aimerions qu’un professionnel présente son métier et son entreprise.', consent: 'on' },
		ctx
	);
	await setSchoolRequestStatus(db, actor, open.id, 'open');
	requests++;
	if (demoMember) {
		await volunteerForRequest(db, actor, open.id, { organizationId: demoMember.organization_id, contactName: 'Compte adhérent (démo)', contactEmail: 'member@grappe.localhost', message: 'Nous pouvons venir avec des échantillons et une petite machine de démonstration.' });
	}
	const visit = await submitSchoolRequest(
		db,
		{ kind: 'visit', schoolName: 'Lycée professionnel du Bâtiment', communeName: 'Limoges', contactName: 'Karim Benali', email: 'k.benali@lp-batiment.example', classLevel: 'Seconde bac pro', pupils: '18', tradeIds: [tradeId.get('conducteur-ligne-sciage')].filter(Boolean), wishedDates: 'Semaine du 16 mars', consent: 'on' },
		ctx
	);
	await setSchoolRequestStatus(db, actor, visit.id, 'open');
	requests++;
	if (members[2]) {
		const v = await volunteerForRequest(db, actor, visit.id, { organizationId: members[2].id, contactName: 'Julien Roux', contactEmail: 'julien.roux@demo.example', message: 'Visite de la scierie et de la ligne de rabotage, équipements de sécurité fournis.' });
		await matchVolunteer(db, actor, visit.id, v.id, ctx);
	}
	// Nobody asked for these mails: the schools and contacts are fictional.
	await db.execute(
		sql`delete from jobs where kind = ${MAIL_JOB} and (payload->>'to' in ('sophie.marchand@college-ferry.example', 'k.benali@lp-batiment.example', 'julien.roux@demo.example')
			or payload->>'subject' like 'Nouvelle demande d’établissement%')`
	);
	return { trades: DEMO_TRADES.length, trainings: created.size, requests };
}

function pick(o: { id: string; commune_name: string | null; departement_code: string | null } | undefined) {
	return o ? { id: o.id, commune: o.commune_name, dep: o.departement_code } : undefined;
}
