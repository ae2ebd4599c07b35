import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction } from '$lib/server/http';
import { createGroup, organizationChoices } from '$lib/server/pooling/service';
import { readForm } from '../../form-data';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	return { organizations: await organizationChoices(db, actor) };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await readForm(request, ['memberIds']);
		const r = await formAction(locals.locale, values, () => createGroup(db, actor, values));
		if (failed(r)) return r;
		redirect(303, `/app/pooling/groups/${r.id}`);
	}
};
