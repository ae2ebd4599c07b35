// GET lists an organization's contacts; POST adds one.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { created, handleApi, readJson } from '$lib/server/api/context';
import { createPerson, listPeople } from '$lib/server/crm/service';

export const GET: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => json(await listPeople(db, actor, event.params.id)));

export const POST: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const contact = await createPerson(db, actor, event.params.id, await readJson(event));
		return created(contact, `/api/v1/contacts/${contact.id}`);
	});
