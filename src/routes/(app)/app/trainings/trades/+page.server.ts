import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { createStorage } from '$lib/server/files/storage';
import { createTrade, deleteTrade, listTradesFull, moveTrade } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const trades = await listTradesFull(db, actor);
	return { trades: trades.map((t) => ({ id: t.id, name: t.name, slug: t.slug, hasPage: !!t.description })) };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => createTrade(db, actor, { name: values.name, slug: values.slug }), 'create');
		if (failed(r)) return r;
		redirect(303, `/app/trainings/trades/${r.id}`);
	},
	move: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		await moveTrade(db, actor, values.id ?? '', values.direction === 'up' ? 'up' : 'down').catch((e) => {
			throw pageError(e);
		});
		return { form: 'move', ok: true };
	},
	delete: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		await deleteTrade(db, createStorage(db), actor, values.id ?? '').catch((e) => {
			throw pageError(e);
		});
		return { form: 'delete', ok: true };
	}
};
