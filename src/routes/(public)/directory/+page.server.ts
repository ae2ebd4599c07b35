import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { loadDirectoryPage } from '$lib/server/directory/page';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { db } = (await getApp()).database;
	return loadDirectoryPage(db, url, locals.locale);
};
