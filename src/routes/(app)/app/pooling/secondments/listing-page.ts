// What the new and edit pages of a secondment offer or request share.
import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { isStaff, type Actor } from '$lib/server/auth/actor';
import { failed, formAction } from '$lib/server/http';
import { listCompetencies } from '$lib/server/showcase/service';
import { listTrades } from '$lib/server/trainings/trades';
import { organizationChoices, saveListing } from '$lib/server/pooling/service';
import { readForm } from '../form-data';

export async function listingChoices(actor: Actor) {
	const { db } = (await getApp()).database;
	return {
		competencies: (await listCompetencies(db)).map((c) => ({ id: c.id, name: c.name })),
		trades: (await listTrades(db)).map((x) => ({ id: x.id, name: x.name })),
		organizations: isStaff(actor) ? (await organizationChoices(db, actor)).map((o) => ({ id: o.id, name: o.name })) : null
	};
}

export async function saveListingAction(request: Request, locale: App.Locals['locale'], actor: Actor, id: string | null) {
	const { db } = (await getApp()).database;
	const values = await readForm(request, ['competencyIds']);
	const r = await formAction(locale, values, () => saveListing(db, actor, id, values));
	if (failed(r)) return r;
	redirect(303, `/app/pooling/secondments/${r.id}?saved=1`);
}
