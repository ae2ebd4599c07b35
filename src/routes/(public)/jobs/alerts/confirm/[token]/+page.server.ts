import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { NotFoundError } from '$lib/server/errors';
import { alertByToken, confirmAlert, describeAlertSearch } from '$lib/server/employment/alerts';

// The link only shows a button: mail scanners that follow links never confirm an alert on their own.
export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = (await getApp()).database;
	try {
		const a = await alertByToken(db, params.token);
		return { token: params.token, alert: { email: a.email, describe: await describeAlertSearch(db, a.search, locals.locale), confirmed: !!a.confirmedAt } };
	} catch (e) {
		if (e instanceof NotFoundError) return { token: params.token, alert: null };
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ params }) => {
		const { db } = (await getApp()).database;
		try {
			await confirmAlert(db, params.token);
		} catch (e) {
			if (e instanceof NotFoundError) return { unknown: true };
			throw e;
		}
		return { confirmed: true };
	}
};
