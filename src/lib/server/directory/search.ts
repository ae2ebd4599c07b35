// The public directory's search: French full text (unaccented stems, prefix on the word being typed),
// typo-tolerant names (each word within a few edits of a word of the name), filters, facets with
// counts, "near a commune". Runs over the in-memory index of memory-index.ts, a copy of
// directory_entries, which holds publicly listed organizations and nothing else.
import { z } from 'zod';
import { sql, type SQL } from 'drizzle-orm';
import { directoryIndex, type DirectoryIndex, type FacetKey, type QueryTerm } from './memory-index';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { normalizeText } from '../text';
import { parseInput } from '../validation';
import { InvalidError } from '../errors';
import { departementName, regionName } from '../geo/communes';
import { SIZE_BANDS } from '$lib/crm-enums';

/** French alphabetical order (one collator: localeCompare with a locale builds one per call). */
const frenchOrder = new Intl.Collator('fr');

export const SENIORITY_BANDS = ['new', '2_4', '5_9', '10_plus'] as const;
export const NAF_SECTIONS = 'ABCDEFGHIJKLMNOPQRSTU'.split('');
export const DIRECTORY_SORTS = ['relevance', 'name', 'distance'] as const;

/** Repeated query parameters arrive as arrays, single ones as strings, absent as undefined/''. */
const list = (max = 20) =>
	z.preprocess(
		(v) => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== '')),
		z.array(z.string().trim().max(100)).max(max)
	);
const optionalString = (re: RegExp) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().regex(re, { error: 'error_invalid' }).optional());
const intParam = (min: number, max: number, fallback: number) =>
	z.preprocess(
		(v) => (v === undefined || v === null || v === '' ? fallback : Number(v)),
		z.number({ error: 'error_number' }).int({ error: 'error_number' }).min(min, { error: 'error_out_of_range' }).max(max, { error: 'error_out_of_range' })
	);

export const directoryQuery = z.object({
	q: z.preprocess((v) => (v == null ? '' : v), z.string().max(200, { error: 'error_too_long' })).transform((s) => s.trim()),
	competency: list(),
	naf: list().pipe(z.array(z.enum(NAF_SECTIONS as [string, ...string[]], { error: 'error_invalid_choice' }))),
	departement: list().pipe(z.array(z.string().regex(/^(\d{2}|2A|2B|97\d)$/, { error: 'error_invalid' }))),
	region: list().pipe(z.array(z.string().regex(/^\d{2}$/, { error: 'error_invalid' }))),
	label: list(),
	size: list().pipe(z.array(z.enum(SIZE_BANDS, { error: 'error_invalid_choice' }))),
	seniority: list().pipe(z.array(z.enum(SENIORITY_BANDS, { error: 'error_invalid_choice' }))),
	kind: list(),
	material: list(),
	near: optionalString(/^[0-9][0-9AB][0-9]{3}$/),
	radius_km: intParam(1, 500, 30),
	sort: z.preprocess((v) => (v === '' || v == null ? undefined : v), z.enum(DIRECTORY_SORTS, { error: 'error_invalid_choice' }).optional()),
	page: intParam(1, 10000, 1),
	per_page: intParam(1, 100, 20)
});
export type DirectoryQuery = z.output<typeof directoryQuery>;

/** Reads a URL's search parameters (repeated keys kept) into a validated query. */
export function parseDirectoryParams(params: URLSearchParams): DirectoryQuery {
	const raw: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const all = params.getAll(key);
		raw[key] = all.length > 1 ? all : all[0];
	}
	return parseInput(directoryQuery, raw);
}

/** The query's state as URL parameters (defaults left out), for links that change one thing. */
export function directoryParams(q: Partial<DirectoryQuery>): URLSearchParams {
	const p = new URLSearchParams();
	if (q.q) p.set('q', q.q);
	for (const key of ['competency', 'naf', 'departement', 'region', 'label', 'size', 'seniority', 'kind', 'material'] as const)
		for (const v of q[key] ?? []) p.append(key, v);
	if (q.near) {
		p.set('near', q.near);
		if (q.radius_km && q.radius_km !== 30) p.set('radius_km', String(q.radius_km));
	}
	if (q.sort) p.set('sort', q.sort);
	if (q.page && q.page > 1) p.set('page', String(q.page));
	if (q.per_page && q.per_page !== 20) p.set('per_page', String(q.per_page));
	return p;
}

