import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { createOrganization, findSimilarOrganizations, listTeamMembers, listValueChainStages } from '$lib/server/crm/service';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { cleanDigits } from '$lib/server/crm/identifiers';
import { t } from '$lib/i18n/t';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	return { team: await listTeamMembers(db), stages: await listValueChainStages(db) };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		if (values.name?.trim() && values.confirmDuplicate !== 'on') {
			const similar = await findSimilarOrganizations(db, { name: values.name, siret: values.siret ? cleanDigits(values.siret) : null });
			if (similar.length) return fail(409, { values, errors: {}, similar, message: t('org_similar_warning', {}, locals.locale) });
		}
		const r = await formAction(locals.locale, values, () => createOrganization(db, actor, values));
		if (failed(r)) return r;
		redirect(303, `/app/organizations/${(r as { id: string }).id}?created=1`);
	}
};
