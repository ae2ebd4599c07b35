import QRCode from 'qrcode';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { pageError } from '$lib/server/http';
import { cancelRegistrationByToken, formatTicketCode, registrationByToken, registrationWindow } from '$lib/server/events/service';

/** The token in the address is the ticket's secret: no shared cache keeps the page, no site it links to learns it. */
const SECRET_HEADERS = { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' };

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	setHeaders(SECRET_HEADERS);
	const app = await getApp();
	let found;
	try {
		found = await registrationByToken(app.database.db, params.token);
	} catch (e) {
		throw pageError(e);
	}
	const { registration: r, event: e } = found;
	const window = registrationWindow(e);
	const confirmed = r.status === 'confirmed' && e.status !== 'cancelled';
	// What the door staff's phone opens: the check-in page of the event with this ticket's code.
	const qrSvg = confirmed
		? await QRCode.toString(`${app.baseURL}/app/events/${e.id}/check-in?code=${r.ticketCode}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
		: null;
	return {
		token: params.token,
		registration: {
			status: r.status,
			position: r.position,
			name: r.name,
			email: r.email,
			organizationName: r.organizationName,
			priceCents: r.priceCents,
			ticketCode: formatTicketCode(r.ticketCode),
			checkedIn: !!r.checkedInAt
		},
		event: {
			slug: e.slug,
			title: e.title,
			kindName: e.kindName,
			startsAt: e.startsAt,
			endsAt: e.endsAt,
			mode: e.mode,
			venue: e.venue,
			addressLine: e.addressLine,
			postalCode: e.postalCode,
			communeName: e.communeName,
			status: e.status,
			// The meeting link is for confirmed registrants only.
			onlineUrl: confirmed ? e.onlineUrl : null
		},
		qrSvg,
		canCancel: r.status !== 'cancelled' && e.status !== 'cancelled' && window !== 'past',
		confirming: url.searchParams.get('cancel') === '1'
	};
};

export const actions: Actions = {
	// (The page's load, run after the action, sets the secret's headers: a header may be set once per request.)
	cancel: async ({ params }) => {
		const app = await getApp();
		try {
			const before = await registrationByToken(app.database.db, params.token);
			const { promoted } = await cancelRegistrationByToken(app.database.db, params.token, { baseUrl: app.baseURL });
			return { cancelled: true, promoted, hadPlace: before.registration.status === 'confirmed' };
		} catch (e) {
			throw pageError(e);
		}
	}
};
