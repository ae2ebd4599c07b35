import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { createSecondment, listListings, organizationChoices } from '$lib/server/pooling/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const listings = await listListings(db, actor);
	const offers = listings.filter((l) => l.kind === 'offer' && l.status !== 'closed');
	const requests = listings.filter((l) => l.kind === 'request' && l.status !== 'closed');
	const offer = offers.find((o) => o.id === url.searchParams.get('offer'));
	const request = requests.find((r) => r.id === url.searchParams.get('request'));
	return {
		organizations: (await organizationChoices(db, actor)).map((o) => ({ id: o.id, name: o.name })),
		offers: offers.map((o) => ({ id: o.id, label: `${o.title} — ${o.organizationName}` })),
		requests: requests.map((r) => ({ id: r.id, label: `${r.title} — ${r.organizationName}` })),
		values: {
			offerId: offer?.id ?? '',
			requestId: request?.id ?? '',
			lendingOrganizationId: offer?.organizationId ?? '',
			hostOrganizationId: request?.organizationId ?? '',
			personName: offer?.personName ?? '',
			startDate: request?.startDate ?? offer?.startDate ?? '',
			endDate: ''
		}
	};
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => createSecondment(db, actor, values));
		if (failed(r)) return r;
		redirect(303, '/app/pooling/secondments?saved=agreement#agreements');
	}
};
