// The demo cluster's public face: the competency taxonomy and reference kinds, each company's showcase
// page (portrait, products, territory, labels, materials, a few videos, value-chain stages), shared
// references (réalisations), supply links along the chain and a few introductions.
//
// It runs inside seedDemo's transaction, after the CRM seed, and reads back what that seed made (the
// NAF code tells the trade). The demo is a system action, so it writes the tables directly, in a few
// batched statements, but it checks every value with the showcase domain's own zod schemas and rules
// (existing communes, competencies and organizations, members only, no self link, no duplicates).
// Everything is fictional; communes and their INSEE codes are real.
import { Random } from './random';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import {
	competencies,
	referenceKinds,
	organizationCompetencies,
	showcaseReferences,
	referenceMembers,
	introductions,
	organizationStages,
	supplyLinks
} from '../showcase/schema';
import { showcaseInput, referenceInput, introductionInput } from '../showcase/validation';
import { parseInput } from '../validation';
import { resolveCommune, departementName } from '../geo/communes';

// ————— Deterministic randomness (same generator as seed.ts, another seed) —————

const SEED = 20260214;

// ————— Taxonomy —————

const COMPETENCIES = [
	'Exploitation forestière',
	'Sylviculture et reboisement',
	'Sciage',
	'Séchage',
	'Rabotage',
	'Traitement du bois',
	'Panneaux et contreplaqués',
	'Lamellé-collé',
	'CLT',
	'Charpente',
	'Ossature bois',
	'Menuiserie extérieure',
	'Agencement intérieur',
	'Escaliers',
	'Parquet',
	'Bardage',
	'Isolation biosourcée',
	'Architecture bois',
	'Bureau d’études structure',
	'Économie de la construction',
	'Rénovation énergétique',
	'Réhabilitation du patrimoine',
	'Emballage et palettes',
	'Négoce',
	'Recyclage du bois',
	'Bois énergie',
	'Formation'
] as const;
type Competency = (typeof COMPETENCIES)[number];

const REFERENCE_KINDS = ['Aménagement', 'Construction neuve', 'Réhabilitation', 'Extension / surélévation'] as const;
type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** The demo's value chain (seed.ts STAGES), by name. */
const STAGE = {
	forest: 'Ressource forestière',
	first: 'Première transformation',
	second: 'Seconde transformation',
	design: 'Conception',
	build: 'Construction',
	end: 'Maintenance et recyclage'
} as const;

// ————— Geography —————

/** "en Gironde", "dans les Landes": where, for a sentence. */
const DEPT_IN: Record<string, string> = {
	'16': 'en Charente',
	'17': 'en Charente-Maritime',
	'19': 'en Corrèze',
	'23': 'dans la Creuse',
	'24': 'en Dordogne',
	'33': 'en Gironde',
	'40': 'dans les Landes',
	'47': 'en Lot-et-Garonne',
	'64': 'dans les Pyrénées-Atlantiques',
	'79': 'dans les Deux-Sèvres',
	'86': 'dans la Vienne',
	'87': 'en Haute-Vienne'
};

const NEIGHBOURS: Record<string, string[]> = {
	'16': ['17', '24', '79', '86', '87'],
	'17': ['16', '33', '79', '24'],
	'19': ['24', '87', '23'],
	'23': ['87', '19'],
	'24': ['33', '47', '16', '19', '87'],
	'33': ['40', '47', '24', '17'],
	'40': ['33', '47', '64'],
	'47': ['33', '40', '24'],
	'64': ['40'],
	'79': ['86', '17', '16'],
	'86': ['79', '16', '87'],
	'87': ['16', '19', '23', '24', '86']
};

/** The species a company of the département most likely works when its description names none. */
const DEPT_ESSENCES: Record<string, string[]> = {
	'16': ['chêne', 'peuplier', 'châtaignier'],
	'17': ['pin maritime', 'chêne', 'peuplier'],
	'19': ['douglas', 'châtaignier', 'épicéa'],
	'23': ['douglas', 'chêne', 'épicéa'],
	'24': ['châtaignier', 'chêne', 'pin maritime'],
	'33': ['pin maritime', 'chêne'],
	'40': ['pin maritime'],
	'47': ['peuplier', 'pin maritime', 'chêne'],
	'64': ['hêtre', 'chêne', 'douglas'],
	'79': ['chêne', 'peuplier'],
	'86': ['chêne', 'peuplier', 'douglas'],
	'87': ['douglas', 'châtaignier', 'chêne']
};

const ESSENCES = ['pin maritime', 'douglas', 'chêne', 'châtaignier', 'peuplier', 'épicéa', 'hêtre'];

/** Real communes of Nouvelle-Aquitaine and one of their postal codes, where references took place. */
const REFERENCE_COMMUNES: Record<string, [string, string][]> = {
	'16': [['Angoulême', '16000'], ['Cognac', '16100'], ['Ruffec', '16700'], ['Barbezieux-Saint-Hilaire', '16300'], ['Soyaux', '16800']],
	'17': [['La Rochelle', '17000'], ['Rochefort', '17300'], ['Royan', '17200'], ['Saintes', '17100'], ['Surgères', '17700']],
	'19': [['Tulle', '19000'], ['Brive-la-Gaillarde', '19100'], ['Ussel', '19200'], ['Uzerche', '19140'], ['Égletons', '19300']],
	'23': [['Guéret', '23000'], ['Aubusson', '23200'], ['La Souterraine', '23300'], ['Bourganeuf', '23400']],
	'24': [['Périgueux', '24000'], ['Bergerac', '24100'], ['Sarlat-la-Canéda', '24200'], ['Ribérac', '24600'], ['Terrasson-Lavilledieu', '24120']],
	'33': [['Bordeaux', '33000'], ['Mérignac', '33700'], ['Pessac', '33600'], ['Talence', '33400'], ['Bègles', '33130'], ['Libourne', '33500'], ['Arcachon', '33120'], ['La Teste-de-Buch', '33260'], ['Saint-Médard-en-Jalles', '33160'], ['Lormont', '33310']],
	'40': [['Mont-de-Marsan', '40000'], ['Dax', '40100'], ['Soustons', '40140'], ['Capbreton', '40130'], ['Biscarrosse', '40600'], ['Saint-Paul-lès-Dax', '40990'], ['Labenne', '40530']],
	'47': [['Agen', '47000'], ['Marmande', '47200'], ['Villeneuve-sur-Lot', '47300'], ['Nérac', '47600'], ['Tonneins', '47400']],
	'64': [['Pau', '64000'], ['Bayonne', '64100'], ['Anglet', '64600'], ['Biarritz', '64200'], ['Saint-Jean-de-Luz', '64500'], ['Orthez', '64300'], ['Lescar', '64230']],
	'79': [['Niort', '79000'], ['Parthenay', '79200'], ['Bressuire', '79300'], ['Thouars', '79100'], ['Melle', '79500']],
	'86': [['Poitiers', '86000'], ['Châtellerault', '86100'], ['Loudun', '86200'], ['Chasseneuil-du-Poitou', '86360'], ['Buxerolles', '86180']],
	'87': [['Limoges', '87000'], ['Saint-Junien', '87200'], ['Panazol', '87350'], ['Bellac', '87300'], ['Saint-Yrieix-la-Perche', '87500']]
};

// ————— French helpers —————

const startsWithVowel = (s: string) => /^[aeiouyéèêàâîôûœ]/i.test(s);
/** "de Dax", "d’Agen". */
const de = (s: string) => (startsWithVowel(s) ? `d’${s}` : `de ${s}`);
/** "le douglas", "l’épicéa". */
const le = (s: string) => (startsWithVowel(s) ? `l’${s}` : `le ${s}`);
/** "au douglas", "à l’épicéa". */
const au = (s: string) => (startsWithVowel(s) ? `à l’${s}` : `au ${s}`);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const fr = (n: number) => n.toLocaleString('fr-FR');
const roundTo = (n: number, step: number) => Math.round(n / step) * step;

// ————— Trades —————

type TradeKey =
	| 'forestry' | 'silviculture' | 'sawmill' | 'treatment' | 'panels' | 'framing' | 'joineryWorks' | 'flooring'
	| 'furniture' | 'packaging' | 'architect' | 'engineering' | 'houseBuilder' | 'carpenter' | 'joiner'
	| 'insulation' | 'builder' | 'merchant' | 'recycling' | 'maintenance';

type Scope = 'local' | 'regional' | 'national';

interface Trade {
	/** How the company is named in its portrait, and the gender of that noun. */
	nouns: [string, 'f' | 'm'][];
	professional?: boolean;
	core: Competency[];
	extra: Competency[];
	knowHow: string[];
	machines: string[];
	products: string[];
	teamRoles: string;
	verb: string;
	scopes: Scope[];
	labels: [string, number][];
	/** Whether the company's main species belongs in its materials. */
	essence: boolean;
	materials: string[];
	extraStages: [string, number][];
	videoChance: number;
	/** Species that fit the trade (when the CRM description names none); any when absent. */
	species?: string[];
}

