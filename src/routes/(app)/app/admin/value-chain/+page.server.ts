import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { getFeeScales, listValueChainStages, saveValueChainStages, setFeeScales } from '$lib/server/crm/service';
import { failed, formAction } from '$lib/server/http';
import { InvalidError, type FieldIssue } from '$lib/server/errors';
import { SIZE_BANDS } from '$lib/crm-enums';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	return { stages: await listValueChainStages(db), feeScales: await getFeeScales(db) };
};

export const actions: Actions = {
	stages: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const form = await request.formData();
		const ids = form.getAll('id').map(String);
		const names = form.getAll('name').map(String);
		const stages = names.map((name, i) => ({ id: ids[i] || undefined, name })).filter((s, i) => s.name.trim() || ids[i]);
		const { db } = (await getApp()).database;
		const r = await formAction(locals.locale, {}, () => saveValueChainStages(db, actor, stages.filter((s) => s.name.trim())), 'stages');
		if (failed(r)) return r;
		return { form: 'stages', ok: true };
	},
	fees: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const form = await request.formData();
		const scales: Record<string, number> = {};
		const values: Record<string, string> = {};
		const issues: FieldIssue[] = [];
		for (const band of SIZE_BANDS) {
			const raw = String(form.get(`fee_${band}`) ?? '').replace(/[\s\u00a0€]/g, '').replace(',', '.');
			values[`fee_${band}`] = raw;
			if (raw === '') continue;
			if (!/^\d+(\.\d{1,2})?$/.test(raw)) issues.push({ path: `fee_${band}`, message: 'error_amount' });
			else scales[band] = Math.round(Number(raw) * 100);
		}
		const { db } = (await getApp()).database;
		const r = await formAction(
			locals.locale,
			values,
			async () => {
				if (issues.length) throw new InvalidError(issues);
				await setFeeScales(db, actor, scales);
			},
			'fees'
		);
		if (failed(r)) return r;
		return { form: 'fees', ok: true };
	}
};
