// The public directory's search index, held in the memory of each server process.
//
// directory_entries (filled by database triggers) stays the truth; this index is a copy laid out for
// searching: an inverted index of the French stems PostgreSQL computed (directory_entries.search,
// with their weights), the words of each name for typo-tolerant matching, facet values as integers,
// and the name order. A search reads one row from the database (directory_state's version, see
// migration 0006) and, when the version moved, the few organizations that changed since; everything
// else happens here, in a few milliseconds even at 100,000 members (docs/benchmarks.md).
//
// Several server processes on one PostgreSQL server each keep their own index; the version makes
// every one of them exact before it answers.
import { sql } from 'drizzle-orm';
import { distance as editDistance } from 'fastest-levenshtein';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';

/** One listed organization, as the directory shows and filters it. */
export interface IndexedEntry {
	id: string;
	slug: string;
	name: string;
	/** name_normalized: lower case, no accents, no legal form; the name order. */
	nameKey: string;
	/** The first word of the name (3 letters or more). */
	firstWord: string;
	communeInsee: string | null;
	communeName: string | null;
	departement: string | null;
	region: string | null;
	nafCode: string | null;
	nafSection: string | null;
	sizeBand: string | null;
	competencyIds: string[];
	labels: string[];
	materials: string[];
	kindIds: string[];
	memberSince: number | null;
	lat: number | null;
	lon: number | null;
	geoPrecision: string | null;
	logoKey: string | null;
	summary: string | null;
}

/** The facets, in the order their values are interned. */
export const FACET_KEYS = ['naf', 'departement', 'region', 'size', 'since', 'competency', 'label', 'material', 'kind'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

/** Weights of the tsvector's parts (D, C, B, A): portrait, products/territory, competencies/labels, name. */
export const WEIGHT_VALUES = [0.1, 0.2, 0.4, 1] as const;
const WEIGHT_CODE: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };

/** A word of the query: its stem (prefix or exact) and the word as typed, for names with a typo. */
export interface QueryTerm {
	stem: string;
	prefix: boolean;
	word: string;
}

interface Taxonomy {
	competencies: Map<string, string>;
	kinds: Map<string, string>;
}

interface EntryRow {
	id: string;
	slug: string;
	name: string;
	name_key: string;
	commune_insee: string | null;
	commune_name: string | null;
	departement_code: string | null;
	region_code: string | null;
	naf_code: string | null;
	naf_section: string | null;
	size_band: string | null;
	competency_ids: string[] | null;
	labels: string[] | null;
	materials: string[] | null;
	reference_kind_ids: string[] | null;
	member_since: number | null;
	lat: number | null;
	lon: number | null;
	geo_precision: string | null;
	search: string;
	logo_key: string | null;
	summary: string | null;
}

const LOAD_CHUNK = 5000;

function entryQuery(where: ReturnType<typeof sql>, limit?: number) {
	return sql`select e.organization_id as id, e.slug, e.name, e.name_normalized as name_key, e.commune_insee, e.commune_name,
			e.departement_code, e.region_code, e.naf_code, e.naf_section, e.size_band, e.competency_ids, e.labels, e.materials,
			e.reference_kind_ids, e.member_since, e.lat, e.lon, e.geo_precision, e.search::text as search, s.logo_key,
			left(coalesce(s.products_services, s.portrait), 400) as summary
		from directory_entries e join showcases s on s.organization_id = e.organization_id
		${where} order by e.organization_id ${limit ? sql`limit ${limit}` : sql``}`;
}

/** A lexeme of a tsvector's text form ('fibr':3B,7 'bois':4B): the lexeme, then its positions. */
const TSVECTOR_LEXEME = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;

/** Each lexeme of a tsvector's text form with its strongest weight code (3 = A … 0 = D). */
export function parseTsvector(text: string): Map<string, number> {
	const out = new Map<string, number>();
	for (const m of text.matchAll(TSVECTOR_LEXEME)) {
		const lexeme = m[1].includes("''") ? m[1].replace(/''/g, "'") : m[1];
		let w = 0;
		if (m[2]) {
			for (const pos of m[2].split(',')) {
				const c = WEIGHT_CODE[pos[pos.length - 1]] ?? 0;
				if (c > w) w = c;
			}
		}
		if ((out.get(lexeme) ?? -1) < w) out.set(lexeme, w);
	}
	return out;
}

