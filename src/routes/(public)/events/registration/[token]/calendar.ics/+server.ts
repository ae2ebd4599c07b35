// The event of a ticket as an .ics file, marked tentative while wait-listed and cancelled once cancelled.
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { pageError } from '$lib/server/http';
import { registrationByToken } from '$lib/server/events/service';
import { eventsCalendar, icsHeaders } from '$lib/server/events/ics';

export const GET: RequestHandler = async ({ params }) => {
	const app = await getApp();
	try {
		const { registration, event } = await registrationByToken(app.database.db, params.token);
		const ics = eventsCalendar([event], {
			name: event.title,
			baseUrl: app.baseURL,
			tentativeIds: registration.status === 'waitlisted' ? new Set([event.id]) : undefined,
			cancelledIds: registration.status === 'cancelled' ? new Set([event.id]) : undefined
		});
		return new Response(ics, { headers: { ...icsHeaders(`${event.slug}.ics`), 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } });
	} catch (e) {
		throw pageError(e);
	}
};