// Placeholders: {Il}/{il} (pronoun, or the company's noun in the first sentence), {e} (feminine
// agreement), {noun}, {commune}, {de_commune}, {essence}, {de_essence}, and the figures in Context.
const TRADES: Record<TradeKey, Trade> = {
	forestry: {
		nouns: [['l’entreprise', 'f'], ['l’exploitation', 'f']],
		core: ['Exploitation forestière'],
		extra: ['Bois énergie', 'Sylviculture et reboisement', 'Formation'],
		knowHow: [
			'{Il} réalise l’abattage, le débardage et le façonnage des bois, principalement {de_essence}, pour les scieries de la région.',
			'Spécialisé{e} dans les coupes d’éclaircie et les coupes rases {de_essence}, {il} travaille en lien direct avec les propriétaires et les experts forestiers.',
			'{Il} achète des bois sur pied, organise les chantiers d’exploitation et livre les grumes directement aux scieries partenaires.',
			'Abatteuses et porteurs traitent les chantiers mécanisables ; les bûcherons prennent le relais sur les parcelles en pente ou en bord de cours d’eau.'
		],
		machines: [
			'Le parc matériel compte deux abatteuses, trois porteurs et un camion-grumier équipé d’une grue de chargement.',
			'Les machines, montées sur pneus basse pression, limitent le tassement des sols sur les parcelles fragiles.'
		],
		products: [
			'Achat de bois sur pied et de coupes',
			'Abattage mécanisé et manuel',
			'Débardage par porteur',
			'Façonnage et livraison de grumes',
			'Coupes d’éclaircie',
			'Travaux après tempête et sécurisation des parcelles',
			'Bois de trituration et plaquettes forestières'
		],
		teamRoles: 'bûcherons, conducteurs d’engins et un chauffeur grumier',
		verb: 'intervient',
		scopes: ['local', 'local', 'regional'],
		labels: [['PEFC', 0.85], ['FSC', 0.15]],
		essence: true,
		materials: ['bois énergie', 'peuplier', 'chêne', 'douglas'],
		extraStages: [],
		videoChance: 0.15
	},
	silviculture: {
		nouns: [['l’entreprise', 'f']],
		core: ['Sylviculture et reboisement'],
		extra: ['Exploitation forestière', 'Formation', 'Bois énergie'],
		knowHow: [
			'{Il} gère pour le compte de propriétaires privés environ {ha} hectares de forêts, du reboisement aux premières éclaircies.',
			'Plantation, dépressage, élagage et entretien des pare-feu sont réalisés par une équipe formée à la gestion durable.',
			'{Il} rédige les plans simples de gestion et conseille les propriétaires sur le choix des essences face au changement climatique.',
			'{Il} expérimente des îlots d’avenir mêlant {le_essence} et des essences plus résistantes à la sécheresse pour préparer la forêt de demain.'
		],
		machines: [
			'Un tracteur forestier équipé d’un gyrobroyeur et d’une planteuse mécanique complète le travail manuel.',
			'Les relevés de parcelles se font par drone et alimentent un système d’information géographique partagé avec les propriétaires.'
		],
		products: [
			'Plans simples de gestion',
			'Plantation et regarnis',
			'Dépressage et élagage',
			'Entretien des pare-feu et des fossés',
			'Production de plants forestiers',
			'Conseil aux propriétaires forestiers',
			'Diagnostic sanitaire des peuplements'
		],
		teamRoles: 'techniciens forestiers et ouvriers sylviculteurs',
		verb: 'intervient',
		scopes: ['local', 'regional'],
		labels: [['PEFC', 0.85], ['FSC', 0.2]],
		essence: true,
		materials: ['douglas', 'chêne', 'pin maritime'],
		extraStages: [],
		videoChance: 0.05
	},
	sawmill: {
		nouns: [['la scierie', 'f'], ['l’entreprise', 'f']],
		core: ['Sciage'],
		extra: ['Séchage', 'Rabotage', 'Bardage', 'Bois énergie', 'Lamellé-collé'],
		knowHow: [
			'{Il} transforme chaque année environ {m3} m³ de grumes {de_essence}, achetées dans un rayon de {km} km.',
			'Les bois sont séchés, rabotés et classés pour la structure (C18 à C24) avant de partir chez les charpentiers, les fabricants d’ossature et les négoces.',
			'{Il} a fait le choix de la valorisation complète : les connexes partent vers les fabricants de panneaux et les chaufferies voisines.',
			'Aux bois de structure s’ajoutent des produits rabotés pour l’extérieur : lames de terrasse, bardages et clins.'
		],
		machines: [
			'La ligne de sciage, modernisée en {modernised}, est pilotée par un scanner qui optimise le rendement de chaque grume.',
			'Deux séchoirs à air chaud et une raboteuse quatre faces permettent de livrer des bois secs et calibrés.',
			'Un parc à grumes arrosé conserve les bois en été sans altération.'
		],
		products: [
			'Bois de charpente et d’ossature séchés et rabotés',
			'Bois classés structure C18 et C24',
			'Lames de bardage et de terrasse',
			'Avivés et plots {de_essence}',
			'Bois de coffrage',
			'Sciages pour l’emballage et la palette',
			'Connexes de scierie : plaquettes, sciure, écorces',
			'Débit sur liste'
		],
		teamRoles: 'scieurs, affûteurs, caristes et techniciens de maintenance',
		verb: 'livre ses clients',
		scopes: ['regional', 'regional', 'national'],
		labels: [['PEFC', 0.85], ['Bois de France', 0.6], ['FSC', 0.2]],
		essence: true,
		materials: ['douglas', 'pin maritime', 'chêne', 'épicéa'],
		extraStages: [[STAGE.second, 0.3]],
		videoChance: 0.35
	},
	treatment: {
		nouns: [['l’entreprise', 'f'], ['l’unité de traitement', 'f']],
		core: ['Traitement du bois'],
		extra: ['Bardage', 'Séchage'],
		knowHow: [
			'{Il} traite par autoclave les bois destinés aux classes d’emploi 3 et 4 : terrasses, clôtures, aménagements paysagers et bardages.',
			'Le traitement thermique, sans produit chimique, donne {au_essence} une durabilité accrue et une teinte brune homogène.',
			'{Il} propose aussi des finitions en usine — saturateurs, lasures, pré-grisaillement — pour des bardages prêts à poser.',
			'Chaque lot est tracé et contrôlé, avec un certificat de traitement remis au client.'
		],
		machines: [
			'Deux autoclaves et un four de traitement thermique fonctionnent en continu.',
			'Une ligne de finition automatisée applique les produits de protection en une seule passe.'
		],
		products: [
			'Traitement autoclave classes 3 et 4',
			'Bois thermo-chauffé',
			'Lames de bardage pré-finies',
			'Bois de terrasse et de clôture',
			'Poteaux et piquets traités',
			'Finitions saturateur et lasure en usine',
			'Traitement à façon pour les scieries'
		],
		teamRoles: 'opérateurs, caristes et un technicien qualité',
		verb: 'livre ses clients',
		scopes: ['regional', 'regional', 'national'],
		labels: [['CTB-B+', 0.7], ['PEFC', 0.6]],
		essence: true,
		materials: ['pin maritime', 'douglas', 'bois thermo-chauffé'],
		extraStages: [],
		videoChance: 0.1,
		species: ['pin maritime', 'douglas', 'épicéa', 'peuplier']
	},
	panels: {
		nouns: [['l’usine', 'f'], ['l’entreprise', 'f']],
		core: ['Panneaux et contreplaqués'],
		extra: ['Agencement intérieur', 'Emballage et palettes', 'Séchage'],
		knowHow: [
			'{Il} déroule chaque année plusieurs milliers de mètres cubes {de_essence} pour fabriquer des contreplaqués destinés à l’agencement, à l’emballage et à la construction.',
			'Les panneaux sont fabriqués à partir de bois locaux, déroulés, séchés puis encollés avec des colles à faible émission.',
			'Un programme de recherche mené avec un laboratoire régional vise à qualifier un panneau structurel en pin maritime.',
			'{Il} fournit des panneaux sur mesure aux agenceurs, aux fabricants de maisons à ossature bois et aux chantiers navals.'
		],
		machines: [
			'La dérouleuse et la presse à chaud multi-plateaux tournent en deux équipes.',
			'Une ponceuse calibreuse et une scie à format numérique permettent de livrer des panneaux prêts à usiner.'
		],
		products: [
			'Contreplaqués intérieur et extérieur',
			'Panneaux techniques pour l’agencement',
			'Panneaux de contreventement',
			'Placages déroulés',
			'Panneaux décoratifs',
			'Découpe et usinage à la demande',
			'Panneaux pour l’emballage industriel'
		],
		teamRoles: 'opérateurs de production, techniciens et commerciaux',
		verb: 'livre ses clients',
		scopes: ['national', 'national', 'regional'],
		labels: [['PEFC', 0.8], ['FSC', 0.5], ['Bois de France', 0.3]],
		essence: true,
		materials: ['peuplier', 'pin maritime', 'contreplaqué'],
		extraStages: [[STAGE.second, 0.4]],
		videoChance: 0.35,
		species: ['peuplier', 'pin maritime', 'hêtre']
	},
	framing: {
		nouns: [['l’atelier', 'm'], ['l’entreprise', 'f']],
		core: ['Ossature bois'],
		extra: ['CLT', 'Lamellé-collé', 'Charpente', 'Bardage'],
		knowHow: [
			'Murs à ossature bois, caissons de toiture et planchers sont fabriqués en atelier, isolés et menuisés, puis livrés prêts à lever.',
			'La préfabrication raccourcit les chantiers de plusieurs semaines et limite les nuisances en ville, un atout pour les surélévations et les extensions.',
			'{Il} travaille aussi le CLT et le lamellé-collé pour les bâtiments de plusieurs niveaux, en lien étroit avec les bureaux d’études structure.',
			'{Il} dispose d’un bureau d’études intégré qui reprend les plans de l’architecte en maquette numérique et pilote directement les machines.'
		],
		machines: [
			'Un centre d’usinage à commande numérique cinq axes taille les pièces de charpente et d’ossature au millimètre.',
			'Deux tables de fabrication de murs et un pont roulant de {tons} tonnes permettent de produire jusqu’à {m2week} m² de murs par semaine.'
		],
		products: [
			'Murs à ossature bois préfabriqués',
			'Caissons de toiture et de plancher',
			'Charpente industrielle et fermettes',
			'Modules pour surélévation',
			'Structures CLT et lamellé-collé',
			'Taille de charpente numérique',
			'Façades bois pour la réhabilitation'
		],
		teamRoles: 'charpentiers, monteurs et dessinateurs',
		verb: 'livre et monte ses éléments',
		scopes: ['regional', 'regional', 'local'],
		labels: [['PEFC', 0.6], ['Bois de France', 0.5], ['Qualibat', 0.4]],
		essence: true,
		materials: ['douglas', 'épicéa', 'CLT', 'lamellé-collé', 'fibre de bois'],
		extraStages: [[STAGE.build, 0.5], [STAGE.design, 0.2]],
		videoChance: 0.4,
		species: ['douglas', 'pin maritime', 'épicéa']
	},
	joineryWorks: {
		nouns: [['l’atelier', 'm'], ['la menuiserie', 'f']],
		core: ['Menuiserie extérieure'],
		extra: ['Escaliers', 'Agencement intérieur', 'Réhabilitation du patrimoine'],
		knowHow: [
			'Fenêtres, portes d’entrée et escaliers sont fabriqués sur mesure en bois massif, principalement en chêne et en essences locales.',
			'Les menuiseries atteignent les performances thermiques qu’exige la rénovation énergétique, en double ou triple vitrage.',
			'{Il} fabrique pour les menuisiers poseurs de la région comme pour des chantiers de monuments historiques.',
			'Chaque escalier est dessiné en trois dimensions avec le client avant d’être taillé.'
		],
		machines: [
			'Le parc machines comprend un centre d’usinage à commande numérique, une ligne de profilage et une cabine de finition.',
			'Une chaîne de finition par pulvérisation applique lasures et peintures en phase aqueuse.'
		],
		products: [
			'Fenêtres et portes-fenêtres bois',
			'Portes d’entrée sur mesure',
			'Escaliers droits et hélicoïdaux',
			'Volets battants et persiennes',
			'Menuiseries pour le patrimoine',
			'Fabrication en sous-traitance pour menuisiers poseurs'
		],
		teamRoles: 'menuisiers, finisseurs et dessinateurs',
		verb: 'livre ses clients',
		scopes: ['regional', 'national'],
		labels: [['PEFC', 0.5], ['Bois de France', 0.4]],
		essence: false,
		materials: ['chêne', 'pin maritime', 'châtaignier', 'douglas'],
		extraStages: [[STAGE.build, 0.3]],
		videoChance: 0.2
	},
	flooring: {
		nouns: [['la parqueterie', 'f'], ['l’atelier', 'm']],
		core: ['Parquet'],
		extra: ['Séchage', 'Rabotage', 'Agencement intérieur', 'Escaliers'],
		knowHow: [
			'{Il} transforme des feuillus locaux — chêne, châtaignier, hêtre — en parquets massifs et contrecollés, du séchage à la finition.',
			'Les lames sont séchées lentement, puis usinées et finies à l’huile ou au vernis mat sur place.',
			'{Il} produit aussi lambris, plinthes et marches d’escalier assortis.',
			'{Il} accompagne poseurs et architectes dans le choix des qualités, des teintes et des poses, du point de Hongrie au bâton rompu.'
		],
		machines: [
			'Une moulurière à six arbres et une ligne de finition UV permettent de livrer des lames prêtes à poser.',
			'Des séchoirs basse température préservent la stabilité des lames de grande largeur.'
		],
		products: [
			'Parquets massifs en chêne et châtaignier',
			'Parquets contrecollés',
			'Lambris et plinthes',
			'Point de Hongrie et bâton rompu',
			'Marches et contremarches',
			'Finitions huilées et vernies',
			'Restauration de parquets anciens'
		],
		teamRoles: 'parqueteurs, opérateurs et un responsable qualité',
		verb: 'livre ses clients',
		scopes: ['national', 'regional'],
		labels: [['PEFC', 0.6], ['Bois de France', 0.6]],
		essence: false,
		materials: ['chêne', 'châtaignier', 'hêtre'],
		extraStages: [],
		videoChance: 0.2
	},
	furniture: {
		nouns: [['l’atelier', 'm']],
		core: ['Agencement intérieur'],
		extra: ['Escaliers', 'Formation', 'Réhabilitation du patrimoine'],
		knowHow: [
			'Cuisines, bibliothèques, dressings et mobilier de bureau y sont dessinés et fabriqués sur mesure, principalement en bois massif.',
			'{Il} réalise l’agencement complet de boutiques, d’hôtels et de restaurants, de la conception à la pose.',
			'{Il} privilégie les essences locales — chêne, noyer, châtaignier — et les panneaux à faible émission.',
			'Les ébénistes maîtrisent aussi la marqueterie et la restauration de meubles anciens.'
		],
		machines: [
			'Une plaqueuse de chants, une scie à format et un centre d’usinage numérique équipent un atelier de {m2} m².',
			'Une cabine de vernissage à rideau d’eau garantit des finitions soignées.'
		],
		products: [
			'Cuisines et dressings sur mesure',
			'Bibliothèques et mobilier intégré',
			'Agencement de magasins et d’hôtels',
			'Mobilier de bureau',
			'Restauration de meubles anciens',
			'Mobilier pour les équipements publics'
		],
		teamRoles: 'ébénistes, menuisiers et poseurs',
		verb: 'intervient',
		scopes: ['regional', 'local', 'national'],
		labels: [['PEFC', 0.3], ['Entreprise du Patrimoine Vivant', 0.2]],
		essence: false,
		materials: ['chêne', 'châtaignier', 'noyer', 'contreplaqué'],
		extraStages: [[STAGE.build, 0.3]],
		videoChance: 0.2
	},
	packaging: {
		nouns: [['l’entreprise', 'f']],
		core: ['Emballage et palettes'],
		extra: ['Recyclage du bois', 'Séchage', 'Traitement du bois'],
		knowHow: [
			'{Il} fabrique des palettes standard et sur mesure à partir de sciages {de_essence} achetés aux scieries voisines.',
			'Le traitement thermique NIMP 15 permet d’expédier les emballages dans tous les pays.',
			'Les palettes usagées sont collectées, triées et reconditionnées : une part importante de la production vient du réemploi.',
			'Caisses, calages et berceaux sont conçus sur mesure pour les industriels de l’aéronautique, du vin et de la mécanique.'
		],
		machines: [
			'Deux lignes de clouage automatiques produisent plusieurs milliers de palettes par jour.',
			'Une cellule de traitement thermique et un séchoir sont installés sur le site.'
		],
		products: [
			'Palettes standard et sur mesure',
			'Caisses et emballages industriels',
			'Reconditionnement de palettes',
			'Traitement NIMP 15',
			'Calages et berceaux',
			'Collecte de palettes usagées'
		],
		teamRoles: 'opérateurs, chauffeurs et caristes',
		verb: 'livre ses clients',
		scopes: ['regional', 'national'],
		labels: [['NIMP 15', 0.8], ['PEFC', 0.5]],
		essence: true,
		materials: ['pin maritime', 'peuplier', 'bois de réemploi'],
		extraStages: [[STAGE.end, 0.4]],
		videoChance: 0.1,
		species: ['pin maritime', 'peuplier', 'douglas', 'épicéa']
	},
	architect: {
		nouns: [['l’agence', 'f']],
		professional: true,
		core: ['Architecture bois'],
		extra: ['Réhabilitation du patrimoine', 'Rénovation énergétique', 'Économie de la construction'],
		knowHow: [
			'{Il} conçoit des équipements publics, des logements et des maisons où le bois est employé en structure comme en façade.',
			'Ses projets associent bois local, isolants biosourcés et conception bioclimatique pour répondre à la RE2020 sans surcoût démesuré.',
			'{Il} s’est fait une spécialité de la surélévation et de la réhabilitation de bâtiments en site occupé.',
			'{Il} accompagne les collectivités dès la programmation et veille à ouvrir ses chantiers aux entreprises locales.'
		],
		machines: [
			'{Il} travaille en maquette numérique (BIM) et partage ses modèles avec les bureaux d’études et les entreprises.',
			'Un petit atelier de prototypage permet de tester les assemblages avec les artisans avant le chantier.'
		],
		products: [
			'Conception d’équipements publics',
			'Logements collectifs et individuels',
			'Réhabilitation et surélévation',
			'Programmation et assistance à maîtrise d’ouvrage',
			'Maîtrise d’œuvre complète',
			'Diagnostic de bâtiments existants'
		],
		teamRoles: 'architectes, dessinateurs et un économiste',
		verb: 'conduit ses projets',
		scopes: ['regional', 'local'],
		labels: [],
		essence: false,
		materials: ['douglas', 'pin maritime', 'CLT', 'fibre de bois', 'paille'],
		extraStages: [],
		videoChance: 0.15
	},
	engineering: {
		nouns: [['le bureau d’études', 'm']],
		professional: true,
		core: ['Bureau d’études structure'],
		extra: ['Économie de la construction', 'Rénovation énergétique', 'CLT', 'Formation'],
		knowHow: [
			'{Il} dimensionne charpentes, ossatures et structures en CLT ou en lamellé-collé, de la note de calcul aux plans d’exécution.',
			'Ses ingénieurs accompagnent les architectes dès l’esquisse pour optimiser les sections de bois et les assemblages.',
			'{Il} réalise aussi les calculs thermiques et les analyses de cycle de vie qu’exige la RE2020.',
			'{Il} intervient en diagnostic sur les charpentes anciennes avant leur réhabilitation.'
		],
		machines: [
			'Toutes les études sont menées en maquette numérique, ce qui facilite les échanges avec les ateliers de préfabrication.',
			'{Il} dispose de logiciels de calcul aux éléments finis et de modélisation paramétrique.'
		],
		products: [
			'Dimensionnement de structures bois',
			'Notes de calcul et plans d’exécution',
			'Études thermiques et RE2020',
			'Analyse de cycle de vie',
			'Diagnostic de charpentes existantes',
			'Économie de la construction',
			'Synthèse BIM'
		],
		teamRoles: 'ingénieurs structure, thermiciens et projeteurs',
		verb: 'accompagne des projets',
		scopes: ['regional', 'national'],
		labels: [['OPQIBI', 0.6]],
		essence: false,
		materials: ['CLT', 'lamellé-collé', 'douglas', 'pin maritime'],
		extraStages: [],
		videoChance: 0.1
	},
	houseBuilder: {
		nouns: [['l’entreprise', 'f'], ['le constructeur', 'm']],
		core: ['Ossature bois'],
		extra: ['Charpente', 'Isolation biosourcée', 'Bardage', 'Rénovation énergétique'],
		knowHow: [
			'{Il} construit chaque année {houses} maisons individuelles en ossature bois, du dépôt du permis de construire à la remise des clés.',
			'Chaque maison est dessinée avec ses futurs habitants ; les murs sont préfabriqués en atelier pour une mise hors d’eau en quelques jours.',
			'Le bois local et les isolants biosourcés sont la règle : fibre de bois, ouate de cellulose, bardage {de_essence}.',
			'{Il} réalise aussi des extensions et des surélévations pour agrandir les maisons existantes.'
		],
		machines: [
			'Un atelier de préfabrication de {m2} m² équipé d’une table de fabrication de murs permet de tenir les délais même en hiver.',
			'Une grue auxiliaire et une équipe de levage dédiée montent une maison en deux à trois jours.'
		],
		products: [
			'Maisons individuelles en ossature bois',
			'Contrat de construction de maison individuelle',
			'Extensions et surélévations',
			'Maisons passives et à énergie positive',
			'Accompagnement au permis de construire',
			'Maisons clés en main ou hors d’eau hors d’air'
		],
		teamRoles: 'conducteurs de travaux, charpentiers et dessinateurs',
		verb: 'construit',
		scopes: ['local', 'local', 'regional'],
		labels: [['Qualibat', 0.6], ['RGE', 0.4], ['NF Habitat', 0.3]],
		essence: true,
		materials: ['douglas', 'pin maritime', 'fibre de bois', 'ouate de cellulose'],
		extraStages: [[STAGE.design, 0.3]],
		videoChance: 0.35,
		species: ['douglas', 'pin maritime', 'châtaignier', 'épicéa']
	},
	carpenter: {
		nouns: [['l’entreprise', 'f']],
		core: ['Charpente'],
		extra: ['Ossature bois', 'Réhabilitation du patrimoine', 'Bardage', 'Rénovation énergétique', 'Formation'],
		knowHow: [
			'{Il} taille et lève des charpentes traditionnelles {de_essence}, assemblées à tenons et mortaises, comme des charpentes industrielles à fermettes.',
			'Ses compagnons interviennent sur les maisons anciennes, les granges et les bâtiments protégés, où ils remplacent à l’identique les pièces abîmées.',
			'Extensions, surélévations et ossatures bois complètent une activité de couverture en tuiles et en ardoises.',
			'{Il} forme chaque année des apprentis charpentiers, dont plusieurs sont restés dans l’équipe.'
		],
		machines: [
			'La taille se fait sur une machine à commande numérique, mais les assemblages traditionnels restent réalisés à la main.',
			'Un atelier de {m2} m² et une grue mobile permettent de préparer et de lever les charpentes rapidement.'
		],
		products: [
			'Charpente traditionnelle',
			'Fermettes et charpente industrielle',
			'Couverture tuiles et ardoises',
			'Extensions et surélévations bois',
			'Restauration de charpentes anciennes',
			'Ossature bois et bardage',
			'Isolation de toiture'
		],
		teamRoles: 'charpentiers, couvreurs et un dessinateur',
		verb: 'intervient',
		scopes: ['local', 'local', 'regional'],
		labels: [['Qualibat', 0.7], ['RGE', 0.6], ['Charpente Bois Qualité', 0.3], ['Bois de France', 0.2]],
		essence: true,
		materials: ['douglas', 'chêne', 'pin maritime', 'châtaignier'],
		extraStages: [[STAGE.end, 0.2]],
		videoChance: 0.25,
		species: ['douglas', 'chêne', 'pin maritime', 'châtaignier', 'épicéa']
	},
	joiner: {
		nouns: [['la menuiserie', 'f'], ['l’entreprise', 'f']],
		core: ['Menuiserie extérieure'],
		extra: ['Escaliers', 'Agencement intérieur', 'Bardage', 'Rénovation énergétique'],
		knowHow: [
			'{Il} fabrique et pose fenêtres, portes, volets et escaliers, principalement en bois et en bois-aluminium.',
			'Qualifié{e} pour la rénovation énergétique, {il} remplace les menuiseries anciennes des maisons comme des bâtiments publics.',
			'L’atelier réalise aussi des aménagements intérieurs : placards, dressings et habillages.',
			'Les équipes de pose installent également bardages et brise-soleil sur les chantiers neufs.'
		],
		machines: [
			'L’atelier dispose d’une toupie numérique, d’une raboteuse-dégauchisseuse et d’une cabine de peinture.',
			'Chaque équipe de pose a son véhicule-atelier pour ajuster les menuiseries sur place.'
		],
		products: [
			'Fenêtres et portes bois et bois-aluminium',
			'Volets et persiennes',
			'Escaliers sur mesure',
			'Placards et dressings',
			'Pose de bardages',
			'Remplacement de menuiseries en rénovation',
			'Marchés publics de menuiserie'
		],
		teamRoles: 'menuisiers d’atelier et poseurs',
		verb: 'intervient',
		scopes: ['local'],
		labels: [['RGE', 0.7], ['Qualibat', 0.6]],
		essence: false,
		materials: ['chêne', 'pin maritime', 'douglas', 'châtaignier'],
		extraStages: [[STAGE.second, 0.3]],
		videoChance: 0.1
	},
	insulation: {
		nouns: [['l’entreprise', 'f']],
		core: ['Isolation biosourcée'],
		extra: ['Rénovation énergétique', 'Bardage'],
		knowHow: [
			'{Il} isole les bâtiments par l’intérieur comme par l’extérieur avec des isolants biosourcés : fibre de bois, ouate de cellulose, laine de chanvre.',
			'L’isolation thermique par l’extérieur en fibre de bois, enduite ou bardée, est devenue sa spécialité.',
			'Ses équipes traitent aussi l’étanchéité à l’air, contrôlée par un test d’infiltrométrie en fin de chantier.',
			'{Il} aide les particuliers à monter leurs dossiers d’aides à la rénovation énergétique.'
		],
		machines: [
			'Deux machines de soufflage permettent d’isoler des combles perdus en une journée.',
			'Les équipes disposent d’échafaudages de façade et d’une porte soufflante pour mesurer l’étanchéité à l’air.'
		],
		products: [
			'Isolation thermique par l’extérieur',
			'Soufflage de ouate de cellulose',
			'Isolation en fibre de bois',
			'Étanchéité à l’air',
			'Accompagnement aux aides à la rénovation',
			'Isolation de toitures et de planchers'
		],
		teamRoles: 'applicateurs et un chargé d’affaires',
		verb: 'intervient',
		scopes: ['local'],
		labels: [['RGE', 0.9], ['Qualibat', 0.5]],
		essence: false,
		materials: ['fibre de bois', 'ouate de cellulose', 'laine de chanvre', 'liège'],
		extraStages: [],
		videoChance: 0.1
	},
	builder: {
		nouns: [['l’entreprise', 'f']],
		core: ['Rénovation énergétique'],
		extra: ['Ossature bois', 'CLT', 'Réhabilitation du patrimoine', 'Économie de la construction'],
		knowHow: [
			'{Il} réalise gros œuvre et second œuvre en entreprise générale, et développe depuis plusieurs années la construction mixte bois-béton.',
			'{Il} répond seul{e} ou en groupement aux marchés des bailleurs sociaux et des collectivités.',
			'Ses chantiers associent un noyau en béton et des façades ou des planchers bois préfabriqués par d’autres adhérents du cluster.',
			'{Il} réhabilite des logements occupés en limitant la gêne pour les habitants.'
		],
		machines: [
			'{Il} dispose de deux grues à tour et d’un parc de banches et d’étaiements.',
			'Un service méthodes prépare chaque chantier en maquette numérique.'
		],
		products: [
			'Gros œuvre et maçonnerie',
			'Construction mixte bois-béton',
			'Logements collectifs',
			'Réhabilitation de logements occupés',
			'Entreprise générale',
			'Bâtiments d’activité'
		],
		teamRoles: 'maçons, coffreurs, charpentiers et conducteurs de travaux',
		verb: 'intervient',
		scopes: ['local', 'regional'],
		labels: [['Qualibat', 0.8], ['RGE', 0.4]],
		essence: false,
		materials: ['CLT', 'douglas', 'lamellé-collé', 'fibre de bois'],
		extraStages: [],
		videoChance: 0.1
	},
	merchant: {
		nouns: [['le négoce', 'm'], ['l’entreprise', 'f']],
		core: ['Négoce'],
		extra: ['Rabotage', 'Isolation biosourcée'],
		knowHow: [
			'{Il} approvisionne artisans et entreprises en sciages, panneaux, isolants biosourcés et quincaillerie, avec une large part de bois d’origine régionale.',
			'Un service de découpe et de rabotage à la demande prépare les commandes des artisans.',
			'Les chantiers sont livrés en 24 à 48 heures par une flotte de camions-grues.',
			'Ses conseillers aident les clients à choisir des produits adaptés à la RE2020.'
		],
		machines: [
			'Le dépôt de {m2} m² couverts est équipé d’une scie à panneaux et d’une raboteuse.',
			'Un logiciel de commande en ligne permet aux artisans de préparer leurs enlèvements la veille.'
		],
		products: [
			'Sciages et bois de structure',
			'Panneaux bois et dérivés',
			'Isolants biosourcés',
			'Quincaillerie et connecteurs',
			'Bardages et terrasses',
			'Découpe et rabotage à la demande',
			'Livraison sur chantier'
		],
		teamRoles: 'vendeurs, magasiniers et chauffeurs',
		verb: 'livre les chantiers',
		scopes: ['local', 'regional'],
		labels: [['PEFC', 0.8], ['FSC', 0.6], ['Bois de France', 0.3]],
		essence: true,
		materials: ['pin maritime', 'douglas', 'fibre de bois', 'OSB', 'contreplaqué'],
		extraStages: [[STAGE.first, 0.2]],
		videoChance: 0.1,
		species: ['pin maritime', 'douglas', 'épicéa']
	},
	recycling: {
		nouns: [['l’entreprise', 'f'], ['la plateforme', 'f']],
		core: ['Recyclage du bois'],
		extra: ['Bois énergie', 'Emballage et palettes'],
		knowHow: [
			'{Il} collecte les déchets de bois des chantiers et des industriels, les trie par classe et prépare des broyats pour les fabricants de panneaux et les chaufferies.',
			'La dépose soignée de charpentes et de menuiseries remet en circulation poutres, planchers et portes.',
			'Les bois de réemploi sont nettoyés, dépointés, recoupés et revendus aux artisans comme aux particuliers.',
			'{Il} aide les entreprises du bâtiment à respecter leurs obligations de tri et à tracer leurs déchets.'
		],
		machines: [
			'Un broyeur mobile et un crible permettent de traiter les bois directement chez les clients.',
			'Une plateforme de {m2} m² accueille le tri et le stockage des bois de réemploi.'
		],
		products: [
			'Collecte de déchets de bois de chantier',
			'Broyats pour panneaux et chaufferies',
			'Dépose sélective et réemploi',
			'Vente de bois de réemploi',
			'Bennes et conteneurs de tri',
			'Bordereaux de suivi des déchets'
		],
		teamRoles: 'chauffeurs, trieurs et un responsable de plateforme',
		verb: 'intervient',
		scopes: ['local', 'regional'],
		labels: [],
		essence: false,
		materials: ['bois de réemploi', 'broyats de bois', 'chêne'],
		extraStages: [],
		videoChance: 0.2
	},
	maintenance: {
		nouns: [['l’entreprise', 'f']],
		core: ['Traitement du bois'],
		extra: ['Bardage', 'Réhabilitation du patrimoine', 'Charpente'],
		knowHow: [
			'{Il} entretient et rénove bardages, terrasses et façades en bois : nettoyage, dégrisage, lasures et remplacement de lames.',
			'Le diagnostic et le traitement des charpentes contre les insectes et les champignons représentent une part croissante de son activité.',
			'{Il} travaille pour les particuliers, les syndics et les collectivités, souvent dans le cadre de contrats d’entretien pluriannuels.',
			'Ses équipes ont l’habitude des bâtiments anciens et des façades {de_essence}.'
		],
		machines: [
			'Les équipes disposent de nacelles, d’échafaudages et d’un matériel de nettoyage basse pression adapté au bois.',
			'Un petit atelier permet de refaçonner à l’identique les pièces à remplacer.'
		],
		products: [
			'Entretien de bardages et de terrasses',
			'Diagnostic et traitement de charpentes',
			'Lasures, saturateurs et peintures',
			'Remplacement de lames et de pièces de bois',
			'Contrats d’entretien pluriannuels',
			'Traitement contre les termites'
		],
		teamRoles: 'peintres, charpentiers et techniciens de traitement',
		verb: 'intervient',
		scopes: ['local'],
		labels: [['Qualibat', 0.5], ['CTB-A+', 0.4]],
		essence: true,
		materials: ['douglas', 'pin maritime', 'chêne', 'mélèze'],
		extraStages: [[STAGE.build, 0.3]],
		videoChance: 0.05,
		species: ['douglas', 'pin maritime', 'chêne', 'châtaignier']
	}
};

