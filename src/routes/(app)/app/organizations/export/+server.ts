import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { exportOrganizations } from '$lib/server/crm/export';

export const GET: RequestHandler = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const filter: Record<string, unknown> = Object.fromEntries(url.searchParams);
	filter.status = url.searchParams.getAll('status');
	delete filter.format;
	const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const file = await exportOrganizations(db, actor, filter, format, locals.locale);
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'no-store'
		}
	});
};
