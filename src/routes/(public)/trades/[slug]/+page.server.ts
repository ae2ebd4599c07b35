import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { pageError } from '$lib/server/http';
import { publicTrade } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ params }) => {
	const { db } = (await getApp()).database;
	const page = await publicTrade(db, params.slug).catch((e) => {
		throw pageError(e);
	});
	return { page };
};
