import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { calendarTokenFor, myRegistrations, resetCalendarToken } from '$lib/server/events/service';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	const actor = requireUser(locals, url);
	// The feed's address and the ticket links are secrets: no shared cache keeps this page.
	setHeaders({ 'cache-control': 'private, no-store' });
	const app = await getApp();
	const { db } = app.database;
	const [registrations, token] = await Promise.all([myRegistrations(db, actor), calendarTokenFor(db, actor)]);
	return {
		registrations: registrations.map((r) => ({
			status: r.status,
			token: r.token,
			event: {
				slug: r.event.slug,
				title: r.event.title,
				kindName: r.event.kindName,
				startsAt: r.event.startsAt,
				endsAt: r.event.endsAt,
				mode: r.event.mode,
				venue: r.event.venue,
				communeName: r.event.communeName,
				status: r.event.status,
				hasBusinessMeetings: r.event.hasBusinessMeetings
			}
		})),
		feedUrl: `${app.baseURL}/calendar/${token}.ics`
	};
};

export const actions: Actions = {
	resetFeed: async ({ locals, url }) => {
		const actor = requireUser(locals, url);
		await resetCalendarToken((await getApp()).database.db, actor);
		return { reset: true };
	}
};
