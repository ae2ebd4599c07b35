// Every rule of pooled employment. Employer groups: the team records a group, its member companies and
// its shared positions, whose split of time and cost must add up, whose half-days belong to one company
// each, and whose companies must belong to the group; each company of a split has an agreement the team
// follows and the company itself may sign. Secondments: members post offers of people available and
// requests for profiles (the team may post for any company), matched on competencies, trade, duration
// and dates; the team records the agreements between a lending and a host company.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { isStaff, requireStaff, type Actor } from '../auth/actor';
import { users } from '../auth/schema';
import { organizations } from '../crm/schema';
import { formatPhone } from '../crm/identifiers';
import { competencies } from '../showcase/schema';
import { getTradeById } from '../trainings/trades';
import { ForbiddenError, InvalidError, NotFoundError, type FieldIssue } from '../errors';
import { issuesFromZod, parseInput } from '../validation';
import { parisToday } from '../dates';
import type { FileStorage } from '../files/storage';
import { deleteFile, readFile, saveFile } from '../files/images';
import { getClusterSettings } from '../settings/service';
import { queueMail, renderMail } from '../mail/service';
import { t, type Locale } from '../../i18n/t';
import {
	employerGroupMembers,
	employerGroups,
	secondmentListingCompetencies,
	secondmentListings,
	secondments,
	sharedPositionAgreements,
	sharedPositionShares,
	sharedPositionSlots,
	sharedPositions
} from './schema';
import {
	agreementInput,
	contactInput,
	DAYS,
	groupInput,
	HALVES,
	listingInput,
	positionInput,
	secondmentInput,
	secondmentStatusInput,
	type AgreementStatus,
	type ListingKind,
	type SecondmentStatus
} from './validation';
import { rankMatches, type Match, type MatchableListing } from './matching';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const newId = () => crypto.randomUUID();

export interface MailContext {
	baseUrl: string;
}

async function organizationNames(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
	if (!ids.length) return new Map();
	const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids));
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** Organizations the team may add to a group or name on a secondment: members first, then the others, by name. */
export async function organizationChoices(db: Db, actor: Actor): Promise<{ id: string; name: string; status: string }[]> {
	requireStaff(actor);
	return db
		.select({ id: organizations.id, name: organizations.name, status: organizations.status })
		.from(organizations)
		.where(sql`${organizations.status} in ('member', 'partner', 'prospect')`)
		.orderBy(sql`case ${organizations.status} when 'member' then 0 else 1 end`, asc(organizations.nameNormalized))
		.limit(3000);
}

// ---------------------------------------------------------------- employer groups

export interface GroupSummary {
	id: string;
	name: string;
	legalForm: string;
	members: number;
	positions: number;
}

/** The team sees every group; a member account the groups its organization belongs to; partners none. */
export async function listGroups(db: Db, actor: Actor): Promise<GroupSummary[]> {
	if (!isStaff(actor) && !(actor.role === 'member' && actor.organizationId)) return [];
	const where = isStaff(actor) ? sql`true` : sql`exists (select 1 from employer_group_members m where m.group_id = g.id and m.organization_id = ${actor.organizationId!})`;
	const rows = await queryRows<{ id: string; name: string; legal_form: string; members: number; positions: number }>(
		db,
		sql`select g.id, g.name, g.legal_form,
				(select count(*)::int from employer_group_members m where m.group_id = g.id) as members,
				(select count(*)::int from shared_positions p where p.group_id = g.id) as positions
			from employer_groups g where ${where} order by lower(g.name)`
	);
	return rows.map((r) => ({ id: r.id, name: r.name, legalForm: r.legal_form, members: Number(r.members), positions: Number(r.positions) }));
}

export interface ShareView {
	organizationId: string;
	organizationName: string;
	/** Split mode percent: hundredths of a percent. */
	timeBasisPoints: number | null;
	/** Split mode hours: minutes a week. */
	timeMinutes: number | null;
	costBasisPoints: number;
	/** Its part of the monthly cost, in cents (the parts add up to the cost exactly). */
	monthlyCostCents: number;
	/** Half-days a week given to it in the grid. */
	halfDays: number;
}

export interface AgreementView {
	id: string;
	organizationId: string;
	organizationName: string;
	status: AgreementStatus;
	signedOn: string | null;
	endedOn: string | null;
	documentKey: string | null;
	documentName: string | null;
	/** The team's and the company's own notes: null for another member company. */
	notes: string | null;
	/** The actor may change it (the team, or the company itself while it is proposed). */
	canEdit: boolean;
	/** The actor may read its signed document (the team, or the company itself). */
	canDocument: boolean;
	/** The actor may attach (or replace) the document: the team always, the company itself while it is proposed. */
	canAttach: boolean;
}

export interface PositionView {
	id: string;
	title: string;
	tradeId: string | null;
	tradeName: string | null;
	employeeName: string | null;
	weeklyMinutes: number;
	startDate: string;
	endDate: string | null;
	monthlyCostCents: number;
	splitMode: 'percent' | 'hours';
	notes: string | null;
	shares: ShareView[];
	/** `${day}.${half}` → organization id */
	slots: Record<string, string>;
	agreements: AgreementView[];
}

export interface GroupView {
	id: string;
	name: string;
	legalForm: string;
	siret: string | null;
	contactName: string | null;
	contactEmail: string | null;
	contactPhone: string | null;
	/** The group's internal notes: the team's only (null for a member company). */
	notes: string | null;
	members: { id: string; name: string }[];
	positions: PositionView[];
	canEdit: boolean;
}

