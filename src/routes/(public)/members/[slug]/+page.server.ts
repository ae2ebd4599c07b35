import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { getPublicShowcase, listReferences, listSupplyLinksOf, sendIntroduction } from '$lib/server/showcase/service';
import { failed, formAction, pageError } from '$lib/server/http';
import { getClusterSettings } from '$lib/server/settings/service';
import { organizationJsonLd, jsonLdScript } from '$lib/server/showcase/jsonld';
import { publicOffersOf } from '$lib/server/employment/service';

export const load: PageServerLoad = async ({ params, url }) => {
	const { db } = (await getApp()).database;
	try {
		const page = await getPublicShowcase(db, params.slug);
		const [references, links, jobOffers] = await Promise.all([listReferences(db, page.id, { publicOnly: true }), listSupplyLinksOf(db, page.id, { publicOnly: true }), publicOffersOf(db, page.id)]);
		const cluster = await getClusterSettings(db);
		const jsonLd = jsonLdScript(organizationJsonLd(page, url.origin, cluster));
		return { page, references, links, jobOffers, origin: url.origin, shownAt: Date.now(), jsonLd };
	} catch (e) {
		throw pageError(e);
	}
};

export const actions: Actions = {
	contact: async ({ request, params, locals, url, getClientAddress }) => {
		const form = await request.formData();
		const values = {
			name: String(form.get('name') ?? ''),
			email: String(form.get('email') ?? ''),
			company: String(form.get('company') ?? ''),
			message: String(form.get('message') ?? '')
		};
		const { db } = (await getApp()).database;
		const r = await formAction(
			locals.locale,
			values,
			() =>
				sendIntroduction(db, {
					slug: params.slug,
					raw: values,
					trap: String(form.get('website_url') ?? ''),
					shownAt: Number(form.get('shown_at')) || null,
					clientKey: getClientAddress(),
					locale: locals.locale,
					baseUrl: url.origin
				}),
			'contact'
		);
		if (failed(r)) return r;
		return { form: 'contact', sent: true };
	}
};
