// The directory benchmark's query shapes: each one is a list of URL queries, run through
// searchDirectory(db, parseDirectoryParams(...)) exactly as the directory API and page call it
// (items + total + facets). Iterations cycle through the list, so consecutive calls ask different
// things and no cache (PGlite's buffers, PostgreSQL's plan cache) sees the same input twice in a row.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client.ts';
import * as current from '../../src/lib/server/directory/search.ts';
import type { DirectoryDataset } from './directory-generate.ts';

export interface DirectoryShape {
	id: string;
	description: string;
	/** URL query strings (without "?"), used in turn. */
	queries: string[];
	run(db: Db, i: number): Promise<{ total: number; returned: number }>;
	/** Untimed work before each call (a write the search must then see). */
	prepare?(db: Db, i: number): Promise<void>;
}

/** A word found in 30–250 of 100,000 members (rare products, a rare trade). */
export const RARE_TERMS = ['tavaillons', 'lauzes', 'merrains', 'torchis', 'gloriettes', 'colombages', 'kiosques', 'foudres', 'barriques', 'photonique'];
/** A trade word found in 5–7.5 % of members (names, competencies, activity labels, portraits). */
export const FREQUENT_TERMS = ['menuiserie', 'charpente', 'electricite', 'maconnerie', 'transport', 'couverture', 'mecanique', 'bardage'];
/** A trade and a commune (a big town, so the pair matches something). */
export const TRADE_COMMUNE = ['charpente bordeaux', 'menuiserie lyon', 'isolation nantes', 'plomberie toulouse', 'maconnerie rennes', 'electricite lille', 'couverture angers', 'menuiserie grenoble', 'charpente limoges', 'isolation strasbourg'];
/** A trade and a material. */
export const TRADE_MATERIAL = ['menuiserie chene', 'charpente douglas', 'isolation chanvre', 'bardage meleze', 'scierie pin maritime', 'isolation fibre de bois', 'charpente epicea', 'menuiserie aluminium', 'negoce contreplaque', 'maconnerie terre crue'];
export const DEPARTEMENTS = ['33', '69', '44', '31', '35', '59', '13', '67', '38', '49', '87', '29', '64', '74', '21', '57'];
/** Communes by INSEE code: Bordeaux, Lyon, Nantes, Toulouse, Rennes, Lille, Strasbourg, Grenoble, Angers, Limoges, Brest, Pau, Annecy, Dijon, Metz, Périgueux. */
export const NEAR = ['33063', '69123', '44109', '31555', '35238', '59350', '67482', '38185', '49007', '87085', '29019', '64445', '74010', '21231', '57463', '24322'];

type SearchModule = Pick<typeof current, 'parseDirectoryParams' | 'searchDirectory'>;
let search: SearchModule = current;
/** Another implementation of searchDirectory (a saved copy of an older search.ts), for before/after figures. */
export function useSearchModule(m: SearchModule) {
	search = m;
}

function shape(id: string, description: string, queries: string[], prepare?: DirectoryShape['prepare']): DirectoryShape {
	return {
		id,
		description,
		queries,
		prepare,
		async run(db, i) {
			const r = await search.searchDirectory(db, search.parseDirectoryParams(new URLSearchParams(queries[i % queries.length])));
			return { total: r.total, returned: r.items.length };
		}
	};
}

const q = (s: string) => new URLSearchParams({ q: s }).toString();

export function buildDirectoryShapes(data: DirectoryDataset): DirectoryShape[] {
	const comp = (key: string) => data.competencyIds[key];
	const changed = data.organizations.filter((_, k) => k % 997 === 0).map((o) => o.id);
	return [
		shape('rare', 'A rare word (30–250 matches): tavaillons, lauzes, merrains…', RARE_TERMS.map(q)),
		shape('frequent', 'A frequent trade word (5–7.5 % of members): menuiserie, charpente, electricite…', FREQUENT_TERMS.map(q)),
		shape('two_words_commune', 'A trade and a commune: "charpente bordeaux"…', TRADE_COMMUNE.map(q)),
		shape('two_words_material', 'A trade and a material: "menuiserie chene"…', TRADE_MATERIAL.map(q)),
		shape('misspelt', 'An existing company name with one typo per long word ("ameublmeent origie")', data.misspelt.map((m) => q(m.typed))),
		shape('facets_departement', 'No text, one département (33, 69, 44…): facets and page sorted by name', DEPARTEMENTS.map((d) => `departement=${d}`)),
		shape('facets_none', 'No filter at all (every member): facets over the whole directory, pages 1–10', Array.from({ length: 10 }, (_, i) => (i ? `page=${i + 1}` : ''))),
		shape('facets_text', 'A frequent word + a facet (label, competency, département, size)', [
			'q=menuiserie&label=RGE',
			`q=charpente&competency=${comp('ossature_bois')}`,
			'q=couverture&departement=33',
			'q=mecanique&size=10_49',
			`q=bardage&competency=${comp('isolation')}&label=RGE`,
			'q=maconnerie&region=53',
			'q=electricite&seniority=10_plus',
			`q=transport&kind=${data.kindIds['Construction neuve']}`
		]),
		shape('near', 'Near a commune (INSEE code, 30 km), no text: sorted by distance', NEAR.map((c) => `near=${c}`)),
		shape('near_text', 'Near a commune (30 km) + a frequent word', NEAR.map((c, i) => `near=${c}&q=${FREQUENT_TERMS[i % FREQUENT_TERMS.length]}`)),
		shape('after_change', 'A frequent word right after a member changed its page (untimed write): the index catches up first', FREQUENT_TERMS.map(q), async (db, i) => {
			const id = changed[i % changed.length];
			await db.execute(sql`update showcases set portrait = concat(portrait, ' Atelier rénové en ', ${2000 + (i % 27)}::text, '.') where organization_id = ${id}`);
		})
	];
}