/**
 * Splits `total` cents by basis points so the parts add up to it exactly (largest remainder: the cents
 * left by rounding down go to the largest fractions, then in the given order).
 */
export function splitCost(total: number, basisPoints: number[]): number[] {
	const sum = basisPoints.reduce((a, b) => a + b, 0);
	if (!sum) return basisPoints.map(() => 0);
	const exact = basisPoints.map((bp) => (total * bp) / sum);
	const parts = exact.map(Math.floor);
	let left = total - parts.reduce((a, b) => a + b, 0);
	const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		parts[i]++;
		left--;
	}
	return parts;
}

async function groupRow(db: Db, id: string) {
	const [g] = await db.select().from(employerGroups).where(eq(employerGroups.id, id));
	if (!g) throw new NotFoundError('employer_group', id);
	return g;
}

async function groupMemberIds(db: Db | Tx, groupId: string): Promise<string[]> {
	const rows = await db.select({ id: employerGroupMembers.organizationId }).from(employerGroupMembers).where(eq(employerGroupMembers.groupId, groupId));
	return rows.map((r) => r.id);
}

/** NotFound for someone who may not see the group (its existence is not revealed). */
async function requireGroupReader(db: Db, actor: Actor, groupId: string) {
	const g = await groupRow(db, groupId);
	if (isStaff(actor)) return g;
	if (actor.role === 'member' && actor.organizationId && (await groupMemberIds(db, groupId)).includes(actor.organizationId)) return g;
	throw new NotFoundError('employer_group', groupId);
}

/** A group with its members and positions (split, weekly grid, monthly cost per company, agreements). */
export async function getGroup(db: Db, actor: Actor, groupId: string): Promise<GroupView> {
	const g = await requireGroupReader(db, actor, groupId);
	const staff = isStaff(actor);
	const members = await queryRows<{ id: string; name: string }>(
		db,
		sql`select o.id, o.name from employer_group_members m join organizations o on o.id = m.organization_id where m.group_id = ${g.id} order by o.name_normalized`
	);
	// A member company sees the positions it takes part in; the team sees them all.
	const taking = isStaff(actor)
		? sql`true`
		: sql`exists (select 1 from shared_position_shares s where s.position_id = p.id and s.organization_id = ${actor.organizationId ?? ''})`;
	const positions = await queryRows<Record<string, unknown>>(
		db,
		sql`select p.*, t.name as trade_name from shared_positions p left join trades t on t.id = p.trade_id where p.group_id = ${g.id} and ${taking} order by p.start_date, lower(p.title)`
	);
	const ids = positions.map((p) => p.id as string);
	const inIds = ids.length ? sql.join(ids.map((i) => sql`${i}`), sql`, `) : sql`null`;
	const shares = await queryRows<Record<string, unknown>>(
		db,
		sql`select s.*, o.name as org_name from shared_position_shares s join organizations o on o.id = s.organization_id where s.position_id in (${inIds}) order by o.name_normalized`
	);
	const slots = await queryRows<{ position_id: string; day: number; half: string; organization_id: string }>(db, sql`select * from shared_position_slots where position_id in (${inIds})`);
	const agreements = await queryRows<Record<string, unknown>>(
		db,
		sql`select a.*, o.name as org_name from shared_position_agreements a join organizations o on o.id = a.organization_id where a.position_id in (${inIds}) order by o.name_normalized`
	);
	return {
		id: g.id,
		name: g.name,
		legalForm: g.legalForm,
		siret: g.siret,
		contactName: g.contactName,
		contactEmail: g.contactEmail,
		contactPhone: g.contactPhone ? formatPhone(g.contactPhone) : null,
		notes: staff ? g.notes : null,
		members,
		canEdit: staff,
		positions: positions.map((p) => {
			const pid = p.id as string;
			const mine = shares.filter((s) => s.position_id === pid);
			const costs = splitCost(Number(p.monthly_cost_cents), mine.map((s) => Number(s.cost_basis_points)));
			const grid = slots.filter((s) => s.position_id === pid);
			return {
				id: pid,
				title: p.title as string,
				tradeId: (p.trade_id as string) ?? null,
				tradeName: (p.trade_name as string) ?? null,
				employeeName: (p.employee_name as string) ?? null,
				weeklyMinutes: Number(p.weekly_minutes),
				startDate: String(p.start_date).slice(0, 10),
				endDate: p.end_date ? String(p.end_date).slice(0, 10) : null,
				monthlyCostCents: Number(p.monthly_cost_cents),
				splitMode: p.split_mode as 'percent' | 'hours',
				notes: (p.notes as string) ?? null,
				shares: mine.map((s, i) => ({
					organizationId: s.organization_id as string,
					organizationName: s.org_name as string,
					timeBasisPoints: s.time_basis_points == null ? null : Number(s.time_basis_points),
					timeMinutes: s.time_minutes == null ? null : Number(s.time_minutes),
					costBasisPoints: Number(s.cost_basis_points),
					monthlyCostCents: costs[i],
					halfDays: grid.filter((x) => x.organization_id === s.organization_id).length
				})),
				slots: Object.fromEntries(grid.map((s) => [`${s.day}.${s.half}`, s.organization_id])),
				agreements: agreements
					.filter((a) => a.position_id === pid)
					.map((a) => {
						const own = actor.role === 'member' && actor.organizationId === a.organization_id;
						return {
							id: a.id as string,
							organizationId: a.organization_id as string,
							organizationName: a.org_name as string,
							status: a.status as AgreementStatus,
							signedOn: a.signed_on ? String(a.signed_on).slice(0, 10) : null,
							endedOn: a.ended_on ? String(a.ended_on).slice(0, 10) : null,
							documentKey: (a.document_key as string) ?? null,
							documentName: (a.document_name as string) ?? null,
							// Another company's notes are between it and the team.
							notes: staff || own ? ((a.notes as string) ?? null) : null,
							canEdit: staff || (own && a.status === 'proposed'),
							canDocument: staff || own,
							canAttach: staff || (own && a.status === 'proposed')
						};
					})
			};
		})
	};
}

