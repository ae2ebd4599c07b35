// What the directory's pages (list, map, embed) load from a URL: the validated query, the results,
// and the errors to show beside the fields. A free-text commune ("Bordeaux", "33000") becomes `near`.
import type { Db } from '../db/client';
import { searchDirectory, parseDirectoryParams, directoryParams, emptyFacets, type DirectoryQuery, type DirectoryResult, type SearchOptions } from './search';
import { InvalidError } from '../errors';
import { findCommune, communeByCode } from '../geo/communes';
import { t, type Locale } from '../../i18n/t';

export interface DirectoryPageData {
	query: DirectoryQuery;
	/** What the commune field shows. */
	communeText: string;
	result: DirectoryResult;
	/** Field → translated message. */
	errors: Record<string, string>;
	/** The query string of the current state, without page (for links to the map, the list, the API). */
	stateQuery: string;
}

const EMPTY: DirectoryQuery = {
	q: '',
	competency: [],
	naf: [],
	departement: [],
	region: [],
	label: [],
	size: [],
	seniority: [],
	kind: [],
	material: [],
	near: undefined,
	radius_km: 30,
	sort: undefined,
	page: 1,
	per_page: 20
};

export async function loadDirectoryPage(db: Db, url: URL, locale: Locale, opts: SearchOptions & { perPage?: number } = {}): Promise<DirectoryPageData> {
	const params = new URLSearchParams(url.searchParams);
	const errors: Record<string, string> = {};
	let communeText = params.get('commune')?.trim() ?? '';
	params.delete('commune');
	if (communeText && !params.get('near')) {
		const c = findCommune(communeText);
		if (c) params.set('near', c.code);
		else errors.commune = t('error_commune_not_found', { name: communeText }, locale);
	}
	if (!communeText && params.get('near')) communeText = communeByCode(params.get('near')!)?.nom ?? '';
	if (opts.perPage && !params.get('per_page')) params.set('per_page', String(opts.perPage));

	let query: DirectoryQuery;
	try {
		query = parseDirectoryParams(params);
	} catch (e) {
		if (!(e instanceof InvalidError)) throw e;
		for (const i of e.issues) errors[i.path.split('.')[0]] = t(i.message, i.params ?? {}, locale);
		// Keep what was valid: drop the bad parameters and search with the rest.
		for (const i of e.issues) params.delete(i.path.split('.')[0]);
		try {
			query = parseDirectoryParams(params);
		} catch {
			query = { ...EMPTY };
		}
	}
	if (errors.commune) query = { ...query, near: undefined };
	let result: DirectoryResult;
	try {
		result = await searchDirectory(db, query, opts);
	} catch (e) {
		if (!(e instanceof InvalidError)) throw e;
		for (const i of e.issues) errors[i.path === 'near' ? 'commune' : i.path] = t(i.message, i.params ?? {}, locale);
		query = { ...query, near: undefined };
		result = await searchDirectory(db, query, opts);
	}
	const state = directoryParams({ ...query, page: 1 });
	return {
		query,
		communeText,
		result: result ?? { items: [], total: 0, page: 1, perPage: 20, facets: emptyFacets(), origin: null, sort: 'name' },
		errors,
		stateQuery: state.toString()
	};
}