/** The words of a query, lower case, without accents. */
export function queryWords(q: string): string[] {
	return normalizeText(q)
		.split(/[^a-z0-9]+/)
		.filter((w) => w.length > 0)
		.slice(0, 8);
}

/**
 * The terms of a query from each word's French stem: every term required; a long stem loses its last
 * letter and matches as a prefix, so inflections the stemmer keeps apart meet (menuisier → menuisi,
 * menuiserie → menuiser: both "menuis…"); the last word is also a prefix, for search as you type. A
 * stop word (null stem: "de", "la") is left out. `words` are the words as typed (for names with a typo).
 */
export function stemsToTerms(stems: (string | null)[], words: string[] = [], lastIsPrefix = true): QueryTerm[] {
	const terms: QueryTerm[] = [];
	stems.forEach((st, i) => {
		if (!st || !/^[a-z0-9]+$/.test(st)) return;
		const word = words[i] ?? st;
		if (st.length >= 7) terms.push({ stem: st.slice(0, -1), prefix: true, word });
		else if (lastIsPrefix && i === stems.length - 1 && st.length >= 3) terms.push({ stem: st, prefix: true, word });
		else terms.push({ stem: st, prefix: false, word });
	});
	return terms;
}

/** The query's terms; the stems come from PostgreSQL's French stemmer (the one that built the index), once per word. */
async function queryTerms(db: Pick<Db, 'execute'>, index: DirectoryIndex, q: string): Promise<QueryTerm[]> {
	const words = queryWords(q);
	if (!words.length) return [];
	const unknown = [...new Set(words.filter((w) => !index.stems.has(w)))];
	if (unknown.length) {
		const rows = await queryRows<{ w: string; l: string[] | null }>(
			db,
			sql`select w, ts_lexize('french_stem', w) as l from unnest(${toArray(unknown)}) as x(w)`
		);
		if (index.stems.size > 20000) index.stems.clear();
		for (const r of rows) index.stems.set(r.w, r.l === null ? r.w : r.l.length ? r.l[0] : null);
	}
	return stemsToTerms(
		words.map((w) => index.stems.get(w) ?? null),
		words
	);
}

function seniorityOf(since: number | null, year: number): (typeof SENIORITY_BANDS)[number] | null {
	if (since == null) return null;
	const years = year - since + 1;
	return years <= 1 ? 'new' : years <= 4 ? '2_4' : years <= 9 ? '5_9' : '10_plus';
}

export interface Origin {
	lat: number;
	lon: number;
	name: string;
	insee: string;
}

export interface DirectoryItem {
	id: string;
	slug: string;
	name: string;
	commune: string | null;
	communeInsee: string | null;
	departement: string | null;
	departementName: string | null;
	region: string | null;
	regionName: string | null;
	nafCode: string | null;
	nafLabel: string | null;
	sizeBand: string | null;
	competencies: { id: string; name: string }[];
	labels: string[];
	memberSince: number | null;
	lat: number | null;
	lon: number | null;
	geoPrecision: string | null;
	distanceKm: number | null;
	logoKey: string | null;
	summary: string | null;
}

export interface FacetValue {
	value: string;
	label: string;
	count: number;
}

export interface DirectoryFacets {
	competency: FacetValue[];
	naf: FacetValue[];
	departement: FacetValue[];
	region: FacetValue[];
	label: FacetValue[];
	size: FacetValue[];
	seniority: FacetValue[];
	kind: FacetValue[];
	material: FacetValue[];
}

export interface DirectoryResult {
	items: DirectoryItem[];
	total: number;
	page: number;
	perPage: number;
	facets: DirectoryFacets;
	origin: Origin | null;
	/** The sort actually applied (relevance needs words, distance needs an origin). */
	sort: (typeof DIRECTORY_SORTS)[number];
	/** With `points`: matching organizations per place (commune, or département centre when unknown). */
	points?: MapPoint[];
}

