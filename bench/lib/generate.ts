// The benchmark's data set: N French companies (seeded, so every run and every engine gets the same
// rows), each with 1–3 contacts; members and former members with 1–3 years of memberships.
// Every organization goes through validateOrganization, like a form or an import row, so that
// SIREN, commune, département and région are derived exactly as the application derives them.
import { createRequire } from 'node:module';
import { organizationColumns, validateOrganization } from '../../src/lib/server/crm/service.ts';
import { normalizeText } from '../../src/lib/server/text.ts';
import { luhnCheckDigit, normalizeNaf } from '../../src/lib/server/crm/identifiers.ts';
import { projectRoot } from '../../src/lib/server/db/root.ts';
import type { organizations, people, memberships, organizationHistory, valueChainStages, feeScales } from '../../src/lib/server/crm/schema.ts';
import type { users } from '../../src/lib/server/auth/schema.ts';
import type { Commune } from '../../src/lib/server/geo/communes.ts';
import { Random, WeightedTable, zipf } from './random.ts';
import {
	ACTIVITIES, AREAS, COMMON_TAGS, DESCRIPTIONS, FIRST_NAMES, LEGAL_FORMS, STREETS, SURNAMES, THEMES, TITLES,
	type Activity
} from './words.ts';

export type OrganizationRow = typeof organizations.$inferInsert;
export type PersonRow = typeof people.$inferInsert;
export type MembershipRow = typeof memberships.$inferInsert;
export type HistoryRow = typeof organizationHistory.$inferInsert;
export type UserRow = typeof users.$inferInsert;

/** Memberships are dated against this year, not the clock, so the data set never changes. */
export const REFERENCE_YEAR = 2026;
const START = Date.UTC(2019, 0, 1);
const END = Date.UTC(REFERENCE_YEAR, 10, 20);

const STATUSES: [string, number][] = [['member', 45], ['prospect', 33], ['former_member', 12], ['partner', 10]];
const SIZE_BANDS: [string, number][] = [['0', 15], ['1_9', 40], ['10_49', 28], ['50_249', 13], ['250_plus', 4]];
const PARTNER_KINDS = ['region', 'state', 'training_centre', 'lab', 'funder', 'association', 'local_authority', 'chamber', 'other'];
const FEES: Record<string, number> = { '0': 15_000, '1_9': 35_000, '10_49': 75_000, '50_249': 150_000, '250_plus': 300_000 };
const STAGES = ['Conception', 'Approvisionnement', 'Production', 'Distribution', 'Services', 'Recyclage'];
const TEAM = [
	{ name: 'Claire Vasseur', email: 'claire.vasseur@bench.example', role: 'admin' },
	{ name: 'Yann Le Bihan', email: 'yann.lebihan@bench.example', role: 'team' },
	{ name: 'Samia Benali', email: 'samia.benali@bench.example', role: 'team' },
	{ name: 'Marc Etcheverry', email: 'marc.etcheverry@bench.example', role: 'team' }
];

export interface Probes {
	/** A word found in many names, communes and tags. */
	frequentTerm: string;
	/** A word found in a handful of names. */
	rareTerm: string;
	/** An existing name with typos, found only through trigram similarity. */
	misspelt: string;
	misspeltOf: string;
	/** A new company's name close to an existing one (duplicate detection). */
	similarName: string;
	similarOf: string;
	departement: string;
	region: string;
	sizeBand: string;
	tag: string;
	notRenewedFor: number;
}

export interface Dataset {
	seed: number;
	users: UserRow[];
	stages: (typeof valueChainStages.$inferInsert)[];
	feeScales: (typeof feeScales.$inferInsert)[];
	organizations: OrganizationRow[];
	people: PersonRow[];
	memberships: MembershipRow[];
	history: HistoryRow[];
	probes: Probes;
	/** Inputs that failed validation and were drawn again (should stay 0). */
	redrawn: number;
}


