import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { createSegment, deleteSegment, listOrganizations, listSegments, listTags, listTeamMembers, listValueChainStages } from '$lib/server/crm/service';
import { allDepartements, allRegions } from '$lib/server/geo/communes';
import { InvalidError, type FieldIssue } from '$lib/server/errors';
import { failed, fieldErrors, formAction } from '$lib/server/http';

/** The list's query string as a filter object (status may repeat). */
function filterFromUrl(url: URL) {
	const raw: Record<string, unknown> = Object.fromEntries(url.searchParams);
	raw.status = url.searchParams.getAll('status');
	return raw;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const raw = filterFromUrl(url);
	let result;
	let filterErrors: Record<string, string> = {};
	try {
		result = await listOrganizations(db, actor, raw);
	} catch (e) {
		if (!(e instanceof InvalidError)) throw e;
		filterErrors = fieldErrors(e.issues, locals.locale);
		result = await listOrganizations(db, actor, {});
	}
	const [segments, team, stages, tags] = await Promise.all([listSegments(db, actor), listTeamMembers(db), listValueChainStages(db), listTags(db)]);
	return {
		result,
		filter: raw,
		filterErrors,
		segments,
		team,
		stages,
		tags,
		departements: allDepartements().map((d) => ({ code: d.code, nom: d.nom })),
		regions: allRegions().map((r) => ({ code: r.code, nom: r.nom }))
	};
};

export const actions: Actions = {
	saveSegment: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const form = await request.formData();
		const query = String(form.get('query') ?? '');
		const params = new URLSearchParams(query);
		const filter: Record<string, unknown> = Object.fromEntries(params);
		filter.status = params.getAll('status');
		const values = { name: String(form.get('name') ?? '') };
		const r = await formAction(locals.locale, values, () => createSegment(db, actor, { name: values.name, shared: form.get('shared') === 'on', filter }));
		if (failed(r)) return r;
		redirect(303, `/app/organizations?${query}`);
	},
	deleteSegment: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const id = String((await request.formData()).get('id') ?? '');
		if (!id) return fail(400, {});
		await deleteSegment(db, actor, id);
		return { deleted: true };
	}
};
