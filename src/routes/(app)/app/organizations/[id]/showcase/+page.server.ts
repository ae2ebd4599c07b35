import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { canEditOrganization, isStaff, type Actor } from '$lib/server/auth/actor';
import * as showcase from '$lib/server/showcase/service';
import * as media from '$lib/server/showcase/media';
import { listValueChainStages } from '$lib/server/crm/service';
import { communeByCode } from '$lib/server/geo/communes';
import { createStorage, type FileStorage } from '$lib/server/files/storage';
import { failed, formAction, pageError } from '$lib/server/http';
import type { Locale } from '$lib/i18n/t';

let storage: FileStorage | undefined;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const view = await showcase.getShowcaseForEdit(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	const references = await showcase.listReferences(db, params.id);
	const members = await showcase.memberChoices(db);
	return {
		...view,
		staff: isStaff(actor),
		canEdit: canEditOrganization(actor, params.id),
		competencies: await showcase.listCompetencies(db),
		referenceKinds: await showcase.listReferenceKinds(db),
		stages: await listValueChainStages(db),
		references: references.map((r) => ({
			...r,
			// The edit form asks for a postal code; the reference keeps the commune's INSEE code.
			postalCode: r.communeInsee ? (communeByCode(r.communeInsee)?.codesPostaux[0] ?? null) : null,
			canEdit: isStaff(actor) || r.ownerOrganizationId === params.id
		})),
		supplyLinks: await showcase.listSupplyLinksOf(db, params.id),
		members: members.filter((o) => o.id !== params.id),
		introductions: (await showcase.introductionStats(db, actor, { organizationId: params.id })).total
	};
};

type Values = Record<string, string | string[]>;

/** The submitted fields: text as strings, the multiple-choice lists as arrays, files apart. */
async function readForm(request: Request, lists: string[] = []): Promise<{ values: Values; files: Map<string, File> }> {
	const form = await request.formData();
	const values: Values = {};
	const files = new Map<string, File>();
	for (const name of lists) values[name] = form.getAll(name).map(String);
	for (const [k, v] of form) {
		if (lists.includes(k)) continue;
		if (typeof v === 'string') values[k] = v;
		else files.set(k, v);
	}
	return { values, files };
}

/** Runs one service call for one of the page's forms; its failures come back tagged with the form's name. */
async function sub(locale: Locale, formName: string, values: Values, fn: () => Promise<unknown>, extra: Record<string, unknown> = {}) {
	const r = await formAction(locale, values, fn, formName);
	if (failed(r)) return r;
	return { form: formName, ok: true, ...extra, ...(r && typeof r === 'object' && 'status' in r ? { status: r.status } : {}) };
}

async function ctx(locals: App.Locals, url: URL): Promise<{ actor: Actor; db: Awaited<ReturnType<typeof getApp>>['database']['db']; storage: FileStorage }> {
	const actor = requireUser(locals, url);
	const db = (await getApp()).database.db;
	storage ??= createStorage(db);
	return { actor, db, storage };
}

const which = (v: unknown): 'logo' | 'cover' => (v === 'cover' ? 'cover' : 'logo');
const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

