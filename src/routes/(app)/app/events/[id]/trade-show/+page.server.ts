import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { instantToParisLocal } from '$lib/server/dates';
import { decideApplication, decideBadge, getTradeShow, listApplications, listBadges, requestBadge, saveTradeShow, type BadgeStatus } from '$lib/server/tradeshows/service';

const BADGE_STATUSES: BadgeStatus[] = ['pending', 'approved', 'refused', 'cancelled'];

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const show = await getTradeShow(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	const badgeStatus = (BADGE_STATUSES as string[]).includes(url.searchParams.get('badges') ?? '') ? (url.searchParams.get('badges') as BadgeStatus) : '';
	const [applications, badges] = show.stand
		? await Promise.all([listApplications(db, actor, params.id), listBadges(db, actor, params.id)])
		: [[], []];
	const s = show.stand;
	return {
		show,
		applications,
		badges: badgeStatus ? badges.filter((b) => b.status === badgeStatus) : badges,
		badgeCounts: Object.fromEntries(BADGE_STATUSES.map((st) => [st, badges.filter((b) => b.status === st).length])) as Record<BadgeStatus, number>,
		badgeTotal: badges.length,
		badgeStatus,
		// The stand as the form shows it (euros as typed in France, times as France's wall clock).
		standValues: s
			? {
					standName: s.standName,
					hall: s.hall ?? '',
					surfaceM2: s.surfaceM2 ?? '',
					places: s.places,
					placePrice: s.placePriceCents == null ? '' : (s.placePriceCents / 100).toFixed(2).replace('.', ',').replace(/,00$/, ''),
					applicationsCloseAt: instantToParisLocal(s.applicationsCloseAt),
					badgesPerExhibitor: s.badgesPerExhibitor ?? '',
					description: s.description ?? ''
				}
			: { standName: '', hall: '', surfaceM2: '', places: '', placePrice: '', applicationsCloseAt: '', badgesPerExhibitor: '', description: '' }
	};
};

export const actions: Actions = {
	saveStand: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => saveTradeShow(db, actor, params.id, values), 'stand');
		if (failed(r)) return r;
		return { form: 'stand', ok: true };
	},
	decideApplication: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const app = await getApp();
		const values = await formValues(request);
		const decision = values.decision === 'accept' ? 'accept' : values.decision === 'decline' ? 'decline' : null;
		if (!values.applicationId || !decision) return fail(400, { form: 'application', errors: {}, values, message: '' });
		const r = await formAction(
			locals.locale,
			values,
			() => decideApplication(app.database.db, actor, params.id, values.applicationId, decision, { note: values.note }, { baseUrl: app.baseURL }),
			'application'
		);
		if (failed(r)) return r;
		return { form: 'application', ok: true, status: r.status, name: values.name ?? '', applicationId: values.applicationId };
	},
	decideBadge: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const decision = values.decision === 'approve' ? 'approve' : values.decision === 'refuse' ? 'refuse' : null;
		if (!values.badgeId || !decision) return fail(400, { form: 'badge', errors: {}, values, message: '' });
		const r = await formAction(locals.locale, values, () => decideBadge(db, actor, params.id, values.badgeId, decision), 'badge');
		if (failed(r)) return r;
		return { form: 'badge', ok: true, decision, name: values.name ?? '' };
	},
	addBadge: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => requestBadge(db, actor, params.id, values), 'addBadge');
		if (failed(r)) return r;
		return { form: 'addBadge', ok: true, name: `${values.firstName} ${values.lastName}`.trim() };
	}
};
