import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { actorOf } from '$lib/server/auth/guards';
import { listEventKinds, listEvents, registrationWindow } from '$lib/server/events/service';

export const load: PageServerLoad = async ({ url, locals }) => {
	const app = await getApp();
	const { db } = app.database;
	const when = url.searchParams.get('when') === 'past' ? 'past' : 'upcoming';
	const kind = url.searchParams.get('kind') ?? '';
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const actor = locals.user ? actorOf(locals.user) : null;
	const [kinds, list] = await Promise.all([listEventKinds(db), listEvents(db, actor, { when, kindId: kind || undefined, q: q || undefined, limit: 200 })]);
	const now = new Date();
	return {
		query: { when, kind, q },
		kinds: kinds.map((k) => ({ id: k.id, name: k.name })),
		// Only what a card shows: the meeting link stays with registrants.
		events: list.map((e) => ({
			id: e.id,
			slug: e.slug,
			title: e.title,
			summary: e.summary,
			kindName: e.kindName,
			startsAt: e.startsAt,
			endsAt: e.endsAt,
			mode: e.mode,
			venue: e.venue,
			communeName: e.communeName,
			audience: e.audience,
			status: e.status,
			capacity: e.capacity,
			remaining: e.remaining,
			window: registrationWindow(e, now)
		})),
		calendarUrl: `${app.baseURL}/calendar.ics`
	};
};
