// The directory benchmark's data set: N listed members (status member, one contact who consented to
// public listing, a published showcase), seeded so every run and both engines get the same rows.
// Company names and trades come from bench/lib/words.ts (as the organization benchmark), communes
// are the real ones (allCommunes(), weighted by population^0.8), and each member gets competencies
// from a 44-entry taxonomy, labels, materials, a 1–3 sentence portrait, products, references shared
// with other members of its département, and memberships whose first paid year sets its seniority.
// Rows are plain objects with the tables' column names, for json_populate_recordset.
import { allCommunes, departementName, regionName, type Commune } from '../../src/lib/server/geo/communes.ts';
import { normalizeText, organizationNameKey, organizationSearchText } from '../../src/lib/server/text.ts';
import { luhnCheckDigit, normalizeNaf } from '../../src/lib/server/crm/identifiers.ts';
import { Random, WeightedTable, zipf } from './random.ts';
import { ACTIVITIES, AREAS, COMMON_TAGS, DESCRIPTIONS, FIRST_NAMES, LEGAL_FORMS, STREETS, SURNAMES, THEMES, TITLES, type Activity } from './words.ts';
import {
	CLIENT_TYPES, COMPETENCIES, LABEL_NAMES, PORTRAIT_MORE, PORTRAIT_OPENINGS, REFERENCE_KINDS, REFERENCE_TITLES, TERRITORIES, TRADES, type Trade
} from './directory-words.ts';

export const DIRECTORY_YEAR = 2026;
const START = Date.UTC(2019, 0, 1);
const END = Date.UTC(DIRECTORY_YEAR, 10, 20);
const SIZE_BANDS: [string, number][] = [['0', 15], ['1_9', 40], ['10_49', 28], ['50_249', 13], ['250_plus', 4]];
const FEES: Record<string, number> = { '0': 15_000, '1_9': 35_000, '10_49': 75_000, '50_249': 150_000, '250_plus': 300_000 };
/** First paid year of membership, by seniority band (new, 2–4, 5–9, 10+ years). */
const SENIORITY: [[number, number], number][] = [[[DIRECTORY_YEAR, DIRECTORY_YEAR], 12], [[DIRECTORY_YEAR - 3, DIRECTORY_YEAR - 1], 35], [[DIRECTORY_YEAR - 8, DIRECTORY_YEAR - 4], 30], [[1998, DIRECTORY_YEAR - 9], 23]];

type Row = Record<string, unknown>;

export interface DirectoryDataset {
	seed: number;
	competencies: Row[];
	referenceKinds: Row[];
	organizations: Row[];
	people: Row[];
	memberships: Row[];
	showcases: Row[];
	organizationCompetencies: Row[];
	references: Row[];
	referenceMembers: Row[];
	/** Competency name → id, reference kind name → id: the shapes filter on them. */
	competencyIds: Record<string, string>;
	kindIds: Record<string, string>;
	/** Existing names (with two long words) and a misspelling of each: one typo per long word. */
	misspelt: { typed: string; of: string }[];
}

function makeSiret(rng: Random, taken: Set<string>): string {
	for (;;) {
		const head = String(rng.int(1, 9)) + String(rng.int(0, 9_999_999)).padStart(7, '0');
		const siren = head + luhnCheckDigit(head);
		if (siren === '356000000') continue;
		const nicHead = siren + String(rng.int(1, 99)).padStart(4, '0');
		const siret = nicHead + luhnCheckDigit(nicHead);
		if (taken.has(siret)) continue;
		taken.add(siret);
		return siret;
	}
}

/** Like grappe_slugify() in SQL: lower case, no accents, dashes; unique with -2, -3… */
function slugify(s: string): string {
	return (
		normalizeText(s)
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 80) || 'organisation'
	);
}