/** Checks that every id is a known organization; names the field otherwise. */
async function requireOrganizations(db: Db | Tx, ids: string[], path: string): Promise<void> {
	if (!ids.length) return;
	const known = await organizationNames(db, ids);
	const unknown = ids.filter((id) => !known.has(id));
	if (unknown.length) throw new InvalidError([{ path, message: 'error_invalid_choice' }]);
}

/** The team records a group and its member companies. */
export async function createGroup(db: Db, actor: Actor, raw: unknown): Promise<{ id: string }> {
	requireStaff(actor);
	const input = parseInput(groupInput, raw);
	const memberIds = [...new Set(input.memberIds)];
	await requireOrganizations(db, memberIds, 'memberIds');
	const id = newId();
	await db.transaction(async (tx) => {
		await tx.insert(employerGroups).values({
			id,
			name: input.name,
			legalForm: input.legalForm,
			siret: input.siret,
			contactName: input.contactName,
			contactEmail: input.contactEmail,
			contactPhone: input.contactPhone,
			notes: input.notes
		});
		if (memberIds.length) await tx.insert(employerGroupMembers).values(memberIds.map((organizationId) => ({ groupId: id, organizationId })));
	});
	return { id };
}

/** The team changes a group; a company still in a position's split cannot leave it (change the split first). */
export async function updateGroup(db: Db, actor: Actor, groupId: string, raw: unknown): Promise<void> {
	requireStaff(actor);
	const input = parseInput(groupInput, raw);
	const g = await groupRow(db, groupId);
	const memberIds = [...new Set(input.memberIds)];
	await requireOrganizations(db, memberIds, 'memberIds');
	await db.transaction(async (tx) => {
		const leaving = (await groupMemberIds(tx, g.id)).filter((id) => !memberIds.includes(id));
		if (leaving.length) {
			const busy = await queryRows<{ name: string }>(
				tx,
				sql`select distinct o.name from shared_position_shares s join shared_positions p on p.id = s.position_id join organizations o on o.id = s.organization_id
					where p.group_id = ${g.id} and s.organization_id in (${sql.join(leaving.map((i) => sql`${i}`), sql`, `)}) order by o.name`
			);
			if (busy.length) throw new InvalidError([{ path: 'memberIds', message: 'error_pooling_member_in_split', params: { name: busy.map((b) => b.name).join(', ') } }]);
			await tx.delete(employerGroupMembers).where(and(eq(employerGroupMembers.groupId, g.id), inArray(employerGroupMembers.organizationId, leaving)));
		}
		await tx
			.update(employerGroups)
			.set({
				name: input.name,
				legalForm: input.legalForm,
				siret: input.siret,
				contactName: input.contactName,
				contactEmail: input.contactEmail,
				contactPhone: input.contactPhone,
				notes: input.notes,
				updatedAt: new Date()
			})
			.where(eq(employerGroups.id, g.id));
		if (memberIds.length) await tx.insert(employerGroupMembers).values(memberIds.map((organizationId) => ({ groupId: g.id, organizationId }))).onConflictDoNothing();
	});
}

export async function deleteGroup(db: Db, actor: Actor, groupId: string): Promise<void> {
	requireStaff(actor);
	const g = await groupRow(db, groupId);
	await db.delete(employerGroups).where(eq(employerGroups.id, g.id));
}

// ---------------------------------------------------------------- shared positions

/** Percent sums may be off by rounding of what people type (3 × 33,33 %): one hundredth of a point is tolerated. */
const PERCENT_TOLERANCE = 1;

/**
 * Checks a position's split against its group and returns what to store. Every problem is named by the
 * field that holds it: `shares.<org>.time|cost` for one company, `shares` for the time sum,
 * `costShares` for the cost sum, `slot.<day>.<half>` for the weekly grid.
 */
