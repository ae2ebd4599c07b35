import { fail, redirect } from '@sveltejs/kit';
import { APIError } from 'better-auth/api';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { applyAuthCookies } from '$lib/server/auth/cookies';
import { clearRateLimit, hitRateLimit } from '$lib/server/auth/rate-limit';
import { t } from '$lib/i18n/t';

function safeRedirect(to: FormDataEntryValue | string | null): string {
	const s = String(to ?? '');
	return s.startsWith('/') && !s.startsWith('//') ? s : '/app';
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { redirectTo: url.searchParams.get('redirectTo') ?? '/app', reset: url.searchParams.get('reset') === '1' };
};

export const actions: Actions = {
	password: async ({ request, cookies, getClientAddress, locals }) => {
		const app = await getApp();
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim().toLowerCase();
		const password = String(form.get('password') ?? '');
		const values = { email };
		const errors: Record<string, string> = {};
		if (!email) errors.email = t('error_required', {}, locals.locale);
		if (!password) errors.password = t('error_required', {}, locals.locale);
		if (Object.keys(errors).length) return fail(400, { form: 'password', errors, values, message: t('form_has_errors', {}, locals.locale) });
		const okIp = await hitRateLimit(app.database.db, `signin:ip:${getClientAddress()}`, 60, 300);
		const okEmail = await hitRateLimit(app.database.db, `signin:email:${email}`, 5, 300);
		if (!okIp || !okEmail) return fail(429, { form: 'password', errors: {}, values, message: t('auth_rate_limited', {}, locals.locale) });
		try {
			const res = await app.auth.api.signInEmail({ body: { email, password }, headers: request.headers, asResponse: true });
			if (!res.ok) return fail(400, { form: 'password', errors: {}, values, message: t('auth_invalid_credentials', {}, locals.locale) });
			applyAuthCookies(res, cookies);
			// Only failed attempts count against an address.
			await clearRateLimit(app.database.db, `signin:email:${email}`);
		} catch (e) {
			if (e instanceof APIError) return fail(400, { form: 'password', errors: {}, values, message: t('auth_invalid_credentials', {}, locals.locale) });
			throw e;
		}
		redirect(303, safeRedirect(form.get('redirectTo')));
	},
	magic: async ({ request, getClientAddress, locals }) => {
		const app = await getApp();
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim().toLowerCase();
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
			return fail(400, { form: 'magic', errors: { magicEmail: t('error_email', {}, locals.locale) }, values: { magicEmail: email }, message: t('form_has_errors', {}, locals.locale) });
		if (!(await hitRateLimit(app.database.db, `magic:ip:${getClientAddress()}`, 10, 300)) || !(await hitRateLimit(app.database.db, `magic:email:${email}`, 3, 300)))
			return fail(429, { form: 'magic', errors: {}, values: { magicEmail: email }, message: t('auth_rate_limited', {}, locals.locale) });
		// Same answer whether the account exists or not: the form must not reveal who has an account.
		await app.auth.api.signInMagicLink({ body: { email, callbackURL: '/app' }, headers: request.headers }).catch(() => null);
		return { form: 'magic', sent: true, message: t('auth_magic_sent', { email }, locals.locale) };
	}
};
