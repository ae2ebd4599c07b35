import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { cancelRegistration, getEvent, listRegistrations, registerForEvent, registrationWindow, type RegistrationStatus } from '$lib/server/events/service';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';

const STATUSES: RegistrationStatus[] = ['confirmed', 'waitlisted', 'cancelled'];

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const event = await getEvent(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	const q = url.searchParams.get('q') ?? '';
	const status = (STATUSES as string[]).includes(url.searchParams.get('status') ?? '') ? (url.searchParams.get('status') as RegistrationStatus) : '';
	const all = await listRegistrations(db, actor, event.id);
	const registrations = q.trim() || status ? await listRegistrations(db, actor, event.id, { q, status: status || undefined }) : all;
	const counts = Object.fromEntries(STATUSES.map((s) => [s, all.filter((r) => r.status === s).length])) as Record<RegistrationStatus, number>;
	return { event, registrations, total: all.length, counts, q, status, window: registrationWindow(event) };
};

export const actions: Actions = {
	/** The team adds someone: confirmed while places remain, else wait-listed; even after registrations closed. */
	register: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const app = await getApp();
		const values = await formValues(request);
		const answers: Record<string, string | boolean> = {};
		for (const [k, v] of Object.entries(values)) if (k.startsWith('answers.')) answers[k.slice('answers.'.length)] = v;
		const r = await formAction(
			locals.locale,
			values,
			() =>
				registerForEvent(
					app.database.db,
					actor,
					params.id,
					{ name: values.name, email: values.email, organization: values.organization, answers },
					// The person's emails in French: the team adds people of a French cluster.
					{ baseUrl: app.baseURL, locale: 'fr', source: 'staff' }
				),
			'register'
		);
		if (failed(r)) return r;
		return { form: 'register', ok: true, name: values.name.trim(), status: r.status, position: r.position ?? null, existing: r.existing, ticketCode: r.ticketCode };
	},
	cancel: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const app = await getApp();
		const values = await formValues(request);
		if (!values.registrationId) return fail(400, { form: 'cancel', message: '' });
		const r = await formAction(locals.locale, values, () => cancelRegistration(app.database.db, actor, params.id, values.registrationId, { baseUrl: app.baseURL }), 'cancel');
		if (failed(r)) return r;
		return { form: 'cancel', ok: true, name: values.name ?? '', promoted: r.promoted };
	}
};
