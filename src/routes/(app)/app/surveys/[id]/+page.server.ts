import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { instantToParisLocal } from '$lib/server/dates';
import { addQuestion, addSection, deleteSurvey, moveQuestion, moveSection, removeQuestion, removeSection, updateQuestion, updateSection, updateSurvey } from '$lib/server/surveys/service';

export const load: PageServerLoad = async ({ parent, url }) => {
	const { definition } = await parent();
	return { closesAtLocal: instantToParisLocal(definition.survey.closesAt), editing: url.searchParams.get('edit') ?? null };
};

async function ctx(locals: App.Locals, url: URL, request: Request) {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	return { actor, db, values: await formValues(request) };
}

const dir = (v: string | undefined) => (v === 'up' ? 'up' : 'down');

export const actions: Actions = {
	settings: async ({ request, locals, url, params }) => {
		const { actor, db, values } = await ctx(locals, url, request);
		const r = await formAction(locals.locale, values, () => updateSurvey(db, actor, params.id, values), 'settings');
		if (failed(r)) return r;
		return { form: 'settings', ok: true };
	},
	delete: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url, request);
		await deleteSurvey(db, actor, params.id);
		redirect(303, '/app/surveys');
	},
	addSection: async ({ request, locals, url, params }) => {
		const { actor, db, values } = await ctx(locals, url, request);
		const r = await formAction(locals.locale, values, () => addSection(db, actor, params.id, values), 'addSection');
		if (failed(r)) return r;
		return { form: 'addSection', ok: true };
	},
	updateSection: async ({ request, locals, url }) => {
		const { actor, db, values } = await ctx(locals, url, request);
		const r = await formAction(locals.locale, values, () => updateSection(db, actor, values.sectionId, values), `section-${values.sectionId}`);
		if (failed(r)) return r;
		return { form: `section-${values.sectionId}`, ok: true };
	},
	removeSection: async ({ request, locals, url }) => {
		const { actor, db, values } = await ctx(locals, url, request);
		const r = await formAction(locals.locale, values, () => removeSection(db, actor, values.sectionId));
		if (failed(r)) return r;
		return { form: 'removeSection', ok: true };
	},
	moveSection: async ({ request, locals, url }) => {
		const { actor, db, values } = await ctx(locals, url, request);
		const r = await formAction(locals.locale, values, () => moveSection(db, actor, values.sectionId, dir(values.direction)));
		if (failed(r)) return r;
		return { form: 'moveSection', ok: true };
	},
	addQuestion: async ({ request, locals, url }) => {
		const { actor, db, values } = await ctx(locals, url, request);
		if (!values.sectionId) return fail(400, { errors: {}, values, message: '' });
		const r = await formAction(locals.locale, values, () => addQuestion(db, actor, values.sectionId, values), `add-${values.sectionId}`);
		if (failed(r)) return r;
		return { form: `add-${values.sectionId}`, ok: true };
	},
	updateQuestion: async ({ request, locals, url, params }) => {
		const { actor, db, values } = await ctx(locals, url, request);
		const r = await formAction(locals.locale, values, () => updateQuestion(db, actor, values.questionId, values), `question-${values.questionId}`);
		if (failed(r)) return r;
		redirect(303, `/app/surveys/${params.id}#q-${values.questionId}`);
	},
	removeQuestion: async ({ request, locals, url }) => {
		const { actor, db, values } = await ctx(locals, url, request);
		const r = await formAction(locals.locale, values, () => removeQuestion(db, actor, values.questionId));
		if (failed(r)) return r;
		return { form: 'removeQuestion', ok: true };
	},
	moveQuestion: async ({ request, locals, url }) => {
		const { actor, db, values } = await ctx(locals, url, request);
		const r = await formAction(locals.locale, values, () => moveQuestion(db, actor, values.questionId, dir(values.direction)));
		if (failed(r)) return r;
		return { form: 'moveQuestion', ok: true };
	}
};
