import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { countOffers, getEmploymentSettings, listOffers, saveEmploymentSettings, type WorkspaceFilter } from '$lib/server/employment/service';
import { OFFER_STATUSES } from '$lib/server/employment/validation';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const staff = isStaff(actor);
	const canPost = staff || (actor.role === 'member' && !!actor.organizationId);
	if (!canPost) return { staff, canPost, status: '', offers: [], counts: {}, settings: null };
	const s = url.searchParams.get('status') ?? '';
	const status = (OFFER_STATUSES as readonly string[]).includes(s) ? (s as WorkspaceFilter['status']) : undefined;
	const { db } = (await getApp()).database;
	const [offers, counts, settings] = await Promise.all([listOffers(db, actor, { status }), countOffers(db, actor), staff ? getEmploymentSettings(db) : null]);
	return {
		staff,
		canPost,
		status: status ?? '',
		counts,
		settings,
		offers: offers.map((o) => ({ id: o.id, slug: o.slug, title: o.title, status: o.status, live: o.live, organizationName: o.organizationName, publishedAt: o.publishedAt, expiresAt: o.expiresAt }))
	};
};

export const actions: Actions = {
	settings: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const values = await formValues(request);
		const { db } = (await getApp()).database;
		const r = await formAction(locals.locale, values, () => saveEmploymentSettings(db, actor, values), 'settings');
		if (failed(r)) return r;
		return { form: 'settings', saved: true };
	}
};