export const actions: Actions = {
	content: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request, ['competencyIds']);
		return sub(locals.locale, 'content', values, () => showcase.updateShowcase(db, actor, params.id, values));
	},
	image: async ({ request, locals, url, params }) => {
		const { actor, db, storage } = await ctx(locals, url);
		const { values, files } = await readForm(request);
		const w = which(values.which);
		return sub(locals.locale, `image-${w}`, {}, () => media.uploadShowcaseImage(db, storage, actor, params.id, w, files.get(w)));
	},
	removeImage: async ({ request, locals, url, params }) => {
		const { actor, db, storage } = await ctx(locals, url);
		const { values } = await readForm(request);
		const w = which(values.which);
		return sub(locals.locale, `image-${w}`, {}, () => media.removeShowcaseImage(db, storage, actor, params.id, w), { removed: true });
	},
	video: async ({ request, locals, url, params }) => {
		const { actor, db, storage } = await ctx(locals, url);
		const { files } = await readForm(request);
		return sub(locals.locale, 'video', {}, () => media.uploadShowcaseVideo(db, storage, actor, params.id, files.get('video')));
	},
	removeVideo: async ({ locals, url, params }) => {
		const { actor, db, storage } = await ctx(locals, url);
		return sub(locals.locale, 'video', {}, () => media.removeShowcaseVideo(db, storage, actor, params.id), { removed: true });
	},
	approve: async ({ locals, url, params }) => {
		const { actor, db, storage } = await ctx(locals, url);
		return sub(locals.locale, 'approval', {}, () => media.approveShowcase(db, storage, actor, params.id), { decision: 'approved' });
	},
	reject: async ({ locals, url, params }) => {
		const { actor, db, storage } = await ctx(locals, url);
		return sub(locals.locale, 'approval', {}, () => media.rejectShowcase(db, storage, actor, params.id), { decision: 'rejected' });
	},
	listed: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request);
		return sub(locals.locale, 'listed', values, () => showcase.setShowcaseListed(db, actor, params.id, values.listed === 'true'));
	},
	stages: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request, ['stageIds']);
		return sub(locals.locale, 'stages', values, () => showcase.setOrganizationStages(db, actor, params.id, values.stageIds as string[]));
	},
	addReference: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request, ['partnerIds']);
		return sub(locals.locale, 'addReference', values, () => showcase.createReference(db, actor, params.id, values));
	},
	updateReference: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request, ['partnerIds']);
		return sub(locals.locale, `reference-${str(values.id)}`, values, () => showcase.updateReference(db, actor, str(values.id), values));
	},
	removeReference: async ({ request, locals, url, params }) => {
		const { actor, db, storage } = await ctx(locals, url);
		const { values } = await readForm(request);
		const r = await formAction(locals.locale, values, () => media.removeReferenceWithPhotos(db, storage, actor, str(values.id), params.id), 'references');
		if (failed(r)) return r;
		return { form: 'references', ok: true, outcome: r };
	},
	addPhoto: async ({ request, locals, url }) => {
		const { actor, db, storage } = await ctx(locals, url);
		const { values, files } = await readForm(request);
		return sub(locals.locale, `photo-${str(values.referenceId)}`, {}, () => media.addReferencePhoto(db, storage, actor, str(values.referenceId), files.get('photo')));
	},
	removePhoto: async ({ request, locals, url }) => {
		const { actor, db, storage } = await ctx(locals, url);
		const { values } = await readForm(request);
		return sub(locals.locale, `photo-${str(values.referenceId)}`, {}, () => media.removeReferencePhoto(db, storage, actor, str(values.referenceId), str(values.key)), { removed: true });
	},
	addSupplyLink: async ({ request, locals, url, params }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request);
		const other = str(values.otherId);
		const [supplierId, customerId] = values.direction === 'buys' ? [other, params.id] : [params.id, other];
		return sub(locals.locale, 'addSupplyLink', values, () => showcase.addSupplyLink(db, actor, { supplierId, customerId, material: values.material }));
	},
	approveReference: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request);
		return sub(locals.locale, `reference-${str(values.id)}`, {}, () => showcase.approveReference(db, actor, str(values.id)), { decision: 'approved' });
	},
	rejectReference: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request);
		return sub(locals.locale, `reference-${str(values.id)}`, {}, () => showcase.rejectReference(db, actor, str(values.id)), { decision: 'rejected' });
	},
	approveSupplyLink: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request);
		return sub(locals.locale, 'supplyLinks', {}, () => showcase.approveSupplyLink(db, actor, str(values.id)), { decision: 'approved' });
	},
	rejectSupplyLink: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request);
		return sub(locals.locale, 'supplyLinks', {}, () => showcase.rejectSupplyLink(db, actor, str(values.id)), { decision: 'rejected' });
	},
	removeSupplyLink: async ({ request, locals, url }) => {
		const { actor, db } = await ctx(locals, url);
		const { values } = await readForm(request);
		return sub(locals.locale, 'supplyLinks', values, () => showcase.removeSupplyLink(db, actor, str(values.id)));
	}
};
