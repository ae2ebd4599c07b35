// The demo cluster: a fictional wood & building cluster of Nouvelle-Aquitaine, made through the services.
// Everything is invented (companies, people, SIRETs, domains under .example, ARCEP fiction phone
// ranges) except the communes, postal codes and NAF codes, which are real so that every check passes.
import { Random } from './random';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { createUser, type User } from '../auth/users';
import { updateClusterSettings } from '../settings/service';
import { settings } from '../settings/schema';
import { organizations } from '../crm/schema';
import { users } from '../auth/schema';
import { luhnCheckDigit } from '../crm/identifiers';
import {
	createOrganization,
	createPerson,
	createMembership,
	createInteraction,
	createNeed,
	setFeeScales,
	saveValueChainStages,
	type Organization,
	type Interaction
} from '../crm/service';
import type { NEED_CATEGORIES, SIZE_BANDS, PARTNER_KINDS, INTERACTION_KINDS } from '../crm/validation';
import { seedDemoShowcase } from './showcase';
import { seedDemoEvents } from './events';
import { seedDemoTradeShows } from './tradeshows';
import { seedDemoTrainings } from './trainings';
import { seedDemoJobs } from './jobs';
import { seedDemoJobApplications } from './job-applications';
import { seedDemoPooling } from './pooling';
import { seedDemoSurveys } from './surveys';
import { seedDemoDiagnostics } from './diagnostics';

export const DEMO_PASSWORD = 'grappe-demo-2026';
export const DEMO_ADMIN_EMAIL = 'admin@grappe.localhost';

type SizeBand = (typeof SIZE_BANDS)[number];
type NeedCategory = (typeof NEED_CATEGORIES)[number];
type PartnerKind = (typeof PARTNER_KINDS)[number];
type InteractionKind = (typeof INTERACTION_KINDS)[number];

// ————— Deterministic randomness —————

// ————— Identifiers —————


function makeSiret(rng: Random, taken: Set<string>): string {
	for (;;) {
		const head = String(rng.int(1, 9)) + String(rng.int(0, 9_999_999)).padStart(7, '0');
		const siren = head + luhnCheckDigit(head);
		// La Poste's SIREN follows another rule; a SIRET must be unique.
		if (siren === '356000000') continue;
		const nicHead = siren + '000' + String(rng.int(1, 9));
		const siret = nicHead + luhnCheckDigit(nicHead);
		if (taken.has(siret)) continue;
		taken.add(siret);
		return siret;
	}
}

