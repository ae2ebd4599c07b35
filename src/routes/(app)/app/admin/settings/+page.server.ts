import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireAdminUser } from '$lib/server/auth/guards';
import { getClusterSettings, updateClusterSettings } from '$lib/server/settings/service';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdminUser(locals, url);
	return { settings: await getClusterSettings((await getApp()).database.db) };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const actor = requireAdminUser(locals, url);
		const values = await formValues(request);
		const { db } = (await getApp()).database;
		const r = await formAction(locals.locale, values, () => updateClusterSettings(db, actor, values));
		if (failed(r)) return r;
		return { ok: true };
	}
};
