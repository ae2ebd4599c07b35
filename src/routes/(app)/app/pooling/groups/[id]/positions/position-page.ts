// What the new and edit pages of a shared position share: the form's choices, its values, the save.
import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { failed, formAction, pageError } from '$lib/server/http';
import { formValues } from '$lib/server/forms';
import { NotFoundError } from '$lib/server/errors';
import { getGroup, savePosition, type PositionView } from '$lib/server/pooling/service';
import { positionFromForm } from '$lib/server/pooling/validation';
import { listTrades } from '$lib/server/trainings/trades';

const decimal = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

/** A saved position as its form shows it (French decimals, one field per company and half-day). */
export function positionValues(p: PositionView | null): Record<string, string> {
	if (!p) return { splitMode: 'percent', weeklyHours: '35' };
	const out: Record<string, string> = {
		title: p.title,
		tradeId: p.tradeId ?? '',
		employeeName: p.employeeName ?? '',
		weeklyHours: decimal(p.weeklyMinutes / 60),
		monthlyCost: decimal(p.monthlyCostCents / 100),
		startDate: p.startDate,
		endDate: p.endDate ?? '',
		notes: p.notes ?? '',
		splitMode: p.splitMode
	};
	for (const s of p.shares) {
		out[`shares.${s.organizationId}.time`] = s.timeMinutes != null ? decimal(s.timeMinutes / 60) : decimal((s.timeBasisPoints ?? 0) / 100);
		out[`shares.${s.organizationId}.cost`] = decimal(s.costBasisPoints / 100);
	}
	for (const [k, org] of Object.entries(p.slots)) out[`slot.${k}`] = org;
	return out;
}

export async function loadPositionPage(locals: App.Locals, url: URL, groupId: string, positionId: string | null) {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const group = await getGroup(db, actor, groupId).catch((e) => {
		throw pageError(e);
	});
	const position = positionId ? group.positions.find((p) => p.id === positionId) : null;
	if (positionId && !position) throw pageError(new NotFoundError('shared_position', positionId));
	return {
		group: { id: group.id, name: group.name },
		members: group.members,
		trades: (await listTrades(db)).map((x) => ({ id: x.id, name: x.name })),
		position: position ? { id: position.id, title: position.title } : null,
		values: positionValues(position ?? null)
	};
}

export async function savePositionAction(request: Request, locals: App.Locals, url: URL, groupId: string, positionId: string | null) {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const values = await formValues(request);
	const r = await formAction(locals.locale, values, () => savePosition(db, actor, groupId, positionId, positionFromForm(values)));
	if (failed(r)) return r;
	redirect(303, `/app/pooling/groups/${groupId}?saved=position#position-${r.id}`);
}
