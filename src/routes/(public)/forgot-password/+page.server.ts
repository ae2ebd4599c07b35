import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getApp } from '$lib/server/app';
import { hitRateLimit } from '$lib/server/auth/rate-limit';
import { t } from '$lib/i18n/t';

export const actions: Actions = {
	default: async ({ request, getClientAddress, locals }) => {
		const app = await getApp();
		const email = String((await request.formData()).get('email') ?? '').trim().toLowerCase();
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
			return fail(400, { errors: { email: t('error_email', {}, locals.locale) }, values: { email } });
		if (!(await hitRateLimit(app.database.db, `reset:ip:${getClientAddress()}`, 10, 300)) || !(await hitRateLimit(app.database.db, `reset:email:${email}`, 3, 300)))
			return fail(429, { errors: {}, values: { email }, message: t('auth_rate_limited', {}, locals.locale) });
		// The same answer whether or not the account exists.
		await app.auth.api.requestPasswordReset({ body: { email, redirectTo: '/reset-password' }, headers: request.headers }).catch(() => null);
		return { sent: true, email };
	}
};