function checkSplit(
	input: ReturnType<typeof positionInput.parse>,
	members: Map<string, string>
): { shares: { organizationId: string; timeBasisPoints: number | null; timeMinutes: number | null; costBasisPoints: number }[]; issues: FieldIssue[] } {
	const issues: FieldIssue[] = [];
	const seen = new Set<string>();
	const parsed: { organizationId: string; time: number | null; cost: number | null }[] = [];
	const scale = input.splitMode === 'hours' ? 60 : 100;
	const num = (v: unknown, s: number): number | null => {
		if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
		const str = String(v).replace(/[\s\u00a0\u202f%h]/gi, '').replace(',', '.');
		if (!/^\d+(\.\d{1,2})?$/.test(str)) return NaN;
		return Math.round(Number(str) * s);
	};
	for (const s of input.shares) {
		const base = `shares.${s.organizationId}`;
		if (!members.has(s.organizationId)) {
			issues.push({ path: `${base}.time`, message: 'error_pooling_not_in_group' });
			continue;
		}
		if (seen.has(s.organizationId)) continue;
		seen.add(s.organizationId);
		const time = num(s.time, scale);
		const cost = num(s.cost, 100);
		if (time === null) issues.push({ path: `${base}.time`, message: 'error_required' });
		else if (isNaN(time) || time <= 0) issues.push({ path: `${base}.time`, message: input.splitMode === 'hours' ? 'error_pooling_share_hours' : 'error_pooling_share_percent' });
		else if (input.splitMode === 'percent' && time > 10_000) issues.push({ path: `${base}.time`, message: 'error_pooling_share_percent' });
		else if (input.splitMode === 'hours' && typeof input.weeklyHours === 'number' && time > input.weeklyHours) issues.push({ path: `${base}.time`, message: 'error_pooling_share_hours_over' });
		if (cost !== null && (isNaN(cost) || cost < 0 || cost > 10_000)) issues.push({ path: `${base}.cost`, message: 'error_pooling_share_percent' });
		parsed.push({ organizationId: s.organizationId, time, cost });
	}
	if (!input.shares.length) issues.push({ path: 'shares', message: 'error_pooling_shares_empty' });
	const valid = !issues.length;
	const weekly = input.weeklyHours;
	if (valid) {
		const sum = parsed.reduce((a, s) => a + (s.time ?? 0), 0);
		if (input.splitMode === 'percent' && Math.abs(sum - 10_000) > PERCENT_TOLERANCE)
			issues.push({ path: 'shares', message: 'error_pooling_shares_sum_percent', params: { sum: sum / 100 } });
		if (input.splitMode === 'hours' && sum !== weekly)
			issues.push({ path: 'shares', message: 'error_pooling_shares_sum_hours', params: { sum: sum / 60, weekly: weekly / 60 } });
	}
	// A company without a cost share pays in proportion to its time.
	const timeBp = parsed.map((s) => (input.splitMode === 'percent' ? (s.time ?? 0) : weekly ? Math.round(((s.time ?? 0) * 10_000) / weekly) : 0));
	const shares = parsed.map((s, i) => ({
		organizationId: s.organizationId,
		timeBasisPoints: input.splitMode === 'percent' ? s.time : null,
		timeMinutes: input.splitMode === 'hours' ? s.time : null,
		costBasisPoints: s.cost ?? timeBp[i]
	}));
	if (valid && !issues.length) {
		const costSum = shares.reduce((a, s) => a + s.costBasisPoints, 0);
		if (Math.abs(costSum - 10_000) > PERCENT_TOLERANCE) issues.push({ path: 'costShares', message: 'error_pooling_cost_sum', params: { sum: costSum / 100 } });
	}
	// The weekly grid: a half-day is one company's, and that company takes part in the split.
	const taken = new Map<string, string>();
	for (const slot of input.slots) {
		const path = `slot.${slot.day}.${slot.half}`;
		if (!(DAYS as readonly number[]).includes(slot.day) || !(HALVES as readonly string[]).includes(slot.half)) {
			issues.push({ path, message: 'error_invalid_choice' });
			continue;
		}
		const already = taken.get(path);
		if (already !== undefined && already !== slot.organizationId) {
			issues.push({ path, message: 'error_pooling_slot_taken', params: { name: members.get(already) ?? '' } });
			continue;
		}
		taken.set(path, slot.organizationId);
		if (!members.has(slot.organizationId)) issues.push({ path, message: 'error_pooling_not_in_group' });
		else if (!seen.has(slot.organizationId)) issues.push({ path, message: 'error_pooling_slot_not_in_split', params: { name: members.get(slot.organizationId)! } });
	}
	return { shares, issues };
}

/**
 * The team creates (positionId null) or changes a shared position with its split and weekly grid. All the
 * problems are reported at once, each beside its field; nothing is written unless everything holds. Every
 * company of the split gets an agreement to follow (proposed) if it has none.
 */
export async function savePosition(db: Db, actor: Actor, groupId: string, positionId: string | null, raw: unknown): Promise<{ id: string }> {
	requireStaff(actor);
	const g = await groupRow(db, groupId);
	const r = positionInput.safeParse(raw);
	const memberRows = await queryRows<{ id: string; name: string }>(
		db,
		sql`select o.id, o.name from employer_group_members m join organizations o on o.id = m.organization_id where m.group_id = ${g.id}`
	);
	const members = new Map(memberRows.map((m) => [m.id, m.name]));
	if (!r.success) {
		// The split is still checked when other fields are wrong, so the form names every problem at once.
		const issues = issuesFromZod(r.error);
		const loose = raw as Record<string, unknown>;
		if (Array.isArray(loose?.shares) && !issues.some((i) => i.path.startsWith('shares') || i.path.startsWith('slots'))) {
			const partial = checkSplit(
				{ splitMode: loose.splitMode === 'hours' ? 'hours' : 'percent', weeklyHours: NaN, shares: loose.shares, slots: Array.isArray(loose.slots) ? loose.slots.map((x: { day: unknown }) => ({ ...x, day: Number(x.day) })) : [] } as never,
				members
			);
			issues.push(...partial.issues.filter((i) => !(i.path === 'shares' && i.message === 'error_pooling_shares_sum_hours')));
		}
		throw new InvalidError(issues);
	}
	const input = r.data;
	const { shares, issues } = checkSplit(input, members);
	if (input.tradeId && !(await getTradeById(db, input.tradeId))) issues.push({ path: 'tradeId', message: 'error_invalid_choice' });
	if (issues.length) throw new InvalidError(issues);
	const id = positionId ?? newId();
	const values = {
		title: input.title,
		tradeId: input.tradeId,
		employeeName: input.employeeName,
		weeklyMinutes: input.weeklyHours,
		startDate: input.startDate,
		endDate: input.endDate,
		monthlyCostCents: input.monthlyCost,
		splitMode: input.splitMode,
		notes: input.notes
	};
	await db.transaction(async (tx) => {
		if (positionId) {
			const done = await tx
				.update(sharedPositions)
				.set({ ...values, updatedAt: new Date() })
				.where(and(eq(sharedPositions.id, positionId), eq(sharedPositions.groupId, g.id)))
				.returning({ id: sharedPositions.id });
			if (!done.length) throw new NotFoundError('shared_position', positionId);
			await tx.delete(sharedPositionShares).where(eq(sharedPositionShares.positionId, id));
			await tx.delete(sharedPositionSlots).where(eq(sharedPositionSlots.positionId, id));
		} else {
			await tx.insert(sharedPositions).values({ id, groupId: g.id, ...values });
		}
		await tx.insert(sharedPositionShares).values(shares.map((s) => ({ positionId: id, ...s })));
		const slots = [...new Map(input.slots.map((s) => [`${s.day}.${s.half}`, s])).values()];
		if (slots.length) await tx.insert(sharedPositionSlots).values(slots.map((s) => ({ positionId: id, day: s.day, half: s.half, organizationId: s.organizationId })));
		await tx
			.insert(sharedPositionAgreements)
			.values(shares.map((s) => ({ id: newId(), positionId: id, organizationId: s.organizationId, updatedBy: actor.id })))
			.onConflictDoNothing();
	});
	return { id };
}