function tradeOf(naf: string | null, description: string | null): TradeKey | null {
	switch (naf) {
		case '02.20Z': return 'forestry';
		case '02.10Z': return 'silviculture';
		case '16.10A': return 'sawmill';
		case '16.10B': return 'treatment';
		case '16.21Z': return 'panels';
		case '16.23Z': return /menuiserie/i.test(description ?? '') ? 'joineryWorks' : 'framing';
		case '16.22Z': return 'flooring';
		case '31.09B': return 'furniture';
		case '16.24Z': return 'packaging';
		case '71.11Z': return 'architect';
		case '71.12B': return 'engineering';
		case '41.20A': return 'houseBuilder';
		case '43.91A': return 'carpenter';
		case '43.32A': return 'joiner';
		case '43.29A': return 'insulation';
		case '43.99C': return 'builder';
		case '46.73A': return 'merchant';
		case '38.32Z': return 'recycling';
		case '43.39Z': return 'maintenance';
		default: return null;
	}
}

// ————— Portrait sentences shared by every trade —————

const HISTORY = [
	'Fondé{e} en {founded} à {commune}, {noun} est resté{e} une affaire de famille.',
	'Créé{e} en {founded}, {noun} s’est installé{e} à {commune} en {moved} pour disposer de plus de place.',
	'Depuis {founded}, {noun} a grandi avec la filière bois de la région sans jamais quitter {commune}.',
	'Repris{e} en {taken} par deux anciens salariés, {noun} a modernisé son outil tout en gardant son savoir-faire.'
];

