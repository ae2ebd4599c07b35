// GET: the public job board as JSON (live offers, the board's filters; no token, CORS open).
// POST: creates an offer for the caller's organization (team: any), sent unless `draft` is true.
import { json, type RequestHandler } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { apiLocale, created, handleApi, readJson } from '$lib/server/api/context';
import { apiError } from '$lib/server/http';
import { createOffer, getOffer, searchOffers } from '$lib/server/employment/service';
import { parseBoardParams } from '$lib/server/employment/validation';
import { offerJson } from '$lib/server/employment/api';

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, OPTIONS' };

export const GET: RequestHandler = async ({ url, request }) => {
	const locale = apiLocale(request);
	try {
		const { db } = (await getApp()).database;
		const r = await searchOffers(db, parseBoardParams(url.searchParams));
		return json({ items: r.offers.map((o) => offerJson(o, url.origin)), total: r.total, page: r.page, pages: r.pages }, { headers: CORS });
	} catch (e) {
		const res = apiError(e, locale);
		for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
		return res;
	}
};

export const OPTIONS: RequestHandler = () => new Response(null, { status: 204, headers: { ...CORS, 'access-control-allow-headers': 'accept-language' } });

export const POST: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const body = await readJson(event);
		const { id } = await createOffer(db, actor, body, { submit: body.draft !== true });
		return created(offerJson(await getOffer(db, actor, id), event.url.origin), `/api/v1/jobs/${id}`);
	});
