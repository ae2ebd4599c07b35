// A participant's agenda as PDF for the team (printed for the welcome desk), published or not.
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { getEvent } from '$lib/server/events/service';
import { eventLocation } from '$lib/server/events/ics';
import { agendaOf } from '$lib/server/meetings/service';
import { agendaPdf, pdfHeaders } from '$lib/server/meetings/agenda-files';
import { pageError } from '$lib/server/http';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const app = await getApp();
	const { db } = app.database;
	try {
		const event = await getEvent(db, actor, params.id);
		const agenda = await agendaOf(db, actor, event.id, params.participantId);
		const pdf = await agendaPdf(agenda.items, {
			eventTitle: event.title,
			venue: eventLocation(event),
			participant: agenda.participant,
			url: `${app.baseURL}/app/meetings/${event.id}`,
			locale: locals.locale,
			date: agenda.items[0]?.startsAt ?? event.startsAt
		});
		return new Response(new Uint8Array(pdf), { headers: pdfHeaders(`rendez-vous-${agenda.participant.name}.pdf`) });
	} catch (e) {
		throw pageError(e);
	}
};
