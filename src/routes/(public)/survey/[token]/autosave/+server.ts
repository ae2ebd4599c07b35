// Autosave of a section as the respondent types (and when the tab closes, by sendBeacon): JSON out.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { apiError, localizeIssues } from '$lib/server/http';
import { openInvitation, rawAnswersFrom, saveAnswers } from '$lib/server/surveys/service';

export const POST: RequestHandler = async ({ request, params, locals }) => {
	const { db } = (await getApp()).database;
	const locale = locals.locale === 'en' ? 'en' : 'fr';
	try {
		const form = await request.formData();
		const view = await openInvitation(db, params.token);
		const sec = view.definition.sections[Number(form.get('section'))];
		if (!sec) return json({ error: 'invalid' }, { status: 400 });
		const r = await saveAnswers(db, params.token, sec.questions.map((q) => q.id), rawAnswersFrom(form));
		return json(
			{ ok: true, savedAt: r.savedAt.toISOString(), issues: localizeIssues(r.issues, locale).map((i) => ({ field: i.path, message: i.text })) },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch (e) {
		return apiError(e, locale);
	}
};
