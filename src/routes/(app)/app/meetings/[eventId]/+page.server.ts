import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { getEvent } from '$lib/server/events/service';
import {
	agendaOf,
	cancelMeetingRequest,
	decideMeetingRequest,
	getMeetingDay,
	listMeetingRequests,
	listParticipants,
	myParticipant,
	saveMeetingFeedback,
	saveParticipant,
	sendMeetingRequest
} from '$lib/server/meetings/service';
import { ForbiddenError } from '$lib/server/errors';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { eventLocation } from '$lib/server/events/ics';

export const load: PageServerLoad = async ({ locals, url, params, setHeaders }) => {
	const actor = requireUser(locals, url);
	setHeaders({ 'cache-control': 'private, no-store' });
	const { db } = (await getApp()).database;
	const ev = await getEvent(db, actor, params.eventId).catch((e) => {
		throw pageError(e);
	});
	if (!ev.hasBusinessMeetings) error(404, 'not_found');
	// Reached by the event's slug (from "My events"): the forms post to the address with its id.
	if (params.eventId !== ev.id) redirect(308, `/app/meetings/${ev.id}${url.search}`);
	const event = { id: ev.id, title: ev.title, slug: ev.slug, startsAt: ev.startsAt, endsAt: ev.endsAt, place: eventLocation(ev) };
	const staff = actor.role === 'admin' || actor.role === 'team';
	// Someone not registered (or not confirmed) is told how to take part, rather than refused.
	const day = await getMeetingDay(db, actor, ev.id).catch((e) => {
		if (e instanceof ForbiddenError) return null;
		throw pageError(e);
	});
	if (!day) return { event, staff, state: 'not_registered' as const };
	const me = await myParticipant(db, actor, ev.id);
	const slots = day.slots;
	const dayView = { published: day.published, requestsOpen: day.requestsOpen, requestsCloseAt: day.requestsCloseAt, slots };
	if (!me) return { event, staff, state: 'join' as const, day: dayView, me: null };
	const q = url.searchParams.get('q') ?? '';
	const everyone = await listParticipants(db, actor, ev.id);
	const self = everyone.find((p) => p.id === me.id);
	const requests = (await listMeetingRequests(db, actor, ev.id)).filter((r) => r.fromId === me.id || r.toId === me.id);
	// The request each way between me and each participant, from my requests (listParticipants leaves
	// them out for a team member who takes part).
	const state = (r: (typeof requests)[number] | undefined) => (r ? { id: r.id, status: r.status } : null);
	const catalogue = (q.trim() ? await listParticipants(db, actor, ev.id, { q }) : everyone)
		.filter((p) => p.id !== me.id)
		.map((p) => ({ ...p, sent: state(requests.find((r) => r.fromId === me.id && r.toId === p.id)), received: state(requests.find((r) => r.toId === me.id && r.fromId === p.id)) }));
	// Its own id: the team's agendaOf would otherwise ask which participant.
	const agenda = await agendaOf(db, actor, ev.id, me.id);
	return {
		event,
		staff,
		state: 'participant' as const,
		day: dayView,
		me: { id: me.id, offers: me.offers, seeks: me.seeks, available: me.available, showcaseSlug: self?.showcaseSlug ?? null, organizationName: self?.organizationName ?? null },
		q,
		catalogue,
		others: everyone.length - 1,
		received: requests.filter((r) => r.toId === me.id),
		sent: requests.filter((r) => r.fromId === me.id),
		agenda: agenda.items,
		now: Date.now()
	};
};

export const actions: Actions = {
	/** Joins the meetings, or changes what one offers, seeks and when one is free. */
	profile: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const data = await request.formData();
		const values = { offers: String(data.get('offers') ?? ''), seeks: String(data.get('seeks') ?? '') };
		const chosen = data.getAll('available').map(String);
		const r = await formAction(
			locals.locale,
			{ ...values, available: chosen.join(',') },
			async () => {
				// Every slot ticked is "all": slots the organiser adds later count too.
				const { slots } = await getMeetingDay(db, actor, params.eventId);
				const all = slots.length === 0 || (data.get('availability') === 'shown' && slots.every((s) => chosen.includes(s.id)));
				return saveParticipant(db, actor, params.eventId, { ...values, available: all ? 'all' : chosen });
			},
			'profile'
		);
		if (failed(r)) return r;
		return { form: 'profile', ok: true };
	},
	request: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const formId = `request-${values.to ?? ''}`;
		const r = await formAction(locals.locale, values, () => sendMeetingRequest(db, actor, params.eventId, { to: values.to, message: values.message, priority: values.priority }), formId);
		if (failed(r)) return r;
		return { form: formId, ok: true, status: r.status };
	},
	decide: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const decision = values.decision === 'accept' ? 'accept' : values.decision === 'decline' ? 'decline' : null;
		if (!values.requestId || !decision) return fail(400, { form: 'decide', message: '' });
		const r = await formAction(locals.locale, values, () => decideMeetingRequest(db, actor, values.requestId, decision), 'decide');
		if (failed(r)) return r;
		return { form: 'decide', ok: true, decision };
	},
	cancel: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		if (!values.requestId) return fail(400, { form: 'cancel', message: '' });
		const r = await formAction(locals.locale, values, () => cancelMeetingRequest(db, actor, values.requestId), 'cancel');
		if (failed(r)) return r;
		return { form: 'cancel', ok: true };
	},
	feedback: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const formId = `feedback-${values.meetingId ?? ''}`;
		const r = await formAction(
			locals.locale,
			values,
			() => saveMeetingFeedback(db, actor, values.meetingId ?? '', { happened: values.happened, business: values.business, comment: values.comment }),
			formId
		);
		if (failed(r)) return r;
		return { form: formId, ok: true };
	}
};
