import { fail, redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n/t';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import {
	deleteOffer,
	getEmploymentSettings,
	getOffer,
	listCompetencyOptions,
	listOrganizationOptions,
	listTradeOptions,
	markOfferFilled,
	moderateOffer,
	republishOffer,
	submitOffer,
	updateOffer
} from '$lib/server/employment/service';
import { offerFormValues, offerToFormValues } from '$lib/server/employment/form';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const staff = isStaff(actor);
	const { db } = (await getApp()).database;
	try {
		const offer = await getOffer(db, actor, params.id);
		const [trades, competencies, organizations, settings] = await Promise.all([
			listTradeOptions(db),
			listCompetencyOptions(db),
			staff ? listOrganizationOptions(db, actor) : null,
			getEmploymentSettings(db)
		]);
		return {
			staff,
			offer: { ...offer, lat: null, lon: null },
			formValues: offerToFormValues(offer),
			trades,
			competencies,
			organizations,
			moderated: !staff && settings.moderation,
			done: url.searchParams.get('done') ?? ''
		};
	} catch (e) {
		throw pageError(e);
	}
};

async function run<T>(locals: App.Locals, url: URL, fn: (db: import('$lib/server/db/client').Db, actor: import('$lib/server/auth/actor').Actor) => Promise<T>, values: Record<string, unknown>, form: string) {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	return formAction(locals.locale, values, () => fn(db, actor), form);
}

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		const { values, intent } = await offerFormValues(request);
		const r = await run(locals, url, (db, actor) => updateOffer(db, actor, params.id, values, { submit: intent === 'submit' }), values, 'edit');
		if (failed(r)) return r;
		redirect(303, `/app/jobs/${params.id}?done=${r.status === 'published' || r.status === 'pending' ? r.status : 'saved'}`);
	},
	submit: async ({ locals, url, params }) => {
		const r = await run(locals, url, (db, actor) => submitOffer(db, actor, params.id), {}, 'actions');
		if (failed(r)) return r;
		redirect(303, `/app/jobs/${params.id}?done=${r}`);
	},
	filled: async ({ locals, url, params }) => {
		const r = await run(locals, url, (db, actor) => markOfferFilled(db, actor, params.id), {}, 'actions');
		if (failed(r)) return r;
		redirect(303, `/app/jobs/${params.id}?done=filled`);
	},
	republish: async ({ request, locals, url, params }) => {
		const values = await formValues(request);
		const r = await run(locals, url, (db, actor) => republishOffer(db, actor, params.id, values.days), values, 'republish');
		if (failed(r)) return r;
		redirect(303, `/app/jobs/${params.id}?done=extended`);
	},
	moderate: async ({ request, locals, url, params }) => {
		const values = await formValues(request);
		const r = await run(locals, url, (db, actor) => moderateOffer(db, actor, params.id, values, { baseUrl: url.origin }), values, 'moderate');
		if (failed(r)) return r;
		redirect(303, `/app/jobs/${params.id}?done=${r}`);
	},
	delete: async ({ request, locals, url, params }) => {
		const values = await formValues(request);
		if (values.confirm !== 'on') return fail(400, { form: 'delete', errors: { confirm: t('error_required', {}, locals.locale) }, values, message: t('form_has_errors', {}, locals.locale) });
		const r = await run(locals, url, (db, actor) => deleteOffer(db, actor, params.id), values, 'delete');
		if (failed(r)) return r;
		redirect(303, '/app/jobs');
	}
};
