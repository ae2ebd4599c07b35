// Action plans, typically from an HR diagnostic: the team builds and edits them (actions with owner, due
// date and status, in order); the member organization's accounts read their own plan and may change the
// status of the actions they own; overdue actions (due date passed, not done) are flagged.
import { z } from 'zod';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { canReadOrganization, isStaff, requireStaff, type Actor } from '../auth/actor';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { optionalText, parseInput, requiredText } from '../validation';
import { parisToday } from '../dates';
import { users } from '../auth/schema';
import { people } from '../crm/schema';
import { actionPlanItems, actionPlans } from './schema';
import { getDiagnostic } from './diagnostic';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const newId = () => crypto.randomUUID();

export type PlanRow = typeof actionPlans.$inferSelect;
export type ItemRow = typeof actionPlanItems.$inferSelect;
export const ITEM_STATUSES = ['todo', 'doing', 'done'] as const;
export const PLAN_STATUSES = ['draft', 'active', 'done', 'archived'] as const;

const dateText = z.preprocess(
	(v) => (v === '' || v === undefined ? null : v),
	z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'error_date' })
		.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { error: 'error_date' })
		.nullable()
);

/** `owner`: "user:<id>" (a team member or an account of the organization), "person:<id>" (one of its contacts) or empty; `ownerName`: free text. */
export const itemInput = z.object({
	title: requiredText(200),
	detail: optionalText(3000),
	dimension: optionalText(60),
	owner: optionalText(80),
	ownerName: optionalText(120),
	dueDate: dateText,
	status: z.preprocess((v) => v || 'todo', z.enum(ITEM_STATUSES, { error: 'error_invalid_choice' }))
});

export const planInput = z.object({
	title: requiredText(200),
	summary: optionalText(5000),
	status: z.preprocess((v) => v || 'active', z.enum(PLAN_STATUSES, { error: 'error_invalid_choice' }))
});

export const fromDiagnosticInput = z.object({
	title: optionalText(200),
	/** ids of the proposed actions kept */
	actions: z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(120)))
});

export interface ItemView extends ItemRow {
	ownerLabel: string | null;
	overdue: boolean;
	/** the actor may change its status (the team, or the account it is assigned to) */
	canSetStatus: boolean;
}

export interface PlanView extends PlanRow {
	organizationName: string | null;
	items: ItemView[];
	total: number;
	done: number;
	overdue: number;
	canEdit: boolean;
}

export const isOverdue = (i: Pick<ItemRow, 'status' | 'dueDate'>, today = parisToday()) => i.status !== 'done' && !!i.dueDate && i.dueDate < today;

async function planRow(db: Db | Tx, id: string): Promise<PlanRow> {
	const [p] = await db.select().from(actionPlans).where(eq(actionPlans.id, id));
	if (!p) throw new NotFoundError('action_plan', id);
	return p;
}

/** Staff, or an account of the plan's organization (never another organization's: not found). */
function assertReadable(actor: Actor, p: PlanRow) {
	if (isStaff(actor)) return;
	if (actor.role !== 'member' || !p.organizationId || !canReadOrganization(actor, p.organizationId)) throw new NotFoundError('action_plan', p.id);
}

/** The plan built from a diagnostic, with the proposed actions kept (its organization, its dimensions). */
export async function createPlanFromDiagnostic(db: Db, actor: Actor, surveyId: string, raw: unknown): Promise<PlanRow> {
	requireStaff(actor);
	const input = parseInput(fromDiagnosticInput, raw);
	const d = await getDiagnostic(db, actor, surveyId);
	if (d.response.status !== 'submitted') throw new InvalidError([{ path: 'actions', message: 'error_diagnostics_not_submitted' }]);
	const chosen = d.proposals.filter((p) => input.actions.includes(p.id));
	return db.transaction(async (tx) => {
		const [plan] = await tx
			.insert(actionPlans)
			.values({
				id: newId(),
				responseId: d.response.id,
				surveyId,
				organizationId: d.organization.id,
				title: input.title ?? d.definition.survey.title,
				status: 'active',
				createdBy: actor.id
			})
			.returning();
		if (chosen.length) await tx.insert(actionPlanItems).values(chosen.map((p, i) => ({ id: newId(), planId: plan.id, position: i, title: p.title, detail: p.detail, dimension: p.dimension })));
		return plan;
	});
}

