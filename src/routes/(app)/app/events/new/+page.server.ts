import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { createEvent, listEventKinds } from '$lib/server/events/service';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	return { kinds: await listEventKinds(db) };
};

export const actions: Actions = {
	save: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => createEvent(db, actor, values));
		if (failed(r)) return r;
		redirect(303, `/app/events/${r.id}?created=1`);
	}
};
