import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { instantToParisLocal } from '$lib/server/dates';
import { formatPhone } from '$lib/server/crm/identifiers';
import { askForRide, bookSeat, cancelBooking, carpoolBoard, offerRide, withdrawOffer, withdrawRideRequest } from '$lib/server/tradeshows/service';

export const load: PageServerLoad = async ({ locals, url, params, parent, setHeaders }) => {
	const actor = requireUser(locals, url);
	// Contact details of one's ride: never kept by a shared cache.
	setHeaders({ 'cache-control': 'private, no-store' });
	const { db } = (await getApp()).database;
	const { show } = await parent();
	const board = await carpoolBoard(db, actor, params.eventId);
	const phone = (p: string | null) => (p ? formatPhone(p) : null);
	return {
		board: {
			...board,
			offers: board.offers.map((o) => ({
				...o,
				driver: o.driver ? { ...o.driver, phone: phone(o.driver.phone) } : null,
				passengers: o.passengers ? o.passengers.map((p) => ({ ...p, phone: phone(p.phone) })) : null
			}))
		},
		// Forms start on the show's day, an hour and a half before it opens (France's wall clock).
		defaultDeparture: instantToParisLocal(new Date(show.event.startsAt.getTime() - 90 * 60_000))
	};
};

const ctxOf = async () => {
	const app = await getApp();
	return { db: app.database.db, ctx: { baseUrl: app.baseURL } };
};

export const actions: Actions = {
	offer: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db, ctx } = await ctxOf();
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => offerRide(db, actor, params.eventId, values, ctx), 'offer');
		if (failed(r)) return r;
		return { form: 'offer', ok: true, notified: r.notified };
	},
	ask: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = await ctxOf();
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => askForRide(db, actor, params.eventId, values), 'ask');
		if (failed(r)) return r;
		return { form: 'ask', ok: true };
	},
	book: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db, ctx } = await ctxOf();
		const values = await formValues(request);
		if (!values.offerId) return fail(400, { form: 'book', errors: {}, values, message: '' });
		const r = await formAction(locals.locale, values, () => bookSeat(db, actor, params.eventId, values.offerId, values, ctx), 'book');
		if (failed(r)) return r;
		return { form: 'book', ok: true, offerId: values.offerId };
	},
	cancelBooking: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db, ctx } = await ctxOf();
		const values = await formValues(request);
		if (!values.bookingId) return fail(400, { form: 'cancelBooking', errors: {}, values, message: '' });
		const r = await formAction(locals.locale, values, () => cancelBooking(db, actor, params.eventId, values.bookingId, ctx), 'cancelBooking');
		if (failed(r)) return r;
		return { form: 'cancelBooking', ok: true };
	},
	withdrawOffer: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db, ctx } = await ctxOf();
		const values = await formValues(request);
		if (!values.offerId) return fail(400, { form: 'withdrawOffer', errors: {}, values, message: '' });
		const r = await formAction(locals.locale, values, () => withdrawOffer(db, actor, params.eventId, values.offerId, ctx), 'withdrawOffer');
		if (failed(r)) return r;
		return { form: 'withdrawOffer', ok: true };
	},
	withdrawRequest: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = await ctxOf();
		const values = await formValues(request);
		if (!values.requestId) return fail(400, { form: 'withdrawRequest', errors: {}, values, message: '' });
		const r = await formAction(locals.locale, values, () => withdrawRideRequest(db, actor, params.eventId, values.requestId), 'withdrawRequest');
		if (failed(r)) return r;
		return { form: 'withdrawRequest', ok: true };
	}
};
