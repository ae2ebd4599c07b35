// The language switch: a plain form, so it works without JavaScript; remembered in a cookie and on the account.
import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { cookieName, cookieMaxAge } from '$lib/paraglide/runtime';
import { getApp } from '$lib/server/app';
import { setUserLocale } from '$lib/server/auth/users';

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const form = await request.formData();
		const locale = form.get('locale') === 'en' ? 'en' : 'fr';
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
		if (locals.user) await setUserLocale((await getApp()).database.db, locals.user.id, locale);
		const to = String(form.get('redirectTo') ?? '/');
		redirect(303, to.startsWith('/') && !to.startsWith('//') ? to : '/');
	}
};
