// The table signs as PDF: one A4 page per table, to print and set on each table.
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { getMeetingDay, listMeetings } from '$lib/server/meetings/service';
import { pdfHeaders, tableSignsPdf } from '$lib/server/meetings/agenda-files';
import { pageError } from '$lib/server/http';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	try {
		const day = await getMeetingDay(db, actor, params.id);
		const pdf = await tableSignsPdf(await listMeetings(db, actor, params.id), { eventTitle: day.title, locale: locals.locale });
		return new Response(new Uint8Array(pdf), { headers: pdfHeaders(`tables-${day.slug}.pdf`) });
	} catch (e) {
		throw pageError(e);
	}
};
