import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { listEventKinds, saveEventKinds } from '$lib/server/events/service';
import { failed, formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	return { kinds: await listEventKinds(db) };
};

interface Row {
	id: string;
	name: string;
	order: string;
	remove: boolean;
}

export const actions: Actions = {
	/**
	 * The rows in the order their "order" numbers give (ties keep the rows' order), as the taxonomy page
	 * does. A row is removed when ticked "remove" or when its name is emptied; blank new rows are ignored.
	 */
	default: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const form = await request.formData();
		const ids = form.getAll('id').map(String);
		const names = form.getAll('name').map(String);
		const orders = form.getAll('order').map(String);
		const removed = new Set(form.getAll('remove').map(String));
		const rows: Row[] = names.map((name, i) => ({ id: ids[i] ?? '', name, order: orders[i] ?? '', remove: removed.has(String(i)) }));
		const kept = rows
			.map((r, index) => ({ ...r, index, rank: Number.isFinite(Number.parseFloat(r.order)) ? Number.parseFloat(r.order) : index + 1 }))
			.filter((r) => !r.remove && r.name.trim())
			.sort((a, b) => a.rank - b.rank || a.index - b.index);
		const entries = kept.map((r) => ({ id: r.id || undefined, name: r.name }));
		const { db } = (await getApp()).database;
		const r = await formAction(locals.locale, { rows }, () => saveEventKinds(db, actor, entries));
		if (failed(r)) {
			// The service names entries by their place in the saved list; the page shows errors by row.
			const errors: Record<string, string> = {};
			for (const [path, text] of Object.entries(r.data.errors)) {
				const m = /^entries\.(\d+)\.name$/.exec(path);
				if (m && kept[Number(m[1])]) errors[`rows.${kept[Number(m[1])].index}`] = text;
				else errors[path] = text;
			}
			r.data.errors = errors;
			return r;
		}
		return { ok: true };
	}
};
