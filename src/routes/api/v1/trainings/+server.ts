// The public training catalogue as JSON: no token needed, published trainings only, valid labels only,
// CORS open so the cluster's website (or a partner's) can show it.
import { json, type RequestHandler } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { apiLocale } from '$lib/server/api/context';
import { apiError } from '$lib/server/http';
import { parseTrainingFilter, searchTrainings } from '$lib/server/trainings/service';

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, OPTIONS' };

export const GET: RequestHandler = async ({ url, request }) => {
	try {
		const { db } = (await getApp()).database;
		const limit = Math.max(1, Math.min(Math.trunc(Number(url.searchParams.get('limit'))) || 50, 200));
		const offset = Math.max(Math.trunc(Number(url.searchParams.get('offset'))) || 0, 0);
		const r = await searchTrainings(db, { ...parseTrainingFilter(url.searchParams), limit, offset });
		return json(
			{
				total: r.total,
				items: r.items.map((i) => ({ ...i, url: `${url.origin}/trainings/${i.slug}` })),
				by_departement: Object.fromEntries(r.byDepartement)
			},
			{ headers: CORS }
		);
	} catch (e) {
		const res = apiError(e, apiLocale(request));
		for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
		return res;
	}
};

export const OPTIONS: RequestHandler = async () => new Response(null, { status: 204, headers: CORS });