const HISTORY_PROFESSIONAL = [
	'Fondé{e} en {founded} à {commune} par deux associés, {noun} a grandi avec l’essor de la construction bois.',
	'Depuis sa création en {founded}, {noun} a mené plus de {projects} projets, pour l’essentiel en Nouvelle-Aquitaine.',
	'Installé{e} à {commune} depuis {founded}, {noun} réunit des profils complémentaires autour de la construction bois.'
];

const TEAM_SOLO = [
	'{Il} repose sur son dirigeant, qui s’entoure d’autres adhérents du cluster pour les projets plus importants.',
	'Structure volontairement légère, {noun} s’appuie sur un réseau d’indépendants choisis selon les projets.'
];
const TEAM_SMALL = [
	'L’équipe réunit {staff} personnes : {roles}.',
	'{Il} emploie {staff} salariés — {roles}{apprentices}.',
	'L’équipe de {staff} personnes ({roles}) est stable depuis plusieurs années.'
];
const TEAM_LARGE = [
	'Avec {staff} salariés — {roles} —, {noun} compte parmi les principaux employeurs de son secteur.',
	'L’effectif atteint {staff} personnes, dont une dizaine d’apprentis et d’alternants.'
];

const TERRITORY_SENTENCES = ['{Il} {verb} {where}.', 'Aujourd’hui, {il} {verb} {where}.'];

const COMMITMENT = [
	'Le bois local est une conviction : {noun} s’approvisionne autant que possible auprès d’entreprises de la région.',
	'Face aux exigences de la RE2020, {noun} mesure l’empreinte carbone de ses réalisations.',
	'La sécurité et la formation des équipes sont au cœur de son organisation.',
	'{Il} accueille régulièrement des stagiaires et des apprentis des centres de formation de la région.'
];

