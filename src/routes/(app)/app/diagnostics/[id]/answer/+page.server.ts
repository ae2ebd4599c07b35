import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { fieldErrors, pageError } from '$lib/server/http';
import { ConflictError, InvalidError } from '$lib/server/errors';
import { t } from '$lib/i18n/t';
import { getDiagnostic, saveDiagnosticAnswers } from '$lib/server/surveys/diagnostic';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	try {
		const d = await getDiagnostic(db, actor, params.id);
		if (d.response.status === 'submitted' && !isStaff(actor)) redirect(303, `/app/diagnostics/${params.id}`);
		return { survey: { id: d.definition.survey.id, title: d.definition.survey.title }, organization: d.organization, sections: d.definition.sections, answers: d.answers, submitted: d.response.status === 'submitted' };
	} catch (e) {
		throw pageError(e);
	}
};

/** Every posted field with all its values (a multiple choice posts several). */
async function rawAnswers(request: Request): Promise<Record<string, string[]>> {
	const form = await request.formData();
	const out: Record<string, string[]> = {};
	for (const [k, v] of form) if (typeof v === 'string') (out[k] ??= []).push(v);
	return out;
}

async function save(request: Request, locals: App.Locals, url: URL, id: string, submit: boolean) {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const raw = await rawAnswers(request);
	try {
		await saveDiagnosticAnswers(db, actor, id, raw, { submit });
	} catch (e) {
		if (e instanceof InvalidError) return fail(400, { errors: fieldErrors(e.issues, locals.locale), raw, message: t('form_has_errors', {}, locals.locale) });
		if (e instanceof ConflictError) return fail(409, { errors: {}, raw, message: t(e.messageKey, e.params, locals.locale) });
		throw pageError(e);
	}
	if (submit) redirect(303, `/app/diagnostics/${id}`);
	return { saved: true };
}

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => save(request, locals, url, params.id, false),
	submit: async ({ request, locals, url, params }) => {
		if (!params.id) error(404);
		return save(request, locals, url, params.id, true);
	}
};
