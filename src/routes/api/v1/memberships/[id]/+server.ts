import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { handleApi, noContent, readJson } from '$lib/server/api/context';
import { deleteMembership, getMembership, updateMembership } from '$lib/server/crm/service';

export const GET: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => json(await getMembership(db, actor, event.params.id)));

export const PATCH: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => json(await updateMembership(db, actor, event.params.id, await readJson(event))));

export const DELETE: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		await deleteMembership(db, actor, event.params.id);
		return noContent();
	});
