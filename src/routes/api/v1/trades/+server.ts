// The trades (métiers) as JSON, in the team's order: no token needed, CORS open.
import { json, type RequestHandler } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { apiLocale } from '$lib/server/api/context';
import { apiError } from '$lib/server/http';
import { publicTrades } from '$lib/server/trainings/service';

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, OPTIONS' };

export const GET: RequestHandler = async ({ url, request }) => {
	try {
		const { db } = (await getApp()).database;
		const list = await publicTrades(db);
		return json(list.map((t) => ({ id: t.id, slug: t.slug, name: t.name, description: t.description, trainings: t.trainings, url: `${url.origin}/trades/${t.slug}` })), { headers: CORS });
	} catch (e) {
		const res = apiError(e, apiLocale(request));
		for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
		return res;
	}
};

export const OPTIONS: RequestHandler = async () => new Response(null, { status: 204, headers: CORS });
