import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { createOffer, getEmploymentSettings, listCompetencyOptions, listOrganizationOptions, listTradeOptions } from '$lib/server/employment/service';
import { offerFormValues } from '$lib/server/employment/form';
import { failed, formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const staff = isStaff(actor);
	if (!staff && !(actor.role === 'member' && actor.organizationId)) error(403, 'forbidden');
	const { db } = (await getApp()).database;
	const [trades, competencies, organizations, settings] = await Promise.all([
		listTradeOptions(db),
		listCompetencyOptions(db),
		staff ? listOrganizationOptions(db, actor) : null,
		getEmploymentSettings(db)
	]);
	return { staff, trades, competencies, organizations, moderated: !staff && settings.moderation, organizationId: url.searchParams.get('organization') ?? '' };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const { values, intent } = await offerFormValues(request);
		const { db } = (await getApp()).database;
		const r = await formAction(locals.locale, values, () => createOffer(db, actor, values, { submit: intent !== 'draft' }));
		if (failed(r)) return r;
		redirect(303, `/app/jobs/${r.id}?done=${r.status === 'draft' ? 'saved' : r.status}`);
	}
};
