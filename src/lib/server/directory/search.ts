// The public directory's search: French full text (unaccented stems, prefix on the word being typed),
// typo-tolerant names (trigram word similarity), filters, facets with counts, "near a commune".
// Reads only directory_entries, which holds publicly listed organizations and nothing else.
import { z } from 'zod';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { normalizeText } from '../text';
import { parseInput } from '../validation';
import { InvalidError } from '../errors';
import { departementName, regionName } from '../geo/communes';
import { SIZE_BANDS } from '$lib/crm-enums';

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
 * A tsquery (for the 'simple' configuration, over stems) from each word's French stem: every word
 * required; a long stem loses its last letter and matches as a prefix, so inflections the stemmer
 * keeps apart meet (menuisier → menuisi, menuiserie → menuiser: both "menuis:*"); the last word is
 * also a prefix, for search as you type.
 */
export function stemsToTsQuery(stems: (string | null)[], lastIsPrefix = true): string | null {
	const parts: string[] = [];
	stems.forEach((st, i) => {
		if (!st || !/^[a-z0-9]+$/.test(st)) return;
		if (st.length >= 7) parts.push(`${st.slice(0, -1)}:*`);
		else if (lastIsPrefix && i === stems.length - 1 && st.length >= 3) parts.push(`${st}:*`);
		else parts.push(st);
	});
	return parts.length ? parts.join(' & ') : null;
}

async function textQuery(db: Pick<Db, 'execute'>, q: string): Promise<string | null> {
	const words = queryWords(q);
	if (!words.length) return null;
	const rows = await queryRows<{ i: number; l: string[] | null }>(
		db,
		sql`select i::int, ts_lexize('french_stem', w) as l from unnest(${toArray(words)}) with ordinality as x(w, i)`
	);
	// A stop word ("de", "la") has no stem and is left out.
	const stems = words.map((w, i) => {
		const l = rows.find((r) => r.i === i + 1)?.l;
		return l === null || l === undefined ? w : l.length ? l[0] : null;
	});
	return stemsToTsQuery(stems);
}

function seniorityOf(since: number | null, year: number): (typeof SENIORITY_BANDS)[number] | null {
	if (since == null) return null;
	const years = year - since + 1;
	return years <= 1 ? 'new' : years <= 4 ? '2_4' : years <= 9 ? '5_9' : '10_plus';
}

function seniorityCondition(bands: string[], year: number): SQL {
	const parts = bands.map((b) => {
		switch (b) {
			case 'new':
				return sql`member_since >= ${year}`;
			case '2_4':
				return sql`member_since between ${year - 3} and ${year - 1}`;
			case '5_9':
				return sql`member_since between ${year - 8} and ${year - 4}`;
			default:
				return sql`member_since <= ${year - 9}`;
		}
	});
	return sql`(${sql.join(parts, sql` or `)})`;
}

export interface Origin {
	lat: number;
	lon: number;
	name: string;
	insee: string;
}

