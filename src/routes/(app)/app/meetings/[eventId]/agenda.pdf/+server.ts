// The signed-in participant's published agenda as a PDF to print or keep on a phone.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { getEvent } from '$lib/server/events/service';
import { eventLocation } from '$lib/server/events/ics';
import { agendaOf, myParticipant } from '$lib/server/meetings/service';
import { agendaPdf, pdfHeaders } from '$lib/server/meetings/agenda-files';
import { pageError } from '$lib/server/http';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const app = await getApp();
	const { db } = app.database;
	try {
		const event = await getEvent(db, actor, params.eventId);
		// Only one's own agenda, once published (the team prints anyone's from the organiser's page).
		const me = await myParticipant(db, actor, event.id);
		if (!me) error(404, 'not_found');
		const agenda = await agendaOf(db, actor, event.id, me.id);
		if (!agenda.published) error(404, 'not_found');
		const pdf = await agendaPdf(agenda.items, {
			eventTitle: event.title,
			venue: eventLocation(event),
			participant: agenda.participant,
			url: `${app.baseURL}/app/meetings/${event.id}`,
			locale: locals.locale,
			date: agenda.items[0]?.startsAt ?? event.startsAt
		});
		return new Response(new Uint8Array(pdf), { headers: pdfHeaders(`rendez-vous-${event.slug}.pdf`) });
	} catch (e) {
		throw pageError(e);
	}
};
