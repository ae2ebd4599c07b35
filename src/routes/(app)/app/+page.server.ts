import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { actorOf } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { crmDashboard, getOrganization } from '$lib/server/crm/service';

export const load: PageServerLoad = async ({ locals }) => {
	const { db } = (await getApp()).database;
	const actor = actorOf(locals.user!);
	if (isStaff(actor)) return { dashboard: await crmDashboard(db, actor), organization: null };
	const organization = actor.organizationId ? await getOrganization(db, actor, actor.organizationId).catch(() => null) : null;
	return { dashboard: null, organization };
};
