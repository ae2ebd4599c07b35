// GET lists an organization's interactions; POST adds one.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { created, handleApi, readJson } from '$lib/server/api/context';
import { createInteraction, listInteractions } from '$lib/server/crm/service';

export const GET: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => json(await listInteractions(db, actor, event.params.id)));

export const POST: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const interaction = await createInteraction(db, actor, event.params.id, await readJson(event));
		return created(interaction, `/api/v1/interactions/${interaction.id}`);
	});