export async function deletePosition(db: Db, actor: Actor, groupId: string, positionId: string): Promise<void> {
	requireStaff(actor);
	const done = await db.delete(sharedPositions).where(and(eq(sharedPositions.id, positionId), eq(sharedPositions.groupId, groupId))).returning({ id: sharedPositions.id });
	if (!done.length) throw new NotFoundError('shared_position', positionId);
}

// ---------------------------------------------------------------- agreements

/** proposed → signed → ended, or proposed → ended (declined); an ended agreement stays ended. */
const AGREEMENT_NEXT: Record<AgreementStatus, AgreementStatus[]> = { proposed: ['proposed', 'signed', 'ended'], signed: ['signed', 'ended'], ended: ['ended'] };

/**
 * Changes an agreement: the team in any step of its flow; a member company only signs its own proposed
 * agreement (and writes its notes with it). The signing date defaults to today.
 */
export async function updateAgreement(db: Db, actor: Actor, agreementId: string, raw: unknown): Promise<{ status: AgreementStatus }> {
	const input = parseInput(agreementInput, raw);
	const [a] = await db
		.select({ agreement: sharedPositionAgreements, groupId: sharedPositions.groupId })
		.from(sharedPositionAgreements)
		.innerJoin(sharedPositions, eq(sharedPositions.id, sharedPositionAgreements.positionId))
		.where(eq(sharedPositionAgreements.id, agreementId));
	if (!a) throw new NotFoundError('agreement', agreementId);
	await requireGroupReader(db, actor, a.groupId);
	const current = a.agreement.status as AgreementStatus;
	if (!isStaff(actor)) {
		if (actor.role !== 'member' || actor.organizationId !== a.agreement.organizationId) throw new ForbiddenError();
		if (current !== 'proposed' || input.status !== 'signed') throw new ForbiddenError();
	}
	if (!AGREEMENT_NEXT[current].includes(input.status))
		throw new InvalidError([{ path: 'status', message: 'error_pooling_status_transition', params: { from: t(`pooling_agreement_status_${current}`), to: t(`pooling_agreement_status_${input.status}`) } }]);
	const today = parisToday();
	const signedOn = input.status === 'proposed' ? null : (input.signedOn ?? a.agreement.signedOn ?? (input.status === 'signed' ? today : null));
	if (signedOn && signedOn > today) throw new InvalidError([{ path: 'signedOn', message: 'error_pooling_signed_in_future' }]);
	await db
		.update(sharedPositionAgreements)
		.set({
			status: input.status,
			signedOn,
			endedOn: input.status === 'ended' ? (a.agreement.endedOn ?? today) : null,
			notes: input.notes,
			updatedBy: actor.id,
			updatedAt: new Date()
		})
		.where(eq(sharedPositionAgreements.id, a.agreement.id));
	return { status: input.status };
}

export const MAX_AGREEMENT_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The agreement and whether the actor may handle its document (the team, or the company itself). */
async function agreementForDocument(db: Db, actor: Actor, agreementId: string) {
	const [a] = await db.select().from(sharedPositionAgreements).where(eq(sharedPositionAgreements.id, agreementId));
	if (!a) throw new NotFoundError('agreement', agreementId);
	if (!isStaff(actor) && !(actor.role === 'member' && actor.organizationId === a.organizationId)) throw new ForbiddenError();
	return a;
}

/**
 * Attaches the signed agreement (a PDF up to 10 MB) through the files module, not public: it is served only
 * to the team and the company itself. A new document replaces (and deletes) the previous one, so once the
 * agreement is signed or ended only the team may replace it; the company attaches while it is proposed.
 */