const CLUSTER = [
	'Membre du cluster depuis {since}, {noun} participe activement aux rencontres d’affaires entre adhérents.',
	'Au sein du cluster, {noun} s’implique dans la commission « {commission} ».',
	'Adhérer au cluster en {since} lui a permis de répondre en groupement à des marchés plus importants.'
];

const COMMISSIONS = ['Construction bois et RE2020', 'Bois local', 'Formation et emploi', 'Économie circulaire', 'Marchés publics'];

// ————— References —————

interface ReferenceTemplate {
	title: string;
	kind: ReferenceKind;
	client: 'public' | 'private_company' | 'individual' | 'other';
	description: string;
	/** The owner first, then partners; [trade, what it did]. */
	slots: [TradeKey, string][];
}

const REFERENCES: ReferenceTemplate[] = [
	{
		title: 'Groupe scolaire en ossature bois à {commune}',
		kind: 'Construction neuve', client: 'public',
		description: 'Construction d’un groupe scolaire de {classes} classes avec restaurant scolaire. Structure poteaux-poutres en lamellé-collé, murs à ossature bois préfabriqués, isolation en fibre de bois et bardage {de_essence} local.',
		slots: [['architect', 'maîtrise d’œuvre'], ['framing', 'murs à ossature bois'], ['joiner', 'menuiseries extérieures']]
	},
	{
		title: 'Surélévation de deux niveaux d’un immeuble de logements à {commune}',
		kind: 'Extension / surélévation', client: 'public',
		description: 'Ajout de deux étages en ossature bois sur un immeuble des années 1970, en site occupé. Les modules préfabriqués ont été levés en trois semaines ; {flats} logements créés sans renforcer les fondations.',
		slots: [['engineering', 'structure'], ['framing', 'modules préfabriqués'], ['carpenter', 'charpente et couverture']]
	},
	{
		title: 'Halle de marché en charpente bois à {commune}',
		kind: 'Construction neuve', client: 'public',
		description: 'Halle ouverte de {area} m² en charpente traditionnelle {de_essence}, assemblages bois-bois apparents. Les bois ont été sciés à moins de 100 km du chantier.',
		slots: [['carpenter', 'charpente'], ['sawmill', 'fourniture des bois'], ['architect', 'maîtrise d’œuvre']]
	},
	{
		title: 'Maison individuelle passive à {commune}',
		kind: 'Construction neuve', client: 'individual',
		description: 'Maison de {house} m² de plain-pied, certifiée passive : ossature bois, isolation en fibre de bois et ouate de cellulose, triple vitrage. Besoins de chauffage réduits à presque rien.',
		slots: [['houseBuilder', 'construction'], ['insulation', 'isolation et étanchéité à l’air']]
	},
	{
		title: 'Rénovation énergétique d’un collège à {commune}',
		kind: 'Réhabilitation', client: 'public',
		description: 'Isolation par l’extérieur en fibre de bois sous bardage, remplacement de {windows} fenêtres et reprise des toitures, en site occupé pendant les vacances scolaires. Consommation de chauffage divisée par trois.',
		slots: [['builder', 'entreprise générale'], ['insulation', 'isolation thermique par l’extérieur'], ['joiner', 'remplacement des menuiseries']]
	},
	{
		title: 'Restauration de la charpente d’une église romane à {commune}',
		kind: 'Réhabilitation', client: 'public',
		description: 'Dépose, traitement et remplacement à l’identique des pièces de charpente attaquées par les insectes ; les assemblages d’origine ont été conservés partout où c’était possible.',
		slots: [['carpenter', 'charpente'], ['maintenance', 'diagnostic et traitement des bois']]
	},
	{
		title: 'Extension en bois d’une maison de ville à {commune}',
		kind: 'Extension / surélévation', client: 'individual',
		description: 'Extension de {small} m² sur jardin, en ossature bois avec grande baie vitrée et toiture végétalisée. Chantier de six semaines, sans toucher au reste de la maison.',
		slots: [['architect', 'conception'], ['carpenter', 'ossature et charpente']]
	},
	{
		title: 'Siège social en structure CLT à {commune}',
		kind: 'Construction neuve', client: 'private_company',
		description: 'Bâtiment de bureaux de trois niveaux en panneaux CLT et poteaux-poutres en lamellé-collé, laissés apparents à l’intérieur. Aménagement intérieur en bois local.',
		slots: [['engineering', 'structure'], ['framing', 'structure CLT'], ['furniture', 'agencement intérieur']]
	},
	{
		title: 'Agencement d’un hôtel de {rooms} chambres à {commune}',
		kind: 'Aménagement', client: 'private_company',
		description: 'Conception et fabrication du mobilier des chambres, de la réception et du bar, en chêne massif et panneaux à faible émission ; parquets posés dans toutes les chambres.',
		slots: [['furniture', 'agencement et mobilier'], ['flooring', 'parquets']]
	},
	{
		title: 'Aménagement intérieur d’une médiathèque à {commune}',
		kind: 'Aménagement', client: 'public',
		description: 'Rayonnages, banque d’accueil, gradins de lecture et habillages acoustiques en bois, conçus pour un bâtiment ancien réhabilité.',
		slots: [['furniture', 'agencement'], ['architect', 'maîtrise d’œuvre']]
	},
	{
		title: 'Résidence de {flats} logements sociaux mixte bois-béton à {commune}',
		kind: 'Construction neuve', client: 'public',
		description: 'Noyau et planchers en béton, façades en ossature bois préfabriquées et isolées en atelier. Chantier plus court de quatre mois qu’une construction traditionnelle.',
		slots: [['builder', 'gros œuvre'], ['framing', 'façades ossature bois'], ['engineering', 'structure et thermique']]
	},
	{
		title: 'Passerelle piétonne en lamellé-collé à {commune}',
		kind: 'Aménagement', client: 'public',
		description: 'Passerelle de {span} m de portée au-dessus d’un cours d’eau, poutres en lamellé-collé protégées par un platelage en bois durable.',
		slots: [['engineering', 'conception de l’ouvrage'], ['carpenter', 'fabrication et pose']]
	},
	{
		title: 'Platelages et pontons des berges d’un lac à {commune}',
		kind: 'Aménagement', client: 'public',
		description: 'Cheminements en caillebotis et pontons de pêche sur {length} mètres, en bois traité classe 4 issu de forêts voisines.',
		slots: [['treatment', 'fourniture des bois traités'], ['carpenter', 'pose']]
	},
	{
		title: 'Bardage d’une salle de sport à {commune}',
		kind: 'Réhabilitation', client: 'public',
		description: 'Remplacement d’un bardage métallique par un bardage à claire-voie {de_essence}, posé sur isolation rapportée ; lames fournies rabotées et calibrées.',
		slots: [['joiner', 'pose du bardage'], ['sawmill', 'lames de bardage']]
	},
	{
		title: 'Réhabilitation d’une grange en gîte à {commune}',
		kind: 'Réhabilitation', client: 'individual',
		description: 'Transformation d’une grange en gîte de quatre chambres. La charpente existante a été consolidée et les planchers refaits avec des bois de réemploi issus d’une déconstruction voisine.',
		slots: [['carpenter', 'charpente et planchers'], ['recycling', 'bois de réemploi']]
	},
	{
		title: 'Crèche intercommunale en bois et paille à {commune}',
		kind: 'Construction neuve', client: 'public',
		description: 'Crèche de {cribs} berceaux en ossature bois remplie de bottes de paille, enduits terre à l’intérieur. Un projet pilote suivi par les élus de tout le territoire.',
		slots: [['architect', 'maîtrise d’œuvre'], ['framing', 'ossature bois'], ['insulation', 'isolation']]
	},
	{
		title: 'Chai à barriques en charpente bois à {commune}',
		kind: 'Construction neuve', client: 'private_company',
		description: 'Chai de {area} m² pour un domaine viticole : fermes en lamellé-collé de grande portée, murs à ossature bois fortement isolés pour garder une température stable.',
		slots: [['framing', 'fermes et murs préfabriqués'], ['carpenter', 'levage et couverture']]
	},
	{
		title: 'Menuiseries d’une résidence pour personnes âgées à {commune}',
		kind: 'Réhabilitation', client: 'other',
		description: 'Remplacement de {windows} fenêtres par des menuiseries bois double vitrage fabriquées sur mesure, posées en site occupé par logement, une journée par appartement.',
		slots: [['joineryWorks', 'fabrication des menuiseries'], ['joiner', 'pose']]
	},
	{
		title: 'Parquets en chêne d’un hôtel particulier à {commune}',
		kind: 'Réhabilitation', client: 'individual',
		description: 'Restauration des parquets anciens et pose de {small} m² de point de Hongrie en chêne massif, huilé à la main ; bibliothèques assorties.',
		slots: [['flooring', 'parquets'], ['furniture', 'bibliothèques']]
	},
	{
		title: 'Bâtiment d’activités en ossature bois à {commune}',
		kind: 'Construction neuve', client: 'private_company',
		description: 'Atelier et bureaux de {area} m² pour une PME, murs à ossature bois préfabriqués et charpente en lamellé-collé, livrés en cinq mois.',
		slots: [['builder', 'entreprise générale'], ['framing', 'ossature et charpente']]
	},
	{
		title: 'Plateforme de réemploi des bois de déconstruction à {commune}',
		kind: 'Aménagement', client: 'public',
		description: 'Création avec l’agglomération d’une plateforme où les bois de démolition sont triés, dépointés et revendus aux artisans ; plus de {tons} tonnes détournées de l’enfouissement la première année.',
		slots: [['recycling', 'exploitation de la plateforme']]
	},
	{
		title: 'Maison en bois sur pilotis à {commune}',
		kind: 'Construction neuve', client: 'individual',
		description: 'Maison de {house} m² sur terrain inondable, posée sur pilotis ; ossature bois, bardage {de_essence} et isolation biosourcée.',
		slots: [['houseBuilder', 'construction'], ['engineering', 'structure et fondations']]
	},
	{
		title: 'Surélévation d’une maison en ossature bois à {commune}',
		kind: 'Extension / surélévation', client: 'individual',
		description: 'Création d’un étage de {small} m² en ossature bois sur une maison de plain-pied, isolé en fibre de bois ; la famille est restée dans les lieux pendant les travaux.',
		slots: [['carpenter', 'ossature et charpente'], ['insulation', 'isolation']]
	},
	{
		title: 'Escalier hélicoïdal en chêne pour un hôtel de ville à {commune}',
		kind: 'Aménagement', client: 'public',
		description: 'Escalier hélicoïdal de deux étages en chêne massif, limon débillardé et main courante continue, dessiné en trois dimensions avec l’architecte des bâtiments de France.',
		slots: [['joineryWorks', 'fabrication et pose']]
	},
	{
		title: 'Gymnase à charpente en lamellé-collé à {commune}',
		kind: 'Construction neuve', client: 'public',
		description: 'Gymnase de {area} m² couvert par des poutres en lamellé-collé de {span} mètres ; façades en bardage bois et lumière naturelle zénithale.',
		slots: [['architect', 'maîtrise d’œuvre'], ['engineering', 'structure'], ['framing', 'charpente lamellé-collé']]
	},
	{
		title: 'Isolation en fibre de bois de {houses} maisons à {commune}',
		kind: 'Réhabilitation', client: 'public',
		description: 'Programme de rénovation énergétique d’un bailleur social : isolation par l’extérieur en fibre de bois et soufflage des combles, étiquette énergie gagnée de deux classes en moyenne.',
		slots: [['insulation', 'isolation']]
	},
	{
		title: 'Boutique et atelier agencés en bois local à {commune}',
		kind: 'Aménagement', client: 'private_company',
		description: 'Agencement complet d’une boutique de créateurs : présentoirs, comptoir et atelier vitré en contreplaqué local, fabriqués et posés en trois semaines.',
		slots: [['furniture', 'agencement'], ['panels', 'contreplaqués']]
	},
	{
		title: 'Ombrières en bois d’un parking d’entreprise à {commune}',
		kind: 'Construction neuve', client: 'private_company',
		description: 'Ombrières pour {spaces} places de stationnement, en charpente {de_essence} portant des panneaux photovoltaïques.',
		slots: [['carpenter', 'charpente'], ['sawmill', 'bois de structure']]
	},
	{
		title: 'Extension d’un EHPAD en ossature bois à {commune}',
		kind: 'Extension / surélévation', client: 'public',
		description: 'Aile de {rooms} chambres en ossature bois préfabriquée, raccordée au bâtiment existant sans interrompre l’accueil des résidents.',
		slots: [['architect', 'maîtrise d’œuvre'], ['builder', 'entreprise générale'], ['framing', 'ossature bois']]
	},
	{
		title: 'Cabanes perchées pour un camping à {commune}',
		kind: 'Construction neuve', client: 'private_company',
		description: 'Huit cabanes dans les arbres, plateformes et passerelles en bois traité classe 4, sans clou ni vis dans les troncs.',
		slots: [['carpenter', 'construction'], ['treatment', 'bois traités']]
	},
	{
		title: 'Rénovation d’une longère avec isolation biosourcée à {commune}',
		kind: 'Réhabilitation', client: 'individual',
		description: 'Isolation en fibre de bois et chanvre, remplacement des menuiseries par des fenêtres en chêne et correction thermique des murs anciens.',
		slots: [['insulation', 'isolation'], ['joiner', 'menuiseries']]
	},
	{
		title: 'Abri forestier pédagogique à {commune}',
		kind: 'Construction neuve', client: 'public',
		description: 'Abri ouvert pour l’accueil des scolaires, construit avec des bois de la forêt voisine, abattus, sciés et taillés par trois adhérents du cluster dans un rayon de 50 km.',
		slots: [['carpenter', 'charpente'], ['forestry', 'abattage'], ['sawmill', 'sciage']]
	},
	{
		title: 'Mobilier urbain en bois de réemploi à {commune}',
		kind: 'Aménagement', client: 'public',
		description: 'Bancs, tables et bacs à plantes fabriqués à partir de poutres de réemploi pour le réaménagement d’une place de centre-bourg.',
		slots: [['recycling', 'bois de réemploi'], ['furniture', 'conception et fabrication']]
	}
];

