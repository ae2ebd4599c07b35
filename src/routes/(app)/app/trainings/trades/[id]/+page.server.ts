import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { createStorage } from '$lib/server/files/storage';
import { getTrade, removeTradePhoto, setTradePhoto, updateTrade } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const trade = await getTrade(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	return {
		trade: { id: trade.id, name: trade.name, slug: trade.slug, photoKey: trade.photoKey },
		values: { name: trade.name, slug: trade.slug, description: trade.description ?? '', skills: trade.skills.join('\n'), trainingPaths: trade.trainingPaths ?? '', videos: trade.videos.join('\n') }
	};
};

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => updateTrade(db, actor, params.id, values), 'save');
		if (failed(r)) return r;
		return { form: 'save', ok: true };
	},
	photo: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const data = await request.formData();
		const file = data.get('photo');
		const r = await formAction(locals.locale, {}, () => setTradePhoto(db, createStorage(db), actor, params.id, file instanceof File ? file : null), 'photo');
		if (failed(r)) return r;
		return { form: 'photo', ok: true };
	},
	removePhoto: async ({ locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		await removeTradePhoto(db, createStorage(db), actor, params.id).catch((e) => {
			throw pageError(e);
		});
		return { form: 'photo', ok: true };
	}
};
