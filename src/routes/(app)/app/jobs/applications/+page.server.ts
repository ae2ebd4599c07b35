import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { applicationOffers, listApplications } from '$lib/server/employment/applications';
import { canBrowsePool } from '$lib/server/employment/pool';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	if (!isStaff(actor) && !(actor.role === 'member' && actor.organizationId)) error(403, 'forbidden');
	const { db } = (await getApp()).database;
	const filter = { status: url.searchParams.get('status') ?? '', offerId: url.searchParams.get('offer') ?? '' };
	return {
		staff: isStaff(actor),
		filter,
		offers: await applicationOffers(db, actor),
		applications: await listApplications(db, actor, filter),
		pool: canBrowsePool(actor)
	};
};