export interface MapPoint {
	insee: string;
	name: string;
	lat: number;
	lon: number;
	precision: string;
	count: number;
}

export interface SearchOptions {
	/** Skip the facet counts (the embed and the API's `facets=0`). */
	facets?: boolean;
	/** Also count the matching organizations per commune, with coordinates (the map). */
	points?: boolean;
	year?: number;
}

/**
 * Searches the directory: validates nothing (the query is parsed already), reads the index of
 * memory-index.ts (one statement to check its version, one more for words never seen before).
 */
export async function searchDirectory(db: Db, query: DirectoryQuery, opts: SearchOptions = {}): Promise<DirectoryResult> {
	const year = opts.year ?? new Date().getFullYear();
	const index = await directoryIndex(db);
	const terms = await queryTerms(db, index, query.q);

	let origin: Origin | null = null;
	if (query.near) {
		let c = index.communes.get(query.near);
		if (c === undefined) {
			[c] = await queryRows<Origin>(db, sql`select lat, lon, name, insee from communes_geo where insee = ${query.near}`);
			if (index.communes.size > 5000) index.communes.clear();
			index.communes.set(query.near, c ?? null);
		}
		if (!c) throw new InvalidError([{ path: 'near', message: 'error_commune_unknown' }]);
		origin = c;
	}

	// Filters: within a facet any of the values, across facets all of them.
	const masks: Uint8Array[] = [];
	const want = (facet: FacetKey, values: string[]) => {
		if (!values.length) return;
		masks.push(index.pairMask(values.map((v) => index.pairId(facet, v)).filter((id): id is number => id !== undefined)));
	};
	want('competency', query.competency);
	want('naf', query.naf);
	want('departement', query.departement);
	want('region', query.region);
	want('label', query.label);
	want('size', query.size);
	want('kind', query.kind);
	want('material', query.material);
	if (query.seniority.length) {
		const ids: number[] = [];
		index.pairs.forEach((p, id) => {
			const band = p.facet === 'since' ? seniorityOf(Number(p.value), year) : null;
			if (band && query.seniority.includes(band)) ids.push(id);
		});
		masks.push(index.pairMask(ids));
	}

	// Nothing in memory-index.ts awaits from here on: its scratch buffers stay this search's.
	const text = terms.length ? index.matchText(terms) : null;
	const filtered = text !== null || masks.length > 0 || origin !== null;
	let matches: Int32Array;
	let distances: Float64Array | null = null;
	if (!filtered) {
		matches = index.nameOrder();
	} else if (text && !masks.length && !origin) {
		matches = text.slots;
	} else {
		({ slots: matches, distances } = index.filter(text ? text.slots : null, masks, origin ? { lat: origin.lat, lon: origin.lon, radiusKm: query.radius_km } : null));
	}
	const total = matches.length;

	const sort: DirectoryResult['sort'] =
		query.sort === 'distance' && origin ? 'distance' : query.sort === 'name' || !text ? (origin && !query.sort ? 'distance' : 'name') : 'relevance';
	const offset = (query.page - 1) * query.per_page;
	let pageSlots: number[] = [];
	if (total > offset) {
		const rank = index.rankOf();
		if (sort === 'name') {
			// The candidates come in name order unless they came from the text match.
			const ordered = text ? Int32Array.from(matches).sort((a, b) => rank[a] - rank[b]) : matches;
			pageSlots = Array.from(ordered.subarray(offset, offset + query.per_page));
		} else {
			const key = sort === 'distance' ? distances! : text!.score;
			const sign = sort === 'distance' ? 1 : -1;
			const ordered = Int32Array.from(matches).sort((a, b) => sign * (key[a] - key[b]) || rank[a] - rank[b]);
			pageSlots = Array.from(ordered.subarray(offset, offset + query.per_page));
		}
	}

	const { competencies: competencyNames } = index.taxonomy;
	const items: DirectoryItem[] = pageSlots.map((slot) => {
		const e = index.slots[slot]!;
		return {
			id: e.id,
			slug: e.slug,
			name: e.name,
			commune: e.communeName,
			communeInsee: e.communeInsee,
			departement: e.departement,
			departementName: departementName(e.departement) ?? null,
			region: e.region,
			regionName: regionName(e.region) ?? null,
			nafCode: e.nafCode,
			nafLabel: e.nafCode ? (index.nafLabels.get(e.nafCode) ?? null) : null,
			sizeBand: e.sizeBand,
			competencies: e.competencyIds
				.map((id) => ({ id, name: competencyNames.get(id) ?? id }))
				.sort((a, b) => frenchOrder.compare(a.name, b.name)),
			labels: e.labels,
			memberSince: e.memberSince,
			lat: e.lat,
			lon: e.lon,
			geoPrecision: e.geoPrecision,
			distanceKm: distances ? Math.round(distances[slot] * 10) / 10 : null,
			logoKey: e.logoKey,
			summary: e.summary ? truncate(e.summary, 220) : null
		};
	});

	const withFacets = opts.facets !== false;
	const facets = !withFacets || total === 0 ? emptyFacets() : buildFacets(index, filtered ? index.countFacets(matches) : index.countFacets(), year);

	let points: MapPoint[] | undefined;
	if (opts.points) {
		const byPlace = new Map<string, MapPoint>();
		for (let i = 0; i < matches.length; i++) {
			const e = index.slots[matches[i]]!;
			if (e.lat == null || e.lon == null || !e.communeInsee) continue;
			const p = byPlace.get(e.communeInsee);
			if (p) p.count++;
			else byPlace.set(e.communeInsee, { insee: e.communeInsee, name: e.communeName ?? '', lat: e.lat, lon: e.lon, precision: e.geoPrecision ?? 'commune', count: 1 });
		}
		points = [...byPlace.values()].sort((a, b) => b.count - a.count || (a.insee < b.insee ? -1 : 1)).slice(0, 2000);
	}
	return { items, total, page: query.page, perPage: query.per_page, facets, origin, sort, points };
}

