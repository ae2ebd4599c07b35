import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { hitRateLimit } from '$lib/server/auth/rate-limit';
import { failed, formAction } from '$lib/server/http';
import { alertSearchFromParams, boardUrlOf, describeAlertSearch, subscribeAlert } from '$lib/server/employment/alerts';
import { t } from '$lib/i18n/t';

const MIN_FILL_MS = 2000;
const SEARCH_KEYS = ['q', 'trade', 'contract', 'dep', 'near', 'km'];

export const load: PageServerLoad = async ({ url, locals }) => {
	const search = alertSearchFromParams(url.searchParams);
	const hidden = SEARCH_KEYS.map((k) => [k, url.searchParams.get(k) ?? ''] as const).filter(([, v]) => v);
	const { db } = (await getApp()).database;
	return { describe: await describeAlertSearch(db, search, locals.locale), boardUrl: boardUrlOf('', search), hidden, shownAt: Date.now() };
};

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const app = await getApp();
		const { db } = app.database;
		const form = await request.formData();
		const params = new URLSearchParams();
		for (const k of SEARCH_KEYS) {
			const v = form.get(k);
			if (typeof v === 'string' && v) params.set(k, v);
		}
		const values = { email: String(form.get('email') ?? '') };
		if (String(form.get('website_url') ?? '')) return { sent: true };
		if (Date.now() - (Number(form.get('shown_at')) || 0) < MIN_FILL_MS) return fail(400, { errors: {}, values, message: t('applications_too_fast', {}, locals.locale) });
		if (!(await hitRateLimit(db, `jobs:alert:${getClientAddress()}`, 10, 3600))) return fail(429, { errors: {}, values, message: t('applications_rate_limited', {}, locals.locale) });
		const r = await formAction(locals.locale, values, () => subscribeAlert(db, { email: values.email, search: alertSearchFromParams(params) }, { baseUrl: app.baseURL, locale: locals.locale }));
		if (failed(r)) return r;
		return { sent: true };
	}
};
