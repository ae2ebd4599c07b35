import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { canEditOrganization, isStaff } from '$lib/server/auth/actor';
import { getOrganization, listTeamMembers, listValueChainStages, organizationToInput, updateOrganization } from '$lib/server/crm/service';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { error } from '@sveltejs/kit';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	if (!canEditOrganization(actor, params.id)) error(403, 'forbidden');
	const { db } = (await getApp()).database;
	const org = await getOrganization(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	return { organization: org, values: organizationToInput(org), staff: isStaff(actor), team: await listTeamMembers(db), stages: await listValueChainStages(db) };
};

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => updateOrganization(db, actor, params.id, values));
		if (failed(r)) return r;
		redirect(303, `/app/organizations/${params.id}?saved=1`);
	}
};
