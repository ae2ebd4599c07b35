import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { fieldErrors, pageError } from '$lib/server/http';
import { ConflictError, InvalidError } from '$lib/server/errors';
import { t } from '$lib/i18n/t';
import { answerText, openInvitation, rawAnswersFrom, saveAnswers, submitResponse } from '$lib/server/surveys/service';

/** The token is the personal link's secret: no shared cache keeps the page, no other site learns it (same-origin, not no-referrer: with no-referrer the browser posts the forms with Origin: null, which SvelteKit refuses). */
const SECRET_HEADERS = { 'cache-control': 'private, no-store', 'referrer-policy': 'same-origin', 'x-robots-tag': 'noindex' };

export const load: PageServerLoad = async ({ params, url, setHeaders, locals }) => {
	setHeaders(SECRET_HEADERS);
	const { db } = (await getApp()).database;
	const view = await openInvitation(db, params.token).catch((e) => {
		throw pageError(e);
	});
	const { survey, sections } = view.definition;
	const step = url.searchParams.get('s');
	const index = step !== null && /^\d+$/.test(step) ? Math.min(Number(step), Math.max(0, sections.length - 1)) : null;
	// Each answer as one line of text for the review: user text stays text (Svelte escapes it).
	const review = sections.map((sec, i) => ({
		index: i,
		title: sec.title,
		answers: sec.questions.map((q) => ({ id: q.id, label: q.label, text: answerText(q, view.answers[q.id], locale(locals)) }))
	}));
	return {
		token: params.token,
		survey: { title: survey.title, description: survey.description, anonymous: survey.anonymous, audience: survey.audience, captureAttributes: survey.captureAttributes, closesAt: survey.closesAt, thankYou: survey.settings?.thankYou ?? null },
		sections: sections.map((s) => ({ id: s.id, title: s.title, description: s.description, questions: s.questions.map((q) => ({ id: q.id, type: q.type, label: q.label, help: q.help, required: q.required, options: q.options })) })),
		state: view.state,
		responseStatus: view.response?.status ?? null,
		submittedAnonymously: view.submittedAnonymously,
		answers: view.answers,
		review,
		step: step === 'review' ? ('review' as const) : index,
		done: url.searchParams.has('done')
	};
};

const locale = (locals: App.Locals) => (locals.locale === 'en' ? 'en' : 'fr') as 'fr' | 'en';

export const actions: Actions = {
	/** Saves one section, then moves on (next/previous/review); a missing required answer keeps the page. */
	save: async ({ request, params, locals }) => {
		const { db } = (await getApp()).database;
		const form = await request.formData();
		const index = Number(form.get('section'));
		const nav = String(form.get('nav') ?? 'next');
		const view = await openInvitation(db, params.token).catch((e) => {
			throw pageError(e);
		});
		const sections = view.definition.sections;
		const sec = sections[index];
		if (!sec) return fail(400, { errors: {}, raw: {}, message: '' });
		const raw = rawAnswersFrom(form);
		try {
			const r = await saveAnswers(db, params.token, sec.questions.map((q) => q.id), raw, { checkRequired: nav !== 'prev' });
			if (r.issues.length && nav !== 'prev') return fail(400, { errors: fieldErrors(r.issues, locale(locals)), raw, message: t('surveys_r_missing', {}, locale(locals)) });
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { errors: {}, raw, message: t(e.messageKey, e.params, locale(locals)) });
			throw pageError(e);
		}
		const target = nav === 'prev' ? `?s=${Math.max(0, index - 1)}` : index + 1 < sections.length ? `?s=${index + 1}` : '?s=review';
		redirect(303, `/survey/${params.token}${target}`);
	},
	submit: async ({ params, locals }) => {
		const { db } = (await getApp()).database;
		try {
			await submitResponse(db, params.token);
		} catch (e) {
			if (e instanceof InvalidError) return fail(400, { errors: fieldErrors(e.issues, locale(locals)), raw: null, message: t('surveys_r_missing', {}, locale(locals)), missing: e.issues.map((i) => i.path) });
			if (e instanceof ConflictError) return fail(409, { errors: {}, raw: null, message: t(e.messageKey, e.params, locale(locals)) });
			throw pageError(e);
		}
		redirect(303, `/survey/${params.token}?done`);
	}
};
