// GET the registrations of an event (team); POST registers someone: 201 with confirmed or waitlisted
// (and the waiting-list position), or 200 with the existing registration of an address already registered.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { handleApi, readJson } from '$lib/server/api/context';
import { getApp } from '$lib/server/app';
import { listRegistrations, registerForEvent, registrationJson } from '$lib/server/events/service';

export const GET: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const q = event.url.searchParams;
		const list = await listRegistrations(db, actor, event.params.id, { q: q.get('q') ?? undefined, status: q.get('status') ?? undefined });
		return json(list.map(registrationJson));
	});

export const POST: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor, locale }) => {
		const body = await readJson(event);
		const r = await registerForEvent(db, actor, event.params.id, body, {
			baseUrl: (await getApp()).baseURL,
			// The registrant's emails: the body's locale, else the caller's Accept-Language, else French.
			locale: body.locale === 'en' || body.locale === 'fr' ? body.locale : event.request.headers.has('accept-language') ? locale : 'fr',
			source: 'api'
		});
		const out = { id: r.id, status: r.status, ...(r.position !== undefined ? { position: r.position } : {}), ticketCode: r.ticketCode, existing: r.existing };
		return json(out, { status: r.existing ? 200 : 201, headers: { location: `/api/v1/events/${event.params.id}/registrations/${r.id}` } });
	});
