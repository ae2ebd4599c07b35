import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { canEditOrganization, isStaff, type Actor } from '$lib/server/auth/actor';
import * as crm from '$lib/server/crm/service';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { nafLabel, formatPhone } from '$lib/server/crm/identifiers';
import { departementName, regionName } from '$lib/server/geo/communes';
import type { Locale } from '$lib/i18n/t';
import { attendanceOf } from '$lib/server/events/service';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const detail = await crm.getOrganizationDetail(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	const o = detail.organization;
	return {
		...detail,
		people: detail.people.map((p) => ({ ...p, phoneDisplay: formatPhone(p.phone) })),
		phoneDisplay: formatPhone(o.phone),
		nafLabel: nafLabel(o.nafCode) ?? null,
		departementName: departementName(o.departementCode) ?? null,
		regionName: regionName(o.regionCode) ?? null,
		staff: isStaff(actor),
		canEdit: canEditOrganization(actor, params.id),
		team: isStaff(actor) ? await crm.listTeamMembers(db) : [],
		feeScales: isStaff(actor) ? await crm.getFeeScales(db) : {},
		currentYear: new Date().getFullYear(),
		attendance: await attendanceOf(db, actor, params.id)
	};
};

/** Runs one service call for a sub-form; its failures come back tagged with the form's name. */
async function sub(locale: Locale, formName: string, values: Record<string, unknown>, fn: () => Promise<unknown>) {
	const r = await formAction(locale, values, fn, formName);
	if (failed(r)) return r;
	return { form: formName, ok: true };
}

async function ctx(locals: App.Locals, url: URL): Promise<{ actor: Actor; db: Awaited<ReturnType<typeof getApp>>['database']['db'] }> {
	const actor = requireUser(locals, url);
	return { actor, db: (await getApp()).database.db };
}

export const actions: Actions = {
	addPerson: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, 'addPerson', v, () => crm.createPerson(db, actor, params.id, { ...v, consentPublicListing: v.consentPublicListing === 'on', consentNewsletter: v.consentNewsletter === 'on' }));
	},
	updatePerson: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, `person-${v.id}`, v, () =>
			crm.updatePerson(db, actor, v.id, { ...v, consentPublicListing: v.consentPublicListing === 'on', consentNewsletter: v.consentNewsletter === 'on' })
		);
	},
	deletePerson: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, 'deletePerson', v, () => crm.deletePerson(db, actor, v.id));
	},
	addMembership: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, 'addMembership', v, () => crm.createMembership(db, actor, params.id, { ...v, paid: v.paid === 'on' }));
	},
	toggleMembershipPaid: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, 'membership', v, () => crm.updateMembership(db, actor, v.id, { paid: v.paid === 'true', paidOn: v.paid === 'true' ? null : null }));
	},
	deleteMembership: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, 'membership', v, () => crm.deleteMembership(db, actor, v.id));
	},
	addInteraction: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, 'addInteraction', v, async () => {
			const i = await crm.createInteraction(db, actor, params.id, v);
			// A need stated during the interaction is recorded with it.
			if (v.needText?.trim()) await crm.createNeed(db, actor, params.id, { category: v.needCategory, text: v.needText, interactionId: i.id });
		});
	},
	deleteInteraction: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, 'interaction', v, () => crm.deleteInteraction(db, actor, v.id));
	},
	addNeed: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, 'addNeed', v, () => crm.createNeed(db, actor, params.id, v));
	},
	updateNeed: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const v = await formValues(request);
		return sub(locals.locale, 'need', v, () => crm.updateNeed(db, actor, v.id, { status: v.status }));
	},
	deleteOrganization: async ({ locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		await crm.deleteOrganization(db, actor, params.id).catch((e) => {
			throw pageError(e);
		});
		redirect(303, '/app/organizations?deleted=1');
	}
};
