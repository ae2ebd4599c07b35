// GET lists the events the caller may see (upcoming by default); POST creates one (team).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { created, handleApi, readJson } from '$lib/server/api/context';
import { createEvent, eventJson, getEvent, listEvents } from '$lib/server/events/service';

export const GET: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const q = event.url.searchParams;
		const when = q.get('when');
		const list = await listEvents(db, actor, {
			when: when === 'past' || when === 'all' ? when : 'upcoming',
			kindId: q.get('kind') ?? undefined,
			q: q.get('q') ?? undefined,
			includeDrafts: q.get('drafts') === 'true',
			limit: Number(q.get('limit')) || undefined
		});
		return json(list.map(eventJson));
	});

export const POST: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const { id } = await createEvent(db, actor, await readJson(event));
		return created(eventJson(await getEvent(db, actor, id)), `/api/v1/events/${id}`);
	});
