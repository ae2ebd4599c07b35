import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser, requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { failed, formAction, pageError } from '$lib/server/http';
import { t } from '$lib/i18n/t';
import { answerText } from '$lib/server/surveys/service';
import { getDiagnostic, scoresChart } from '$lib/server/surveys/diagnostic';
import { createPlanFromDiagnostic } from '$lib/server/surveys/action-plans';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const locale = locals.locale === 'en' ? 'en' : 'fr';
	try {
		const d = await getDiagnostic(db, actor, params.id);
		const submitted = d.response.status === 'submitted';
		return {
			staff: isStaff(actor),
			survey: { id: d.definition.survey.id, title: d.definition.survey.title, locale: d.definition.survey.locale },
			organization: d.organization,
			submitted,
			submittedAt: d.response.submittedAt,
			scores: d.scores,
			chart: submitted ? scoresChart(d.scores, t('diagnostics_chart_series', {}, locale)) : null,
			proposals: d.proposals,
			planId: d.planId,
			canAnswer: isStaff(actor) || !submitted,
			answers: d.definition.sections.map((s) => ({ title: s.title, questions: s.questions.map((q) => ({ id: q.id, label: q.label, text: answerText(q, d.answers[q.id], d.definition.survey.locale === 'en' ? 'en' : 'fr') })) }))
		};
	} catch (e) {
		throw pageError(e);
	}
};

export const actions: Actions = {
	plan: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const form = await request.formData();
		const values = { actions: form.getAll('actions').map(String), title: String(form.get('title') ?? '') };
		const r = await formAction(locals.locale, values, () => createPlanFromDiagnostic(db, actor, params.id, values));
		if (failed(r)) return r;
		redirect(303, `/app/diagnostics/plans/${r.id}`);
	}
};