/** Great-circle distance in km from the origin (haversine), as SQL over directory_entries' lat/lon. */
function distanceSql(o: Origin): SQL {
	return sql`(12742 * asin(sqrt(power(sin(radians(lat - ${o.lat}) / 2), 2) + cos(radians(${o.lat})) * cos(radians(lat)) * power(sin(radians(lon - ${o.lon}) / 2), 2))))`;
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

export async function searchDirectory(db: Db, query: DirectoryQuery, opts: SearchOptions = {}): Promise<DirectoryResult> {
	// One short read transaction: the trigram threshold below applies to this search only.
	return db.transaction(async (tx) => {
		await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.5', true)`);
		return runSearch(tx as unknown as Db, query, opts);
	});
}

async function runSearch(db: Db, query: DirectoryQuery, opts: SearchOptions): Promise<DirectoryResult> {
	const year = opts.year ?? new Date().getFullYear();
	const tsq = await textQuery(db, query.q);
	const qNorm = queryWords(query.q).join(' ');

	let origin: Origin | null = null;
	if (query.near) {
		const [c] = await queryRows<Origin>(db, sql`select lat, lon, name, insee from communes_geo where insee = ${query.near}`);
		if (!c) throw new InvalidError([{ path: 'near', message: 'error_commune_unknown' }]);
		origin = c;
	}

	const where: SQL[] = [];
	if (tsq) {
		// The words in the text, or a name that looks like what was typed (a misspelt company name).
		where.push(
			qNorm.length >= 4
				? sql`(search @@ to_tsquery('simple', ${tsq}) or ${qNorm} <% name_normalized)`
				: sql`search @@ to_tsquery('simple', ${tsq})`
		);
	} else if (qNorm.length >= 4) {
		where.push(sql`${qNorm} <% name_normalized`);
	}
	if (query.competency.length) where.push(sql`competency_ids && ${toArray(query.competency)}`);
	if (query.naf.length) where.push(sql`naf_section = any(${toArray(query.naf)})`);
	if (query.departement.length) where.push(sql`departement_code = any(${toArray(query.departement)})`);
	if (query.region.length) where.push(sql`region_code = any(${toArray(query.region)})`);
	if (query.label.length) where.push(sql`labels && ${toArray(query.label)}`);
	if (query.size.length) where.push(sql`size_band = any(${toArray(query.size)})`);
	if (query.kind.length) where.push(sql`reference_kind_ids && ${toArray(query.kind)}`);
	if (query.material.length) where.push(sql`materials && ${toArray(query.material)}`);
	if (query.seniority.length) where.push(seniorityCondition(query.seniority, year));
	if (origin) {
		// A box around the origin first (GiST index on location), then the exact distance.
		const dLat = query.radius_km / 111.2;
		const dLon = query.radius_km / (111.2 * Math.max(0.05, Math.cos((origin.lat * Math.PI) / 180)));
		where.push(
			sql`location <@ box(point(${origin.lon - dLon}, ${origin.lat - dLat}), point(${origin.lon + dLon}, ${origin.lat + dLat}))`
		);
		where.push(sql`${distanceSql(origin)} <= ${query.radius_km}`);
	}
	const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;

	const sort = query.sort === 'distance' && origin ? 'distance' : query.sort === 'name' || !qNorm ? (origin && !query.sort ? 'distance' : 'name') : 'relevance';

	const offset = (query.page - 1) * query.per_page;
	const withFacets = opts.facets !== false;
	const names = await taxonomyNames(db);
	let total: number;
	let facetRows: FacetRow[] = [];
	let rows: RawItem[] = [];
	if (!where.length) {
		// No filter at all (the directory's landing page): the counts are kept up to date by triggers
		// (directory_facet_counts, migration 0005) rather than counted over every entry on each visit.
		facetRows = await queryRows<FacetRow>(
			db,
			sql`select facet as f, value as v, sum(n)::int as n from directory_facet_counts group by 1, 2 having sum(n) <> 0`
		);
		total = facetRows.find((r) => r.f === 'total')?.n ?? 0;
		if (total > offset) {
			rows = await queryRows<RawItem>(
				db,
				sql`select e.organization_id as id, e.slug, e.name, e.commune_name, e.commune_insee, e.departement_code, e.region_code,
					e.naf_code, n.label as naf_label, e.size_band, e.competency_ids, e.labels, e.member_since, e.lat, e.lon,
					e.geo_precision, null::float8 as distance_km, s.logo_key, coalesce(s.products_services, s.portrait) as summary
				from (select * from directory_entries order by name_normalized, organization_id limit ${query.per_page} offset ${offset}) e
				join showcases s on s.organization_id = e.organization_id
				left join naf_codes n on n.code = e.naf_code
				order by e.name_normalized, e.organization_id`
			);
		}
	} else {
		// The total and the facet counts in one pass: the matching rows' facet values come back
		// concatenated (one string per facet) and are counted here. On PGlite this costs a third of
		// GROUP BY per facet over the matches (about 2 µs a row instead of 8 at 7,000 matches).
		if (withFacets) {
			const [agg] = await queryRows<FacetStrings>(
				db,
				sql`select count(*)::int as total,
					string_agg(concat(naf_section, '|', departement_code, '|', region_code, '|', size_band, '|', member_since), ',') as scalars,
					string_agg(competency_ids::text, '') as competency, string_agg(labels::text, '') as label,
					string_agg(materials::text, '') as material, string_agg(reference_kind_ids::text, '') as kind
				from directory_entries ${whereSql}`
			);
			total = agg.total;
			facetRows = countFacetStrings(agg);
		} else {
			[{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from directory_entries ${whereSql}`);
		}
		if (total > offset) {
			// The order's keys are computed in the inner query and sorted there with its LIMIT (a top-N
			// sort of narrow rows: no window function over the sort, no tsvector carried through it).
			const keys: [SQL, 'asc' | 'desc'][] =
				sort === 'distance'
					? [[distanceSql(origin!), 'asc'], [sql`name_normalized`, 'asc'], [sql`organization_id`, 'asc']]
					: sort === 'name'
						? [[sql`name_normalized`, 'asc'], [sql`organization_id`, 'asc']]
						: total <= RANK_ALL_LIMIT
							? [
									[sql`ts_rank_cd(search, to_tsquery('simple', ${tsq ?? ''}), 1) + 2 * word_similarity(${qNorm}, name_normalized)`, 'desc'],
									[sql`name_normalized`, 'asc'],
									[sql`organization_id`, 'asc']
								]
							: // Ranking every match costs about 10 µs a row on PGlite (ts_rank_cd + trigram
								// similarity): above RANK_ALL_LIMIT matches, the names that contain every word come
								// first, then the other matches, each in name order.
								[
									[sql`case when ${sql.join(namePatterns(tsq, qNorm).map((p) => sql`name_normalized like ${p}`), sql` and `)} then 0 else 1 end`, 'asc'],
									[sql`name_normalized`, 'asc'],
									[sql`organization_id`, 'asc']
								];
			const keyCols = sql.join(keys.map(([k], i) => sql`${k} as ${sql.raw(`k${i}`)}`), sql`, `);
			const inner = sql.join(keys.map(([, d], i) => sql.raw(`k${i} ${d}`)), sql`, `);
			const outer = sql.join(keys.map(([, d], i) => sql.raw(`e.k${i} ${d}`)), sql`, `);
			rows = await queryRows<RawItem>(
				db,
				sql`select e.organization_id as id, e.slug, e.name, e.commune_name, e.commune_insee, e.departement_code, e.region_code,
					e.naf_code, n.label as naf_label, e.size_band, e.competency_ids, e.labels, e.member_since, e.lat, e.lon,
					e.geo_precision, e.distance_km, s.logo_key, coalesce(s.products_services, s.portrait) as summary
				from (select organization_id, slug, name, commune_name, commune_insee, departement_code, region_code, naf_code, size_band,
						competency_ids, labels, member_since, lat, lon, geo_precision,
						${origin ? distanceSql(origin) : sql`null::float8`} as distance_km, ${keyCols}
					from directory_entries ${whereSql} order by ${inner} limit ${query.per_page} offset ${offset}) e
				join showcases s on s.organization_id = e.organization_id
				left join naf_codes n on n.code = e.naf_code
				order by ${outer}`
			);
		}
	}
	const competencyNames = names.competencies;
	const items: DirectoryItem[] = rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		name: r.name,
		commune: r.commune_name,
		communeInsee: r.commune_insee,
		departement: r.departement_code,
		departementName: departementName(r.departement_code) ?? null,
		region: r.region_code,
		regionName: regionName(r.region_code) ?? null,
		nafCode: r.naf_code,
		nafLabel: r.naf_label,
		sizeBand: r.size_band,
		competencies: (r.competency_ids ?? []).map((id) => ({ id, name: competencyNames.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		labels: r.labels ?? [],
		memberSince: r.member_since,
		lat: r.lat,
		lon: r.lon,
		geoPrecision: r.geo_precision,
		distanceKm: r.distance_km == null ? null : Math.round(Number(r.distance_km) * 10) / 10,
		logoKey: r.logo_key,
		summary: r.summary ? truncate(r.summary, 220) : null
	}));
	const facets = !withFacets || total === 0 ? emptyFacets() : buildFacets(facetRows, year, names);
	const points =
		opts.points && total > 0
			? await queryRows<MapPoint>(
					db,
					sql`select commune_insee as insee, min(commune_name) as name, min(lat) as lat, min(lon) as lon, min(geo_precision) as precision, count(*)::int as count
						from directory_entries ${whereSql} ${where.length ? sql`and` : sql`where`} lat is not null group by commune_insee order by count desc limit 2000`
				)
			: opts.points
				? []
				: undefined;
	return { items, total, page: query.page, perPage: query.per_page, facets, origin, sort, points };
}

interface RawItem {
	id: string;
	slug: string;
	name: string;
	commune_name: string | null;
	commune_insee: string | null;
	departement_code: string | null;
	region_code: string | null;
	naf_code: string | null;
	naf_label: string | null;
	size_band: string | null;
	competency_ids: string[] | null;
	labels: string[] | null;
	member_since: number | null;
	lat: number | null;
	lon: number | null;
	geo_precision: string | null;
	distance_km: number | string | null;
	logo_key: string | null;
	summary: string | null;
}

function truncate(s: string, max: number): string {
	const flat = s.replace(/\s+/g, ' ').trim();
	return flat.length <= max ? flat : flat.slice(0, flat.lastIndexOf(' ', max - 1) > max * 0.6 ? flat.lastIndexOf(' ', max - 1) : max - 1) + '…';
}

/** Above this many matches, a relevance sort stops ranking every match (see runSearch). */
const RANK_ALL_LIMIT = 500;

interface FacetRow {
	f: string;
	v: string | null;
	n: number;
}

interface FacetStrings {
	total: number;
	/** naf|departement|region|size|member_since of each row, rows separated by commas. */
	scalars: string | null;
	/** The rows' arrays as PostgreSQL array literals ({a,"b c"}), one after the other. */
	competency: string | null;
	label: string | null;
	material: string | null;
	kind: string | null;
}

/** An element of a PostgreSQL array literal: quoted (with backslash escapes) or bare. */
const ARRAY_ELEMENT = /"((?:[^"\\]|\\.)*)"|([^,{}"]+)/g;

/** Counts the elements of concatenated PostgreSQL array literals ("{a,b}{}{"c d",NULL}"); NULL elements are left out. */
function countArrayElements(text: string, counts: Map<string, number>) {
	for (const m of text.matchAll(ARRAY_ELEMENT)) {
		const v = m[1] !== undefined ? (m[1].includes('\\') ? m[1].replace(/\\(.)/g, '$1') : m[1]) : m[2] === 'NULL' ? null : m[2];
		if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
	}
}

/** (facet, value, count) rows from the concatenated facet values of the matching rows. */
function countFacetStrings(agg: FacetStrings): FacetRow[] {
	const scalarFacets = ['naf', 'departement', 'region', 'size', 'since'];
	const scalarCounts = scalarFacets.map(() => new Map<string, number>());
	if (agg.scalars) {
		for (const row of agg.scalars.split(',')) {
			let k = 0;
			let from = 0;
			for (let to = row.indexOf('|'); k < scalarFacets.length; to = row.indexOf('|', from), k++) {
				const v = row.slice(from, to < 0 ? undefined : to);
				// concat() turned a NULL into '': those are not facet values.
				if (v) scalarCounts[k].set(v, (scalarCounts[k].get(v) ?? 0) + 1);
				if (to < 0) break;
				from = to + 1;
			}
		}
	}
	const rows: FacetRow[] = [{ f: 'total', v: '', n: agg.total }];
	scalarFacets.forEach((f, k) => {
		for (const [v, n] of scalarCounts[k]) rows.push({ f, v, n });
	});
	for (const f of ['competency', 'label', 'material', 'kind'] as const) {
		const counts = new Map<string, number>();
		if (agg[f]) countArrayElements(agg[f], counts);
		for (const [v, n] of counts) rows.push({ f, v, n });
	}
	return rows;
}

/** LIKE patterns saying that a name contains every word of the query (the stems of its tsquery). */
function namePatterns(tsq: string | null, qNorm: string): string[] {
	const terms = tsq ? tsq.split(' & ').map((t) => t.replace(/:\*$/, '')) : qNorm.split(' ');
	return terms.filter(Boolean).map((t) => `%${t}%`);
}

async function taxonomyNames(db: Db): Promise<{ competencies: Map<string, string>; kinds: Map<string, string> }> {
	const rows = await queryRows<{ t: string; id: string; name: string }>(
		db,
		sql`select 'c' as t, id, name from competencies union all select 'k', id, name from reference_kinds`
	);
	return {
		competencies: new Map(rows.filter((r) => r.t === 'c').map((r) => [r.id, r.name])),
		kinds: new Map(rows.filter((r) => r.t === 'k').map((r) => [r.id, r.name]))
	};
}

export function emptyFacets(): DirectoryFacets {
	return { competency: [], naf: [], departement: [], region: [], label: [], size: [], seniority: [], kind: [], material: [] };
}

/** The facets from counted (facet, value, count) rows; member_since years become seniority bands. */
function buildFacets(rows: FacetRow[], year: number, names: { competencies: Map<string, string>; kinds: Map<string, string> }): DirectoryFacets {
	const out = emptyFacets();
	const seniority = new Map<string, number>();
	for (const r of rows) {
		if (r.v == null || r.f === 'total') continue;
		if (r.f === 'since') {
			const band = seniorityOf(Number(r.v), year);
			if (band) seniority.set(band, (seniority.get(band) ?? 0) + r.n);
			continue;
		}
		const f = r.f as keyof DirectoryFacets;
		const label =
			f === 'competency' ? names.competencies.get(r.v) : f === 'kind' ? names.kinds.get(r.v) : f === 'departement' ? departementName(r.v) : f === 'region' ? regionName(r.v) : r.v;
		if (label === undefined) continue;
		out[f].push({ value: r.v, label, count: r.n });
	}
	for (const [band, count] of seniority) out.seniority.push({ value: band, label: band, count });
	const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || a.label.localeCompare(b.label, 'fr');
	for (const f of ['competency', 'departement', 'region', 'label', 'kind', 'material'] as const) out[f].sort(byCount);
	out.naf.sort((a, b) => a.value.localeCompare(b.value));
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