export async function attachAgreementDocument(db: Db, storage: FileStorage, actor: Actor, agreementId: string, file: { name: string; data: Uint8Array } | null): Promise<void> {
	const a = await agreementForDocument(db, actor, agreementId);
	if (!isStaff(actor) && a.status !== 'proposed') throw new InvalidError([{ path: 'document', message: 'error_pooling_document_locked' }]);
	if (!file || file.data.byteLength === 0) throw new InvalidError([{ path: 'document', message: 'error_required' }]);
	if (file.data.byteLength > MAX_AGREEMENT_DOCUMENT_BYTES) throw new InvalidError([{ path: 'document', message: 'error_pooling_document_too_big' }]);
	const magic = Buffer.from(file.data.subarray(0, 5)).toString('latin1');
	if (magic !== '%PDF-') throw new InvalidError([{ path: 'document', message: 'error_pooling_document_type' }]);
	const name = (file.name || 'convention.pdf').replace(/[\\/\r\n"]/g, '_').slice(0, 200);
	const key = await saveFile(db, storage, { data: Buffer.from(file.data), contentType: 'application/pdf', ownerOrganizationId: a.organizationId, isPublic: false, extension: 'pdf' });
	await db
		.update(sharedPositionAgreements)
		.set({ documentKey: key, documentName: name, updatedBy: actor.id, updatedAt: new Date() })
		.where(eq(sharedPositionAgreements.id, a.id));
	if (a.documentKey) await deleteFile(db, storage, a.documentKey).catch(() => {});
}

/** The signed document, for the team and the company itself. */
export async function agreementDocument(db: Db, storage: FileStorage, actor: Actor, agreementId: string): Promise<{ data: Buffer; filename: string }> {
	const a = await agreementForDocument(db, actor, agreementId);
	const file = a.documentKey ? await readFile(db, storage, a.documentKey) : null;
	if (!file) throw new NotFoundError('agreement_document', agreementId);
	return { data: file.data, filename: a.documentName ?? 'convention.pdf' };
}

// ---------------------------------------------------------------- secondment offers and requests

export interface ListingView extends MatchableListing {
	kind: ListingKind;
	organizationId: string;
	organizationName: string;
	title: string;
	seniority: string | null;
	description: string | null;
	/** Only for the team and the listing's own organization. */
	personName: string | null;
	status: 'draft' | 'published' | 'closed';
	createdAt: Date;
	/** The actor may change it. */
	mine: boolean;
	/** It is the actor's own organization's. */
	own: boolean;
}

function canEditListing(actor: Actor, organizationId: string): boolean {
	return isStaff(actor) || (actor.role === 'member' && !!actor.organizationId && actor.organizationId === organizationId);
}

async function listingViews(db: Db, actor: Actor, where: ReturnType<typeof sql>): Promise<ListingView[]> {
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select l.*, o.name as org_name, t.name as trade_name from secondment_listings l join organizations o on o.id = l.organization_id left join trades t on t.id = l.trade_id
			where ${where} order by l.start_date, l.created_at`
	);
	const ids = rows.map((r) => r.id as string);
	const comps = ids.length
		? await queryRows<{ listing_id: string; id: string; name: string }>(
				db,
				sql`select lc.listing_id, c.id, c.name from secondment_listing_competencies lc join competencies c on c.id = lc.competency_id
					where lc.listing_id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) order by c.position, c.name`
			)
		: [];
	return rows.map((r) => {
		const mine = canEditListing(actor, r.organization_id as string);
		return {
			id: r.id as string,
			kind: r.kind as ListingKind,
			organizationId: r.organization_id as string,
			organizationName: r.org_name as string,
			title: r.title as string,
			competencies: comps.filter((c) => c.listing_id === r.id).map((c) => ({ id: c.id, name: c.name })),
			tradeId: (r.trade_id as string) ?? null,
			tradeName: (r.trade_name as string) ?? null,
			seniority: (r.seniority as string) ?? null,
			durationMinMonths: Number(r.duration_min_months),
			durationMaxMonths: Number(r.duration_max_months),
			startDate: String(r.start_date).slice(0, 10),
			workTime: r.work_time as 'full' | 'part',
			description: (r.description as string) ?? null,
			personName: mine ? ((r.person_name as string) ?? null) : null,
			status: r.status as ListingView['status'],
			createdAt: new Date(String(r.created_at)),
			mine,
			own: !!actor.organizationId && actor.organizationId === r.organization_id
		};
	});
}

/** What the actor may see: the team everything; others the published listings and their own organization's. */
function visibleListings(actor: Actor) {
	if (isStaff(actor)) return sql`true`;
	if (actor.organizationId && actor.role === 'member') return sql`(l.status = 'published' or l.organization_id = ${actor.organizationId})`;
	return sql`l.status = 'published'`;
}

export async function listListings(db: Db, actor: Actor, filter: { kind?: ListingKind; mine?: boolean } = {}): Promise<ListingView[]> {
	const conds = [visibleListings(actor)];
	if (filter.kind) conds.push(sql`l.kind = ${filter.kind}`);
	if (filter.mine) conds.push(actor.organizationId ? sql`l.organization_id = ${actor.organizationId}` : sql`false`);
	return listingViews(db, actor, sql.join(conds, sql` and `));
}

export async function getListing(db: Db, actor: Actor, id: string): Promise<ListingView> {
	const [l] = await listingViews(db, actor, sql`l.id = ${id} and ${visibleListings(actor)}`);
	if (!l) throw new NotFoundError('secondment_listing', id);
	return l;
}

/**
 * Posts (id null) or changes an offer or a request. A member posts for its own organization (a named
 * one is ignored) and changes only its own; the team names the organization.
 */
export async function saveListing(db: Db, actor: Actor, id: string | null, raw: unknown): Promise<{ id: string }> {
	const input = parseInput(listingInput, raw);
	let organizationId: string;
	if (isStaff(actor)) {
		if (!input.organizationId) throw new InvalidError([{ path: 'organizationId', message: 'error_required' }]);
		await requireOrganizations(db, [input.organizationId], 'organizationId');
		organizationId = input.organizationId;
	} else if (actor.role === 'member' && actor.organizationId) {
		organizationId = actor.organizationId;
	} else throw new ForbiddenError();
	const issues: FieldIssue[] = [];
	const competencyIds = [...new Set(input.competencyIds)];
	if (competencyIds.length) {
		const known = await db.select({ id: competencies.id }).from(competencies).where(inArray(competencies.id, competencyIds));
		if (known.length !== competencyIds.length) issues.push({ path: 'competencyIds', message: 'error_invalid_choice' });
	}
	if (input.tradeId && !(await getTradeById(db, input.tradeId))) issues.push({ path: 'tradeId', message: 'error_invalid_choice' });
	if (!competencyIds.length && !input.tradeId) issues.push({ path: 'competencyIds', message: 'error_pooling_competencies_or_trade' });
	if (issues.length) throw new InvalidError(issues);
	const values = {
		kind: input.kind,
		organizationId,
		title: input.title,
		tradeId: input.tradeId,
		seniority: input.seniority,
		durationMinMonths: input.durationMinMonths,
		durationMaxMonths: input.durationMaxMonths,
		startDate: input.startDate,
		workTime: input.workTime,
		description: input.description,
		personName: input.kind === 'offer' ? input.personName : null,
		status: input.status
	};
	return db.transaction(async (tx) => {
		let listingId = id;
		if (id) {
			const [existing] = await tx.select().from(secondmentListings).where(eq(secondmentListings.id, id)).for('update');
			if (!existing) throw new NotFoundError('secondment_listing', id);
			if (!canEditListing(actor, existing.organizationId)) throw new ForbiddenError();
			if (existing.kind !== input.kind) throw new InvalidError([{ path: 'kind', message: 'error_invalid_choice' }]);
			await tx
				.update(secondmentListings)
				.set({ ...values, organizationId: isStaff(actor) ? organizationId : existing.organizationId, updatedAt: new Date() })
				.where(eq(secondmentListings.id, id));
			await tx.delete(secondmentListingCompetencies).where(eq(secondmentListingCompetencies.listingId, id));
		} else {
			listingId = newId();
			await tx.insert(secondmentListings).values({ id: listingId, ...values, postedBy: actor.id });
		}
		if (competencyIds.length) await tx.insert(secondmentListingCompetencies).values(competencyIds.map((competencyId) => ({ listingId: listingId!, competencyId })));
		return { id: listingId! };
	});
}

export interface MatchView extends Match {
	listing: ListingView;
}

/**
 * For an offer, the published requests it answers best (and for a request, the offers), with the score and
 * the reasons; a company's own listings are left out.
 */
export async function matchesFor(db: Db, actor: Actor, listingId: string, limit = 10): Promise<MatchView[]> {
	const listing = await getListing(db, actor, listingId);
	const other: ListingKind = listing.kind === 'offer' ? 'request' : 'offer';
	const candidates = await listingViews(db, actor, sql`l.kind = ${other} and l.status = 'published' and l.organization_id <> ${listing.organizationId}`);
	return rankMatches(listing, listing.kind, candidates).slice(0, limit);
}

/**
 * A member (or partner) writes to the team about a listing of the network: the message goes by email to
 * the cluster's contact address, or to every team account when none is set, with a reply-to the sender.
 */
export async function contactTeamAbout(db: Db, actor: Actor, listingId: string, raw: unknown, ctx: MailContext): Promise<{ sent: number }> {
	const { message } = parseInput(contactInput, raw);
	const listing = await getListing(db, actor, listingId);
	if (!actor.id) throw new ForbiddenError();
	const [sender] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, actor.id));
	if (!sender) throw new ForbiddenError();
	const cluster = await getClusterSettings(db);
	const to = cluster.contactEmail
		? [{ email: cluster.contactEmail, locale: 'fr' as Locale }]
		: (await queryRows<{ email: string; locale: string | null }>(db, sql`select email, locale from users where role in ('admin', 'team') order by email`)).map((u) => ({
				email: u.email,
				locale: (u.locale === 'en' ? 'en' : 'fr') as Locale
			}));
	const orgName = actor.organizationId ? ((await organizationNames(db, [actor.organizationId])).get(actor.organizationId) ?? '') : '';
	for (const r of to) {
		const kind = t(`pooling_kind_${listing.kind}`, {}, r.locale);
		const { html, text } = renderMail({
			clusterName: cluster.name,
			color: cluster.primaryColor,
			heading: t('pooling_mail_contact_heading', { kind, title: listing.title }, r.locale),
			paragraphs: [
				t('pooling_mail_contact_from', { name: sender.name, email: sender.email, organization: orgName || '—' }, r.locale),
				t('pooling_mail_contact_about', { kind, title: listing.title, organization: listing.organizationName }, r.locale),
				message
			],
			action: { label: t('pooling_mail_contact_action', {}, r.locale), url: `${ctx.baseUrl}/app/pooling/secondments/${listing.id}` },
			footer: t('pooling_mail_footer', { cluster: cluster.name }, r.locale)
		});
		await queueMail(db, { to: r.email, replyTo: sender.email, subject: t('pooling_mail_contact_subject', { title: listing.title, cluster: cluster.name }, r.locale), text, html });
	}
	return { sent: to.length };
}

// ---------------------------------------------------------------- secondment agreements

export interface SecondmentView {
	id: string;
	offerId: string | null;
	offerTitle: string | null;
	requestId: string | null;
	requestTitle: string | null;
	lendingOrganizationId: string;
	lendingOrganizationName: string;
	hostOrganizationId: string;
	hostOrganizationName: string;
	personName: string | null;
	startDate: string;
	endDate: string;
	status: SecondmentStatus;
	notes: string | null;
	canEdit: boolean;
}

/** The flow of a secondment agreement; cancelled and ended are final. */
export const SECONDMENT_NEXT: Record<SecondmentStatus, SecondmentStatus[]> = {
	draft: ['signed', 'cancelled'],
	signed: ['running', 'cancelled'],
	running: ['ended', 'cancelled'],
	ended: [],
	cancelled: []
};

/** The team sees every agreement; a member the ones its organization lends to or hosts (read only). */
export async function listSecondments(db: Db, actor: Actor, filter: { listingId?: string } = {}): Promise<SecondmentView[]> {
	const conds = [
		isStaff(actor)
			? sql`true`
			: actor.role === 'member' && actor.organizationId
				? sql`(s.lending_organization_id = ${actor.organizationId} or s.host_organization_id = ${actor.organizationId})`
				: sql`false`
	];
	if (filter.listingId) conds.push(sql`(s.offer_id = ${filter.listingId} or s.request_id = ${filter.listingId})`);
	const rows = await queryRows<Record<string, unknown>>(
		db,
		sql`select s.*, lo.name as lending_name, ho.name as host_name, o.title as offer_title, r.title as request_title
			from secondments s join organizations lo on lo.id = s.lending_organization_id join organizations ho on ho.id = s.host_organization_id
			left join secondment_listings o on o.id = s.offer_id left join secondment_listings r on r.id = s.request_id
			where ${sql.join(conds, sql` and `)}
			order by case s.status when 'running' then 0 when 'signed' then 1 when 'draft' then 2 else 3 end, s.start_date`
	);
	return rows.map((r) => ({
		id: r.id as string,
		offerId: (r.offer_id as string) ?? null,
		offerTitle: (r.offer_title as string) ?? null,
		requestId: (r.request_id as string) ?? null,
		requestTitle: (r.request_title as string) ?? null,
		lendingOrganizationId: r.lending_organization_id as string,
		lendingOrganizationName: r.lending_name as string,
		hostOrganizationId: r.host_organization_id as string,
		hostOrganizationName: r.host_name as string,
		personName: (r.person_name as string) ?? null,
		startDate: String(r.start_date).slice(0, 10),
		endDate: String(r.end_date).slice(0, 10),
		status: r.status as SecondmentStatus,
		notes: (r.notes as string) ?? null,
		canEdit: isStaff(actor)
	}));
}

/**
 * The team puts an offer and a request in relation: a draft agreement between the lending and the host
 * company. A named offer must be an offer (a request a request), and of the company it says.
 */
export async function createSecondment(db: Db, actor: Actor, raw: unknown): Promise<{ id: string }> {
	requireStaff(actor);
	const input = parseInput(secondmentInput, raw);
	const issues: FieldIssue[] = [];
	for (const [field, kind, org] of [
		['offerId', 'offer', input.lendingOrganizationId],
		['requestId', 'request', input.hostOrganizationId]
	] as const) {
		const id = input[field];
		if (!id) continue;
		const [l] = await db.select({ kind: secondmentListings.kind, organizationId: secondmentListings.organizationId }).from(secondmentListings).where(eq(secondmentListings.id, id));
		if (!l || l.kind !== kind) issues.push({ path: field, message: 'error_invalid_choice' });
		else if (l.organizationId !== org) issues.push({ path: field === 'offerId' ? 'lendingOrganizationId' : 'hostOrganizationId', message: 'error_pooling_listing_other_company' });
	}
	const known = await organizationNames(db, [input.lendingOrganizationId, input.hostOrganizationId]);
	if (!known.has(input.lendingOrganizationId)) issues.push({ path: 'lendingOrganizationId', message: 'error_invalid_choice' });
	if (!known.has(input.hostOrganizationId)) issues.push({ path: 'hostOrganizationId', message: 'error_invalid_choice' });
	if (issues.length) throw new InvalidError(issues);
	const id = newId();
	await db.insert(secondments).values({
		id,
		offerId: input.offerId,
		requestId: input.requestId,
		lendingOrganizationId: input.lendingOrganizationId,
		hostOrganizationId: input.hostOrganizationId,
		personName: input.personName,
		startDate: input.startDate,
		endDate: input.endDate,
		notes: input.notes,
		createdBy: actor.id
	});
	return { id };
}

/**
 * Moves an agreement along its flow (draft → signed → running → ended, or cancelled before it ends). When it
 * is signed, the offer and the request it came from leave the board (closed).
 */
export async function updateSecondmentStatus(db: Db, actor: Actor, id: string, raw: unknown): Promise<{ status: SecondmentStatus }> {
	requireStaff(actor);
	const input = parseInput(secondmentStatusInput, raw);
	return db.transaction(async (tx) => {
		const [s] = await tx.select().from(secondments).where(eq(secondments.id, id)).for('update');
		if (!s) throw new NotFoundError('secondment', id);
		const from = s.status as SecondmentStatus;
		if (from !== input.status && !SECONDMENT_NEXT[from].includes(input.status))
			throw new InvalidError([{ path: 'status', message: 'error_pooling_status_transition', params: { from: t(`pooling_secondment_status_${from}`), to: t(`pooling_secondment_status_${input.status}`) } }]);
		await tx.update(secondments).set({ status: input.status, notes: input.notes ?? s.notes, updatedAt: new Date() }).where(eq(secondments.id, s.id));
		if (input.status === 'signed') {
			const ids = [s.offerId, s.requestId].filter((x): x is string => !!x);
			if (ids.length) await tx.update(secondmentListings).set({ status: 'closed', updatedAt: new Date() }).where(inArray(secondmentListings.id, ids));
		}
		return { status: input.status };
	});
}
