import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { getShowcaseSettings, listCompetencies, listReferenceKinds, saveCompetencies, saveReferenceKinds, updateShowcaseSettings } from '$lib/server/showcase/service';
import { failed, formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	return { competencies: await listCompetencies(db), referenceKinds: await listReferenceKinds(db), settings: await getShowcaseSettings(db) };
};

interface Row {
	id: string;
	name: string;
	order: string;
	remove: boolean;
}

/**
 * The rows of a taxonomy form, in the order their "order" numbers give (ties keep the rows' order).
 * A row is removed when ticked "remove" or when its name is emptied; blank new rows are ignored.
 */
async function taxonomyAction(request: Request, locals: App.Locals, url: URL, formName: 'competencies' | 'referenceKinds') {
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
	const save = formName === 'competencies' ? saveCompetencies : saveReferenceKinds;
	const r = await formAction(locals.locale, { rows }, () => save(db, actor, entries), formName);
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
	return { form: formName, ok: true };
}

export const actions: Actions = {
	competencies: ({ request, locals, url }) => taxonomyAction(request, locals, url, 'competencies'),
	referenceKinds: ({ request, locals, url }) => taxonomyAction(request, locals, url, 'referenceKinds'),
	settings: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const form = await request.formData();
		const { db } = (await getApp()).database;
		const r = await formAction(locals.locale, {}, () => updateShowcaseSettings(db, actor, { requireApproval: form.get('requireApproval') === 'on' }), 'settings');
		if (failed(r)) return r;
		return { form: 'settings', ok: true };
	}
};
