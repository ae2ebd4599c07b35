import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { instantiateTemplate, SURVEY_TEMPLATES } from '$lib/server/surveys/templates';
import { createBarometer } from '$lib/server/surveys/barometer';
import { listEvents } from '$lib/server/events/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const locale = locals.locale === 'en' ? 'en' : 'fr';
	const events = (await listEvents(db, actor, {})).sort((a, b) => +new Date(b.startsAt) - +new Date(a.startsAt)).slice(0, 60);
	return {
		templates: SURVEY_TEMPLATES.map((t) => ({
			key: t.key,
			kind: t.kind,
			title: t.title[locale],
			summary: t.summary[locale],
			sections: t.sections.map((s) => ({ title: s.title[locale], questions: s.questions.map((q) => q.label[locale]) }))
		})),
		events: events.map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt })),
		year: new Date().getFullYear()
	};
};

export const actions: Actions = {
	survey: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => instantiateTemplate(db, actor, values), values.templateKey);
		if (failed(r)) return r;
		redirect(303, `/app/surveys/${r.survey.id}`);
	},
	barometer: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => createBarometer(db, actor, values), 'recruitment-barometer');
		if (failed(r)) return r;
		redirect(303, `/app/surveys/barometers/${r.series.id}`);
	}
};
