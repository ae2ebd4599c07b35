import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { handleApi, noContent, readJson } from '$lib/server/api/context';
import { deleteOrganization, getOrganization, updateOrganization } from '$lib/server/crm/service';

export const GET: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => json(await getOrganization(db, actor, event.params.id)));

export const PATCH: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => json(await updateOrganization(db, actor, event.params.id, await readJson(event))));

export const DELETE: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		await deleteOrganization(db, actor, event.params.id);
		return noContent();
	});