/** The words of a normalized name, as the typo-tolerant match compares them. */
export function nameWords(nameKey: string): string[] {
	return [...new Set(nameKey.split(/[^a-z0-9]+/).filter((w) => w.length >= 3))];
}

/** How many edits a word of this length may differ by and still match a name's word (none under 4 letters). */
export function allowedEdits(length: number): number {
	return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/** A typed array that grows (doubling) as values are appended: compact, and invisible to the garbage collector's marking. */
class Growable<T extends Int32Array | Float64Array | Uint8Array> {
	length = 0;
	constructor(
		public data: T,
		private readonly make: (n: number) => T
	) {}
	push(v: number) {
		if (this.length === this.data.length) {
			const next = this.make(Math.max(1024, this.data.length * 2));
			next.set(this.data);
			this.data = next;
		}
		this.data[this.length++] = v;
	}
}

const int32 = () => new Growable<Int32Array>(new Int32Array(0), (n) => new Int32Array(n));
const uint8 = () => new Growable<Uint8Array>(new Uint8Array(0), (n) => new Uint8Array(n));
const float64 = () => new Growable<Float64Array>(new Float64Array(0), (n) => new Float64Array(n));

/** Matching slots and their relevance (score[slot]); `score` is scratch space, valid until the next search. */
export interface TextMatch {
	slots: Int32Array;
	score: Float32Array;
}

export class DirectoryIndex {
	/** The directory_state version this index reflects. */
	version = 0;
	/** Slots: entries in load order; a changed entry gets a new slot and its old one becomes null. */
	readonly slots: (IndexedEntry | null)[] = [];
	private readonly slotOf = new Map<string, number>();
	/** Facet (facet, value) pairs of each slot, as interned integers: facetData[facetStart[slot] … facetStart[slot + 1]). */
	private readonly facetData = int32();
	private readonly facetStart = int32();
	/** Slots having each (facet, value) pair (dead slots included, skipped when read). */
	private readonly pairSlots: number[][] = [];
	/** Coordinates of each slot (NaN when unknown), for "near" without touching the entries. */
	private readonly lats = float64();
	private readonly lons = float64();
	/**
	 * 1 for a live slot. Tested instead of `slots[s]`: reading an entry's pointer in name order touches
	 * 100,000 objects scattered in memory (3.6 ms a pass), this array 100 kB in a row.
	 */
	private readonly alive = uint8();
	/** How many words each name has (for the share of the name a query covers). */
	private readonly nameWordCount = int32();
	private scratchNameHits = new Uint8Array(0);
	/** Scratch buffers of the size of the slots, reused by each search (a search never awaits in between). */
	private scratchA = new Float32Array(0);
	private scratchB = new Float32Array(0);
	private scratchMask = new Uint8Array(0);
	private scratchDistances = new Float64Array(0);
	/** Lexeme → postings (slot × 4 + weight code); dead slots are skipped when read. */
	private readonly postings = new Map<string, number[]>();
	private sortedLexemes: string[] | null = null;
	/** Word of a name → slots. */
	private readonly nameWordSlots = new Map<string, number[]>();
	private nameVocabulary: Map<number, string[]> | null = null;
	private readonly fuzzyCache = new Map<string, [string, number][]>();
	/** Interned (facet, value) pairs. */
	private readonly pairIds = new Map<string, number>();
	readonly pairs: { facet: FacetKey; value: string }[] = [];
	/** Live slots in name order, and each slot's rank in it. */
	private byName: Int32Array = new Int32Array(0);
	private nameRank: Int32Array = new Int32Array(0);
	private orderDirty = false;
	private pendingOrder: number[] = [];
	/** Unfiltered facet counts, per version (the directory's landing page). */
	private allCounts: Int32Array | null = null;
	dead = 0;
	taxonomy: Taxonomy = { competencies: new Map(), kinds: new Map() };
	nafLabels = new Map<string, string>();
	/** Stems of query words, and commune coordinates (reference data): both never change under a running process. */
	readonly stems = new Map<string, string | null>();
	readonly communes = new Map<string, { lat: number; lon: number; name: string; insee: string } | null>();

	get size(): number {
		return this.slotOf.size;
	}

	get slotCount(): number {
		return this.slots.length;
	}

	get lexemeCount(): number {
		return this.postings.size;
	}

	/** Adds or replaces an organization's entry. */
	put(row: EntryRow) {
		this.remove(row.id);
		const slot = this.slots.length;
		const e: IndexedEntry = {
			id: row.id,
			slug: row.slug,
			name: row.name,
			nameKey: row.name_key,
			firstWord: nameWords(row.name_key)[0] ?? '',
			communeInsee: row.commune_insee,
			communeName: row.commune_name,
			departement: row.departement_code,
			region: row.region_code,
			nafCode: row.naf_code,
			nafSection: row.naf_section,
			sizeBand: row.size_band,
			competencyIds: row.competency_ids ?? [],
			labels: row.labels ?? [],
			materials: row.materials ?? [],
			kindIds: row.reference_kind_ids ?? [],
			memberSince: row.member_since,
			lat: row.lat,
			lon: row.lon,
			geoPrecision: row.geo_precision,
			logoKey: row.logo_key,
			summary: row.summary
		};
		this.slots.push(e);
		this.alive.push(1);
		this.sortKeys.push(`${e.nameKey}\u0000${e.id}`);
		this.slotOf.set(e.id, slot);
		const facetValues: [FacetKey, string | null][] = [
			['naf', e.nafSection],
			['departement', e.departement],
			['region', e.region],
			['size', e.sizeBand],
			['since', e.memberSince == null ? null : String(e.memberSince)],
			...e.competencyIds.map((v): [FacetKey, string] => ['competency', v]),
			...e.labels.map((v): [FacetKey, string] => ['label', v]),
			...e.materials.map((v): [FacetKey, string] => ['material', v]),
			...e.kindIds.map((v): [FacetKey, string] => ['kind', v])
		];
		if (this.facetStart.length === 0) this.facetStart.push(0);
		const ids: number[] = [];
		for (const [facet, value] of facetValues) {
			if (value == null) continue;
			const id = this.pairId(facet, value, true)!;
			if (ids.includes(id)) continue;
			ids.push(id);
			this.facetData.push(id);
			this.pairSlots[id].push(slot);
		}
		this.facetStart.push(this.facetData.length);
		this.lats.push(e.lat ?? NaN);
		this.lons.push(e.lon ?? NaN);
		for (const [lexeme, w] of parseTsvector(row.search)) {
			let list = this.postings.get(lexeme);
			if (!list) {
				list = [];
				this.postings.set(lexeme, list);
				if (this.sortedLexemes) insertSorted(this.sortedLexemes, lexeme);
			}
			list.push(slot * 4 + w);
		}
		const words = nameWords(e.nameKey);
		this.nameWordCount.push(words.length);
		for (const word of words) {
			let list = this.nameWordSlots.get(word);
			if (!list) {
				list = [];
				this.nameWordSlots.set(word, list);
				this.nameVocabulary = null;
				this.fuzzyCache.clear();
			}
			list.push(slot);
		}
		this.pendingOrder.push(slot);
		this.orderDirty = true;
		this.allCounts = null;
	}

	/** Removes an organization's entry (no longer listed). */
	remove(id: string) {
		const slot = this.slotOf.get(id);
		if (slot === undefined) return;
		this.slots[slot] = null;
		this.alive.data[slot] = 0;
		this.slotOf.delete(id);
		this.dead++;
		this.orderDirty = true;
		this.allCounts = null;
	}

	/** The interned id of a (facet, value) pair; undefined for a value no entry ever had. */
	pairId(facet: FacetKey, value: string, create = false): number | undefined {
		const key = `${facet}\u0000${value}`;
		let id = this.pairIds.get(key);
		if (id === undefined && create) {
			id = this.pairs.length;
			this.pairs.push({ facet, value });
			this.pairSlots.push([]);
			this.pairIds.set(key, id);
		}
		return id;
	}

	/**
	 * The slots among `candidates` (all live slots in name order when null) that have, for every mask,
	 * one of its (facet, value) pairs, and, with an origin, lie within the radius (distances[slot] set).
	 * One monomorphic loop over typed arrays: about 1 ms per 100,000 candidates.
	 */
	filter(candidates: Int32Array | null, masks: Uint8Array[], near: { lat: number; lon: number; radiusKm: number } | null): { slots: Int32Array; distances: Float64Array | null } {
		let list = candidates;
		if (!list && masks.length) {
			// Start from the slots of the most selective filter's values rather than from every slot.
			let best: number[] | null = null;
			let bestSize = Infinity;
			for (const mask of masks) {
				let size = 0;
				for (let id = 0; id < mask.length; id++) if (mask[id]) size += this.pairSlots[id].length;
				if (size < bestSize) {
					bestSize = size;
					best = [];
					for (let id = 0; id < mask.length; id++) if (mask[id]) best.push(id);
				}
			}
			const seen = this.scratchMaskFor();
			const live = this.alive.data;
			const out: number[] = [];
			for (const id of best!) for (const s of this.pairSlots[id]) if (!seen[s] && live[s]) { seen[s] = 1; out.push(s); }
			for (const s of out) seen[s] = 0;
			const rank = this.rankOf();
			list = Int32Array.from(out.sort((a, b) => rank[a] - rank[b]));
		}
		list ??= this.nameOrder();
		const data = this.facetData.data;
		const start = this.facetStart.data;
		const lats = this.lats.data;
		const lons = this.lons.data;
		let distances: Float64Array | null = null;
		const out = new Int32Array(list.length);
		let n = 0;
		let dLat = 0;
		if (near) {
			if (this.scratchDistances.length < this.slots.length) this.scratchDistances = new Float64Array(this.slots.length + 1024);
			distances = this.scratchDistances;
			dLat = near.radiusKm / 111.2;
		}
		outer: for (let i = 0; i < list.length; i++) {
			const slot = list[i];
			for (let m = 0; m < masks.length; m++) {
				const mask = masks[m];
				let hit = false;
				for (let j = start[slot], end = start[slot + 1]; j < end; j++) {
					if (mask[data[j]]) {
						hit = true;
						break;
					}
				}
				if (!hit) continue outer;
			}
			if (near) {
				const lat = lats[slot];
				// NaN (no coordinates) fails this test too.
				if (!(Math.abs(lat - near.lat) <= dLat)) continue;
				const d = distanceKm(near.lat, near.lon, lat, lons[slot]);
				if (d > near.radiusKm) continue;
				distances![slot] = d;
			}
			out[n++] = slot;
		}
		return { slots: out.subarray(0, n), distances };
	}

	/** A mask over the (facet, value) pairs: 1 for the given pair ids. */
	pairMask(ids: number[]): Uint8Array {
		const mask = new Uint8Array(this.pairs.length);
		for (const id of ids) mask[id] = 1;
		return mask;
	}

	private scratchMaskFor(): Uint8Array {
		if (this.scratchMask.length < this.slots.length) this.scratchMask = new Uint8Array(this.slots.length + 1024);
		return this.scratchMask;
	}

	/** Live slots in name order (name_normalized, then id). */
	nameOrder(): Int32Array {
		this.updateOrder();
		return this.byName;
	}

	/** A slot's rank in the name order (smaller first). */
	rankOf(): Int32Array {
		this.updateOrder();
		return this.nameRank;
	}

	/** Each slot's sort key (name_normalized, then id), kept after the slot dies so old orders can be searched. */
	private readonly sortKeys: string[] = [];

	private compareSlots = (a: number, b: number): number => {
		const x = this.sortKeys[a];
		const y = this.sortKeys[b];
		return x < y ? -1 : x > y ? 1 : 0;
	};

	private updateOrder() {
		if (!this.orderDirty) return;
		const live = this.alive.data;
		const added = this.pendingOrder.filter((s) => live[s]).sort(this.compareSlots);
		const old = this.byName;
		let order: Int32Array;
		if (added.length > 64) {
			const kept: number[] = [];
			for (let i = 0; i < old.length; i++) if (live[old[i]]) kept.push(old[i]);
			order = Int32Array.from(kept.concat(added).sort(this.compareSlots));
		} else {
			// A few changes: find where each new slot goes in the old order (binary search on the sort
			// keys, which dead slots keep), then copy the old order around them without the dead slots.
			const keys = this.sortKeys;
			order = new Int32Array(old.length + added.length);
			let n = 0;
			let from = 0;
			for (const slot of added) {
				let lo = from;
				let hi = old.length;
				while (lo < hi) {
					const mid = (lo + hi) >> 1;
					if (keys[old[mid]] < keys[slot]) lo = mid + 1;
					else hi = mid;
				}
				for (let i = from; i < lo; i++) if (live[old[i]]) order[n++] = old[i];
				order[n++] = slot;
				from = lo;
			}
			for (let i = from; i < old.length; i++) if (live[old[i]]) order[n++] = old[i];
			order = order.slice(0, n);
		}
		this.byName = order;
		if (this.nameRank.length < this.slots.length) this.nameRank = new Int32Array(this.slots.length + 1024);
		const rank = this.nameRank;
		for (let i = 0; i < order.length; i++) rank[order[i]] = i;
		this.pendingOrder = [];
		this.orderDirty = false;
	}

	/** Every lexeme that starts with a prefix (binary search in the sorted vocabulary). */
	private lexemesWithPrefix(prefix: string): string[] {
		const sorted = (this.sortedLexemes ??= [...this.postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
		const out: string[] = [];
		for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) out.push(sorted[i]);
		return out;
	}

	/**
	 * Words of the members' names within a few edits of a word (Levenshtein distance: one edit up to 7
	 * letters, two from 8), with their similarity (1 − edits / length).
	 */
	fuzzyNameWords(word: string): [string, number][] {
		const edits = allowedEdits(word.length);
		if (!edits) return [];
		const cached = this.fuzzyCache.get(word);
		if (cached) return cached;
		if (!this.nameVocabulary) {
			this.nameVocabulary = new Map();
			for (const w of this.nameWordSlots.keys()) {
				const list = this.nameVocabulary.get(w.length);
				if (list) list.push(w);
				else this.nameVocabulary.set(w.length, [w]);
			}
		}
		const out: [string, number][] = [];
		for (let len = word.length - edits; len <= word.length + edits; len++) {
			for (const candidate of this.nameVocabulary.get(len) ?? []) {
				let d = editDistance(word, candidate);
				// Two letters swapped is one typo, not two edits.
				if (d === 2 && len === word.length && isTransposition(word, candidate)) d = 1;
				if (d > 0 && d <= edits) out.push([candidate, 1 - d / Math.max(word.length, candidate.length)]);
			}
		}
		if (this.fuzzyCache.size > 2000) this.fuzzyCache.clear();
		this.fuzzyCache.set(word, out);
		return out;
	}

	/**
	 * The slots matching every term, with their relevance: per term, the strongest weight of a matching
	 * lexeme (name 1, competencies/labels 0.4, products 0.2, portrait 0.1) or, for a word of the name
	 * within a few edits, its similarity; summed over the terms.
	 */
	matchText(terms: QueryTerm[]): TextMatch {
		const n = this.slots.length;
		if (this.scratchA.length < n) {
			this.scratchA = new Float32Array(n + 1024);
			this.scratchB = new Float32Array(n + 1024);
		}
		const score = this.scratchA;
		const cur = this.scratchB;
		if (this.scratchNameHits.length < n) this.scratchNameHits = new Uint8Array(n + 1024);
		const nameHits = this.scratchNameHits;
		const live = this.alive.data;
		let matched: Int32Array | null = null;
		for (const term of terms) {
			cur.fill(0, 0, n);
			const lexemes = term.prefix ? this.lexemesWithPrefix(term.stem) : this.postings.has(term.stem) ? [term.stem] : [];
			for (const lexeme of lexemes) {
				const list = this.postings.get(lexeme)!;
				for (let i = 0; i < list.length; i++) {
					const p = list[i];
					const w = WEIGHT_VALUES[p & 3];
					const slot = p >> 2;
					if (w > cur[slot]) cur[slot] = w;
				}
			}
			for (const [word, sim] of this.fuzzyNameWords(term.word)) {
				for (const slot of this.nameWordSlots.get(word)!) if (sim > cur[slot]) cur[slot] = sim;
			}
			let next: Int32Array;
			let k = 0;
			if (matched === null) {
				next = new Int32Array(n);
				for (let s = 0; s < n; s++) {
					if (cur[s] > 0 && live[s]) {
						next[k++] = s;
						score[s] = cur[s];
						// A match in the name: weight A (1) or a word of the name within a few edits (≥ 0.75).
						nameHits[s] = cur[s] >= 0.5 ? 1 : 0;
					}
				}
			} else {
				next = matched;
				for (let i = 0; i < matched.length; i++) {
					const s = matched[i];
					if (cur[s] > 0) {
						next[k++] = s;
						score[s] += cur[s];
						if (cur[s] >= 0.5) nameHits[s]++;
					}
				}
			}
			matched = next.subarray(0, k);
			if (!k) break;
		}
		const slots = matched ?? new Int32Array(0);
		// A name that starts with the first word typed ("Informatique Carlier" before "Carlier Informatique").
		const first = terms[0];
		if (first && slots.length) {
			const near = new Set(this.fuzzyNameWords(first.word).map(([w]) => w));
			for (let i = 0; i < slots.length; i++) {
				const w = this.slots[slots[i]]!.firstWord;
				if (first.prefix ? w.startsWith(first.stem) : w === first.stem || w.startsWith(first.stem)) score[slots[i]] += 0.05;
				else if (near.has(w)) score[slots[i]] += 0.05;
			}
		}
		// Among names that match, those the query covers best first ("Constructions Vendée" before
		// "Construction de Montaigu-Vendée" for "constructions vendee").
		const words = this.nameWordCount.data;
		for (let i = 0; i < slots.length; i++) {
			const s = slots[i];
			if (nameHits[s]) score[s] += (0.3 * Math.min(nameHits[s], words[s])) / Math.max(1, words[s]);
		}
		return { slots, score };
	}

	/** Counts of every (facet, value) pair over these slots (all live slots when omitted; kept per version). */
	countFacets(slots?: ArrayLike<number>): Int32Array {
		if (!slots && this.allCounts && this.allCounts.length === this.pairs.length) return this.allCounts;
		const counts = new Int32Array(this.pairs.length);
		const list = slots ?? this.nameOrder();
		const data = this.facetData.data;
		const start = this.facetStart.data;
		for (let i = 0; i < list.length; i++) {
			const slot = list[i];
			for (let j = start[slot], end = start[slot + 1]; j < end; j++) counts[data[j]]++;
		}
		if (!slots) this.allCounts = counts;
		return counts;
	}

	/** Loads every entry, the taxonomy and the NAF labels, in chunks (other queries run in between). */
	async loadAll(db: Db) {
		let after = '';
		for (;;) {
			const rows = await queryRows<EntryRow>(db, entryQuery(sql`where e.organization_id > ${after}`, LOAD_CHUNK));
			for (const r of rows) this.put(r);
			if (rows.length < LOAD_CHUNK) break;
			after = rows[rows.length - 1].id;
		}
		await this.loadTaxonomy(db);
		const naf = await queryRows<{ code: string; label: string }>(db, sql`select code, label from naf_codes`);
		this.nafLabels = new Map(naf.map((r) => [r.code, r.label]));
	}

	/** Reloads these organizations (those no longer in the directory are removed). */
	async reload(db: Db, ids: string[]) {
		for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
			const chunk = ids.slice(i, i + LOAD_CHUNK);
			const rows = await queryRows<EntryRow>(db, entryQuery(sql`where e.organization_id = any(${toArray(chunk)})`));
			const found = new Set(rows.map((r) => r.id));
			for (const id of chunk) if (!found.has(id)) this.remove(id);
			for (const r of rows) this.put(r);
		}
	}

	async loadTaxonomy(db: Db) {
		const rows = await queryRows<{ t: string; id: string; name: string }>(
			db,
			sql`select 'c' as t, id, name from competencies union all select 'k', id, name from reference_kinds`
		);
		this.taxonomy = {
			competencies: new Map(rows.filter((r) => r.t === 'c').map((r) => [r.id, r.name])),
			kinds: new Map(rows.filter((r) => r.t === 'k').map((r) => [r.id, r.name]))
		};
	}
}

/** Whether b is a with two adjacent letters swapped (same length, Levenshtein distance 2). */
export function isTransposition(a: string, b: string): boolean {
	let i = 0;
	while (i < a.length && a[i] === b[i]) i++;
	return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** The first position in a sorted array whose value is not below `value`. */
function lowerBound(sorted: string[], value: string): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function insertSorted(sorted: string[], value: string) {
	sorted.splice(lowerBound(sorted, value), 0, value);
}

/** Great-circle distance in km (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
	const rad = Math.PI / 180;
	const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
	return 12742 * Math.asin(Math.sqrt(a));
}

function toArray(values: string[]) {
	return sql`array[${sql.join(
		values.map((v) => sql`${v}`),
		sql`, `
	)}]::text[]`;
}

interface Holder {
	index: DirectoryIndex | null;
	refreshing: Promise<void> | null;
	loadMs: number;
}

const holders = new WeakMap<object, Holder>();

interface State {
	version: number;
	prunedBelow: number;
}

async function readState(db: Db): Promise<State> {
	const [r] = await queryRows<{ version: string | number; pruned_below: string | number }>(
		db,
		sql`select version, pruned_below from directory_state where id = 1`
	);
	return { version: Number(r.version), prunedBelow: Number(r.pruned_below) };
}

/** A full reload is cheaper than applying more changes than this (or a quarter of the directory). */
const MAX_CHANGES = 5000;

async function refresh(db: Db, holder: Holder) {
	const state = await readState(db);
	const current = holder.index;
	if (current && current.version === state.version) return;
	if (current && current.version >= state.prunedBelow && current.dead < current.size + 1000) {
		const changed = await queryRows<{ organization_id: string | null }>(
			db,
			sql`select distinct organization_id from directory_changes where version > ${current.version} and version <= ${state.version}
				limit ${MAX_CHANGES + 1}`
		);
		if (changed.length <= Math.max(MAX_CHANGES / 10, Math.min(MAX_CHANGES, current.size / 4))) {
			const ids = changed.map((c) => c.organization_id).filter((id): id is string => id !== null);
			if (changed.some((c) => c.organization_id === null)) await current.loadTaxonomy(db);
			await current.reload(db, ids);
			current.version = state.version;
			return;
		}
	}
	// First load, too far behind, or too many changes: build a new index (the old one keeps its caches of reference data).
	const started = performance.now();
	const next = new DirectoryIndex();
	if (current) {
		for (const [k, v] of current.stems) next.stems.set(k, v);
		for (const [k, v] of current.communes) next.communes.set(k, v);
	}
	await next.loadAll(db);
	// Sort the names and count the unfiltered facets now rather than in the first search.
	next.countFacets();
	next.version = state.version;
	holder.index = next;
	holder.loadMs = performance.now() - started;
}

/**
 * The directory index of this database, brought up to date: one statement when nothing changed,
 * the changed organizations when something did, everything on the first call.
 */
export async function directoryIndex(db: Db): Promise<DirectoryIndex> {
	let holder = holders.get(db);
	if (!holder) {
		holder = { index: null, refreshing: null, loadMs: 0 };
		holders.set(db, holder);
	}
	// Wait for a refresh in progress, then make sure this caller sees at least the version it can read now.
	while (holder.refreshing) await holder.refreshing;
	holder.refreshing = refresh(db, holder).finally(() => {
		holder!.refreshing = null;
	});
	await holder.refreshing;
	return holder.index!;
}

/** Builds the index in the background at start-up, so that the first visitor does not wait for it. */
export function warmDirectoryIndex(db: Db): Promise<void> {
	return directoryIndex(db).then(
		() => undefined,
		(e) => console.warn(`[directory] the search index could not be built yet: ${(e as Error).message}`)
	);
}

/** Size and build time of a database's index (benchmarks). */
export function directoryIndexStats(db: Db): { entries: number; slots: number; lexemes: number; loadMs: number } | null {
	const h = holders.get(db);
	if (!h?.index) return null;
	return { entries: h.index.size, slots: h.index.slotCount, lexemes: h.index.lexemeCount, loadMs: h.loadMs };
}
