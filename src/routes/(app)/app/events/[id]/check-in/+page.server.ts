import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { checkIn, formatTicketCode, getEvent, listRegistrations, normalizeTicketCode, undoCheckIn } from '$lib/server/events/service';
import { ConflictError, InvalidError, NotFoundError } from '$lib/server/errors';
import { pageError } from '$lib/server/http';
import { t } from '$lib/i18n/t';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const event = await getEvent(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	const q = url.searchParams.get('q') ?? '';
	const attendees = await listRegistrations(db, actor, event.id, { q, status: 'confirmed' });
	// A ticket's QR code opens this page with ?code=: show whose ticket it is; only the button checks in.
	const rawCode = url.searchParams.get('code');
	let lookup = null;
	if (rawCode) {
		const code = normalizeTicketCode(rawCode);
		const [registration] = code ? (await listRegistrations(db, actor, event.id, { q: code })).filter((r) => r.ticketCode === code) : [];
		lookup = { code, registration: registration ?? null };
	}
	return { event, attendees, q, lookup };
};

type CheckInOutcome =
	| { outcome: 'ok' | 'already'; name: string; organizationName: string | null; checkedInAt: Date | null; code: string }
	| { outcome: 'undone'; name: string }
	| { outcome: 'not_found' | 'refused' | 'invalid'; message: string; code: string };

export const actions: Actions = {
	checkIn: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const code = String((await request.formData()).get('code') ?? '');
		try {
			const r = await checkIn(db, actor, params.id, code);
			return {
				outcome: r.already ? 'already' : 'ok',
				name: r.registration.name,
				organizationName: r.registration.organizationName,
				checkedInAt: r.registration.checkedInAt,
				code: r.registration.ticketCode
			} satisfies CheckInOutcome;
		} catch (e) {
			const shown = normalizeTicketCode(code);
			if (e instanceof NotFoundError) {
				// A scanned QR code of something else is not worth repeating back.
				const message = shown.length === 8 ? t('events_admin_checkin_not_found', { code: formatTicketCode(shown) }, locals.locale) : t('events_admin_checkin_not_found_other', {}, locals.locale);
				return fail(404, { outcome: 'not_found', message, code: shown } satisfies CheckInOutcome);
			}
			if (e instanceof ConflictError) return fail(409, { outcome: 'refused', message: t(e.messageKey, e.params, locals.locale), code: shown } satisfies CheckInOutcome);
			if (e instanceof InvalidError) return fail(400, { outcome: 'invalid', message: t('events_admin_checkin_code_required', {}, locals.locale), code: '' } satisfies CheckInOutcome);
			throw pageError(e);
		}
	},
	undo: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const form = await request.formData();
		await undoCheckIn(db, actor, params.id, String(form.get('registrationId') ?? ''));
		return { outcome: 'undone', name: String(form.get('name') ?? '') } satisfies CheckInOutcome;
	}
};
