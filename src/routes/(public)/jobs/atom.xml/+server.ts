import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { offersFeed } from '$lib/server/employment/feeds';
import { parseBoardParams } from '$lib/server/employment/validation';
import { InvalidError } from '$lib/server/errors';
import { error } from '@sveltejs/kit';

export const GET: RequestHandler = async ({ url, locals }) => {
	const { db } = (await getApp()).database;
	try {
		const body = await offersFeed(db, parseBoardParams(url.searchParams), url.origin, 'atom', locals.locale);
		return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
	} catch (e) {
		if (e instanceof InvalidError) error(400, 'invalid');
		throw e;
	}
};
