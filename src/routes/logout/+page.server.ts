import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { applyAuthCookies } from '$lib/server/auth/cookies';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const app = await getApp();
		const res = await app.auth.api.signOut({ headers: request.headers, asResponse: true }).catch(() => null);
		if (res) applyAuthCookies(res, cookies);
		redirect(303, '/login');
	}
};
