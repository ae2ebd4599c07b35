import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { listManagedTrainings, listSchoolRequests, providerOptions } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const status = url.searchParams.get('status') || null;
	const [trainings, providers, requests] = await Promise.all([listManagedTrainings(db, actor), providerOptions(db, actor), listSchoolRequests(db, actor, isStaff(actor) ? status : null)]);
	return {
		staff: isStaff(actor),
		canProvide: providers.length > 0,
		trainings: trainings.map((t) => ({ id: t.id, slug: t.slug, title: t.title, providerName: t.providerName, kind: t.kind, status: t.status })),
		requests: requests.map((r) => ({
			id: r.request.id,
			kind: r.request.kind,
			schoolName: r.request.schoolName,
			communeName: r.request.communeName,
			classLevel: r.request.classLevel,
			pupils: r.request.pupils,
			status: r.request.status,
			createdAt: r.request.createdAt,
			tradeNames: r.tradeNames,
			volunteers: r.volunteers.length,
			mine: !!r.mine
		})),
		status
	};
};
