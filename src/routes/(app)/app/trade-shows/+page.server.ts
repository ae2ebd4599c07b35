import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { listTradeShows } from '$lib/server/tradeshows/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	return { shows: await listTradeShows(db, actor) };
};
