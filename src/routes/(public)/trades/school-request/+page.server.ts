import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { hitRateLimit } from '$lib/server/auth/rate-limit';
import { failed, formAction } from '$lib/server/http';
import { listTrades, submitSchoolRequest } from '$lib/server/trainings/service';
import { trainingFormValues } from '$lib/server/trainings/forms';
import { t } from '$lib/i18n/t';

/** A human takes more than a few seconds to fill the form; a bot posts at once. */
const MIN_FILL_MS = 3000;

export const load: PageServerLoad = async ({ url }) => {
	const { db } = (await getApp()).database;
	return { trades: await listTrades(db), preselected: url.searchParams.get('trade') ?? '', shownAt: Date.now() };
};

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const app = await getApp();
		const { db } = app.database;
		const values = await trainingFormValues(request);
		const refuse = (status: number, key: string) => fail(status, { errors: {}, values, message: t(key, {}, locals.locale) });
		// Spam guards (as the event registration form): a field people never see, a minimum time, a rate limit.
		if (values.website_url) return { sent: true };
		if (Date.now() - (Number(values.shown_at) || 0) < MIN_FILL_MS) return refuse(400, 'trainings_too_fast');
		if (!(await hitRateLimit(db, `trainings:school-request:${getClientAddress()}`, 5, 3600))) return refuse(429, 'trainings_rate_limited');
		const r = await formAction(locals.locale, values, () => submitSchoolRequest(db, values, { baseUrl: app.baseURL, locale: locals.locale }));
		if (failed(r)) return r;
		return { sent: true };
	}
};
