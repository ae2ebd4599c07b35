import { fail, redirect } from '@sveltejs/kit';
import { APIError } from 'better-auth/api';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { t } from '$lib/i18n/t';

export const load: PageServerLoad = async ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const app = await getApp();
		const form = await request.formData();
		const token = String(form.get('token') ?? '');
		const password = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		if (password.length < 10) return fail(400, { errors: { password: t('error_password_short', {}, locals.locale) } });
		if (password !== confirm) return fail(400, { errors: { confirm: t('error_password_mismatch', {}, locals.locale) } });
		try {
			await app.auth.api.resetPassword({ body: { token, newPassword: password }, headers: request.headers });
		} catch (e) {
			if (e instanceof APIError) return fail(400, { errors: {}, message: t('auth_reset_invalid_token', {}, locals.locale) });
			throw e;
		}
		// An invited user who sets a password has proved they own the address.
		redirect(303, '/login?reset=1');
	}
};
