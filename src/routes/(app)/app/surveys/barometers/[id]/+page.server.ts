import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { defaultPair, getBarometer, startNextEdition } from '$lib/server/surveys/barometer';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	try {
		const series = await getBarometer(db, actor, params.id);
		const last = series.editions.at(-1)?.editionYear;
		return { series, pair: defaultPair(series), nextYear: last ? last + 1 : new Date().getFullYear() };
	} catch (e) {
		throw pageError(e);
	}
};

export const actions: Actions = {
	next: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => startNextEdition(db, actor, params.id, values));
		if (failed(r)) return r;
		if (!r) error(500);
		redirect(303, `/app/surveys/${r.survey.id}`);
	}
};
