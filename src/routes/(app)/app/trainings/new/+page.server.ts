import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { failed, formAction } from '$lib/server/http';
import { createTraining, listTrades, providerOptions } from '$lib/server/trainings/service';
import { trainingFormValues } from '$lib/server/trainings/forms';
import { FUNDINGS } from '$lib/server/trainings/validation';
import { error } from '@sveltejs/kit';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const providers = await providerOptions(db, actor);
	if (!providers.length) error(403, 'forbidden');
	return { staff: isStaff(actor), providers, trades: await listTrades(db), fundings: [...FUNDINGS] };
};

export const actions: Actions = {
	save: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await trainingFormValues(request);
		const r = await formAction(locals.locale, values, () => createTraining(db, actor, values));
		if (failed(r)) return r;
		redirect(303, `/app/trainings/${r.id}?saved=1`);
	}
};