export async function updatePlan(db: Db, actor: Actor, planId: string, raw: unknown): Promise<PlanRow> {
	requireStaff(actor);
	const input = parseInput(planInput, raw);
	await planRow(db, planId);
	const [p] = await db.update(actionPlans).set({ title: input.title, summary: input.summary, status: input.status, updatedAt: new Date() }).where(eq(actionPlans.id, planId)).returning();
	return p;
}

export async function deletePlan(db: Db, actor: Actor, planId: string): Promise<void> {
	requireStaff(actor);
	await planRow(db, planId);
	await db.delete(actionPlans).where(eq(actionPlans.id, planId));
}

export async function getPlan(db: Db, actor: Actor, planId: string): Promise<PlanView> {
	const p = await planRow(db, planId);
	assertReadable(actor, p);
	const rows = await queryRows<ItemRow & { owner_label: string | null; organization_name: string | null }>(
		db,
		sql`select i.*, u.name as owner_label from action_plan_items i left join users u on u.id = i.owner_user_id where i.plan_id = ${planId} order by i.position, i.created_at`
	);
	const [org] = p.organizationId ? await queryRows<{ name: string }>(db, sql`select name from organizations where id = ${p.organizationId}`) : [];
	const today = parisToday();
	const items: ItemView[] = rows.map((r) => {
		const row = r as unknown as Record<string, unknown>;
		const item: ItemRow = {
			id: row.id as string,
			planId: row.plan_id as string,
			position: Number(row.position),
			title: row.title as string,
			detail: (row.detail as string) ?? null,
			dimension: (row.dimension as string) ?? null,
			ownerUserId: (row.owner_user_id as string) ?? null,
			ownerName: (row.owner_name as string) ?? null,
			dueDate: row.due_date == null ? null : typeof row.due_date === 'string' ? (row.due_date as string).slice(0, 10) : (row.due_date as Date).toISOString().slice(0, 10),
			status: row.status as ItemRow['status'],
			doneAt: row.done_at ? new Date(row.done_at as string) : null,
			createdAt: new Date(row.created_at as string),
			updatedAt: new Date(row.updated_at as string)
		};
		return { ...item, ownerLabel: r.owner_label ?? item.ownerName, overdue: isOverdue(item, today), canSetStatus: isStaff(actor) || (!!actor.id && item.ownerUserId === actor.id) };
	});
	return { ...p, organizationName: org?.name ?? null, items, total: items.length, done: items.filter((i) => i.status === 'done').length, overdue: items.filter((i) => i.overdue).length, canEdit: isStaff(actor) };
}

export interface PlanListItem {
	id: string;
	title: string;
	status: PlanRow['status'];
	organizationId: string | null;
	organizationName: string | null;
	surveyId: string | null;
	total: number;
	done: number;
	overdue: number;
	nextDue: string | null;
	updatedAt: Date;
}

/** Every plan with its progress for the team's follow-up (a member: its own organization's). */
export async function listPlans(db: Db, actor: Actor): Promise<PlanListItem[]> {
	if (!isStaff(actor) && !(actor.role === 'member' && actor.organizationId)) return [];
	const today = parisToday();
	const own = isStaff(actor) ? sql`true` : sql`p.organization_id = ${actor.organizationId!}`;
	const rows = await queryRows<{ id: string; title: string; status: PlanRow['status']; organization_id: string | null; name: string | null; survey_id: string | null; total: number; done: number; overdue: number; next_due: string | Date | null; updated_at: string | Date }>(
		db,
		sql`select p.id, p.title, p.status, p.organization_id, o.name, p.survey_id, p.updated_at,
			count(i.id)::int as total,
			count(i.id) filter (where i.status = 'done')::int as done,
			count(i.id) filter (where i.status <> 'done' and i.due_date < ${today}::date)::int as overdue,
			min(i.due_date) filter (where i.status <> 'done') as next_due
			from action_plans p left join organizations o on o.id = p.organization_id left join action_plan_items i on i.plan_id = p.id
			where ${own}
			group by p.id, o.name
			order by count(i.id) filter (where i.status <> 'done' and i.due_date < ${today}::date) desc, p.updated_at desc`
	);
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		status: r.status,
		organizationId: r.organization_id,
		organizationName: r.name,
		surveyId: r.survey_id,
		total: Number(r.total),
		done: Number(r.done),
		overdue: Number(r.overdue),
		nextDue: r.next_due == null ? null : typeof r.next_due === 'string' ? r.next_due.slice(0, 10) : r.next_due.toISOString().slice(0, 10),
		updatedAt: new Date(r.updated_at)
	}));
}

