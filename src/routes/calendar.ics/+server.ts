// The cluster's public agenda as an iCalendar feed, for calendars that subscribe to an address.
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { publicCalendar } from '$lib/server/events/service';
import { icsHeaders } from '$lib/server/events/ics';

export const GET: RequestHandler = async () => {
	const app = await getApp();
	return new Response(await publicCalendar(app.database.db, app.baseURL), { headers: icsHeaders() });
};
