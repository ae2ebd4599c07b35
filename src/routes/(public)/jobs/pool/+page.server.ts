import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { hitRateLimit } from '$lib/server/auth/rate-limit';
import { createStorage, type FileStorage } from '$lib/server/files/storage';
import { failed, formAction } from '$lib/server/http';
import { MAX_CV_BYTES } from '$lib/server/employment/applications';
import { joinPool } from '$lib/server/employment/pool';
import { getEmploymentSettings, listCompetencyOptions, listTradeOptions } from '$lib/server/employment/service';
import { t } from '$lib/i18n/t';

const MIN_FILL_MS = 3000;
let storage: FileStorage | undefined;

export const load: PageServerLoad = async () => {
	const { db } = (await getApp()).database;
	const { retentionDays } = await getEmploymentSettings(db);
	return { trades: await listTradeOptions(db), competencies: await listCompetencyOptions(db), retentionDays, maxMb: MAX_CV_BYTES / 1024 / 1024, shownAt: Date.now() };
};

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const app = await getApp();
		const { db } = app.database;
		const form = await request.formData();
		const text = (k: string) => String(form.get(k) ?? '');
		const values = {
			kind: text('kind'),
			name: text('name'),
			email: text('email'),
			phone: text('phone'),
			tradeIds: form.getAll('tradeIds').map(String),
			competencyIds: form.getAll('competencyIds').map(String),
			commune: text('commune'),
			availableFrom: text('availableFrom'),
			message: text('message'),
			consent: form.get('consent') ? 'on' : ''
		};
		const locale = locals.locale;
		if (text('website_url')) return { sent: true };
		if (Date.now() - (Number(form.get('shown_at')) || 0) < MIN_FILL_MS) return fail(400, { errors: {}, values, message: t('applications_too_fast', {}, locale) });
		if (!(await hitRateLimit(db, `jobs:pool:${getClientAddress()}`, 10, 3600))) return fail(429, { errors: {}, values, message: t('applications_rate_limited', {}, locale) });
		const file = form.get('cv');
		const cv = file instanceof File && file.size > 0 ? { name: file.name, data: new Uint8Array(await file.arrayBuffer()) } : null;
		storage ??= createStorage(db);
		const r = await formAction(locale, values, () => joinPool(db, storage!, values, cv, { baseUrl: app.baseURL, locale }));
		if (failed(r)) {
			if (cv && !r.data.errors.cv) r.data.errors.cv = t('applications_cv_again', {}, locale);
			return r;
		}
		return { sent: true };
	}
};
