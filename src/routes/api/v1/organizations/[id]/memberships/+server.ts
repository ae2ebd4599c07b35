// GET lists an organization's memberships; POST adds one.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { created, handleApi, readJson } from '$lib/server/api/context';
import { createMembership, listMemberships } from '$lib/server/crm/service';

export const GET: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => json(await listMemberships(db, actor, event.params.id)));

export const POST: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const membership = await createMembership(db, actor, event.params.id, await readJson(event));
		return created(membership, `/api/v1/memberships/${membership.id}`);
	});
