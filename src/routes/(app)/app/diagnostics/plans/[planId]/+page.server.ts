import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser, requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { t } from '$lib/i18n/t';
import { addItem, getPlan, moveItem, ownerChoices, removeItem, setItemStatus, updateItem, updatePlan } from '$lib/server/surveys/action-plans';
import { getDiagnostic } from '$lib/server/surveys/diagnostic';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	try {
		const plan = await getPlan(db, actor, params.planId);
		const staff = isStaff(actor);
		const dimensions = plan.surveyId ? (await getDiagnostic(db, actor, plan.surveyId)).dimensions.map((d) => ({ key: d.key, label: d.label })) : [];
		return { plan, staff, owners: staff ? await ownerChoices(db, actor, plan.id) : [], dimensions, userId: actor.id };
	} catch (e) {
		throw pageError(e);
	}
};

export const actions: Actions = {
	plan: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => updatePlan(db, actor, params.planId, values), 'plan');
		if (failed(r)) return r;
		return { done: 'plan' };
	},
	add: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => addItem(db, actor, params.planId, values), 'add');
		if (failed(r)) return r;
		redirect(303, `/app/diagnostics/plans/${params.planId}#item-${r.id}`);
	},
	update: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => updateItem(db, actor, values.itemId ?? '', values), values.itemId);
		if (failed(r)) return r;
		redirect(303, `/app/diagnostics/plans/${params.planId}#item-${r.id}`);
	},
	status: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => setItemStatus(db, actor, values.itemId ?? '', values.status), `status-${values.itemId}`);
		if (failed(r)) return r;
		redirect(303, `/app/diagnostics/plans/${params.planId}#item-${r.id}`);
	},
	move: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		if (values.direction !== 'up' && values.direction !== 'down') return fail(400, { message: t('error_invalid', {}, locals.locale) });
		await moveItem(db, actor, values.itemId ?? '', values.direction).catch((e) => {
			throw pageError(e);
		});
		redirect(303, `/app/diagnostics/plans/${params.planId}#item-${values.itemId}`);
	},
	remove: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		await removeItem(db, actor, values.itemId ?? '').catch((e) => {
			throw pageError(e);
		});
		redirect(303, `/app/diagnostics/plans/${params.planId}`);
	}
};
