import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { getListing } from '$lib/server/pooling/service';
import { listingChoices, saveListingAction } from '../../listing-page';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const l = await getListing(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	if (!l.mine) error(403, 'forbidden');
	return {
		listing: { id: l.id, title: l.title, kind: l.kind },
		values: {
			organizationId: l.organizationId,
			title: l.title,
			tradeId: l.tradeId ?? '',
			seniority: l.seniority ?? '',
			durationMinMonths: String(l.durationMinMonths),
			durationMaxMonths: String(l.durationMaxMonths),
			startDate: l.startDate,
			workTime: l.workTime,
			description: l.description ?? '',
			personName: l.personName ?? '',
			status: l.status,
			competencyIds: l.competencies.map((c) => c.id)
		},
		...(await listingChoices(actor))
	};
};

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => saveListingAction(request, locals.locale, requireUser(locals, url), params.id)
};
