import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { failed, formAction, pageError } from '$lib/server/http';
import { deleteTraining, getTrainingForEdit, listTrades, providerOptions, updateTraining } from '$lib/server/trainings/service';
import { trainingFormValues } from '$lib/server/trainings/forms';
import { FUNDINGS } from '$lib/server/trainings/validation';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const tr = await getTrainingForEdit(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	// The form's values as typed: sessions one per line (French dates in French), the commune by its name.
	const day = (iso: string) => (locals.locale === 'fr' ? iso.split('-').reverse().join('/') : iso);
	const values = {
		title: tr.title,
		providerId: tr.providerId,
		kind: tr.kind,
		mode: tr.mode,
		commune: tr.communeName ? (tr.departementCode ? `${tr.communeName} (${tr.departementCode})` : tr.communeName) : '',
		durationHours: tr.durationHours ? String(tr.durationHours) : '',
		level: tr.level ?? '',
		certification: tr.certification ?? '',
		url: tr.url ?? '',
		objectives: tr.objectives ?? '',
		content: tr.content ?? '',
		sessions: tr.sessions.map((s) => [day(s.startsOn), s.endsOn ? day(s.endsOn) : '', s.note].filter(Boolean).join(' ')).join('\n'),
		fundingNote: tr.fundingNote ?? '',
		status: tr.status,
		tradeIds: tr.tradeIds,
		fundings: tr.fundings
	};
	return {
		training: { id: tr.id, slug: tr.slug, title: tr.title, status: tr.status, communeInsee: tr.communeInsee },
		values,
		staff: isStaff(actor),
		providers: await providerOptions(db, actor),
		trades: await listTrades(db),
		fundings: [...FUNDINGS],
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await trainingFormValues(request);
		const r = await formAction(locals.locale, values, () => updateTraining(db, actor, params.id, values));
		if (failed(r)) return r;
		redirect(303, `/app/trainings/${params.id}?saved=1`);
	},
	delete: async ({ locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		await deleteTraining(db, actor, params.id).catch((e) => {
			throw pageError(e);
		});
		redirect(303, '/app/trainings');
	}
};
