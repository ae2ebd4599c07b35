import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { deleteEvent, getEvent, listEventKinds, listRegistrations, patchEvent, updateEvent, type EventView } from '$lib/server/events/service';
import { questionsToText } from '$lib/server/events/validation';
import { instantToParisLocal } from '$lib/server/dates';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';

/** Euros as the team types them in France: "35", "35,50". */
const euros = (cents: number | null) => (cents == null ? '' : (cents / 100).toFixed(2).replace('.', ',').replace(/,00$/, ''));

/** The event as the form's fields show it (Paris wall clock, euros, the questions' text). */
function eventFormValues(e: EventView): Record<string, string> {
	return {
		title: e.title,
		kindId: e.kindId ?? '',
		summary: e.summary ?? '',
		description: e.description ?? '',
		startsAt: instantToParisLocal(e.startsAt),
		endsAt: instantToParisLocal(e.endsAt),
		mode: e.mode,
		onlineUrl: e.onlineUrl ?? '',
		venue: e.venue ?? '',
		addressLine: e.addressLine ?? '',
		postalCode: e.postalCode ?? '',
		communeName: e.communeName ?? '',
		capacity: e.capacity == null ? '' : String(e.capacity),
		registrationOpensAt: instantToParisLocal(e.registrationOpensAt),
		registrationClosesAt: instantToParisLocal(e.registrationClosesAt),
		priceMember: euros(e.priceMemberCents),
		priceNonMember: euros(e.priceNonMemberCents),
		audience: e.audience,
		status: e.status,
		questions: questionsToText(e.questions),
		hasBusinessMeetings: e.hasBusinessMeetings ? 'on' : ''
	};
}

async function load_(locals: App.Locals, url: URL, id: string) {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const event = await getEvent(db, actor, id).catch((e) => {
		throw pageError(e);
	});
	return { actor, db, event };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { actor, db, event } = await load_(locals, url, params.id);
	// Cancelled registrations count too: the service keeps every registration of an event it deletes.
	const registrations = (await listRegistrations(db, actor, event.id)).length;
	return { event, values: eventFormValues(event), kinds: await listEventKinds(db), registrations };
};

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		const { actor, db } = await load_(locals, url, params.id);
		const values = await formValues(request);
		const app = await getApp();
		const r = await formAction(locals.locale, values, () => updateEvent(db, actor, params.id, values, { baseUrl: app.baseURL }), 'save');
		if (failed(r)) return r;
		redirect(303, `/app/events/${params.id}?saved=1${r.promoted ? `&promoted=${r.promoted}` : ''}`);
	},
	/** Cancelling has its own button and warning: every registrant is told by email. */
	cancelEvent: async ({ locals, url, params }) => {
		const { actor, db } = await load_(locals, url, params.id);
		const app = await getApp();
		const r = await formAction(locals.locale, {}, () => patchEvent(db, actor, params.id, { status: 'cancelled' }, { baseUrl: app.baseURL }), 'cancelEvent');
		if (failed(r)) return r;
		redirect(303, `/app/events/${params.id}?cancelled=1`);
	},
	delete: async ({ locals, url, params }) => {
		const { actor, db } = await load_(locals, url, params.id);
		const r = await formAction(locals.locale, {}, () => deleteEvent(db, actor, params.id), 'delete');
		if (failed(r)) return r;
		redirect(303, '/app/events?deleted=1');
	}
};
