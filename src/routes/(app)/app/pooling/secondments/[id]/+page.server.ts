import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { contactTeamAbout, getListing, matchesFor } from '$lib/server/pooling/service';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const listing = await getListing(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	return {
		listing,
		matches: await matchesFor(db, actor, listing.id),
		staff: isStaff(actor),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	contact: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const app = await getApp();
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => contactTeamAbout(app.database.db, actor, params.id, values, { baseUrl: app.baseURL }), 'contact');
		if (failed(r)) return r;
		return { form: 'contact', ok: true };
	}
};
