import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { exportBadges } from '$lib/server/tradeshows/export';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const file = await exportBadges(db, actor, params.id, locals.locale).catch((e) => {
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
