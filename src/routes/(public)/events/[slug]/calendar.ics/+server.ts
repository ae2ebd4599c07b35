// One event as an .ics file, for "Ajouter à mon agenda".
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { actorOf } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { eventCalendar } from '$lib/server/events/service';
import { icsHeaders } from '$lib/server/events/ics';

export const GET: RequestHandler = async ({ params, locals }) => {
	const app = await getApp();
	try {
		const { ics, slug } = await eventCalendar(app.database.db, locals.user ? actorOf(locals.user) : null, params.slug, app.baseURL);
		return new Response(ics, { headers: icsHeaders(`${slug}.ics`) });
	} catch (e) {
		throw pageError(e);
	}
};
