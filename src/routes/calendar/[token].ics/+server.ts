// A person's own feed (the events they registered for), at a secret address shown on /app/my-events.
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { pageError } from '$lib/server/http';
import { personalCalendar } from '$lib/server/events/service';
import { icsHeaders } from '$lib/server/events/ics';

export const GET: RequestHandler = async ({ params }) => {
	const app = await getApp();
	try {
		const ics = await personalCalendar(app.database.db, params.token, app.baseURL);
		// The address is a secret: no shared cache keeps it, no page it links to learns it.
		return new Response(ics, { headers: { ...icsHeaders(), 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } });
	} catch (e) {
		throw pageError(e);
	}
};
