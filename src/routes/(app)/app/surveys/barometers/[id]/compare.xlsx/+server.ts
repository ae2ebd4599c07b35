import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { InvalidError } from '$lib/server/errors';
import { exportComparison } from '$lib/server/surveys/barometer';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const pair = { a: url.searchParams.get('a') ?? '', b: url.searchParams.get('b') ?? '' };
	const file = await exportComparison(db, actor, params.id, pair, 'xlsx', locals.locale === 'en' ? 'en' : 'fr').catch((e) => {
		if (e instanceof InvalidError) error(404, 'not_found');
		throw pageError(e);
	});
	return new Response(new Uint8Array(file.body), {
		headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' }
	});
};
