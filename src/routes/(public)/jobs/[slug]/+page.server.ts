import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { actorOf } from '$lib/server/auth/guards';
import { getPublicOffer } from '$lib/server/employment/service';
import { jobPostingJsonLd } from '$lib/server/employment/jsonld';
import { jsonLdScript } from '$lib/server/showcase/jsonld';
import { pageError } from '$lib/server/http';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const { db } = (await getApp()).database;
	try {
		const offer = await getPublicOffer(db, params.slug, locals.user ? actorOf(locals.user) : null);
		return {
			offer: { ...offer, lat: null, lon: null },
			origin: url.origin,
			// Only a live offer is described to search engines.
			jsonLd: offer.live ? jsonLdScript(jobPostingJsonLd(offer, url.origin)) : null
		};
	} catch (e) {
		throw pageError(e);
	}
};