// ————— Supply links —————

/**
 * supplier trade, customer trade, materials ('*': the supplier's species, or one of the species it
 * lists that the customer's trade works), how many links.
 */
const SUPPLY_RULES: [TradeKey, TradeKey, string[], number][] = [
	['forestry', 'sawmill', ['*'], 5],
	['forestry', 'panels', ['peuplier', 'pin maritime'], 2],
	['silviculture', 'forestry', ['bois sur pied'], 2],
	['sawmill', 'framing', ['*'], 4],
	['sawmill', 'carpenter', ['*'], 4],
	['sawmill', 'treatment', ['*'], 2],
	['sawmill', 'flooring', ['chêne'], 1],
	['sawmill', 'packaging', ['*'], 2],
	['sawmill', 'merchant', ['*'], 2],
	['sawmill', 'panels', ['connexes de scierie'], 1],
	['panels', 'furniture', ['panneaux'], 2],
	['panels', 'framing', ['panneaux'], 1],
	['panels', 'merchant', ['panneaux'], 1],
	['treatment', 'joiner', ['bardage'], 1],
	['treatment', 'maintenance', ['bardage'], 1],
	['treatment', 'carpenter', ['pin maritime'], 1],
	['framing', 'houseBuilder', ['murs ossature bois'], 2],
	['framing', 'builder', ['CLT'], 1],
	['framing', 'carpenter', ['lamellé-collé'], 1],
	['joineryWorks', 'joiner', ['menuiseries'], 1],
	['merchant', 'carpenter', ['connecteurs'], 2],
	['merchant', 'insulation', ['fibre de bois'], 2],
	['merchant', 'houseBuilder', ['connecteurs'], 1],
	['flooring', 'furniture', ['chêne'], 1],
	['recycling', 'panels', ['déchets de bois'], 1],
	['recycling', 'packaging', ['bois de réemploi'], 1],
	['carpenter', 'recycling', ['déchets de bois'], 1],
	['houseBuilder', 'recycling', ['déchets de bois'], 1],
	['packaging', 'recycling', ['palettes'], 1]
];

// ————— Introductions —————

const SENDER_FIRST = ['Anne', 'Marc', 'Lucie', 'Yann', 'Océane', 'Damien', 'Inès', 'Thierry', 'Manon', 'Grégory', 'Agathe', 'Rémi', 'Solène', 'Hugo'];
const SENDER_LAST = ['Bourdieu', 'Capdeville', 'Lartigue', 'Dufau', 'Miremont', 'Sarrazin', 'Bedout', 'Lacoste', 'Pédeboscq', 'Fabre', 'Verdier', 'Lauga'];
/** What people wrote, and the (fictional) company they wrote for; null: a private person. */
type IntroMessage = [string, string | null];

const INTRO_MESSAGES: Partial<Record<TradeKey, IntroMessage[]>> & { any: IntroMessage[] } = {
	houseBuilder: [
		['Bonjour, nous avons un terrain près de {commune} et souhaitons faire construire une maison en ossature bois d’environ 110 m² l’an prochain. Pourriez-vous nous rappeler pour un premier rendez-vous ? Merci.', null],
		['Bonjour, nous aimerions agrandir notre maison par une extension bois d’une trentaine de mètres carrés. Est-ce le type de projet que vous réalisez ?', null]
	],
	carpenter: [
		['Bonjour, nous rénovons une grange et la charpente présente des pièces abîmées. Seriez-vous disponibles pour une visite et un devis dans les semaines à venir ?', null],
		['Bonjour, nous voulons construire six cabanes en bois pour notre camping avant la saison prochaine. Pourriez-vous venir voir le terrain ?', 'Camping Les Arbousiers']
	],
	architect: [
		['Bonjour, notre association porte un projet de tiers-lieu dans un ancien chai et cherche une agence habituée au bois et au réemploi. Pourrions-nous échanger ?', 'Association Tiers-lieu du Vieux Chai']
	],
	joiner: [
		['Bonjour, je souhaite remplacer les huit fenêtres de ma maison par des menuiseries bois double vitrage. Pourriez-vous passer pour établir un devis ?', null],
		['Bonjour, nous cherchons une entreprise pour refaire les volets et les portes-fenêtres de nos chambres d’hôtes, en bois. Quels seraient vos délais ?', 'Domaine de Peyrelongue']
	],
	insulation: [
		['Bonjour, nous voudrions isoler notre maison par l’extérieur en fibre de bois et bénéficier des aides. Faites-vous l’accompagnement pour les dossiers ?', null]
	],
	sawmill: [
		['Bonjour, notre atelier de charpente cherche un fournisseur régulier de bois classé C24, environ 40 m³ par an. Quelles sont vos conditions et vos délais ?', 'Atelier Pignada Charpente']
	],
	furniture: [
		['Bonjour, nous ouvrons un restaurant et recherchons un atelier pour fabriquer le comptoir et les banquettes en bois massif. Pouvons-nous convenir d’un rendez-vous ?', 'Restaurant L’Airial'],
		['Bonjour, je cherche un ébéniste pour une bibliothèque sur mesure dans un salon ancien, en chêne ou en noyer. Pourriez-vous me faire une proposition ?', null]
	],
	engineering: [
		['Bonjour, nous préparons une réponse à un marché de gymnase en bois et cherchons un bureau d’études structure pour compléter notre équipe. Seriez-vous intéressés ?', 'Bâtiments Gascons']
	],
	flooring: [
		['Bonjour, nous rénovons un appartement ancien et souhaiterions un parquet en point de Hongrie en chêne, environ 60 m². Travaillez-vous avec des poseurs ?', null]
	],
	forestry: [
		['Bonjour, je possède une parcelle de six hectares de pins à éclaircir. Pourriez-vous me faire une proposition pour l’achat et l’exploitation des bois ?', null]
	],
	merchant: [
		['Bonjour, menuisier installé depuis peu, je souhaiterais ouvrir un compte professionnel chez vous. Quelles sont les démarches ?', null]
	],
	any: [
		['Bonjour, j’ai découvert votre entreprise dans l’annuaire du cluster. Nous préparons un projet de construction bois et aimerions vous présenter notre besoin. Merci de me recontacter.', null],
		['Bonjour, nous aménageons un lotissement communal de dix maisons en bois et cherchons des entreprises de la région. Pourriez-vous nous envoyer une présentation de vos références ?', 'Aménageur Landes Océanes'],
		['Bonjour, je prépare un mémoire d’architecture sur la filière bois locale. Accepteriez-vous que je visite votre entreprise au printemps ?', null],
		['Bonjour, nous cherchons des fournisseurs et des entreprises locales pour un projet de bureaux en bois. Pourriez-vous nous indiquer vos délais et vos capacités ?', 'Cabinet Ardoise Immobilier'],
		['Bonjour, nous cherchons des partenaires locaux pour un groupement sur un marché public de construction d’école. Votre activité nous intéresse, pouvons-nous en parler ?', 'SARL Dunes et Pins Aménagement']
	]
};

// ————— Seeding —————

interface OrgRow {
	id: string;
	name: string;
	status: string;
	naf_code: string | null;
	description: string | null;
	size_band: string | null;
	commune_name: string | null;
	departement_code: string | null;
	value_chain_stage_id: string | null;
	lat: number | null;
	lon: number | null;
	consenting: boolean;
	member_since: number | null;
}

interface Company extends OrgRow {
	trade: TradeKey;
	essence: string;
	materials: string[];
	public: boolean;
}

export interface DemoShowcaseSummary {
	competencies: number;
	pages: number;
	references: number;
	supplyLinks: number;
	introductions: number;
	videos: number;
}

/** Minimum of publicly listed members the demo keeps (the CRM seed's consents give more already). */
const MIN_LISTED = 25;

/**
 * Seeds the showcase of the demo cluster. Runs once: a database whose taxonomy is not empty is left
 * alone (returns null).
 */