function truncate(s: string, max: number): string {
	const flat = s.replace(/\s+/g, ' ').trim();
	return flat.length <= max ? flat : flat.slice(0, flat.lastIndexOf(' ', max - 1) > max * 0.6 ? flat.lastIndexOf(' ', max - 1) : max - 1) + '…';
}

export function emptyFacets(): DirectoryFacets {
	return { competency: [], naf: [], departement: [], region: [], label: [], size: [], seniority: [], kind: [], material: [] };
}

/** The facets from the counts of each (facet, value) pair; member_since years become seniority bands. */
function buildFacets(index: DirectoryIndex, counts: Int32Array, year: number): DirectoryFacets {
	const out = emptyFacets();
	const seniority = new Map<string, number>();
	const { competencies, kinds } = index.taxonomy;
	for (let id = 0; id < counts.length; id++) {
		const n = counts[id];
		if (!n) continue;
		const { facet, value } = index.pairs[id];
		if (facet === 'since') {
			const band = seniorityOf(Number(value), year);
			if (band) seniority.set(band, (seniority.get(band) ?? 0) + n);
			continue;
		}
		const label =
			facet === 'competency'
				? competencies.get(value)
				: facet === 'kind'
					? kinds.get(value)
					: facet === 'departement'
						? departementName(value)
						: facet === 'region'
							? regionName(value)
							: value;
		if (label === undefined) continue;
		out[facet].push({ value, label, count: n });
	}
	for (const [band, count] of seniority) out.seniority.push({ value: band, label: band, count });
	const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || frenchOrder.compare(a.label, b.label);
	for (const f of ['competency', 'departement', 'region', 'label', 'kind', 'material'] as const) out[f].sort(byCount);
	out.naf.sort((a, b) => (a.value < b.value ? -1 : 1));
	out.size.sort((a, b) => SIZE_BANDS.indexOf(a.value as never) - SIZE_BANDS.indexOf(b.value as never));
	out.seniority.sort((a, b) => SENIORITY_BANDS.indexOf(a.value as never) - SENIORITY_BANDS.indexOf(b.value as never));
	return out;
}

export { seniorityOf };

function toArray(values: string[]): SQL {
	return sql`array[${sql.join(
		values.map((v) => sql`${v}`),
		sql`, `
	)}]::text[]`;
}
