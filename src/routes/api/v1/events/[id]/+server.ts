// GET one event; PATCH changes the fields given (team); DELETE removes an event without registrations.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { handleApi, noContent, readJson } from '$lib/server/api/context';
import { getApp } from '$lib/server/app';
import { deleteEvent, eventJson, getEvent, patchEvent } from '$lib/server/events/service';

export const GET: RequestHandler = (event) => handleApi(event, async ({ db, actor }) => json(eventJson(await getEvent(db, actor, event.params.id))));

export const PATCH: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const { promoted } = await patchEvent(db, actor, event.params.id, await readJson(event), { baseUrl: (await getApp()).baseURL });
		return json({ ...eventJson(await getEvent(db, actor, event.params.id)), promoted });
	});

export const DELETE: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		await getEvent(db, actor, event.params.id);
		await deleteEvent(db, actor, event.params.id);
		return noContent();
	});