function slug(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' et ')
		.replace(/['’]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

// ARCEP keeps these ranges for fiction: no real subscriber can be reached by mistake.
const fictionLandline = (n: number) => `05 36 49 ${String(Math.floor(n / 100) % 100).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;
const fictionMobile = (n: number) => `06 39 98 ${String(Math.floor(n / 100) % 100).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;

// ————— Content —————

const CLUSTER_SETTINGS = {
	name: 'Cluster Bois & Bâtiment Nouvelle-Aquitaine',
	tagline: 'Les entreprises de la forêt au chantier, ensemble pour construire en bois local',
	primaryColor: '#2f5d3a',
	accentColor: '#b5651d',
	contactEmail: 'contact@cluster-bois-batiment.example',
	contactPhone: '05 36 49 00 00',
	address: 'Maison de la filière bois, 24 rue de la Forêt, 40000 Mont-de-Marsan',
	website: 'https://www.cluster-bois-batiment.example',
	legalNotice:
		"Site de démonstration de Grappe.\n\n" +
		"Le « Cluster Bois & Bâtiment Nouvelle-Aquitaine », ses adhérents, leurs contacts, numéros SIRET, " +
		"adresses électroniques et numéros de téléphone sont fictifs. Toute ressemblance avec une entreprise " +
		"ou une personne existante serait fortuite.\n\n" +
		"Éditeur : association loi 1901 fictive, 24 rue de la Forêt, 40000 Mont-de-Marsan. " +
		"Directrice de la publication : la déléguée générale. Hébergement : l'instance Grappe de démonstration.\n\n" +
		"Données personnelles : conformément au RGPD, chaque contact peut demander l'accès, la rectification " +
		"ou l'effacement de ses données à contact@cluster-bois-batiment.example."
};

const STAGES = [
	'Ressource forestière',
	'Première transformation',
	'Seconde transformation',
	'Conception',
	'Construction',
	'Maintenance et recyclage'
];

/** Annual fee per size band, in cents. */
const FEE_SCALES: Record<SizeBand, number> = {
	'0': 15_000,
	'1_9': 35_000,
	'10_49': 75_000,
	'50_249': 150_000,
	'250_plus': 300_000
};

interface TeamSeed {
	email: string;
	name: string;
	role: 'admin' | 'team';
}

const TEAM: TeamSeed[] = [
	{ email: DEMO_ADMIN_EMAIL, name: 'Hélène Marsac', role: 'admin' },
	{ email: 'team@grappe.localhost', name: 'Julien Brissaud', role: 'team' },
	{ email: 'team2@grappe.localhost', name: 'Amaia Etchegaray', role: 'team' }
];

interface Place {
	commune: string;
	postalCode: string;
	/** "du Médoc", "de la Haute-Lande": what follows "Scierie". */
	of: string;
	/** "Médoc", "Haute-Lande". */
	area: string;
}

// Real communes of région 75 with their real postal codes (checked against @etalab/decoupage-administratif).
const PLACES: Place[] = [
	{ commune: 'Bordeaux', postalCode: '33000', of: 'de Gironde', area: 'Gironde' },
	{ commune: 'Mérignac', postalCode: '33700', of: 'de Gironde', area: 'Gironde' },
	{ commune: 'Libourne', postalCode: '33500', of: 'du Libournais', area: 'Libournais' },
	{ commune: 'Lesparre-Médoc', postalCode: '33340', of: 'du Médoc', area: 'Médoc' },
	{ commune: 'Langon', postalCode: '33210', of: 'du Sauternais', area: 'Sauternais' },
	{ commune: 'Saint-Symphorien', postalCode: '33113', of: 'du Sud-Gironde', area: 'Sud-Gironde' },
	{ commune: 'Bazas', postalCode: '33430', of: 'du Bazadais', area: 'Bazadais' },
	{ commune: 'Cestas', postalCode: '33610', of: 'des Graves', area: 'Graves' },
	{ commune: 'Blanquefort', postalCode: '33290', of: 'de la Jalle', area: 'Jalle' },
	{ commune: 'Mont-de-Marsan', postalCode: '40000', of: 'du Marsan', area: 'Marsan' },
	{ commune: 'Dax', postalCode: '40100', of: "de l'Adour", area: 'Adour' },
	{ commune: 'Morcenx-la-Nouvelle', postalCode: '40110', of: 'de la Haute-Lande', area: 'Haute-Lande' },
	{ commune: 'Labouheyre', postalCode: '40210', of: 'de la Grande Lande', area: 'Grande Lande' },
	{ commune: 'Parentis-en-Born', postalCode: '40160', of: 'du Born', area: 'Born' },
	{ commune: 'Mimizan', postalCode: '40200', of: 'de la Côte landaise', area: 'Côte landaise' },
	{ commune: 'Tartas', postalCode: '40400', of: 'de la Chalosse', area: 'Chalosse' },
	{ commune: 'Sabres', postalCode: '40630', of: 'des Landes de Gascogne', area: 'Landes de Gascogne' },
	{ commune: 'Pau', postalCode: '64000', of: 'du Béarn', area: 'Béarn' },
	{ commune: 'Bayonne', postalCode: '64100', of: 'du Pays basque', area: 'Pays basque' },
	{ commune: 'Oloron-Sainte-Marie', postalCode: '64400', of: "du Haut-Béarn", area: 'Haut-Béarn' },
	{ commune: 'Mauléon-Licharre', postalCode: '64130', of: 'de la Soule', area: 'Soule' },
	{ commune: 'Hasparren', postalCode: '64240', of: 'du Labourd', area: 'Labourd' },
	{ commune: 'Périgueux', postalCode: '24000', of: 'du Périgord', area: 'Périgord' },
	{ commune: 'Bergerac', postalCode: '24100', of: 'du Bergeracois', area: 'Bergeracois' },
	{ commune: 'Sarlat-la-Canéda', postalCode: '24200', of: 'du Périgord noir', area: 'Périgord noir' },
	{ commune: 'Nontron', postalCode: '24300', of: 'du Périgord vert', area: 'Périgord vert' },
	{ commune: 'Limoges', postalCode: '87000', of: 'du Limousin', area: 'Limousin' },
	{ commune: 'Saint-Junien', postalCode: '87200', of: 'de la Vienne limousine', area: 'Vienne limousine' },
	{ commune: 'Eymoutiers', postalCode: '87120', of: 'de Millevaches', area: 'Millevaches' },
	{ commune: 'Tulle', postalCode: '19000', of: 'de Corrèze', area: 'Corrèze' },
	{ commune: 'Brive-la-Gaillarde', postalCode: '19100', of: 'du Pays de Brive', area: 'Pays de Brive' },
	{ commune: 'Ussel', postalCode: '19200', of: 'de Haute-Corrèze', area: 'Haute-Corrèze' },
	{ commune: 'Égletons', postalCode: '19300', of: 'des Monédières', area: 'Monédières' },
	{ commune: 'Meymac', postalCode: '19250', of: 'du Plateau', area: 'Plateau' },
	{ commune: 'Aubusson', postalCode: '23200', of: 'de la Creuse', area: 'Creuse' },
	{ commune: 'Felletin', postalCode: '23500', of: 'de la Haute-Creuse', area: 'Haute-Creuse' },
	{ commune: 'Guéret', postalCode: '23000', of: 'de la Marche', area: 'Marche' },
	{ commune: 'Angoulême', postalCode: '16000', of: "de l'Angoumois", area: 'Angoumois' },
	{ commune: 'Confolens', postalCode: '16500', of: 'de la Charente limousine', area: 'Charente limousine' },
	{ commune: 'Cognac', postalCode: '16100', of: 'du Cognaçais', area: 'Cognaçais' },
	{ commune: 'La Rochelle', postalCode: '17000', of: "de l'Aunis", area: 'Aunis' },
	{ commune: 'Saintes', postalCode: '17100', of: 'de Saintonge', area: 'Saintonge' },
	{ commune: 'Jonzac', postalCode: '17500', of: 'de Haute-Saintonge', area: 'Haute-Saintonge' },
	{ commune: 'Poitiers', postalCode: '86000', of: 'du Poitou', area: 'Poitou' },
	{ commune: 'Montmorillon', postalCode: '86500', of: 'du Montmorillonnais', area: 'Montmorillonnais' },
	{ commune: 'Châtellerault', postalCode: '86100', of: 'du Châtelleraudais', area: 'Châtelleraudais' },
	{ commune: 'Parthenay', postalCode: '79200', of: 'de Gâtine', area: 'Gâtine' },
	{ commune: 'Bressuire', postalCode: '79300', of: 'du Bocage', area: 'Bocage' },
	{ commune: 'Niort', postalCode: '79000', of: 'du Marais poitevin', area: 'Marais poitevin' },
	{ commune: 'Agen', postalCode: '47000', of: "de l'Agenais", area: 'Agenais' },
	{ commune: 'Casteljaloux', postalCode: '47700', of: "de l'Albret", area: 'Albret' },
	{ commune: 'Marmande', postalCode: '47200', of: 'du Val de Garonne', area: 'Val de Garonne' },
	{ commune: 'Villeneuve-sur-Lot', postalCode: '47300', of: 'de la vallée du Lot', area: 'Vallée du Lot' }
];

const SURNAMES = [
	'Dupouy', 'Lafargue', 'Labat', 'Lalanne', 'Darrigrand', 'Etcheverry', 'Larrieu', 'Castaing', 'Lacaze', 'Barrère',
	'Duprat', 'Lamarque', 'Cazenave', 'Bordes', 'Laborde', 'Pujol', 'Fourcade', 'Mounier', 'Chabrol', 'Delage',
	'Vergnaud', 'Mazière', 'Peyrat', 'Roudier', 'Rivière', 'Coutant', 'Texier', 'Charrier', 'Baudry', 'Tessier',
	'Pineau', 'Ferrand', 'Sabatier', 'Audouin', 'Bouyer', 'Maupas', 'Ribière', 'Chassaing', 'Nouaille', 'Soulier',
	'Daguerre', 'Harriet', 'Lapeyre', 'Bergès', 'Dartigues', 'Puyo', 'Lescure', 'Mouly', 'Faucher', 'Gaillard'
];

const FIRST_NAMES: [string, 'f' | 'm'][] = [
	['Marie', 'f'], ['Julie', 'f'], ['Camille', 'f'], ['Sophie', 'f'], ['Nathalie', 'f'], ['Isabelle', 'f'], ['Élodie', 'f'],
	['Céline', 'f'], ['Laure', 'f'], ['Claire', 'f'], ['Émilie', 'f'], ['Sandrine', 'f'], ['Chloé', 'f'], ['Pauline', 'f'],
	['Hélène', 'f'], ['Aurélie', 'f'], ['Maialen', 'f'], ['Margaux', 'f'], ['Jean', 'm'], ['Pierre', 'm'], ['Nicolas', 'm'],
	['Laurent', 'm'], ['Thomas', 'm'], ['Julien', 'm'], ['Olivier', 'm'], ['Philippe', 'm'], ['Stéphane', 'm'],
	['Christophe', 'm'], ['Mathieu', 'm'], ['Antoine', 'm'], ['Sébastien', 'm'], ['Vincent', 'm'], ['Guillaume', 'm'],
	['Benoît', 'm'], ['Romain', 'm'], ['Xavier', 'm'], ['Jérôme', 'm'], ['Fabrice', 'm'], ['Peio', 'm'], ['Bastien', 'm']
];

const LEAD_TITLES = { f: ['Gérante', 'Présidente', 'Directrice générale', 'Co-gérante'], m: ['Gérant', 'Président', 'Directeur général', 'Co-gérant'] };
const OTHER_TITLES = {
	f: ['Responsable RH', "Responsable du bureau d'études", 'Conductrice de travaux', "Chargée d'affaires", 'Assistante de direction', 'Responsable commerciale', 'Responsable QSE', "Cheffe d'atelier"],
	m: ['Responsable RH', "Responsable du bureau d'études", 'Conducteur de travaux', "Chargé d'affaires", 'Assistant de direction', 'Responsable commercial', 'Responsable QSE', "Chef d'atelier"]
};

const STREETS = [
	'rue de la Forêt', 'avenue des Pins', 'chemin du Moulin', 'rue des Artisans', 'route de la Gare', 'allée des Chênes',
	'impasse des Charpentiers', 'rue Pasteur', 'chemin de la Scierie', 'rue Jean-Jaurès', 'avenue de la Libération',
	'rue des Tonneliers', 'route des Landes', 'rue du Stade', 'chemin des Résiniers'
];

interface Profile {
	naf: string;
	stage: number;
	names: string[];
	descriptions: string[];
	tags: string[];
	sizes: readonly (readonly [SizeBand, number])[];
}

const SMALL: Profile['sizes'] = [['0', 1], ['1_9', 6], ['10_49', 3]];
const MEDIUM: Profile['sizes'] = [['1_9', 3], ['10_49', 5], ['50_249', 2]];
const INDUSTRY: Profile['sizes'] = [['10_49', 4], ['50_249', 4], ['250_plus', 1]];

// {nom}, {nom2}: surnames; {of}, {area}: the place; {commune}; {essence}: a species.
const PROFILES: Profile[] = [
	{
		naf: '02.20Z', stage: 0, sizes: SMALL,
		names: ['Travaux forestiers {nom}', '{nom} Exploitation forestière', 'Forêts {of}'],
		descriptions: [
			'Entreprise de travaux forestiers installée à {commune} : abattage, débardage et façonnage de {essence} pour les scieries de la région. Chantiers conduits selon le cahier des charges PEFC.',
			"Exploitation forestière familiale {of} : achat de bois sur pied, bûcheronnage mécanisé et livraison de grumes. L'équipe intervient aussi après tempête pour sécuriser les parcelles."
		],
		tags: ['pin maritime', 'PEFC', 'bois local', 'débardage', 'gestion durable']
	},
	{
		naf: '02.10Z', stage: 0, sizes: SMALL,
		names: ['{nom} Sylviculture', 'Pépinière forestière {nom}'],
		descriptions: [
			'Gestion et reboisement de parcelles forestières {of} pour le compte de propriétaires privés : plantation, dépressage, élagage et plans simples de gestion.',
			'Production de plants forestiers et travaux sylvicoles autour de {commune}. Spécialiste du {essence} et des mélanges d’essences adaptés au changement climatique.'
		],
		tags: ['reboisement', 'PEFC', 'gestion durable', 'adaptation climatique', 'bois local']
	},
	{
		naf: '16.10A', stage: 1, sizes: INDUSTRY,
		names: ['Scierie {nom}', 'Scierie {of}', 'Sciages {nom} et Fils'],
		descriptions: [
			'Scierie implantée à {commune} transformant chaque année plusieurs milliers de mètres cubes de {essence}. Produits : bois de charpente, bois d’ossature séchés et rabotés, lames de bardage.',
			'Scierie {of} équipée d’un séchoir et d’une ligne de rabotage. Elle fournit charpentiers, constructeurs de maisons bois et négoces de la région en bois classés structure.'
		],
		tags: ['sciage', 'séchage', 'bois de structure', 'bois local', 'PEFC', 'pin maritime', 'douglas']
	},
	{
		naf: '16.10B', stage: 1, sizes: MEDIUM,
		names: ['{nom} Traitement du Bois', 'Bois Protégés {of}'],
		descriptions: [
			'Traitement autoclave et thermique du bois à {commune}. Les bois traités classe 3 et 4 servent aux aménagements extérieurs, terrasses et bardages.',
			'Unité de préservation du bois {of} : imprégnation, bois thermo-chauffé et finitions saturateur pour les usages extérieurs.'
		],
		tags: ['bois traité', 'terrasse', 'bardage', 'durabilité']
	},
	{
		naf: '16.21Z', stage: 1, sizes: INDUSTRY,
		names: ['Panneaux {of}', '{nom} Contreplaqués'],
		descriptions: [
			'Fabrication de contreplaqués et de panneaux de {essence} à {commune}, pour l’agencement, l’emballage et la construction.',
			'Déroulage et fabrication de panneaux techniques {of} ; développement d’un panneau structurel à base de bois local.'
		],
		tags: ['panneaux', 'contreplaqué', 'bois local', 'innovation']
	},
	{
		naf: '16.23Z', stage: 2, sizes: MEDIUM,
		names: ['Ateliers {nom}', '{nom} Ossature Bois', 'Préfabrication Bois {of}'],
		descriptions: [
			'Fabrication en atelier de murs à ossature bois, caissons de toiture et charpentes industrielles à {commune}. Les éléments préfabriqués raccourcissent les chantiers de moitié.',
			'Menuiserie industrielle {of} : fenêtres, portes et escaliers en bois massif. Atelier à commande numérique et bureau d’études intégré.'
		],
		tags: ['ossature bois', 'préfabrication', 'CLT', 'BIM', 'RE2020', 'menuiserie sur mesure']
	},
	{
		naf: '16.22Z', stage: 2, sizes: SMALL,
		names: ['Parquets {nom}', 'Parqueterie {of}'],
		descriptions: [
			'Fabrication de parquets massifs et de lambris en {essence} à {commune}, du séchage à la finition huilée.',
			'Parqueterie artisanale {of} valorisant les feuillus locaux : chêne, châtaignier et hêtre.'
		],
		tags: ['parquet', 'feuillus', 'chêne', 'châtaignier', 'bois local']
	},
	{
		naf: '31.09B', stage: 2, sizes: SMALL,
		names: ['Ébénisterie {nom}', 'Atelier {nom} Agencement', '{nom} & {nom2} Mobilier'],
		descriptions: [
			'Atelier d’ébénisterie et d’agencement à {commune} : cuisines, bibliothèques et mobilier sur mesure en bois massif.',
			'Agencement de magasins, de bureaux et d’hôtels {of}. L’atelier travaille les essences locales et les panneaux à faible émission.'
		],
		tags: ['agencement', 'mobilier', 'menuiserie sur mesure', 'feuillus']
	},
	{
		naf: '16.24Z', stage: 2, sizes: MEDIUM,
		names: ['Palettes {nom}', 'Emballages Bois {of}'],
		descriptions: [
			'Fabrication et reconditionnement de palettes et caisses en bois à {commune}, traitement NIMP 15 pour l’export.',
			'Emballages industriels en bois {of} : caisses sur mesure, calage et palettes, à partir de sciages de {essence}.'
		],
		tags: ['emballage', 'palettes', 'économie circulaire', 'NIMP 15']
	},
	{
		naf: '71.11Z', stage: 3, sizes: [['0', 2], ['1_9', 6], ['10_49', 1]],
		names: ['{nom} Architectes', 'Atelier d’architecture {nom} & {nom2}', 'Agence {nom} Architecture'],
		descriptions: [
			'Agence d’architecture à {commune}, spécialisée dans les équipements publics et les logements en bois et matériaux biosourcés.',
			'Architectes associés {of} : maisons bioclimatiques, réhabilitation et surélévation en bois. L’agence accompagne les maîtres d’ouvrage publics depuis la programmation.'
		],
		tags: ['architecture', 'biosourcé', 'RE2020', 'surélévation', 'équipements publics']
	},
	{
		naf: '71.12B', stage: 3, sizes: [['1_9', 5], ['10_49', 3]],
		names: ['BET {nom} Structures Bois', 'Ingénierie Bois {of}', '{nom} Ingénierie'],
		descriptions: [
			'Bureau d’études structure bois à {commune} : dimensionnement de charpentes, ossatures et structures CLT, notes de calcul et plans d’exécution.',
			'Bureau d’études techniques {of} : thermique, structure et analyse du cycle de vie pour les projets en bois. Modélisation BIM.'
		],
		tags: ['bureau d’études', 'BIM', 'CLT', 'RE2020', 'calcul carbone']
	},
	{
		naf: '41.20A', stage: 4, sizes: MEDIUM,
		names: ['Maisons Bois {nom}', 'Les Maisons Bois {of}', '{nom} Construction Bois'],
		descriptions: [
			'Constructeur de maisons individuelles en ossature bois autour de {commune}, du permis de construire à la remise des clés.',
			'Maisons bois sur mesure {of}, en bois local et isolants biosourcés. Contrat de construction de maison individuelle et garanties à l’appui.'
		],
		tags: ['maison bois', 'ossature bois', 'biosourcé', 'RE2020', 'bois local']
	},
	{
		naf: '43.91A', stage: 4, sizes: SMALL,
		names: ['Charpente {nom}', '{nom} Charpente Couverture', 'Charpentiers {of}'],
		descriptions: [
			'Entreprise de charpente et couverture basée à {commune} : charpente traditionnelle, fermettes, extensions et surélévations en bois.',
			'Charpentiers {of} : taille de charpentes en {essence}, restauration de bâtiments anciens et ossature bois. Entreprise qualifiée RGE.'
		],
		tags: ['charpente traditionnelle', 'couverture', 'RGE', 'Qualibat', 'apprentissage']
	},
	{
		naf: '43.32A', stage: 4, sizes: SMALL,
		names: ['Menuiserie {nom}', '{nom} Menuiseries', 'Menuiserie {of}'],
		descriptions: [
			'Menuiserie installée à {commune} : fabrication et pose de fenêtres, portes, escaliers et aménagements intérieurs en bois.',
			'Menuiserie du bâtiment {of}, pose de menuiseries extérieures et de bardages pour particuliers et marchés publics.'
		],
		tags: ['menuiserie sur mesure', 'pose', 'RGE', 'rénovation énergétique', 'apprentissage']
	},
	{
		naf: '43.29A', stage: 4, sizes: SMALL,
		names: ['{nom} Isolation', 'Isolation Biosourcée {of}'],
		descriptions: [
			'Isolation thermique des bâtiments par l’intérieur et l’extérieur à {commune}, avec fibre de bois, ouate de cellulose et laine de chanvre.',
			'Entreprise d’isolation {of} qualifiée RGE, spécialiste de l’isolation thermique par l’extérieur en fibre de bois.'
		],
		tags: ['isolation fibre de bois', 'biosourcé', 'RGE', 'rénovation énergétique']
	},
	{
		naf: '43.99C', stage: 4, sizes: MEDIUM,
		names: ['{nom} Bâtiment', 'Entreprise {nom} et Associés'],
		descriptions: [
			'Entreprise générale de bâtiment à {commune} : gros œuvre, construction mixte bois-béton et réhabilitation de logements.',
			'Entreprise de gros œuvre {of} qui développe une activité de construction mixte bois-béton pour les bailleurs sociaux.'
		],
		tags: ['gros œuvre', 'mixte bois-béton', 'logement collectif', 'marchés publics']
	},
	{
		naf: '46.73A', stage: 4, sizes: INDUSTRY,
		names: ['Négoce Bois {of}', '{nom} Matériaux'],
		descriptions: [
			'Négoce de bois et matériaux à {commune} : sciages, panneaux, isolants biosourcés et quincaillerie pour les professionnels.',
			'Négociant en bois {of} avec une gamme de bois d’origine régionale certifiés et un service de découpe.'
		],
		tags: ['négoce', 'bois local', 'isolation fibre de bois', 'logistique']
	},
	{
		naf: '38.32Z', stage: 5, sizes: SMALL,
		names: ['Rebois {area}', '{nom} Recyclage Bois'],
		descriptions: [
			'Collecte et tri des déchets de bois de chantier autour de {commune}, préparation de broyats pour les panneaux et la chaufferie.',
			'Plateforme de réemploi {of} : dépose soignée, reconditionnement de poutres et de menuiseries et revente aux artisans.'
		],
		tags: ['réemploi', 'économie circulaire', 'déchets de chantier', 'bois énergie']
	},
	{
		naf: '43.39Z', stage: 5, sizes: SMALL,
		names: ['{nom} Entretien Bois', 'Rénovation Bois {of}'],
		descriptions: [
			'Entretien et rénovation de bardages, terrasses et façades en bois à {commune} : nettoyage, lasures, remplacement de lames.',
			'Diagnostic et traitement des charpentes {of} (insectes, champignons) et rénovation des ouvrages en bois.'
		],
		tags: ['entretien', 'traitement de charpente', 'rénovation', 'bardage']
	}
];

const ESSENCES = ['pin maritime', 'douglas', 'chêne', 'châtaignier', 'peuplier', 'épicéa', 'hêtre'];

interface PartnerSeed {
	name: string;
	kind: PartnerKind;
	naf: string;
	place: string;
	description: string;
	tags: string[];
}

const PARTNERS: PartnerSeed[] = [
	{
		name: 'Mission régionale Bois-Construction',
		kind: 'region',
		naf: '84.11Z',
		place: 'Bordeaux',
		description: 'Service régional fictif qui cofinance les actions collectives du cluster : études de marché, formations RE2020 et stands partagés sur les salons.',
		tags: ['financeur public', 'actions collectives']
	},
	{
		name: 'Centre de formation Bois Avenir',
		kind: 'training_centre',
		naf: '85.59A',
		place: 'Égletons',
		description: 'Centre de formation continue aux métiers du bois et de la construction : charpente, ossature bois, conduite de machines à commande numérique.',
		tags: ['formation', 'apprentissage', 'métiers du bois']
	},
	{
		name: 'Laboratoire Matériaux Biosourcés Atlantique',
		kind: 'lab',
		naf: '72.19Z',
		place: 'Poitiers',
		description: 'Laboratoire de recherche sur les matériaux biosourcés : caractérisation mécanique du bois local, durabilité, essais au feu.',
		tags: ['recherche', 'innovation', 'essais']
	},
	{
		name: 'Fonds Aquitain pour la Construction Bois',
		kind: 'funder',
		naf: '64.92Z',
		place: 'Bordeaux',
		description: 'Fonds fictif de prêts d’honneur et d’avances remboursables pour les investissements des entreprises de la filière.',
		tags: ['financement', 'investissement']
	},
	{
		name: 'Union des Entrepreneurs du Bois du Limousin',
		kind: 'association',
		naf: '94.11Z',
		place: 'Limoges',
		description: 'Organisation professionnelle fictive qui représente les entreprises du bois du Limousin et relaie les actions du cluster.',
		tags: ['organisation professionnelle', 'réseau']
	}
];

const INTERACTION_SUBJECTS: Record<InteractionKind, string[]> = {
	meeting: [
		'Rendez-vous annuel de suivi',
		'Point sur les projets de l’année',
		'Réunion préparatoire au salon',
		'Présentation des actions collectives',
		'Échange sur la commission RE2020'
	],
	call: [
		'Appel de suivi',
		'Relance cotisation',
		'Question sur un appel d’offres',
		'Point recrutement',
		'Demande de mise en relation'
	],
	email: [
		'Envoi de la documentation adhérent',
		'Réponse à une demande de contact',
		'Transmission d’un appel à projets',
		'Invitation à la rencontre d’affaires',
		'Compte rendu de réunion'
	],
	visit: [
		'Visite de l’atelier',
		'Visite de chantier',
		'Visite de l’usine',
		'Visite avec un partenaire financeur',
		'Visite découverte du site'
	]
};

const INTERACTION_NOTES = [
	'Entreprise en croissance, carnet de commandes rempli pour six mois. Le dirigeant souhaite s’impliquer davantage dans les commissions.',
	'Échange constructif. Intérêt pour les achats groupés et pour la prochaine rencontre d’affaires.',
	'Difficultés de recrutement sur les postes qualifiés ; à orienter vers le groupement d’employeurs.',
	'Projet d’investissement dans une nouvelle machine, besoin d’un accompagnement sur les financements.',
	'Souhaite mieux connaître les autres adhérents de son territoire. Proposer une visite croisée.',
	'Retour positif sur la dernière formation. Demande le calendrier du semestre prochain.',
	'A répondu seul à un marché public ; intéressé par un groupement avec un bureau d’études bois.',
	'Peu disponible en ce moment, à relancer dans trois mois.',
	'Présentation de la vitrine en ligne : l’entreprise va ajouter ses réalisations récentes.',
	'Inquiétude sur le prix du bois et les délais d’approvisionnement.',
	null
];

const PROSPECT_SUBJECTS = [
	'Premier contact – présentation du cluster',
	'Rencontre lors d’un salon professionnel',
	'Envoi de la proposition d’adhésion',
	'Relance adhésion',
	'Invitation à un petit-déjeuner découverte'
];

const PARTNER_SUBJECTS = [
	'Comité de suivi de la convention',
	'Bilan des actions cofinancées',
	'Préparation du programme de l’année',
	'Échange sur l’appel à projets régional'
];

const NEED_TEXTS: Record<NeedCategory, string[]> = {
	recruitment: [
		'Recrute deux charpentiers qualifiés ; peu de candidatures malgré les annonces.',
		'Cherche un apprenti menuisier pour la rentrée de septembre.',
		'Besoin d’un conducteur de travaux bois à temps plein.',
		'Souhaite partager un poste de dessinateur-projeteur avec une autre entreprise.'
	],
	training: [
		'Former l’équipe à la RE2020 et au calcul carbone.',
		'Formation à la conduite d’un centre d’usinage à commande numérique pour deux salariés.',
		'Montée en compétence du bureau d’études sur la maquette numérique (BIM).',
		'Formation sécurité pour les travaux en hauteur.'
	],
	funding: [
		'Financement d’une nouvelle ligne de rabotage (environ 400 k€).',
		'Recherche d’aides pour un séchoir basse température.',
		'Besoin d’un prêt d’honneur pour la reprise de l’entreprise par un salarié.'
	],
	export: [
		'Souhaite prospecter le marché espagnol.',
		'Intérêt pour un stand collectif sur un salon international de la construction bois.'
	],
	innovation: [
		'Développer un panneau isolant en fibre de bois local.',
		'Tester le pin maritime en lamellé-collé structurel.',
		'Projet de module préfabriqué pour la surélévation de logements.'
	],
	partnership: [
		'Cherche un bureau d’études structure bois pour répondre à des marchés publics.',
		'Souhaite se grouper avec d’autres entreprises pour un appel d’offres de logements collectifs.',
		'Recherche un fournisseur régional de bois certifié.'
	],
	premises: [
		'Recherche un atelier d’environ 800 m² avec pont roulant.',
		'Besoin d’une surface de stockage couverte pour les sciages.'
	],
	purchasing: [
		'Achat groupé de quincaillerie et de visserie.',
		'Mutualiser le transport des grumes entre scieries voisines.',
		'Achat groupé d’équipements de protection individuelle.'
	],
	visibility: [
		'Mettre à jour sa vitrine et présenter ses réalisations.',
		'Être présenté dans la prochaine lettre d’information du cluster.'
	],
	other: [
		'Question sur la filière de reprise des déchets du bâtiment.',
		'Demande d’information sur la labellisation des bois locaux.'
	]
};

// ————— Seeding —————

export interface DemoSummary {
	organizations: number;
	adminEmail: string;
	adminPassword: string;
}

const SEED = 20260118;
const ORGANIZATION_COUNT = 60;

/** Seeds the demo cluster when the database has no organization and no user; null otherwise. */
export async function seedDemoIfEmpty(db: Db): Promise<DemoSummary | null> {
	return db.transaction(async (tx) => {
		const t = tx as unknown as Db;
		// Two instances starting at once on one server: only the one that claims this key seeds.
		const claimed = await t
			.insert(settings)
			.values({ key: 'demo', value: { seededAt: new Date().toISOString() } })
			.onConflictDoNothing()
			.returning({ key: settings.key });
		if (claimed.length === 0) return null;
		const [org] = await t.select({ id: organizations.id }).from(organizations).limit(1);
		const [user] = await t.select({ id: users.id }).from(users).limit(1);
		if (org || user) {
			// Not empty: undo the claim so the database stays as it was.
			await t.execute(sql`delete from settings where key = 'demo'`);
			return null;
		}
		return seedDemo(t);
	});
}

/** Makes the demo cluster: settings, value chain, fee scales, accounts, ~60 organizations and their history. */
export async function seedDemo(db: Db): Promise<DemoSummary> {
	// One transaction: all or nothing, and far fewer commits (services nest as savepoints).
	return db.transaction(async (tx) => {
		const summary = await seed(tx as unknown as Db);
		await seedDemoShowcase(tx as unknown as Db);
		await seedDemoEvents(tx as unknown as Db, { id: null, role: 'admin', label: 'Démo' });
		await seedDemoTradeShows(tx as unknown as Db, { id: null, role: 'admin', label: 'Démo' });
		await seedDemoTrainings(tx as unknown as Db, { id: null, role: 'admin', label: 'Démo' });
		await seedDemoPooling(tx as unknown as Db, { id: null, role: 'admin', label: 'Démo' });
		await seedDemoJobs(tx as unknown as Db, { id: null, role: 'admin', label: 'Démo' });
		await seedDemoJobApplications(tx as unknown as Db);
		await seedDemoSurveys(tx as unknown as Db, { id: null, role: 'admin', label: 'Démo' });
		await seedDemoDiagnostics(tx as unknown as Db, { id: null, role: 'admin', label: 'Démo' });
		return summary;
	});
}

async function seed(db: Db): Promise<DemoSummary> {
	const rng = new Random(SEED);
	const today = new Date();
	const year = today.getUTCFullYear();
	const todayIso = today.toISOString().slice(0, 10);
	const startOfHistory = Date.UTC(year - 2, 0, 2);

	const cli: Actor = { id: null, role: 'admin', label: 'Démo' };
	await updateClusterSettings(db, cli, CLUSTER_SETTINGS);
	const stages = await saveValueChainStages(db, cli, STAGES.map((name) => ({ name })));
	await setFeeScales(db, cli, FEE_SCALES);

	const team: User[] = [];
	for (const t of TEAM) team.push(await createUser(db, { ...t, password: DEMO_PASSWORD, locale: 'fr' }));
	const actorOf = (u: User): Actor => ({ id: u.id, role: u.role as Actor['role'], label: u.name });
	const admin = team[0];
	const animateurs = team.slice(1);

	// ——— Who is what: 5 partners, 3 former members, 10 prospects, the rest members.
	const sirets = new Set<string>();
	const names = new Set<string>();
	const consentDates: { id: string; listing: string | null; newsletter: string | null }[] = [];
	let phoneSeq = 1000;
	const invoiceSeq = new Map<number, number>();
	let memberOrg: Organization | undefined;
	let partnerOrg: Organization | undefined;

	const placeByCommune = new Map(PLACES.map((p) => [p.commune, p]));
	const kinds: ('member' | 'prospect' | 'former_member')[] = [];
	const companies = ORGANIZATION_COUNT - PARTNERS.length;
	for (let i = 0; i < companies; i++) kinds.push(i % 17 === 5 ? 'former_member' : i % 5 === 3 ? 'prospect' : 'member');

	const randomDate = (fromMs: number, toMs = today.getTime()) =>
		new Date(fromMs + Math.floor(rng.float() * Math.max(0, toMs - fromMs))).toISOString().slice(0, 10);

	async function addPeople(org: Organization, domain: string, count: number) {
		const made = [];
		const lastNames = rng.sample(SURNAMES, count);
		for (let i = 0; i < count; i++) {
			const [firstName, g] = rng.pick(FIRST_NAMES);
			const lastName = lastNames[i];
			const listing = rng.chance(0.6);
			const newsletter = rng.chance(0.5);
			const person = await createPerson(db, actorOf(admin), org.id, {
				firstName,
				lastName,
				title: i === 0 ? rng.pick(LEAD_TITLES[g]) : rng.pick(OTHER_TITLES[g]),
				email: `${slug(firstName)}.${slug(lastName)}@${domain}`,
				phone: i === 0 || rng.chance(0.5) ? fictionMobile(phoneSeq++) : fictionLandline(phoneSeq++),
				consentPublicListing: listing,
				consentNewsletter: newsletter
			});
			if (listing || newsletter) {
				const at = `${randomDate(startOfHistory)}T09:00:00Z`;
				consentDates.push({ id: person.id, listing: listing ? at : null, newsletter: newsletter ? at : null });
			}
			made.push(person);
		}
		return made;
	}

	async function addInteractions(
		org: Organization,
		peopleIds: string[],
		count: number,
		fromMs: number,
		owner: User,
		subjects?: string[]
	): Promise<Interaction[]> {
		const made: Interaction[] = [];
		for (let i = 0; i < count; i++) {
			const kind = rng.weighted<InteractionKind>([['meeting', 25], ['call', 30], ['email', 25], ['visit', 20]]);
			const by = rng.chance(0.8) ? owner : rng.pick(team);
			made.push(
				await createInteraction(db, actorOf(by), org.id, {
					kind,
					occurredOn: randomDate(fromMs),
					subject: rng.pick(subjects ?? INTERACTION_SUBJECTS[kind]),
					notes: rng.pick(INTERACTION_NOTES),
					personId: peopleIds.length && rng.chance(0.8) ? rng.pick(peopleIds) : null,
					teamMemberId: by.id
				})
			);
		}
		return made;
	}

	async function addNeeds(org: Organization, ints: Interaction[], count: number, owner: User) {
		for (let i = 0; i < count && ints.length; i++) {
			const category = rng.weighted<NeedCategory>([
				['recruitment', 5], ['training', 4], ['funding', 3], ['export', 1], ['innovation', 2],
				['partnership', 3], ['premises', 1], ['purchasing', 2], ['visibility', 2], ['other', 1]
			]);
			const from = rng.pick(ints);
			const ageDays = (today.getTime() - Date.parse(from.occurredOn)) / 86_400_000;
			const status =
				ageDays > 365
					? rng.weighted([['addressed', 5], ['dropped', 2], ['in_progress', 1], ['open', 1]] as const)
					: rng.weighted([['open', 4], ['in_progress', 3], ['addressed', 1]] as const);
			await createNeed(db, actorOf(owner), org.id, { category, text: rng.pick(NEED_TEXTS[category]), status, interactionId: from.id });
		}
	}

	async function addMembership(org: Organization, owner: User, y: number, paid: boolean) {
		const n = (invoiceSeq.get(y) ?? 0) + 1;
		invoiceSeq.set(y, n);
		let paidOn: string | null = null;
		if (paid) {
			paidOn = new Date(Date.UTC(y, 1, 1) + rng.int(0, 150) * 86_400_000).toISOString().slice(0, 10);
			if (paidOn > todayIso) paidOn = todayIso;
		}
		await createMembership(db, actorOf(owner), org.id, {
			year: y,
			paid,
			paidOn,
			invoiceNumber: `FA-${y}-${String(n).padStart(4, '0')}`
		});
	}

	function uniqueName(templates: string[], place: Place): string {
		for (let attempt = 0; ; attempt++) {
			const [nom, nom2] = rng.sample(SURNAMES, 2);
			const name = rng
				.pick(templates)
				.replace('{nom}', nom)
				.replace('{nom2}', nom2)
				.replace('{of}', place.of)
				.replace('{area}', place.area);
			if (!names.has(name)) {
				names.add(name);
				return name;
			}
			if (attempt > 50) throw new Error('demo seed: cannot make a unique name');
		}
	}

	// ——— Companies.
	for (let i = 0; i < companies; i++) {
		const status = kinds[i];
		const profile = PROFILES[i % PROFILES.length];
		const place = PLACES[(i * 7) % PLACES.length];
		const essence = rng.pick(ESSENCES);
		const name = uniqueName(profile.names, place);
		const domain = `${slug(name)}.example`;
		const owner = status === 'prospect' && rng.chance(0.3) ? null : animateurs[i % animateurs.length];
		const description = rng
			.pick(profile.descriptions)
			.replace('{commune}', place.commune)
			.replace('{of}', place.of)
			.replace('{essence}', essence);
		const org = await createOrganization(db, actorOf(admin), {
			name,
			siret: makeSiret(rng, sirets),
			nafCode: profile.naf,
			addressLine: `${rng.int(1, 120)} ${rng.pick(STREETS)}`,
			postalCode: place.postalCode,
			communeName: place.commune,
			sizeBand: rng.weighted(profile.sizes),
			website: `https://www.${domain}`,
			email: `contact@${domain}`,
			phone: fictionLandline(phoneSeq++),
			description,
			status,
			tags: rng.sample(profile.tags, rng.int(1, 3)),
			valueChainStageId: stages[profile.stage].id,
			teamMemberId: owner?.id ?? null
		});
		const ppl = await addPeople(org, domain, rng.weighted([[1, 4], [2, 4], [3, 1]] as const));
		const peopleIds = ppl.map((p) => p.id);
		const follower = owner ?? admin;

		if (status === 'member') {
			memberOrg ??= org;
			const joined = rng.weighted([[year - 2, 6], [year - 1, 2.5], [year, 1.5]] as const);
			// About one member in six has not renewed this year (yet).
			const renewed = joined === year || !rng.chance(0.17);
			for (let y = joined; y <= year; y++) {
				if (y === year && !renewed) break;
				const paid = y === year - 2 ? true : y === year - 1 ? rng.chance(0.9) : rng.chance(0.6);
				await addMembership(org, follower, y, paid);
			}
			const ints = await addInteractions(org, peopleIds, rng.int(2, 5), Date.UTC(joined - 1, 9, 1) < startOfHistory ? startOfHistory : Date.UTC(joined - 1, 9, 1), follower);
			await addNeeds(org, ints, rng.int(0, 2), follower);
		} else if (status === 'former_member') {
			await addMembership(org, follower, year - 2, true);
			if (rng.chance(0.5)) await addMembership(org, follower, year - 1, rng.chance(0.5));
			const ints = await addInteractions(org, peopleIds, rng.int(1, 2), startOfHistory, follower);
			await createInteraction(db, actorOf(follower), org.id, {
				kind: 'call',
				occurredOn: randomDate(Date.UTC(year, 0, 15)),
				subject: 'Non-renouvellement de l’adhésion',
				notes: 'L’entreprise ne renouvelle pas : manque de temps pour participer aux commissions. Garder le contact pour les événements ouverts.',
				personId: peopleIds[0],
				teamMemberId: follower.id
			});
			await addNeeds(org, ints, rng.int(0, 1), follower);
		} else {
			const ints = await addInteractions(org, peopleIds, rng.int(1, 2), Date.UTC(year - 1, 0, 1), follower, PROSPECT_SUBJECTS);
			await addNeeds(org, ints, rng.int(0, 1), follower);
		}
	}

	// ——— Partners.
	for (const [i, p] of PARTNERS.entries()) {
		const place = placeByCommune.get(p.place)!;
		const domain = `${slug(p.name)}.example`;
		const org = await createOrganization(db, actorOf(admin), {
			name: p.name,
			siret: makeSiret(rng, sirets),
			nafCode: p.naf,
			addressLine: `${rng.int(1, 60)} ${rng.pick(STREETS)}`,
			postalCode: place.postalCode,
			communeName: place.commune,
			sizeBand: i === 0 ? '250_plus' : rng.weighted([['1_9', 1], ['10_49', 2]] as const),
			website: `https://www.${domain}`,
			email: `contact@${domain}`,
			phone: fictionLandline(phoneSeq++),
			description: p.description,
			status: 'partner',
			partnerKind: p.kind,
			tags: p.tags,
			teamMemberId: admin.id
		});
		partnerOrg ??= org;
		const ppl = await addPeople(org, domain, rng.int(1, 2));
		await addInteractions(org, ppl.map((x) => x.id), rng.int(1, 3), startOfHistory, admin, PARTNER_SUBJECTS);
	}

	// ——— A member and a partner account, to see the app as they do.
	await createUser(db, { email: 'member@grappe.localhost', name: 'Compte adhérent (démo)', role: 'member', organizationId: memberOrg!.id, password: DEMO_PASSWORD });
	await createUser(db, { email: 'partner@grappe.localhost', name: 'Compte partenaire (démo)', role: 'partner', organizationId: partnerOrg!.id, password: DEMO_PASSWORD });

	await backdate(db, consentDates);
	return { organizations: ORGANIZATION_COUNT, adminEmail: DEMO_ADMIN_EMAIL, adminPassword: DEMO_PASSWORD };
}

/**
 * The services stamp everything "now"; a demo reads better when records and their history carry the
 * dates they would have had over three years. No service changes creation dates, hence plain SQL.
 */
async function backdate(db: Db, consents: { id: string; listing: string | null; newsletter: string | null }[]) {
	const paris = (d: string) => sql.raw(`((${d})::timestamp + interval '10 hours') at time zone 'Europe/Paris'`);
	await db.execute(sql`update interactions set created_at = ${paris('occurred_on')}, updated_at = ${paris('occurred_on')}`);
	await db.execute(sql`update needs n set created_at = i.created_at,
		updated_at = case when n.status = 'open' then i.created_at else least(now(), i.created_at + interval '45 days') end
		from interactions i where i.id = n.interaction_id`);
	await db.execute(sql`update memberships set created_at = ${paris("make_date(year, 1, 10)")}, updated_at = ${paris('coalesce(paid_on, make_date(year, 1, 10))')}`);
	await db.execute(sql`update organizations o set created_at = s.first - interval '14 days', updated_at = s.last
		from (select organization_id, min(created_at) as first, max(created_at) as last from (
			select organization_id, created_at from interactions union all select organization_id, created_at from memberships
		) x group by organization_id) s where s.organization_id = o.id`);
	await db.execute(sql`update people p set created_at = o.created_at, updated_at = o.created_at from organizations o where o.id = p.organization_id`);
	if (consents.length) {
		await db.execute(sql`update people p set
			consent_public_listing_at = case when p.consent_public_listing then greatest(p.created_at, c.listing) end,
			consent_newsletter_at = case when p.consent_newsletter then greatest(p.created_at, c.newsletter) end
			from json_to_recordset(${JSON.stringify(consents)}::json) as c(id text, listing timestamptz, newsletter timestamptz)
			where p.id = c.id`);
	}
	await db.execute(sql`update organization_history h set at = coalesce(
		case h.entity
			when 'organization' then (select created_at from organizations where id = h.entity_id)
			when 'person' then (select created_at from people where id = h.entity_id)
			when 'membership' then (select created_at from memberships where id = h.entity_id)
			when 'interaction' then (select created_at from interactions where id = h.entity_id)
			when 'need' then (select created_at from needs where id = h.entity_id)
		end, h.at)`);
}