export async function seedDemoShowcase(db: Db): Promise<DemoShowcaseSummary | null> {
	const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from competencies`);
	if (n > 0) return null;

	const rng = new Random(SEED);
	const now = new Date();
	const year = now.getUTCFullYear();
	const day = 86_400_000;
	const pastDate = (minDays: number, maxDays: number) =>
		new Date(now.getTime() - rng.int(minDays, maxDays) * day - rng.int(0, 9 * 3600) * 1000);

	// ——— Taxonomy.
	const competencyId = new Map<string, string>(COMPETENCIES.map((c) => [c, crypto.randomUUID()]));
	const kindId = new Map<string, string>(REFERENCE_KINDS.map((k) => [k, crypto.randomUUID()]));
	await db.insert(competencies).values(COMPETENCIES.map((name, position) => ({ id: competencyId.get(name)!, name, position })));
	await db.insert(referenceKinds).values(REFERENCE_KINDS.map((name, position) => ({ id: kindId.get(name)!, name, position })));

	const stageRows = await queryRows<{ id: string; name: string }>(db, sql`select id, name from value_chain_stages order by position`);
	const stageByName = new Map(stageRows.map((s) => [s.name, s.id]));
	const staff = await queryRows<{ id: string }>(db, sql`select id from users where role in ('admin', 'team') order by email`);

	// ——— Enough public members: the first contact of the earliest members consents if too few do.
	const listedMembers = async () =>
		(await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organizations o where o.status = 'member'
			and exists (select 1 from people p where p.organization_id = o.id and p.consent_public_listing)`))[0].n;
	const missing = MIN_LISTED - (await listedMembers());
	if (missing > 0) {
		await db.execute(sql`update people p set consent_public_listing = true, consent_public_listing_at = greatest(p.created_at, now() - interval '90 days')
			where p.id in (
				select (select p2.id from people p2 where p2.organization_id = o.id order by p2.created_at, p2.last_name, p2.first_name limit 1)
				from organizations o where o.status = 'member'
					and not exists (select 1 from people p3 where p3.organization_id = o.id and p3.consent_public_listing)
				order by o.name limit ${missing})`);
	}

	// ——— The companies that show a page: members, and former members (their page stays, unlisted).
	const rows = await queryRows<OrgRow>(
		db,
		sql`select o.id, o.name, o.status, o.naf_code, o.description, o.size_band, o.commune_name, o.departement_code,
				o.value_chain_stage_id, g.lat, g.lon,
				exists (select 1 from people p where p.organization_id = o.id and p.consent_public_listing) as consenting,
				(select min(m.year) from memberships m where m.organization_id = o.id and m.paid)::int as member_since
			from organizations o left join communes_geo g on g.insee = o.commune_insee
			where o.status in ('member', 'former_member')
			order by o.name`
	);
	const demoMember = await queryRows<{ organization_id: string }>(
		db,
		sql`select organization_id from users where role = 'member' and organization_id is not null order by email limit 1`
	);
	const demoMemberOrg = demoMember[0]?.organization_id ?? null;

	const companies: Company[] = [];
	for (const r of rows) {
		const trade = tradeOf(r.naf_code, r.description);
		if (!trade) continue;
		const dept = r.departement_code ?? '33';
		// The species the CRM description names, else one of the département that fits the trade.
		const named = ESSENCES.find((e) => (r.description ?? '').toLowerCase().includes(e));
		const fits = TRADES[trade].species ?? ESSENCES;
		const local = (DEPT_ESSENCES[dept] ?? []).filter((e) => fits.includes(e));
		const essence = named ?? rng.pick(local.length ? local : fits);
		companies.push({ ...r, trade, essence, materials: [], public: r.status === 'member' && r.consenting });
	}

	// One listed member is hidden by the team, to show that case too (never the demo member's own).
	const hiddenCandidates = companies.filter((c) => c.public && c.id !== demoMemberOrg && c.trade !== 'carpenter');
	const hidden = companies.filter((c) => c.public).length > MIN_LISTED && hiddenCandidates.length ? rng.pick(hiddenCandidates) : null;
	if (hidden) hidden.public = false;

	// ——— Pages.
	const pages: Record<string, unknown>[] = [];
	const orgCompetencies: { organizationId: string; competencyId: string }[] = [];
	const orgStages: { organizationId: string; stageId: string }[] = [];
	let videos = 0;
	for (const c of companies) {
		const t = TRADES[c.trade];
		const content = makePage(rng, c, t, year);
		let videoUrl: string | null = null;
		if (c.status === 'member' && rng.chance(t.videoChance)) {
			videoUrl = `https://www.youtube.com/watch?v=${videoId(rng)}`;
			videos++;
		}
		const comps = [...t.core, ...rng.sample(t.extra, rng.int(1, Math.min(5 - t.core.length, t.extra.length)))].slice(0, 5);
		const input = parseInput(showcaseInput, {
			portrait: content.portrait,
			productsServices: content.products,
			territory: content.territory,
			labels: content.labels,
			materials: content.materials,
			videoUrl,
			competencyIds: comps.map((name) => competencyId.get(name)!)
		});
		c.materials = input.materials;
		for (const id of new Set(input.competencyIds)) orgCompetencies.push({ organizationId: c.id, competencyId: id });
		const published = pastDate(20, 400);
		pages.push({
			id: c.id,
			portrait: input.portrait,
			products: input.productsServices,
			territory: input.territory,
			labels: input.labels,
			materials: input.materials,
			video: input.videoUrl,
			listed: c !== hidden,
			at: published.toISOString()
		});
		const stages = new Set<string>();
		if (c.value_chain_stage_id) stages.add(c.value_chain_stage_id);
		for (const [name, p] of t.extraStages) {
			const id = stageByName.get(name);
			if (id && rng.chance(p)) stages.add(id);
		}
		for (const stageId of stages) orgStages.push({ organizationId: c.id, stageId });
	}
	if (orgStages.length) await db.insert(organizationStages).values(orgStages);
	if (orgCompetencies.length) await db.insert(organizationCompetencies).values(orgCompetencies);
	if (pages.length) {
		await db.execute(sql`update showcases s set portrait = v.portrait, products_services = v.products, territory = v.territory,
				labels = array(select jsonb_array_elements_text(v.labels)), materials = array(select jsonb_array_elements_text(v.materials)),
				video_url = v.video, listed = v.listed, published_at = v.at, updated_at = v.at
			from jsonb_to_recordset(${JSON.stringify(pages)}::jsonb) as v(id text, portrait text, products text, territory text,
				labels jsonb, materials jsonb, video text, listed boolean, at timestamptz)
			where s.organization_id = v.id`);
	}

	// ——— References, shared by the members who worked on them.
	const members = companies.filter((c) => c.status === 'member');
	const byTrade = (trade: TradeKey) => members.filter((c) => c.trade === trade);
	const refCount = new Map<string, number>();
	const refs: (typeof showcaseReferences.$inferInsert)[] = [];
	const refMembers: (typeof referenceMembers.$inferInsert)[] = [];
	for (const tpl of REFERENCES) {
		const chosen: [Company, string][] = [];
		for (const [trade, role] of tpl.slots) {
			const pool = byTrade(trade).filter((c) => !chosen.some(([x]) => x.id === c.id));
			if (!pool.length) continue;
			const near = chosen[0]?.[0];
			const pick = rng.weightedPick(pool, (c) =>
				(c.public ? 4 : 1) / (1 + (refCount.get(c.id) ?? 0)) / (near ? 1 + distanceKm(near, c) / 80 : 1)
			);
			chosen.push([pick, role]);
		}
		if (!chosen.length || chosen[0][0].trade !== tpl.slots[0][0]) continue;
		const owner = chosen[0][0];
		const dept = rng.chance(0.75) ? (owner.departement_code ?? '33') : rng.pick(NEIGHBOURS[owner.departement_code ?? '33'] ?? ['33']);
		const [communeName, postalCode] = rng.pick(REFERENCE_COMMUNES[dept] ?? REFERENCE_COMMUNES['33']);
		const figures = referenceFigures(rng);
		const fill = (s: string) =>
			fillTemplate(s, { ...figures, commune: communeName, essence: owner.essence, de_essence: de(owner.essence) });
		// 2016 to this year, recent years more often.
		const refYear = year - Math.floor(Math.pow(rng.float(), 1.3) * (year - 2016 + 1));
		const input = parseInput(referenceInput, {
			title: fill(tpl.title),
			kindId: kindId.get(tpl.kind),
			postalCode,
			communeName,
			year: refYear,
			clientType: tpl.client,
			description: fill(tpl.description),
			partnerIds: chosen.slice(1).map(([c]) => c.id)
		});
		const match = resolveCommune(input.postalCode!, input.communeName);
		if (!match.ok) throw new Error(`demo showcase: unknown commune ${communeName} ${postalCode}`);
		const id = crypto.randomUUID();
		// Put online after the work began, at some point in the last two years.
		const at = new Date(Math.min(now.getTime() - day, Math.max(Date.UTC(input.year!, 2, 1), pastDate(15, 600).getTime())));
		refs.push({
			id,
			title: input.title,
			kindId: input.kindId,
			communeInsee: match.commune.code,
			communeName: match.commune.nom,
			year: input.year,
			clientType: input.clientType,
			description: input.description,
			ownerOrganizationId: owner.id,
			createdAt: at,
			updatedAt: at
		});
		for (const [c, role] of chosen) {
			refMembers.push({ referenceId: id, organizationId: c.id, role });
			refCount.set(c.id, (refCount.get(c.id) ?? 0) + 1);
		}
	}
	if (refs.length) await db.insert(showcaseReferences).values(refs);
	if (refMembers.length) await db.insert(referenceMembers).values(refMembers);

	// ——— Supply links between members, along the chain.
	const links: (typeof supplyLinks.$inferInsert)[] = [];
	const linkKeys = new Set<string>();
	for (const [from, to, materials, count] of SUPPLY_RULES) {
		const suppliers = byTrade(from);
		const customers = byTrade(to);
		if (!suppliers.length || !customers.length) continue;
		for (let k = 0, attempts = 0; k < count && attempts < count * 6; attempts++) {
			const supplier = rng.weightedPick(suppliers, (c) => (c.public ? 3 : 1));
			const others = customers.filter((c) => c.id !== supplier.id);
			if (!others.length) break;
			const customer = rng.weightedPick(others, (c) => (c.public ? 3 : 1) / (1 + distanceKm(supplier, c) / 60));
			const m = rng.pick(materials);
			const material = (m === '*' ? speciesFor(supplier, to) : m).trim();
			const key = `${supplier.id}|${customer.id}|${material.toLowerCase()}`;
			if (linkKeys.has(key) || material.length > 60 || supplier.id === customer.id) continue;
			linkKeys.add(key);
			links.push({
				id: crypto.randomUUID(),
				supplierId: supplier.id,
				customerId: customer.id,
				material,
				createdBy: staff.length ? rng.pick(staff).id : null,
				createdAt: pastDate(10, 500)
			});
			k++;
		}
	}
	if (links.length) await db.insert(supplyLinks).values(links);

	// ——— Introductions received through public pages over the last months.
	const listed = companies.filter((c) => c.public);
	const intros: (typeof introductions.$inferInsert)[] = [];
	const introCount = Math.min(listed.length * 2, 16);
	const received = new Map<string, Set<string>>();
	for (let i = 0; i < introCount && listed.length; i++) {
		const to = rng.weightedPick(listed, (c) => (INTRO_MESSAGES[c.trade] ? 3 : 1) / (1 + (received.get(c.id)?.size ?? 0)));
		const seen = received.get(to.id) ?? new Set<string>();
		received.set(to.id, seen);
		// The same message twice to one company would look like a bot.
		const specific = (INTRO_MESSAGES[to.trade] ?? []).filter(([text]) => !seen.has(text));
		const general = INTRO_MESSAGES.any.filter(([text]) => !seen.has(text));
		const pool = specific.length && (rng.chance(0.75) || !general.length) ? specific : general;
		if (!pool.length) continue;
		const [text, company] = rng.pick(pool);
		seen.add(text);
		const first = rng.pick(SENDER_FIRST);
		const last = rng.pick(SENDER_LAST);
		const domain = company ? `${slugify(company)}.example` : 'courriel.example';
		const message = fillTemplate(text, { commune: to.commune_name ?? 'chez vous' });
		const input = parseInput(introductionInput, {
			name: `${first} ${last}`,
			email: `${slugify(first)}.${slugify(last)}@${domain}`,
			company,
			message
		});
		intros.push({
			id: crypto.randomUUID(),
			organizationId: to.id,
			senderName: input.name,
			senderEmail: input.email,
			senderCompany: input.company,
			message: input.message,
			// Spread over the last six months, in office hours.
			createdAt: new Date(Math.min(now.getTime() - 3600_000,
				Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - Math.floor((i * 180) / introCount) - rng.int(0, 8), rng.int(7, 17), rng.int(0, 59))))
		});
	}
	if (intros.length) await db.insert(introductions).values(intros);

	return {
		competencies: COMPETENCIES.length,
		pages: pages.length,
		references: refs.length,
		supplyLinks: links.length,
		introductions: intros.length,
		videos
	};
}

