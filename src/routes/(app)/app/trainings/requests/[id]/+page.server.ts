import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { formatPhone } from '$lib/server/crm/identifiers';
import { getSchoolRequest, matchVolunteer, setSchoolRequestStatus, volunteerForRequest, withdrawVolunteer } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const view = await getSchoolRequest(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	const r = view.request;
	return {
		staff: isStaff(actor),
		member: actor.role === 'member',
		request: { ...r, phone: r.phone ? formatPhone(r.phone) : null },
		tradeNames: view.tradeNames,
		volunteers: view.volunteers.map((v) => ({ ...v, contactPhone: v.contactPhone ? formatPhone(v.contactPhone) : null })),
		mine: view.mine,
		prefill: { contactName: locals.user?.name ?? '', contactEmail: locals.user?.email ?? '' }
	};
};

const run = (form: string) =>
	async function (this: void, { request, locals, url, params }: Parameters<Actions[string]>[0]) {
		const actor = requireUser(locals, url);
		const app = await getApp();
		const { db } = app.database;
		const values = await formValues(request);
		const r = await formAction(
			locals.locale,
			values,
			async () => {
				if (form === 'status') return setSchoolRequestStatus(db, actor, params.id!, values.status ?? '');
				if (form === 'match') return matchVolunteer(db, actor, params.id!, values.volunteerId ?? '', { baseUrl: app.baseURL });
				if (form === 'volunteer') return volunteerForRequest(db, actor, params.id!, values);
				return withdrawVolunteer(db, actor, params.id!);
			},
			form
		);
		if (failed(r)) return r;
		return { form, ok: true };
	};

export const actions: Actions = { status: run('status'), match: run('match'), volunteer: run('volunteer'), withdraw: run('withdraw') };
