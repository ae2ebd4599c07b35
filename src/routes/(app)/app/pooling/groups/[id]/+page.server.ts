import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { attachAgreementDocument, deleteGroup, deletePosition, getGroup, updateAgreement } from '$lib/server/pooling/service';
import { createStorage, type FileStorage } from '$lib/server/files/storage';

let storage: FileStorage | undefined;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const group = await getGroup(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	return { group, saved: url.searchParams.get('saved') ?? '' };
};

export const actions: Actions = {
	agreement: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		if (!values.agreementId) return fail(400, { form: 'agreement', errors: {}, values, message: '' });
		const r = await formAction(locals.locale, values, () => updateAgreement(db, actor, values.agreementId, values), 'agreement');
		if (failed(r)) return fail(r.status, { ...r.data, agreementId: values.agreementId });
		return { form: 'agreement', ok: true, agreementId: values.agreementId };
	},
	document: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		storage ??= createStorage(db);
		const form = await request.formData();
		const agreementId = String(form.get('agreementId') ?? '');
		const file = form.get('document');
		const upload = file instanceof File && file.size > 0 ? { name: file.name, data: new Uint8Array(await file.arrayBuffer()) } : null;
		const r = await formAction(locals.locale, { agreementId }, () => attachAgreementDocument(db, storage!, actor, agreementId, upload), 'document');
		if (failed(r)) return fail(r.status, { ...r.data, agreementId });
		return { form: 'document', ok: true, agreementId };
	},
	deletePosition: async ({ request, locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		const values = await formValues(request);
		await deletePosition(db, actor, params.id, values.positionId ?? '').catch((e) => {
			throw pageError(e);
		});
		return { form: 'deletePosition', ok: true };
	},
	deleteGroup: async ({ locals, url, params }) => {
		const actor = requireUser(locals, url);
		const { db } = (await getApp()).database;
		await deleteGroup(db, actor, params.id).catch((e) => {
			throw pageError(e);
		});
		redirect(303, '/app/pooling');
	}
};
