import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser, requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { iterateOrganizations } from '$lib/server/crm/service';
import { listDiagnostics, startDiagnostic } from '$lib/server/surveys/diagnostic';
import { listPlans } from '$lib/server/surveys/action-plans';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	if (!isStaff(actor) && actor.role !== 'member') error(403, 'forbidden');
	const { db } = (await getApp()).database;
	const staff = isStaff(actor);
	const organizations: { id: string; name: string }[] = [];
	if (staff) for await (const o of iterateOrganizations(db, actor, { status: 'member', sort: 'name' })) organizations.push({ id: o.id, name: o.name });
	return { staff, diagnostics: await listDiagnostics(db, actor), plans: await listPlans(db, actor), organizations };
};

export const actions: Actions = {
	start: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => startDiagnostic(db, actor, values));
		if (failed(r)) return r;
		redirect(303, `/app/diagnostics/${r.surveyId}/answer`);
	}
};
