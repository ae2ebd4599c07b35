import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { loadDirectoryPage } from '$lib/server/directory/page';

// The directory for the cluster's own website, in an iframe: same search, compact, no facets.
export const load: PageServerLoad = async ({ url, locals }) => {
	const { db } = (await getApp()).database;
	return loadDirectoryPage(db, url, locals.locale, { facets: false, perPage: 10 });
};
