import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { listGroups, listListings, listSecondments } from '$lib/server/pooling/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const [groups, listings, agreements] = await Promise.all([listGroups(db, actor), listListings(db, actor), listSecondments(db, actor)]);
	const published = listings.filter((l) => l.status === 'published');
	return {
		staff: isStaff(actor),
		isMember: actor.role === 'member' && !!actor.organizationId,
		groups,
		offers: published.filter((l) => l.kind === 'offer').length,
		requests: published.filter((l) => l.kind === 'request').length,
		agreements: agreements.length
	};
};