function makeSiret(rng: Random, taken: Set<string>): string {
	for (;;) {
		const head = String(rng.int(1, 9)) + String(rng.int(0, 9_999_999)).padStart(7, '0');
		const siren = head + luhnCheckDigit(head);
		if (siren === '356000000') continue; // La Poste follows another rule
		const nicHead = siren + String(rng.int(1, 99)).padStart(4, '0');
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
		.replace(/^-+|-+$/g, '')
		.slice(0, 50)
		.replace(/-+$/g, '');
}

/** "de Lyon", "d'Angers", "du Mans", "des Sables-d'Olonne", "de la Rochelle"… */
function ofPlace(nom: string): string {
	if (nom.startsWith('Le ')) return 'du ' + nom.slice(3);
	if (nom.startsWith('Les ')) return 'des ' + nom.slice(4);
	if (nom.startsWith('La ')) return 'de la ' + nom.slice(3);
	if (/^L['’]/.test(nom)) return "de l'" + nom.slice(2);
	if (/^[aeiouyh]/i.test(normalizeText(nom))) return "d'" + nom;
	return 'de ' + nom;
}

// ARCEP keeps these ranges for fiction: no real subscriber can be reached by mistake.
const fictionLandline = (n: number) => `05 36 49 ${String(Math.floor(n / 100) % 100).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;
const fictionMobile = (n: number) => `06 39 98 ${String(Math.floor(n / 100) % 100).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;

function loadCommunes(): Commune[] {
	const require = createRequire(projectRoot() + '/package.json');
	const raw = require('@etalab/decoupage-administratif/data/communes.json') as (Commune & { type: string })[];
	return raw.filter((c) => c.type === 'commune-actuelle' && c.departement && c.codesPostaux?.length && c.population);
}

function companyName(rng: Random, activity: Activity, commune: Commune, surnames: [string, number][]): string {
	const label = rng.pick(activity.labels);
	const surname = () => rng.weighted(surnames);
	const pattern = rng.weighted<number>([
		[0, 22], [1, 4], [2, 3], [3, 12], [4, 6], [5, 5], [6, 5], [7, 2], [8, 10], [9, 4], [10, 8], [11, 5], [12, 2]
	]);
	let name: string;
	switch (pattern) {
		case 0: name = `${label} ${surname()}`; break;
		case 1: name = `${label} ${surname()} et Fils`; break;
		case 2: name = `${label} ${surname()} & ${surname()}`; break;
		case 3: name = `${label} ${ofPlace(commune.nom)}`; break;
		case 4: name = `${surname()} ${label}`; break;
		case 5: name = `${rng.pick(['Ets', 'Établissements'])} ${surname()}`; break;
		case 6: name = `${rng.pick(['Atelier', 'Groupe', 'Maison'])} ${surname()}`; break;
		case 7: name = `Les Ateliers ${ofPlace(commune.nom)}`; break;
		case 8: name = `${rng.pick(THEMES)} ${rng.pick(THEMES)}`; break;
		case 9: name = `${rng.pick(THEMES)} & ${rng.pick(THEMES)}`; break;
		case 10: name = `${label} ${rng.pick(AREAS)}`; break;
		case 11: name = `${label} ${rng.pick(THEMES)}`; break;
		default: name = `${surname()} & ${surname()}`;
	}
	if (rng.chance(0.3)) name += ' ' + rng.weighted(LEGAL_FORMS);
	return name;
}

/** One typing error per long word: a dropped letter, or two letters swapped in the longest word. */
function misspell(rng: Random, name: string): string {
	const words = name.split(' ').filter((w) => !/^(SAS|SARL|EURL|SASU|SA|SCOP|&|et)$/.test(w));
	const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
	return words
		.map((w) => {
			if (w.length < 6) return w;
			if (w === longest) {
				const j = rng.int(2, w.length - 3);
				return w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2);
			}
			const i = rng.int(2, w.length - 2);
			return w.slice(0, i) + w.slice(i + 1);
		})
		.join(' ')
		.toLowerCase();
}

function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export function generateDataset(count: number, seed = 20261123): Dataset {
	for (const a of ACTIVITIES) if (normalizeNaf(a.naf) !== a.naf) throw new Error(`Unknown NAF code ${a.naf}`);
	const rng = new Random(seed);
	const communes = loadCommunes();
	// Companies follow people, a little less than proportionally: big cities get many, villages a few.
	const communeTable = new WeightedTable(communes, (c) => Math.pow(c.population ?? 0, 0.8));
	const activities = ACTIVITIES.map((a) => [a, a.weight] as const);
	const surnames = zipf(SURNAMES, 8);
	const commonTags = zipf(COMMON_TAGS, 2);

	const usersRows: UserRow[] = TEAM.map((t) => ({ id: rng.uuid(), ...t, emailVerified: true, createdAt: new Date(START), updatedAt: new Date(START) }));
	const teamIds = usersRows.map((u) => u.id!);
	const stages = STAGES.map((name, position) => ({ id: rng.uuid(), name, position }));
	const fees = Object.entries(FEES).map(([sizeBand, amountCents]) => ({ sizeBand, amountCents }));

	const orgs: OrganizationRow[] = [];
	const ppl: PersonRow[] = [];
	const mships: MembershipRow[] = [];
	const history: HistoryRow[] = [];
	const sirets = new Set<string>();
	let redrawn = 0;
	let invoice = 0;

	for (let i = 0; i < count; i++) {
		const activity = rng.weighted(activities);
		let input;
		for (let attempt = 0; ; attempt++) {
			const commune = communeTable.draw(rng);
			const name = companyName(rng, activity, commune, surnames);
			const status = rng.weighted(STATUSES);
			const domain = slug(name) + '.example';
			const tags = new Set<string>();
			for (const t of rng.sample(activity.tags, rng.int(0, 2))) tags.add(t);
			for (let k = rng.int(0, 2); k > 0; k--) tags.add(rng.weighted(commonTags));
			const raw = {
				name,
				siret: rng.chance(0.92) ? makeSiret(rng, sirets) : null,
				nafCode: rng.chance(0.95) ? activity.naf : null,
				addressLine: rng.chance(0.85) ? `${rng.int(1, 180)} ${rng.pick(STREETS)}` : null,
				postalCode: rng.pick(commune.codesPostaux),
				communeName: commune.nom,
				sizeBand: rng.chance(0.9) ? rng.weighted(SIZE_BANDS) : null,
				website: rng.chance(0.55) ? `https://www.${domain}` : null,
				email: rng.chance(0.7) ? `contact@${domain}` : null,
				phone: rng.chance(0.6) ? fictionLandline(rng.int(0, 9999)) : null,
				description: rng.chance(0.35) ? rng.pick(DESCRIPTIONS) : null,
				status,
				partnerKind: status === 'partner' ? rng.pick(PARTNER_KINDS) : null,
				tags: [...tags],
				valueChainStageId: rng.chance(0.4) ? rng.pick(stages).id : null,
				teamMemberId: rng.chance(0.75) ? rng.pick(teamIds) : null
			};
			try {
				input = validateOrganization(raw);
				break;
			} catch (e) {
				redrawn++;
				if (attempt > 20) throw e;
			}
		}
		const id = rng.uuid();
		const createdMs = START + rng.float() * (END - START - 86_400_000);
		const updatedMs = rng.chance(0.4) ? createdMs : createdMs + rng.float() * (END - createdMs);
		// The same columns the service writes.
		orgs.push({
			id,
			...organizationColumns(input),
			createdAt: new Date(createdMs),
			updatedAt: new Date(updatedMs)
		});
		history.push({
			id: rng.uuid(),
			organizationId: id,
			actorId: null,
			actorLabel: 'Import',
			entity: 'organization',
			entityId: id,
			action: 'created',
			changes: {},
			at: new Date(createdMs)
		});

		const domain = input.website ? new URL(input.website).hostname.replace(/^www\./, '') : slug(input.name) + '.example';
		const contacts = rng.weighted<number>([[1, 40], [2, 35], [3, 25]]);
		for (let c = 0; c < contacts; c++) {
			const [first, gender] = rng.pick(FIRST_NAMES);
			const last = rng.weighted(surnames);
			const newsletter = rng.chance(0.6);
			const listing = rng.chance(0.4);
			ppl.push({
				id: rng.uuid(),
				organizationId: id,
				firstName: first,
				lastName: last,
				title: rng.pick(c === 0 ? TITLES.lead[gender] : TITLES.other[gender]),
				email: rng.chance(0.85) ? `${slug(first)}.${slug(last)}@${domain}` : null,
				phone: rng.chance(0.5) ? fictionMobile(rng.int(0, 9999)) : null,
				consentNewsletter: newsletter,
				consentNewsletterAt: newsletter ? new Date(createdMs) : null,
				consentPublicListing: listing,
				consentPublicListingAt: listing ? new Date(createdMs) : null,
				createdAt: new Date(createdMs),
				updatedAt: new Date(createdMs)
			});
		}

		if (input.status === 'member' || input.status === 'former_member') {
			const last = input.status === 'member' ? (rng.chance(0.82) ? REFERENCE_YEAR : REFERENCE_YEAR - 1) : rng.int(REFERENCE_YEAR - 5, REFERENCE_YEAR - 2);
			const years = rng.int(1, 3);
			for (let year = last - years + 1; year <= last; year++) {
				const paid = year < REFERENCE_YEAR ? rng.chance(0.97) : rng.chance(0.75);
				const at = new Date(Date.UTC(year, rng.int(0, 5), rng.int(1, 28)));
				mships.push({
					id: rng.uuid(),
					organizationId: id,
					year,
					amountCents: FEES[input.sizeBand ?? '1_9'],
					paid,
					paidOn: paid ? isoDate(at.getTime()) : null,
					invoiceNumber: `F${year}-${String(++invoice).padStart(5, '0')}`,
					createdAt: at,
					updatedAt: at
				});
			}
		}
	}

	// Probes drawn from the data itself, so they always find something.
	const probeRng = new Random(seed + 1);
	const multiWord = orgs.filter((o) => {
		const long = o.name.split(' ').filter((w) => w.length >= 6);
		return long.length >= 2 && long.some((w) => w.length >= 9);
	});
	const misspeltOf = probeRng.pick(multiWord).name;
	const similarOf = probeRng.pick(multiWord).name;
	const similarName = similarOf.replace(/ (SAS|SARL|EURL|SASU|SA|SCOP)$/, '') + ' SARL';
	return {
		seed,
		users: usersRows,
		stages,
		feeScales: fees,
		organizations: orgs,
		people: ppl,
		memberships: mships,
		history,
		redrawn,
		probes: {
			frequentTerm: 'bois',
			rareTerm: 'tonnellerie',
			misspelt: misspell(probeRng, misspeltOf),
			misspeltOf,
			similarName: normalizeText(similarName) === normalizeText(similarOf) ? similarName + ' Groupe' : similarName,
			similarOf,
			departement: '33',
			region: '84',
			sizeBand: '10_49',
			tag: 'export',
			notRenewedFor: REFERENCE_YEAR
		}
	};
}
