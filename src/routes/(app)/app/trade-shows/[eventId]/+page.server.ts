import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { applyToExhibit, cancelBadge, listBadges, myApplications, publicExhibitors, requestBadge, withdrawApplication } from '$lib/server/tradeshows/service';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const { show } = await parent();
	// The team works from its own page; here a member acts for its organization.
	const member = actor.role === 'member' && !!actor.organizationId;
	const [applications, badges, exhibitors] = await Promise.all([
		member ? myApplications(db, actor, params.eventId) : [],
		member ? listBadges(db, actor, params.eventId) : [],
		publicExhibitors(db, show.event.id)
	]);
	return { member, applications, badges, exhibitors: exhibitors?.exhibitors ?? [] };
};

export const actions: Actions = {
	apply: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => applyToExhibit(db, actor, params.eventId, { ...values, organizationId: null }), 'apply');
		if (failed(r)) return r;
		return { form: 'apply', ok: true, updated: r.updated };
	},
	withdraw: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		if (!values.applicationId) return fail(400, { form: 'withdraw', errors: {}, values, message: '' });
		const r = await formAction(locals.locale, values, () => withdrawApplication(db, actor, params.eventId, values.applicationId), 'withdraw');
		if (failed(r)) return r;
		return { form: 'withdraw', ok: true };
	},
	requestBadge: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => requestBadge(db, actor, params.eventId, { ...values, organizationId: null, organizationName: null }), 'badge');
		if (failed(r)) return r;
		return { form: 'badge', ok: true, name: `${values.firstName ?? ''} ${values.lastName ?? ''}`.trim() };
	},
	cancelBadge: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		if (!values.badgeId) return fail(400, { form: 'cancelBadge', errors: {}, values, message: '' });
		const r = await formAction(locals.locale, values, () => cancelBadge(db, actor, params.eventId, values.badgeId), 'cancelBadge');
		if (failed(r)) return r;
		return { form: 'cancelBadge', ok: true };
	}
};
