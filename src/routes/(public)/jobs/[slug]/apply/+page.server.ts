import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { hitRateLimit } from '$lib/server/auth/rate-limit';
import { createStorage, type FileStorage } from '$lib/server/files/storage';
import { failed, formAction, pageError } from '$lib/server/http';
import { applicableOffer, applyToOffer, MAX_CV_BYTES } from '$lib/server/employment/applications';
import { getEmploymentSettings } from '$lib/server/employment/service';
import { t } from '$lib/i18n/t';
import { fail } from '@sveltejs/kit';

/** A human takes more than a few seconds to fill the form; a bot posts at once. */
const MIN_FILL_MS = 3000;
let storage: FileStorage | undefined;

export const load: PageServerLoad = async ({ params }) => {
	const { db } = (await getApp()).database;
	let offer;
	try {
		offer = await applicableOffer(db, params.slug);
	} catch (e) {
		throw pageError(e);
	}
	const { retentionDays } = await getEmploymentSettings(db);
	return { offer: { slug: offer.slug, title: offer.title, organizationName: offer.organizationName, communeName: offer.communeName }, retentionDays, maxMb: MAX_CV_BYTES / 1024 / 1024, shownAt: Date.now() };
};

export const actions: Actions = {
	default: async ({ request, params, locals, getClientAddress }) => {
		const app = await getApp();
		const { db } = app.database;
		const form = await request.formData();
		const values = { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? ''), phone: String(form.get('phone') ?? ''), message: String(form.get('message') ?? ''), consent: form.get('consent') ? 'on' : '' };
		const refuse = (status: number, key: string) => fail(status, { errors: {}, values, message: t(key, {}, locale) });
		const locale = locals.locale;
		// Spam guards (as the event registration form): a field people never see, a minimum time, a rate limit.
		if (String(form.get('website_url') ?? '')) return { dropped: true };
		if (Date.now() - (Number(form.get('shown_at')) || 0) < MIN_FILL_MS) return refuse(400, 'applications_too_fast');
		if (!(await hitRateLimit(db, `jobs:apply:${getClientAddress()}`, 10, 3600))) return refuse(429, 'applications_rate_limited');
		const file = form.get('cv');
		const cv = file instanceof File && file.size > 0 ? { name: file.name, data: new Uint8Array(await file.arrayBuffer()) } : null;
		storage ??= createStorage(db);
		const r = await formAction(locale, values, () => applyToOffer(db, storage!, params.slug, values, cv, { baseUrl: app.baseURL, locale }));
		if (failed(r)) {
			// A file input cannot be filled again: say so when a CV was chosen but the form came back.
			if (cv && !r.data.errors.cv) r.data.errors.cv = t('applications_cv_again', {}, locale);
			return r;
		}
		return { sent: true };
	}
};
