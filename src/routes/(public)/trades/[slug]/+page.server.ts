import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { pageError } from '$lib/server/http';
import { publicTrade } from '$lib/server/trainings/service';
import { liveOffersForTrade } from '$lib/server/employment/service';

// The trade page gathers two domains: the trade and its trainings (trainings), the companies hiring for
// it (employment). Asked here so that neither domain imports the other's service.
export const load: PageServerLoad = async ({ params }) => {
	const { db } = (await getApp()).database;
	const trade = await publicTrade(db, params.slug).catch((e) => {
		throw pageError(e);
	});
	const offers = await liveOffersForTrade(db, trade.trade.id);
	return { page: { ...trade, offers } };
};
