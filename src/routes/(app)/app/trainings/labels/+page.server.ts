import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { createLabel, deleteGrant, deleteLabel, grantLabel, listGrants, listLabels, listManagedTrainings, providerOptions, setGrantStatus } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const [labels, grants, trainings, providers] = await Promise.all([listLabels(db), listGrants(db, actor), listManagedTrainings(db, actor), providerOptions(db, actor)]);
	return { labels, grants, trainings: trainings.map((t) => ({ id: t.id, title: t.title, providerName: t.providerName })), providers };
};

const act = (form: string, fn: (db: Parameters<typeof listLabels>[0], actor: ReturnType<typeof requireStaffUser>, v: Record<string, string>) => Promise<unknown>) =>
	async ({ request, locals, url }: { request: Request; locals: App.Locals; url: URL }) => {
		const actor = requireStaffUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		const r = await formAction(locals.locale, values, () => fn(db, actor, values), form);
		if (failed(r)) return r;
		return { form, ok: true };
	};

export const actions: Actions = {
	createLabel: act('label', (db, actor, v) => createLabel(db, actor, v)),
	deleteLabel: act('deleteLabel', (db, actor, v) => deleteLabel(db, actor, v.id ?? '')),
	grant: act('grant', (db, actor, v) => {
		// One select names either a training ("training:<id>") or a provider ("provider:<id>").
		const [kind, id] = (v.holder ?? '').split(':');
		return grantLabel(db, actor, { ...v, trainingId: kind === 'training' ? id : null, providerId: kind === 'provider' ? id : null });
	}),
	grantStatus: act('grantStatus', (db, actor, v) => setGrantStatus(db, actor, v.id ?? '', v.status ?? '')),
	deleteGrant: act('deleteGrant', (db, actor, v) => deleteGrant(db, actor, v.id ?? ''))
};
