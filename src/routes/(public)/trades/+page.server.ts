import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { publicTrades } from '$lib/server/trainings/service';

export const load: PageServerLoad = async () => {
	const { db } = (await getApp()).database;
	return { trades: await publicTrades(db) };
};
