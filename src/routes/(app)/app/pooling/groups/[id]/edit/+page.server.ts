import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction, pageError } from '$lib/server/http';
import { getGroup, organizationChoices, updateGroup } from '$lib/server/pooling/service';
import { readForm } from '../../../form-data';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const group = await getGroup(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	return {
		group: { id: group.id, name: group.name },
		values: {
			name: group.name,
			legalForm: group.legalForm,
			siret: group.siret ?? '',
			contactName: group.contactName ?? '',
			contactEmail: group.contactEmail ?? '',
			contactPhone: group.contactPhone ?? '',
			notes: group.notes ?? '',
			memberIds: group.members.map((x) => x.id)
		},
		organizations: await organizationChoices(db, actor)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await readForm(request, ['memberIds']);
		const r = await formAction(locals.locale, values, () => updateGroup(db, actor, params.id, values));
		if (failed(r)) return r;
		redirect(303, `/app/pooling/groups/${params.id}?saved=group`);
	}
};