export interface OwnerChoice {
	value: string;
	label: string;
	group: 'team' | 'organization';
}

/** Who an action can be assigned to: the team's accounts, the organization's accounts and contacts. */
export async function ownerChoices(db: Db, actor: Actor, planId: string): Promise<OwnerChoice[]> {
	requireStaff(actor);
	const p = await planRow(db, planId);
	const team = await queryRows<{ id: string; name: string }>(db, sql`select id, name from users where role in ('admin', 'team') order by name`);
	const orgUsers = p.organizationId ? await queryRows<{ id: string; name: string }>(db, sql`select id, name from users where organization_id = ${p.organizationId} and role = 'member' order by name`) : [];
	const contacts = p.organizationId ? await db.select({ id: people.id, firstName: people.firstName, lastName: people.lastName }).from(people).where(eq(people.organizationId, p.organizationId)).orderBy(asc(people.lastName)) : [];
	return [
		...team.map((u) => ({ value: `user:${u.id}`, label: u.name, group: 'team' as const })),
		...orgUsers.map((u) => ({ value: `user:${u.id}`, label: u.name, group: 'organization' as const })),
		...contacts.map((c) => ({ value: `person:${c.id}`, label: `${c.firstName} ${c.lastName}`.trim(), group: 'organization' as const }))
	];
}

/** The owner columns from the form: a known account or contact of the plan's side, else the free name. */
async function ownerOf(db: Db | Tx, p: PlanRow, owner: string | null, ownerName: string | null): Promise<{ ownerUserId: string | null; ownerName: string | null }> {
	if (!owner) return { ownerUserId: null, ownerName };
	const [kind, id] = owner.split(':');
	if (kind === 'user' && id) {
		const [u] = await db.select({ id: users.id, role: users.role, organizationId: users.organizationId }).from(users).where(eq(users.id, id));
		if (u && (u.role === 'admin' || u.role === 'team' || (u.role === 'member' && u.organizationId === p.organizationId))) return { ownerUserId: u.id, ownerName: null };
	}
	if (kind === 'person' && id) {
		const [c] = await db.select().from(people).where(eq(people.id, id));
		if (c && c.organizationId === p.organizationId) return { ownerUserId: null, ownerName: `${c.firstName} ${c.lastName}`.trim() };
	}
	throw new InvalidError([{ path: 'owner', message: 'error_diagnostics_owner' }]);
}

function itemValues(input: z.output<typeof itemInput>) {
	return { title: input.title, detail: input.detail, dimension: input.dimension, dueDate: input.dueDate, status: input.status };
}

export async function addItem(db: Db, actor: Actor, planId: string, raw: unknown): Promise<ItemRow> {
	requireStaff(actor);
	const input = parseInput(itemInput, raw);
	return db.transaction(async (tx) => {
		const [p] = await tx.select().from(actionPlans).where(eq(actionPlans.id, planId)).for('update');
		if (!p) throw new NotFoundError('action_plan', planId);
		const owner = await ownerOf(tx, p, input.owner, input.ownerName);
		const [{ n }] = await tx.select({ n: sql<number>`coalesce(max(${actionPlanItems.position}), -1)::int` }).from(actionPlanItems).where(eq(actionPlanItems.planId, planId));
		const [item] = await tx
			.insert(actionPlanItems)
			.values({ id: newId(), planId, position: Number(n) + 1, ...itemValues(input), ...owner, doneAt: input.status === 'done' ? new Date() : null })
			.returning();
		await tx.update(actionPlans).set({ updatedAt: new Date() }).where(eq(actionPlans.id, planId));
		return item;
	});
}

