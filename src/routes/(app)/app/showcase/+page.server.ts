import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { getShowcaseSettings, introductionStats, listPendingShowcases } from '$lib/server/showcase/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	// A member has one page: its own.
	if (!isStaff(actor) && actor.organizationId) redirect(303, `/app/organizations/${actor.organizationId}/showcase`);
	if (!isStaff(actor)) return { staff: false as const };
	const { db } = (await getApp()).database;
	return {
		staff: true as const,
		pending: await listPendingShowcases(db, actor),
		introductions: await introductionStats(db, actor),
		settings: await getShowcaseSettings(db)
	};
};
