import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { listListings, listSecondments, updateSecondmentStatus, SECONDMENT_NEXT } from '$lib/server/pooling/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const [listings, agreements] = await Promise.all([listListings(db, actor), listSecondments(db, actor)]);
	return {
		staff: isStaff(actor),
		canPost: isStaff(actor) || (actor.role === 'member' && !!actor.organizationId),
		offers: listings.filter((l) => l.kind === 'offer'),
		requests: listings.filter((l) => l.kind === 'request'),
		agreements: agreements.map((a) => ({ ...a, next: SECONDMENT_NEXT[a.status] })),
		saved: url.searchParams.get('saved') ?? ''
	};
};

export const actions: Actions = {
	status: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => updateSecondmentStatus(db, actor, values.secondmentId ?? '', values), 'status');
		if (failed(r)) return r;
		return { form: 'status', ok: true, secondmentId: values.secondmentId };
	}
};
