import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { getEvent, listRegistrations } from '$lib/server/events/service';
import {
	configureMeetingDay,
	decideMeetingRequest,
	getMeetingDay,
	listMeetingRequests,
	listMeetings,
	listParticipants,
	meetingReport,
	participantRegistrationIds,
	placeMeeting,
	publishSchedule,
	removeMeeting,
	runScheduler,
	saveParticipant,
	setMeetingPinned,
	type SlotView
} from '$lib/server/meetings/service';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { instantToParisLocal } from '$lib/server/dates';
import { t } from '$lib/i18n/t';

const REQUEST_FILTERS = ['pending', 'accepted', 'declined'] as const;

/** The settings form as the organiser filled it, read back from the slots (the service keeps only the slots). */
function settingsOf(slots: SlotView[], tables: number, requestsCloseAt: Date | null, eventStart: Date) {
	const local = (d: Date | null) => instantToParisLocal(d);
	if (!slots.length) {
		const start = local(eventStart);
		return { tables: String(tables), day: start.slice(0, 10), firstStart: start.slice(11, 16), minutes: '20', gap: '5', count: '12', breakStart: '12:30', breakEnd: '14:00', requestsCloseAt: local(requestsCloseAt) };
	}
	const minutes = Math.round((slots[0].endsAt.getTime() - slots[0].startsAt.getTime()) / 60_000);
	const gaps = slots.slice(1).map((s, i) => Math.round((s.startsAt.getTime() - slots[i].endsAt.getTime()) / 60_000));
	const gap = gaps.length ? Math.min(...gaps) : 0;
	// The break: where slots are further apart than the usual gap.
	const at = gaps.findIndex((g) => g > gap);
	return {
		tables: String(tables),
		day: local(slots[0].startsAt).slice(0, 10),
		firstStart: local(slots[0].startsAt).slice(11, 16),
		minutes: String(minutes),
		gap: String(gap),
		count: String(slots.length),
		breakStart: at >= 0 ? local(slots[at].endsAt).slice(11, 16) : '',
		breakEnd: at >= 0 ? local(slots[at + 1].startsAt).slice(11, 16) : '',
		requestsCloseAt: local(requestsCloseAt)
	};
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const event = await getEvent(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	if (!event.hasBusinessMeetings) error(404, 'not_found');
	const day = await getMeetingDay(db, actor, event.id);
	const participants = await listParticipants(db, actor, event.id);
	const requests = await listMeetingRequests(db, actor, event.id);
	const meetings = await listMeetings(db, actor, event.id);
	const report = await meetingReport(db, actor, event.id);
	const joined = await participantRegistrationIds(db, actor, event.id);
	const registrations = (await listRegistrations(db, actor, event.id, { status: 'confirmed' }))
		.filter((r) => !joined.has(r.id))
		.map((r) => ({ id: r.id, name: r.name, organizationName: r.organizationName }))
		.sort((a, b) => (a.organizationName ?? a.name).localeCompare(b.organizationName ?? b.name, 'fr'));
	const status = url.searchParams.get('requests');
	return {
		event: { id: event.id, title: event.title, slug: event.slug, startsAt: event.startsAt, endsAt: event.endsAt, venue: event.venue, communeName: event.communeName },
		day,
		settings: settingsOf(day.slots, day.tables, day.requestsCloseAt, event.startsAt),
		participants,
		requests,
		requestFilter: (REQUEST_FILTERS as readonly string[]).includes(status ?? '') ? (status as (typeof REQUEST_FILTERS)[number]) : '',
		meetings,
		report,
		registrations
	};
};

export const actions: Actions = {
	configure: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => configureMeetingDay(db, actor, params.id, values), 'configure');
		if (failed(r)) return r;
		return { form: 'configure', ok: true };
	},
	addParticipant: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		if (!values.registrationId) return fail(400, { form: 'addParticipant', errors: { registrationId: t('error_required', {}, locals.locale) }, values, message: t('form_has_errors', {}, locals.locale) });
		const r = await formAction(
			locals.locale,
			values,
			() => saveParticipant(db, actor, params.id, { registrationId: values.registrationId, offers: values.offers, seeks: values.seeks, available: 'all' }),
			'addParticipant'
		);
		if (failed(r)) return r;
		return { form: 'addParticipant', ok: true };
	},
	decide: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const decision = values.decision === 'accept' ? 'accept' : values.decision === 'decline' ? 'decline' : null;
		if (!values.requestId || !decision) return fail(400, { form: 'decide', message: '' });
		const r = await formAction(locals.locale, values, () => decideMeetingRequest(db, actor, values.requestId, decision), 'decide');
		if (failed(r)) return r;
		return { form: 'decide', ok: true, decision };
	},
	run: async ({ locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const r = await formAction(locals.locale, {}, () => runScheduler(db, actor, params.id), 'run');
		if (failed(r)) return r;
		return { form: 'run', ok: true };
	},
	place: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		// Each meeting and each unplaced request has its own form: the errors go back to that one.
		const formId = `place-${values.requestId ?? ''}`;
		const r = await formAction(locals.locale, values, () => placeMeeting(db, actor, params.id, { requestId: values.requestId, slotId: values.slotId, table: values.table }), formId);
		if (failed(r)) return r;
		return { form: formId, ok: true, table: r.table };
	},
	pin: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		if (!values.meetingId) return fail(400, { form: 'pin', message: '' });
		await setMeetingPinned(db, actor, params.id, values.meetingId, values.pinned === 'true').catch((e) => {
			throw pageError(e);
		});
		return { form: 'pin', ok: true };
	},
	remove: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		if (!values.meetingId) return fail(400, { form: 'remove', message: '' });
		await removeMeeting(db, actor, params.id, values.meetingId).catch((e) => {
			throw pageError(e);
		});
		return { form: 'remove', ok: true };
	},
	publish: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const published = values.published === 'true';
		await publishSchedule(db, actor, params.id, published).catch((e) => {
			throw pageError(e);
		});
		return { form: 'publish', ok: true, published };
	}
};
