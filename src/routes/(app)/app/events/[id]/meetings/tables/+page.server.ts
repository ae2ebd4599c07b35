import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { getMeetingDay, listMeetings } from '$lib/server/meetings/service';
import { meetingsByTable } from '$lib/server/meetings/agenda-files';
import { pageError } from '$lib/server/http';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	try {
		const day = await getMeetingDay(db, actor, params.id);
		const meetings = await listMeetings(db, actor, params.id);
		return { event: { id: day.eventId, title: day.title, startsAt: day.startsAt }, published: day.published, tables: meetingsByTable(meetings) };
	} catch (e) {
		throw pageError(e);
	}
};
