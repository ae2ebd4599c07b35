import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { exportResponses } from '$lib/server/surveys/export';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const filter = Object.fromEntries(['sizeBand', 'departementCode', 'organizationStatus'].map((k) => [k, url.searchParams.get(k) ?? '']));
	const file = await exportResponses(db, actor, params.id, 'csv', locals.locale === 'en' ? 'en' : 'fr', filter).catch((e) => {
		throw pageError(e);
	});
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'no-store'
		}
	});
};
