import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { failed, formAction, pageError } from '$lib/server/http';
import { getApplication, setApplicationStatus } from '$lib/server/employment/applications';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	try {
		// Opening it as its company marks a new application read (the team's look does not).
		return { application: await getApplication(db, actor, params.id, { markRead: !isStaff(actor) }), staff: isStaff(actor) };
	} catch (e) {
		throw pageError(e);
	}
};

export const actions: Actions = {
	status: async ({ locals, url, params, request }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const status = String((await request.formData()).get('status') ?? '');
		const r = await formAction(locals.locale, { status }, () => setApplicationStatus(db, actor, params.id, status));
		if (failed(r)) return r;
		return { saved: true };
	}
};
