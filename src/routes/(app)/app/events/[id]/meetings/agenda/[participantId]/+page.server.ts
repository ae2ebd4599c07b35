import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { agendaOf, getMeetingDay } from '$lib/server/meetings/service';
import { pageError } from '$lib/server/http';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	try {
		const day = await getMeetingDay(db, actor, params.id);
		const agenda = await agendaOf(db, actor, params.id, params.participantId);
		return { event: { id: day.eventId, title: day.title, startsAt: day.startsAt }, agenda, now: Date.now() };
	} catch (e) {
		throw pageError(e);
	}
};
