import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { createBarometer, listBarometers } from '$lib/server/surveys/barometer';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	return { series: await listBarometers(db, actor), year: new Date().getFullYear() };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => createBarometer(db, actor, { ...values, templateKey: 'recruitment-barometer' }));
		if (failed(r)) return r;
		redirect(303, `/app/surveys/barometers/${r.series.id}`);
	}
};