async function itemRow(db: Db | Tx, itemId: string): Promise<{ item: ItemRow; plan: PlanRow }> {
	const [item] = await db.select().from(actionPlanItems).where(eq(actionPlanItems.id, itemId));
	if (!item) throw new NotFoundError('action_plan_item', itemId);
	return { item, plan: await planRow(db, item.planId) };
}

export async function updateItem(db: Db, actor: Actor, itemId: string, raw: unknown): Promise<ItemRow> {
	requireStaff(actor);
	const input = parseInput(itemInput, raw);
	const { item, plan } = await itemRow(db, itemId);
	const owner = await ownerOf(db, plan, input.owner, input.ownerName);
	const [u] = await db
		.update(actionPlanItems)
		.set({ ...itemValues(input), ...owner, doneAt: input.status === 'done' ? (item.doneAt ?? new Date()) : null, updatedAt: new Date() })
		.where(eq(actionPlanItems.id, itemId))
		.returning();
	await db.update(actionPlans).set({ updatedAt: new Date() }).where(eq(actionPlans.id, plan.id));
	return u;
}

/** The status of one action: the team, or the member account the action is assigned to. */
export async function setItemStatus(db: Db, actor: Actor, itemId: string, status: unknown): Promise<ItemRow> {
	const { item, plan } = await itemRow(db, itemId);
	assertReadable(actor, plan);
	if (!isStaff(actor) && !(actor.id && item.ownerUserId === actor.id)) throw new ForbiddenError();
	const parsed = z.enum(ITEM_STATUSES).safeParse(status);
	if (!parsed.success) throw new InvalidError([{ path: 'status', message: 'error_invalid_choice' }]);
	const [u] = await db
		.update(actionPlanItems)
		.set({ status: parsed.data, doneAt: parsed.data === 'done' ? (item.doneAt ?? new Date()) : null, updatedAt: new Date() })
		.where(eq(actionPlanItems.id, itemId))
		.returning();
	await db.update(actionPlans).set({ updatedAt: new Date() }).where(eq(actionPlans.id, plan.id));
	return u;
}

export async function removeItem(db: Db, actor: Actor, itemId: string): Promise<void> {
	requireStaff(actor);
	const { item } = await itemRow(db, itemId);
	await db.transaction(async (tx) => {
		await tx.delete(actionPlanItems).where(eq(actionPlanItems.id, itemId));
		await renumber(tx, item.planId);
	});
}

async function renumber(tx: Tx, planId: string) {
	const ids = await tx.select({ id: actionPlanItems.id }).from(actionPlanItems).where(eq(actionPlanItems.planId, planId)).orderBy(asc(actionPlanItems.position), asc(actionPlanItems.createdAt));
	for (let i = 0; i < ids.length; i++) await tx.update(actionPlanItems).set({ position: i }).where(eq(actionPlanItems.id, ids[i].id));
}

/** Moves an action one place up or down in its plan. */
export async function moveItem(db: Db, actor: Actor, itemId: string, direction: 'up' | 'down'): Promise<void> {
	requireStaff(actor);
	const { item } = await itemRow(db, itemId);
	await db.transaction(async (tx) => {
		await tx.select({ id: actionPlans.id }).from(actionPlans).where(eq(actionPlans.id, item.planId)).for('update');
		await renumber(tx, item.planId);
		const list = await tx.select({ id: actionPlanItems.id }).from(actionPlanItems).where(eq(actionPlanItems.planId, item.planId)).orderBy(asc(actionPlanItems.position));
		const i = list.findIndex((x) => x.id === itemId);
		const j = direction === 'up' ? i - 1 : i + 1;
		if (i < 0 || j < 0 || j >= list.length) return;
		await tx.update(actionPlanItems).set({ position: j }).where(eq(actionPlanItems.id, list[i].id));
		await tx.update(actionPlanItems).set({ position: i }).where(eq(actionPlanItems.id, list[j].id));
	});
}

/** The plan of an organization's latest diagnostic, for its accounts' link (null when none yet). */
export async function latestPlanOf(db: Db, actor: Actor): Promise<string | null> {
	if (!actor.organizationId) return null;
	const [p] = await db.select({ id: actionPlans.id }).from(actionPlans).where(and(eq(actionPlans.organizationId, actor.organizationId))).orderBy(sql`${actionPlans.createdAt} desc`).limit(1);
	return p?.id ?? null;
}