function ofPlace(nom: string): string {
	if (nom.startsWith('Le ')) return 'du ' + nom.slice(3);
	if (nom.startsWith('Les ')) return 'des ' + nom.slice(4);
	if (nom.startsWith('La ')) return 'de la ' + nom.slice(3);
	if (/^L['’]/.test(nom)) return "de l'" + nom.slice(2);
	if (/^[aeiouyh]/i.test(normalizeText(nom))) return "d'" + nom;
	return 'de ' + nom;
}

/** The same name patterns as the organization benchmark (bench/lib/generate.ts). */
function companyName(rng: Random, activity: Activity, commune: Commune, surnames: WeightedTable<[string, number]>): string {
	const label = rng.pick(activity.labels);
	const surname = () => surnames.draw(rng)[0];
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

/** One typo per long word: a dropped letter, or two letters swapped in the longest word. */
export function misspell(rng: Random, name: string): string {
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

/** A version-4-shaped UUID from the seed: 4 draws rather than Random.uuid()'s 35 (800,000 of them here). */
function uuid(rng: Random): string {
	const h = () => Math.floor(rng.float() * 0x100000000).toString(16).padStart(8, '0');
	const a = h(), b = h(), c = h(), d = h();
	return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0], 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const slugCache = new Map<string, string>();
const cachedSlug = (s: string) => {
	let v = slugCache.get(s);
	if (v === undefined) slugCache.set(s, (v = slugify(s)));
	return v;
};

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

/** Products of a trade: rare ones ("~…") with 4 % of the usual chance. */
function pickProducts(rng: Random, trade: Trade, n: number): string[] {
	const weighted = trade.products.map((p) => (p.startsWith('~') ? ([p.slice(1), 0.04] as const) : ([p, 1] as const)));
	const out = new Set<string>();
	for (let tries = 0; out.size < n && tries < n * 4; tries++) out.add(rng.weighted(weighted));
	return [...out];
}

function listFr(items: string[]): string {
	return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

export function generateDirectoryDataset(count: number, seed = 20261124): DirectoryDataset {
	for (const a of ACTIVITIES) {
		if (normalizeNaf(a.naf) !== a.naf) throw new Error(`Unknown NAF code ${a.naf}`);
		if (!TRADES[a.labels[0]]) throw new Error(`No trade vocabulary for ${a.labels[0]}`);
	}
	const rng = new Random(seed);
	const communes = allCommunes().filter((c) => c.codesPostaux?.length && c.population);
	const communeTable = new WeightedTable(communes, (c) => Math.pow(c.population ?? 0, 0.8));
	const activities = ACTIVITIES.map((a) => [a, a.weight] as const);
	const surnames = new WeightedTable(zipf(SURNAMES, 8), ([, w]) => w);
	const commonTags = zipf(COMMON_TAGS, 2);
	const at = (ms: number) => new Date(ms).toISOString();

	const competencyIds: Record<string, string> = {};
	const competencies: Row[] = Object.entries(COMPETENCIES).map(([key, name], position) => {
		const id = uuid(rng);
		competencyIds[name] = id;
		competencyIds[key] = id;
		return { id, name, position, created_at: at(START) };
	});
	const kindIds: Record<string, string> = {};
	const referenceKinds: Row[] = REFERENCE_KINDS.map((name, position) => {
		const id = uuid(rng);
		kindIds[name] = id;
		return { id, name, position, created_at: at(START) };
	});
	const otherCompetencies = Object.keys(COMPETENCIES);

	const organizations: Row[] = [];
	const people: Row[] = [];
	const memberships: Row[] = [];
	const showcases: Row[] = [];
	const organizationCompetencies: Row[] = [];
	const sirets = new Set<string>();
	const slugs = new Set<string>();
	const slugNext = new Map<string, number>();
	const byDepartement = new Map<string, number[]>();
	const orgTrade: Trade[] = [];
	const orgCommune: Commune[] = [];
	let invoice = 0;

	for (let i = 0; i < count; i++) {
		const activity = rng.weighted(activities);
		const trade = TRADES[activity.labels[0]];
		const commune = communeTable.draw(rng);
		const name = companyName(rng, activity, commune, surnames);
		const tags = new Set<string>();
		for (const t of rng.sample(activity.tags, rng.int(0, 2))) tags.add(t);
		for (let k = rng.int(0, 2); k > 0; k--) tags.add(rng.weighted(commonTags));
		const id = uuid(rng);
		const siret = rng.chance(0.92) ? makeSiret(rng, sirets) : null;
		const sizeBand = rng.chance(0.92) ? rng.weighted(SIZE_BANDS) : null;
		const createdMs = START + rng.float() * (END - START - 86_400_000);
		const base = slugify(name);
		const domain = base.slice(0, 50).replace(/-+$/, '') + '.example';
		organizations.push({
			id,
			name,
			name_normalized: organizationNameKey(name),
			search_text: organizationSearchText({ name, communeName: commune.nom, tags: [...tags] }),
			siren: siret ? siret.slice(0, 9) : null,
			siret,
			naf_code: rng.chance(0.95) ? activity.naf : null,
			address_line: `${rng.int(1, 180)} ${rng.pick(STREETS)}`,
			postal_code: rng.pick(commune.codesPostaux),
			commune_insee: commune.code,
			commune_name: commune.nom,
			departement_code: commune.departement,
			region_code: commune.region,
			size_band: sizeBand,
			website: rng.chance(0.6) ? `https://www.${domain}` : null,
			email: `contact@${domain}`,
			phone: null,
			description: rng.chance(0.15) ? rng.pick(DESCRIPTIONS) : null,
			status: 'member',
			partner_kind: null,
			tags: [...tags],
			value_chain_stage_id: null,
			team_member_id: null,
			created_at: at(createdMs),
			updated_at: at(createdMs)
		});
		orgTrade.push(trade);
		orgCommune.push(commune);
		const dep = byDepartement.get(commune.departement);
		if (dep) dep.push(i);
		else byDepartement.set(commune.departement, [i]);

		// One contact, who agreed to appear in the directory.
		const [first, gender] = rng.pick(FIRST_NAMES);
		const last = surnames.draw(rng)[0];
		people.push({
			id: uuid(rng),
			organization_id: id,
			first_name: first,
			last_name: last,
			title: rng.pick(TITLES.lead[gender]),
			email: `${cachedSlug(first)}.${cachedSlug(last)}@${domain}`,
			phone: null,
			consent_public_listing: true,
			consent_public_listing_at: at(createdMs),
			consent_newsletter: false,
			consent_newsletter_at: null,
			created_at: at(createdMs),
			updated_at: at(createdMs)
		});

		// Memberships: the first paid year (seniority), then the last two years.
		const [lo, hi] = rng.weighted(SENIORITY);
		const since = rng.int(lo, hi);
		const years = [since, ...[DIRECTORY_YEAR - 1, DIRECTORY_YEAR].filter((y) => y > since)];
		for (const year of years) {
			const paid = year === since || (year < DIRECTORY_YEAR ? rng.chance(0.97) : rng.chance(0.8));
			const paidAt = Date.UTC(year, rng.int(0, 5), rng.int(1, 28));
			memberships.push({
				id: uuid(rng),
				organization_id: id,
				year,
				amount_cents: FEES[sizeBand ?? '1_9'],
				paid,
				paid_on: paid ? at(paidAt).slice(0, 10) : null,
				invoice_number: `F${year}-${String(++invoice).padStart(6, '0')}`,
				created_at: at(paidAt),
				updated_at: at(paidAt)
			});
		}

		// Competencies: 1–4 of the trade's, sometimes one from elsewhere.
		const comps = new Set(rng.sample(trade.competencies, rng.int(1, Math.min(4, Math.max(1, trade.competencies.length)))));
		if (rng.chance(0.12) || comps.size === 0) comps.add(rng.pick(otherCompetencies));
		for (const c of comps) organizationCompetencies.push({ organization_id: id, competency_id: competencyIds[c] });

		// Showcase.
		const labels = trade.labels.filter((_, k) => rng.chance(k === 0 ? 0.55 : 0.3));
		if (rng.chance(0.05)) labels.push(rng.pick(LABEL_NAMES));
		const materials = trade.materials.length ? rng.sample(trade.materials, rng.int(0, Math.min(3, trade.materials.length))) : [];
		const products = pickProducts(rng, trade, rng.int(2, 4));
		const year = since - rng.int(0, 25);
		const values = {
			name,
			what: trade.what,
			commune: commune.nom,
			year,
			n: sizeBand === '0' ? 1 : sizeBand === '1_9' ? rng.int(2, 9) : sizeBand === '10_49' ? rng.int(10, 49) : rng.int(50, 400),
			material: materials[0] ?? rng.pick(['bois', 'chêne', 'douglas', 'acier']),
			product: products[0] ?? 'projets',
			departement: departementName(commune.departement) ?? commune.departement,
			region: regionName(commune.region) ?? commune.region
		};
		const sentences = [fill(rng.pick(PORTRAIT_OPENINGS), values), ...rng.sample(PORTRAIT_MORE, rng.int(0, 2)).map((s) => fill(s, values))];
		let slug = base;
		for (let n = slugNext.get(base) ?? 2; slugs.has(slug); n++) {
			slug = `${base}-${n}`;
			slugNext.set(base, n + 1);
		}
		slugs.add(slug);
		showcases.push({
			organization_id: id,
			slug,
			listed: true,
			portrait: sentences.join(' '),
			products_services: products.length ? `${products[0][0].toUpperCase()}${listFr(products).slice(1)}.` : null,
			territory: fill(rng.pick(TERRITORIES), values),
			labels,
			materials,
			published_at: at(createdMs),
			updated_at: at(createdMs)
		});
	}

	// References: about 0.4 per member, shared with 0–3 members of the same département.
	const references: Row[] = [];
	const referenceMembers: Row[] = [];
	const titles = REFERENCE_TITLES.map(([t, kind, w]) => [[t, kind] as const, w] as const);
	const roles = (t: Trade) => t.what.replace(/^une? /, '');
	for (let r = 0, n = Math.round(count * 0.4); r < n; r++) {
		const owner = rng.int(0, count - 1);
		const commune = rng.chance(0.6) ? orgCommune[owner] : communeTable.draw(rng);
		const [title, kind] = rng.weighted(titles);
		const id = uuid(rng);
		const yearDone = rng.int(2010, DIRECTORY_YEAR);
		references.push({
			id,
			title: fill(title, { c: commune.nom }),
			kind_id: rng.chance(0.92) ? kindIds[REFERENCE_KINDS[kind]] : null,
			commune_insee: commune.code,
			commune_name: commune.nom,
			year: yearDone,
			client_type: rng.pick(CLIENT_TYPES),
			description: null,
			photo_keys: [],
			owner_organization_id: organizations[owner].id,
			created_at: at(Date.UTC(yearDone, 6, 1)),
			updated_at: at(Date.UTC(yearDone, 6, 1))
		});
		const members = new Set([owner]);
		const local = byDepartement.get(orgCommune[owner].departement)!;
		for (let k = rng.weighted<number>([[0, 35], [1, 35], [2, 20], [3, 10]]); k > 0; k--) members.add(rng.pick(local));
		for (const m of members) referenceMembers.push({ reference_id: id, organization_id: organizations[m].id, role: roles(orgTrade[m]) });
	}

	// Misspelt names: existing names with at least two long words.
	const probeRng = new Random(seed + 1);
	const multiWord = organizations.filter((o) => {
		const long = String(o.name).split(' ').filter((w) => w.length >= 6);
		return long.length >= 2 && long.some((w) => w.length >= 9);
	});
	const misspelt: { typed: string; of: string }[] = [];
	for (const o of probeRng.sample(multiWord, 40)) misspelt.push({ typed: misspell(probeRng, String(o.name)), of: String(o.name) });

	return {
		seed,
		competencies,
		referenceKinds,
		organizations,
		people,
		memberships,
		showcases,
		organizationCompetencies,
		references,
		referenceMembers,
		competencyIds,
		kindIds,
		misspelt
	};
}
