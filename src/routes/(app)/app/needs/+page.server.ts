import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { listOpenNeeds } from '$lib/server/crm/service';
import { NEED_CATEGORIES } from '$lib/crm-enums';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const c = url.searchParams.get('category') ?? '';
	const category = (NEED_CATEGORIES as readonly string[]).includes(c) ? c : undefined;
	return { category: category ?? '', needs: await listOpenNeeds(db, actor, { category }) };
};
