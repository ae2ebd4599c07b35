import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { NotFoundError } from '$lib/server/errors';
import { alertByToken, describeAlertSearch, unsubscribeAlert } from '$lib/server/employment/alerts';

// GET shows a button (link scanners do not unsubscribe anyone); POST — the button, or a mail client's
// RFC 8058 one-click request to this same address — unsubscribes.
export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = (await getApp()).database;
	try {
		const a = await alertByToken(db, params.token);
		return { alert: { email: a.email, describe: await describeAlertSearch(db, a.search, locals.locale) } };
	} catch (e) {
		if (e instanceof NotFoundError) return { alert: null };
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ params }) => {
		const { db } = (await getApp()).database;
		await unsubscribeAlert(db, params.token);
		return { unsubscribed: true };
	}
};