// ————— Page content —————

function makePage(rng: Random, c: Company, t: Trade, year: number) {
	const [noun, gender] = rng.pick(t.nouns);
	const dept = c.departement_code ?? '33';
	const commune = c.commune_name ?? 'Bordeaux';
	const band = c.size_band ?? '1_9';

	// Figures consistent with the company's size.
	const founded =
		t.professional ? rng.int(1985, 2016)
		: band === '0' ? rng.int(2006, 2020)
		: band === '1_9' ? rng.int(1972, 2015)
		: band === '10_49' ? rng.int(1955, 2008)
		: rng.int(1930, 1995);
	const staffCount =
		band === '0' ? 1 : band === '1_9' ? rng.int(2, 9) : band === '10_49' ? rng.int(11, 45) : band === '50_249' ? rng.int(55, 220) : rng.int(260, 420);
	const big = band === '50_249' || band === '250_plus';
	const ctx: Record<string, string> = {
		noun,
		commune,
		de_commune: de(commune),
		essence: c.essence,
		de_essence: de(c.essence),
		le_essence: le(c.essence),
		au_essence: au(c.essence),
		founded: String(founded),
		moved: String(Math.min(year - 2, founded + rng.int(4, 25))),
		taken: String(Math.min(year - 1, Math.max(founded + 10, year - rng.int(3, 18)))),
		projects: String(roundTo(Math.max(20, (year - founded) * rng.int(5, 12)), 10)),
		m3: fr(big ? roundTo(rng.int(30_000, 90_000), 1000) : roundTo(rng.int(6_000, 25_000), 500)),
		km: String(roundTo(rng.int(60, 150), 10)),
		ha: fr(roundTo(rng.int(800, 4500), 100)),
		m2: fr(roundTo(big ? rng.int(3000, 9000) : band === '10_49' ? rng.int(800, 2500) : band === '1_9' ? rng.int(200, 700) : rng.int(80, 250), 10)),
		m2week: fr(roundTo(big ? rng.int(1500, 3000) : rng.int(400, 1200), 50)),
		tons: String(rng.pick([5, 8, 10, 12])),
		modernised: String(rng.int(Math.max(founded + 5, year - 12), year - 1)),
		houses: band === '1_9' || band === '0' ? 'une dizaine de' : big ? 'plus de cinquante' : 'une trentaine de',
		staff: String(staffCount),
		roles: t.teamRoles,
		apprentices: rng.chance(0.5) ? `, dont ${rng.int(1, 3) === 1 ? 'un apprenti' : `${rng.int(2, 3)} apprentis`}` : '',
		verb: t.verb,
		since: String(c.member_since ?? year - 1),
		commission: rng.pick(COMMISSIONS),
		e: gender === 'f' ? 'e' : ''
	};

	// Territory served: the field, and the same place in a sentence.
	const scope = rng.pick(t.scopes);
	let territory: string;
	let where: string;
	if (scope === 'local') {
		const n = NEIGHBOURS[dept] ?? [];
		const kind = rng.int(0, 2);
		if (kind === 0 && n.length) {
			const other = rng.pick(n);
			territory = `${departementName(dept)} et ${departementName(other)}`;
			where = `${DEPT_IN[dept]} et ${DEPT_IN[other]}`;
		} else if (kind === 1) {
			const km = rng.pick([30, 40, 50, 60, 80]);
			territory = `${commune} et ${km} km alentour`;
			where = `dans un rayon de ${km} km autour ${de(commune)}`;
		} else {
			territory = `${departementName(dept)} et départements limitrophes`;
			where = `${DEPT_IN[dept]} et dans les départements voisins`;
		}
	} else if (scope === 'regional') {
		const kind = rng.int(0, 2);
		territory = ['Nouvelle-Aquitaine', 'Nouvelle-Aquitaine et Occitanie', 'Grand Sud-Ouest'][kind];
		where = ['dans toute la Nouvelle-Aquitaine', 'en Nouvelle-Aquitaine et en Occitanie', 'dans tout le grand Sud-Ouest'][kind];
	} else {
		const exports = rng.chance(0.4);
		territory = exports ? 'France entière et export (Espagne, Portugal)' : 'France entière';
		where = exports ? 'partout en France, mais aussi en Espagne et au Portugal' : 'partout en France';
	}
	ctx.where = where;

	// Labels and materials.
	const labels = t.labels.filter(([, p]) => rng.chance(p)).map(([l]) => l);
	// Species of the département (other materials whatever the place).
	const localSpecies = DEPT_ESSENCES[dept] ?? [];
	const fitting = t.materials.filter((m) => !ESSENCES.includes(m) || localSpecies.includes(m));
	const pool = fitting.length ? fitting : t.materials;
	const materials = [...new Set([...(t.essence ? [c.essence] : []), ...rng.sample(pool, rng.int(1, Math.min(3, pool.length)))])].slice(0, 5);

	// The portrait: history, know-how, then some of team, machines, territory, commitment, cluster.
	// A family business and growth over decades need some age; a take-over by employees needs employees.
	const histories = t.professional
		? HISTORY_PROFESSIONAL
		: HISTORY.filter((_, i) => (i === 0 || i === 2 ? founded <= year - 25 : i === 3 ? band !== '0' && founded <= year - 15 : true));
	const history = rng.chance(0.75) ? rng.pick(histories) : null;
	// What the company does first, what it "also" does after.
	// Without a history sentence, the first know-how sentence introduces the company.
	const introduces = (s: string) => /\{Il\}/.test(s) && !/\b(aussi|également)\b/.test(s);
	const first = history ? rng.pick(t.knowHow) : rng.pick(t.knowHow.filter(introduces));
	const knowHow = [first, ...(rng.chance(0.5) ? rng.sample(t.knowHow.filter((k) => k !== first), 1) : [])].sort(
		(a, b) => Number(/\baussi\b/.test(a)) - Number(/\baussi\b/.test(b))
	);
	const optional: string[][] = [
		[rng.pick(band === '0' ? TEAM_SOLO : big ? TEAM_LARGE : TEAM_SMALL)],
		[rng.pick(t.machines)],
		[rng.pick(TERRITORY_SENTENCES)],
		[commitmentSentence(rng, labels)],
		c.status === 'member' && c.member_since ? [rng.pick(CLUSTER)] : []
	].filter((x) => x.length);
	if (rng.chance(0.5)) [optional[0], optional[1]] = [optional[1], optional[0]];
	const base = (history ? 1 : 0) + knowHow.length;
	const extraCount = rng.int(Math.max(1, 3 - base), Math.min(optional.length, 6 - base));
	const keep = new Set(rng.sample(optional.map((_, i) => i), extraCount));
	const extras = optional.filter((_, i) => keep.has(i)).map((x) => x[0]);
	const ordered = history && rng.chance(0.7) ? [history, ...knowHow, ...extras] : history ? [knowHow[0], history, ...knowHow.slice(1), ...extras] : [...knowHow, ...extras];
	// The portrait opens with a sentence that names the company and does not say "also".
	const opener = ordered.findIndex((s) => /\{(Il|noun)\}/.test(s) && !/\b(aussi|également)\b/.test(s));
	if (opener > 0) ordered.unshift(...ordered.splice(opener, 1));
	const sentences = ordered.map((s, i) => {
		const pronoun = i === 0 ? cap(noun) : gender === 'f' ? 'Elle' : 'Il';
		return cap(fillTemplate(s, { ...ctx, Il: pronoun, il: i === 0 ? noun : pronoun.toLowerCase(), Noun: cap(noun) }));
	});
	const cut = sentences.length >= 5 ? rng.int(2, 3) : sentences.length;
	const portrait = [sentences.slice(0, cut).join(' '), sentences.slice(cut).join(' ')].filter(Boolean).join('\n\n');

	const products = rng
		.sample(t.products, rng.int(3, Math.min(6, t.products.length)))
		.map((p) => fillTemplate(p, ctx))
		.join('\n');
	return { portrait, products, territory, labels, materials };
}

/** What a supplier sends a customer of this trade: its own species when the customer works it. */
function speciesFor(supplier: Company, customer: TradeKey): string {
	const fits = TRADES[customer].species;
	if (!fits || fits.includes(supplier.essence)) return supplier.essence;
	const local = DEPT_ESSENCES[supplier.departement_code ?? ''] ?? [];
	return fits.find((f) => supplier.materials.includes(f) && local.includes(f)) ?? fits.find((f) => local.includes(f)) ?? fits.find((f) => supplier.materials.includes(f)) ?? fits[0];
}

function commitmentSentence(rng: Random, labels: string[]): string {
	const certified = labels.filter((l) => l === 'PEFC' || l === 'FSC');
	const options = [...COMMITMENT];
	if (certified.length) options.push(`Certifié{e} ${certified.join(' et ')}, {noun} garantit la traçabilité de ses bois, de la forêt au client.`);
	if (labels.includes('RGE')) options.push('La qualification RGE permet à ses clients de bénéficier des aides à la rénovation énergétique.');
	if (labels.includes('Bois de France')) options.push('Ses produits portent la marque Bois de France, gage d’un bois récolté et transformé en France.');
	// A label, when there is one, is the more telling thing to say.
	return options.length > COMMITMENT.length && rng.chance(0.6) ? rng.pick(options.slice(COMMITMENT.length)) : rng.pick(COMMITMENT);
}

function referenceFigures(rng: Random): Record<string, string> {
	return {
		classes: String(rng.int(6, 14)),
		flats: String(rng.int(8, 36)),
		area: fr(roundTo(rng.int(300, 1800), 10)),
		house: String(roundTo(rng.int(85, 180), 5)),
		small: String(rng.int(25, 70)),
		windows: String(rng.int(40, 180)),
		rooms: String(rng.int(18, 60)),
		span: String(rng.int(18, 42)),
		length: String(roundTo(rng.int(150, 900), 10)),
		cribs: String(rng.int(20, 60)),
		tons: fr(roundTo(rng.int(200, 1200), 50)),
		houses: String(rng.int(12, 48)),
		spaces: String(roundTo(rng.int(40, 200), 10))
	};
}

function fillTemplate(s: string, ctx: Record<string, string>): string {
	return s.replace(/\{(\w+)\}/g, (m, k: string) => {
		if (!(k in ctx)) throw new Error(`demo showcase: no value for ${m} in “${s}”`);
		return ctx[k];
	});
}

function slugify(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

const VIDEO_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
function videoId(rng: Random): string {
	let s = '';
	for (let i = 0; i < 11; i++) s += VIDEO_CHARS[rng.int(0, VIDEO_CHARS.length - 1)];
	return s;
}

function distanceKm(a: { lat: number | null; lon: number | null }, b: { lat: number | null; lon: number | null }): number {
	if (a.lat == null || a.lon == null || b.lat == null || b.lon == null) return 100;
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
	return 6371 * 2 * Math.asin(Math.sqrt(h));
}
