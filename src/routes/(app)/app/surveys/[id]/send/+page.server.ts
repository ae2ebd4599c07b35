import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { listSegments } from '$lib/server/crm/service';
import { closeSurvey, invitationStats, listInvitations, previewRecipients, remindSurvey, sendSurvey } from '$lib/server/surveys/service';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const actor = requireStaffUser(locals, url);
	const app = await getApp();
	const db = app.database.db;
	const { definition } = await parent();
	const segmentId = url.searchParams.get('segment') ?? '';
	const [segments, stats, invitations] = await Promise.all([listSegments(db, actor), invitationStats(db, actor, params.id), listInvitations(db, actor, params.id)]);
	const preview = definition.survey.status === 'draft' && segmentId && segments.some((s) => s.id === segmentId) ? await previewRecipients(db, actor, params.id, segmentId) : null;
	return { segments: segments.map((s) => ({ id: s.id, name: s.name })), segmentId, preview, stats, invitations };
};

export const actions: Actions = {
	send: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const app = await getApp();
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => sendSurvey(app.database.db, actor, params.id, values, { baseUrl: app.baseURL }), 'send');
		if (failed(r)) return r;
		return { form: 'send', ok: true, invited: r.invited };
	},
	remind: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const app = await getApp();
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => remindSurvey(app.database.db, actor, params.id, { baseUrl: app.baseURL }), 'remind');
		if (failed(r)) return r;
		return { form: 'remind', ok: true, reminded: r };
	},
	close: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const app = await getApp();
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => closeSurvey(app.database.db, actor, params.id), 'close');
		if (failed(r)) return r;
		return { form: 'close', ok: true };
	}
};
