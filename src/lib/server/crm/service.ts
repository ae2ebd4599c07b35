// The member CRM's rules: every read and write of organizations, contacts, memberships, interactions and needs.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { users } from '../auth/schema';
import {
	organizations,
	people,
	memberships,
	interactions,
	needs,
	organizationHistory,
	segments,
	feeScales,
	valueChainStages
} from './schema';
import {
	organizationInput,
	organizationFilter,
	personInput,
	membershipInput,
	interactionInput,
	needInput,
	segmentInput,
	type OrganizationFilter,
	type OrganizationInput
} from './validation';
import { parseInput } from '../validation';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { canEditOrganization, canReadOrganization, isStaff, requireStaff, type Actor } from '../auth/actor';
import { normalizeOrganizationName, normalizeText, organizationNameKey, organizationSearchText } from '../text';
import { parisToday } from '../dates';

export type Organization = typeof organizations.$inferSelect;
export type Person = typeof people.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Interaction = typeof interactions.$inferSelect;
export type Need = typeof needs.$inferSelect;
export type HistoryEntry = typeof organizationHistory.$inferSelect;
export type Segment = typeof segments.$inferSelect;
export type ValueChainStage = typeof valueChainStages.$inferSelect;

/** A Db or an open transaction: services accept either. */
type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'query'>;

const newId = () => crypto.randomUUID();

/** Fields a member company may change on its own record; the rest is the team's. */
const MEMBER_EDITABLE: (keyof OrganizationInput)[] = [
	'name', 'siret', 'siren', 'nafCode', 'addressLine', 'postalCode', 'communeName', 'sizeBand', 'website',
	'email', 'phone', 'description', 'valueChainStageId'
];

/** Organization columns written from an input, in the order forms and exports show them. */
export const ORGANIZATION_FIELDS = [
	'name', 'siret', 'siren', 'nafCode', 'addressLine', 'postalCode', 'communeName', 'communeInsee', 'departementCode',
	'regionCode', 'sizeBand', 'website', 'email', 'phone', 'description', 'status', 'partnerKind', 'tags',
	'valueChainStageId', 'teamMemberId'
] as const;

function diff(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]) {
	const changes: Record<string, [unknown, unknown]> = {};
	for (const f of fields) {
		const a = before[f] ?? null;
		const b = after[f] ?? null;
		if (JSON.stringify(a) !== JSON.stringify(b)) changes[f] = [a, b];
	}
	return changes;
}

async function recordHistory(
	tx: Tx,
	actor: Actor,
	e: { organizationId: string; entity: string; entityId: string; action: string; changes?: Record<string, unknown> }
) {
	await tx.insert(organizationHistory).values({
		id: newId(),
		organizationId: e.organizationId,
		actorId: actor.id,
		actorLabel: actor.label,
		entity: e.entity,
		entityId: e.entityId,
		action: e.action,
		changes: e.changes ?? {}
	});
}

async function checkReferences(tx: Tx, input: { valueChainStageId?: string | null; teamMemberId?: string | null }) {
	if (input.valueChainStageId) {
		const [s] = await tx.select({ id: valueChainStages.id }).from(valueChainStages).where(eq(valueChainStages.id, input.valueChainStageId));
		if (!s) throw new InvalidError([{ path: 'valueChainStageId', message: 'error_invalid_choice' }]);
	}
	if (input.teamMemberId) {
		const [u] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.teamMemberId));
		if (!u || (u.role !== 'team' && u.role !== 'admin'))
			throw new InvalidError([{ path: 'teamMemberId', message: 'error_invalid_choice' }]);
	}
}

async function assertSiretFree(tx: Tx, siret: string | null, exceptId?: string) {
	if (!siret) return;
	const [other] = await tx
		.select({ id: organizations.id, name: organizations.name })
		.from(organizations)
		.where(eq(organizations.siret, siret));
	if (other && other.id !== exceptId) throw new ConflictError('error_siret_taken', { name: other.name }, 'siret');
}

/** The columns an organization input writes, derived ones (normalised name, search text) included. */
export function organizationColumns(input: OrganizationInput) {
	return {
		name: input.name,
		nameNormalized: organizationNameKey(input.name),
		searchText: organizationSearchText(input),
		siret: input.siret,
		siren: input.siren,
		nafCode: input.nafCode,
		addressLine: input.addressLine,
		postalCode: input.postalCode,
		communeName: input.communeName,
		communeInsee: input.communeInsee,
		departementCode: input.departementCode,
		regionCode: input.regionCode,
		sizeBand: input.sizeBand,
		website: input.website,
		email: input.email,
		phone: input.phone,
		description: input.description,
		status: input.status,
		partnerKind: input.partnerKind,
		tags: input.tags,
		valueChainStageId: input.valueChainStageId,
		teamMemberId: input.teamMemberId
	};
}

/** Validates an organization input without saving it (imports use it row by row). */
export function validateOrganization(raw: unknown): OrganizationInput {
	return parseInput(organizationInput, raw);
}

export async function createOrganization(db: Db, actor: Actor, raw: unknown): Promise<Organization> {
	requireStaff(actor);
	const input = validateOrganization(raw);
	return db.transaction(async (tx) => insertOrganization(tx, actor, input));
}

/** Inserts a validated organization inside the caller's transaction (used by imports too). */
export async function insertOrganization(tx: Tx, actor: Actor, input: OrganizationInput): Promise<Organization> {
	await checkReferences(tx, input);
	await assertSiretFree(tx, input.siret);
	const id = newId();
	const [org] = await tx.insert(organizations).values({ id, ...organizationColumns(input) }).returning();
	await recordHistory(tx, actor, { organizationId: id, entity: 'organization', entityId: id, action: 'created' });
	return org;
}

/** The input shape of a stored organization, so a partial change can be merged over it. */
export function organizationToInput(org: Organization): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const f of ORGANIZATION_FIELDS) out[f] = org[f];
	return out;
}

export async function updateOrganization(db: Db, actor: Actor, id: string, raw: Record<string, unknown>): Promise<Organization> {
	if (!canEditOrganization(actor, id)) throw new ForbiddenError();
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
		if (!before) throw new NotFoundError('organization', id);
		let changes = raw;
		if (!isStaff(actor)) {
			// A member's form cannot move its status, tags or animateur.
			changes = Object.fromEntries(Object.entries(raw).filter(([k]) => (MEMBER_EDITABLE as string[]).includes(k)));
		}
		const merged = { ...organizationToInput(before), ...changes };
		// The commune follows a new postal code unless a commune name comes with it.
		if ('postalCode' in changes && !('communeName' in changes)) merged.communeName = null;
		// The SIREN follows a new SIRET unless one comes with it.
		if ('siret' in changes && !('siren' in changes)) merged.siren = null;
		const input = validateOrganization(merged);
		await checkReferences(tx, input);
		await assertSiretFree(tx, input.siret, id);
		const row = organizationColumns(input);
		const d = diff(before, row, ORGANIZATION_FIELDS);
		if (Object.keys(d).length === 0) return before;
		const [after] = await tx
			.update(organizations)
			.set({ ...row, updatedAt: new Date() })
			.where(eq(organizations.id, id))
			.returning();
		await recordHistory(tx, actor, { organizationId: id, entity: 'organization', entityId: id, action: 'updated', changes: d });
		return after;
	});
}

export async function deleteOrganization(db: Db, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	const deleted = await db.delete(organizations).where(eq(organizations.id, id)).returning({ id: organizations.id });
	if (deleted.length === 0) throw new NotFoundError('organization', id);
}

export async function getOrganization(db: Db, actor: Actor, id: string): Promise<Organization> {
	if (!canReadOrganization(actor, id)) throw new ForbiddenError();
	const [org] = await db.select().from(organizations).where(eq(organizations.id, id));
	if (!org) throw new NotFoundError('organization', id);
	return org;
}

export interface OrganizationDetail {
	organization: Organization;
	people: Person[];
	memberships: Membership[];
	interactions: (Interaction & { teamMemberName: string | null; personName: string | null })[];
	needs: Need[];
	history: HistoryEntry[];
	stage: ValueChainStage | null;
	teamMember: { id: string; name: string; email: string } | null;
}

export async function getOrganizationDetail(db: Db, actor: Actor, id: string): Promise<OrganizationDetail> {
	const organization = await getOrganization(db, actor, id);
	const staff = isStaff(actor);
	const [ppl, mships, ints, nds, hist, stage, tm] = await Promise.all([
		db.select().from(people).where(eq(people.organizationId, id)).orderBy(asc(people.lastName), asc(people.firstName)),
		db.select().from(memberships).where(eq(memberships.organizationId, id)).orderBy(desc(memberships.year)),
		staff
			? db
					.select({
						i: interactions,
						teamMemberName: users.name,
						personName: sql<string | null>`nullif(concat_ws(' ', ${people.firstName}, ${people.lastName}), '')`
					})
					.from(interactions)
					.leftJoin(users, eq(users.id, interactions.teamMemberId))
					.leftJoin(people, eq(people.id, interactions.personId))
					.where(eq(interactions.organizationId, id))
					.orderBy(desc(interactions.occurredOn), desc(interactions.createdAt))
			: Promise.resolve([]),
		staff ? db.select().from(needs).where(eq(needs.organizationId, id)).orderBy(desc(needs.createdAt)) : Promise.resolve([]),
		staff
			? db.select().from(organizationHistory).where(eq(organizationHistory.organizationId, id)).orderBy(desc(organizationHistory.at)).limit(100)
			: Promise.resolve([]),
		organization.valueChainStageId
			? db.select().from(valueChainStages).where(eq(valueChainStages.id, organization.valueChainStageId)).then((r) => r[0] ?? null)
			: Promise.resolve(null),
		organization.teamMemberId
			? db
					.select({ id: users.id, name: users.name, email: users.email })
					.from(users)
					.where(eq(users.id, organization.teamMemberId))
					.then((r) => r[0] ?? null)
			: Promise.resolve(null)
	]);
	return {
		organization,
		people: ppl,
		memberships: mships,
		interactions: ints.map((r) => ({ ...r.i, teamMemberName: r.teamMemberName, personName: r.personName })),
		needs: nds,
		history: hist,
		stage,
		teamMember: tm
	};
}

export interface OrganizationListItem extends Organization {
	teamMemberName: string | null;
	lastMembershipYear: number | null;
	peopleCount: number;
}

function filterConditions(f: OrganizationFilter): SQL[] {
	const where: SQL[] = [];
	if (f.q) {
		const q = normalizeText(f.q);
		const digits = f.q.replace(/\s/g, '');
		const like = `%${q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
		// Both tests can use a trigram index: a substring of name/commune/tags, or a name close to the query (typos).
		const parts: SQL[] = [sql`${organizations.searchText} like ${like}`, sql`${organizations.nameNormalized} % ${normalizeOrganizationName(f.q) || q}`];
		if (/^\d{3,14}$/.test(digits)) parts.push(sql`${organizations.siret} like ${digits + '%'}`, sql`${organizations.siren} like ${digits + '%'}`);
		where.push(sql`(${sql.join(parts, sql` or `)})`);
	}
	if (f.status.length) where.push(inArray(organizations.status, f.status));
	if (f.departement) where.push(eq(organizations.departementCode, f.departement));
	if (f.region) where.push(eq(organizations.regionCode, f.region));
	if (f.sizeBand) where.push(eq(organizations.sizeBand, f.sizeBand));
	if (f.teamMemberId) where.push(f.teamMemberId === 'none' ? sql`${organizations.teamMemberId} is null` : eq(organizations.teamMemberId, f.teamMemberId));
	if (f.tag) where.push(sql`${f.tag} = any(${organizations.tags})`);
	if (f.stageId) where.push(eq(organizations.valueChainStageId, f.stageId));
	if (f.notRenewedFor) {
		where.push(
			sql`exists (select 1 from ${memberships} m where m.organization_id = ${organizations.id} and m.year = ${f.notRenewedFor - 1})`,
			sql`not exists (select 1 from ${memberships} m where m.organization_id = ${organizations.id} and m.year = ${f.notRenewedFor})`
		);
	}
	return where;
}

export interface Page<T> {
	items: T[];
	total: number;
	page: number;
	perPage: number;
	pages: number;
}

export function parseOrganizationFilter(raw: unknown): OrganizationFilter {
	return parseInput(organizationFilter, raw);
}

export async function listOrganizations(db: Db, actor: Actor, rawFilter: unknown): Promise<Page<OrganizationListItem>> {
	requireStaff(actor);
	const f = parseOrganizationFilter(rawFilter);
	const where = filterConditions(f);
	const cond = where.length ? and(...where) : undefined;
	const dir = f.dir === 'desc' ? desc : asc;
	const order = {
		name: [dir(organizations.nameNormalized), asc(organizations.id)],
		created: [dir(organizations.createdAt), asc(organizations.id)],
		updated: [dir(organizations.updatedAt), asc(organizations.id)],
		commune: [dir(organizations.communeName), asc(organizations.nameNormalized)],
		status: [dir(organizations.status), asc(organizations.nameNormalized)]
	}[f.sort];
	// The page first, then the per-row figures for its rows only: a deep page stays cheap.
	const [rows, [{ total }]] = await Promise.all([
		db
			.select({ o: organizations, teamMemberName: users.name })
			.from(organizations)
			.leftJoin(users, eq(users.id, organizations.teamMemberId))
			.where(cond)
			.orderBy(...order)
			.limit(f.perPage)
			.offset((f.page - 1) * f.perPage),
		db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(cond)
	]);
	const ids = rows.map((r) => r.o.id);
	const [years, counts] = ids.length
		? await Promise.all([
				db
					.select({ id: memberships.organizationId, year: sql<number>`max(${memberships.year})::int` })
					.from(memberships)
					.where(inArray(memberships.organizationId, ids))
					.groupBy(memberships.organizationId),
				db
					.select({ id: people.organizationId, n: sql<number>`count(*)::int` })
					.from(people)
					.where(inArray(people.organizationId, ids))
					.groupBy(people.organizationId)
			])
		: [[], []];
	const yearOf = new Map(years.map((y) => [y.id, Number(y.year)]));
	const countOf = new Map(counts.map((c) => [c.id, Number(c.n)]));
	return {
		items: rows.map((r) => ({ ...r.o, teamMemberName: r.teamMemberName, lastMembershipYear: yearOf.get(r.o.id) ?? null, peopleCount: countOf.get(r.o.id) ?? 0 })),
		total: Number(total),
		page: f.page,
		perPage: f.perPage,
		pages: Math.max(1, Math.ceil(Number(total) / f.perPage))
	};
}

/** Every organization matching a filter, unpaginated, for exports. */
export async function* iterateOrganizations(db: Db, actor: Actor, rawFilter: unknown, batch = 1000) {
	requireStaff(actor);
	const f = parseOrganizationFilter({ ...(rawFilter as object), page: 1, perPage: 1 });
	const where = filterConditions(f);
	const cond = where.length ? and(...where) : undefined;
	let offset = 0;
	for (;;) {
		const rows = await db.select().from(organizations).where(cond).orderBy(asc(organizations.nameNormalized), asc(organizations.id)).limit(batch).offset(offset);
		for (const r of rows) yield r;
		if (rows.length < batch) return;
		offset += batch;
	}
}

export interface SimilarOrganization {
	id: string;
	name: string;
	siret: string | null;
	communeName: string | null;
	reason: 'siret' | 'name';
	score: number;
}

/** Organizations that may be the same company: same SIRET, or a very similar name. */
export async function findSimilarOrganizations(
	db: Pick<Db, 'transaction'>,
	probe: { name: string; siret?: string | null },
	opts: { threshold?: number; exceptId?: string } = {}
): Promise<SimilarOrganization[]> {
	const norm = organizationNameKey(probe.name);
	const threshold = opts.threshold ?? 0.6;
	const siret = probe.siret ?? null;
	// `%` uses pg_trgm.similarity_threshold: set to ours (for this transaction only), the planner takes the
	// trigram index instead of scanning every name (PGlite's planner does not otherwise).
	const rows = await db.transaction(async (tx) => {
		await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`);
		return queryRows<SimilarOrganization>(tx, sql`
			select * from (
				select id, name, siret, commune_name as "communeName",
					case when ${siret}::text is not null and siret = ${siret}::text then 'siret' else 'name' end as reason,
					similarity(name_normalized, ${norm}) as score
				from organizations
				where (${siret}::text is not null and siret = ${siret}::text) or name_normalized % ${norm}
			) s
			order by (reason = 'siret') desc, score desc
			limit 5`);
	});
	return rows
		.filter((r) => r.id !== opts.exceptId)
		.map((r) => ({ ...r, score: Number(r.score) }));
}

// ————— Contacts (people) —————

function consentTimes(input: { consentPublicListing: boolean; consentNewsletter: boolean }, before?: Person) {
	const now = new Date();
	return {
		consentPublicListingAt: input.consentPublicListing
			? before?.consentPublicListing
				? before.consentPublicListingAt
				: now
			: null,
		consentNewsletterAt: input.consentNewsletter ? (before?.consentNewsletter ? before.consentNewsletterAt : now) : null
	};
}

export async function createPerson(db: Db, actor: Actor, organizationId: string, raw: unknown): Promise<Person> {
	if (!canEditOrganization(actor, organizationId)) throw new ForbiddenError();
	const input = parseInput(personInput, raw);
	return db.transaction(async (tx) => {
		const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
		if (!org) throw new NotFoundError('organization', organizationId);
		const id = newId();
		const [p] = await tx.insert(people).values({ id, organizationId, ...input, ...consentTimes(input) }).returning();
		await recordHistory(tx, actor, {
			organizationId,
			entity: 'person',
			entityId: id,
			action: 'created',
			changes: { fullName: [null, `${input.firstName} ${input.lastName}`] }
		});
		return p;
	});
}

export async function getPerson(db: Db, actor: Actor, id: string): Promise<Person> {
	const [p] = await db.select().from(people).where(eq(people.id, id));
	if (!p) throw new NotFoundError('person', id);
	if (!canReadOrganization(actor, p.organizationId)) throw new ForbiddenError();
	return p;
}

export async function updatePerson(db: Db, actor: Actor, id: string, raw: Record<string, unknown>): Promise<Person> {
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(people).where(eq(people.id, id));
		if (!before) throw new NotFoundError('person', id);
		if (!canEditOrganization(actor, before.organizationId)) throw new ForbiddenError();
		const input = parseInput(personInput, { ...before, ...raw });
		const fields = ['firstName', 'lastName', 'title', 'email', 'phone', 'consentPublicListing', 'consentNewsletter'];
		const d = diff(before, input, fields);
		if (Object.keys(d).length === 0) return before;
		const [after] = await tx
			.update(people)
			.set({ ...input, ...consentTimes(input, before), updatedAt: new Date() })
			.where(eq(people.id, id))
			.returning();
		await recordHistory(tx, actor, { organizationId: before.organizationId, entity: 'person', entityId: id, action: 'updated', changes: d });
		return after;
	});
}

export async function deletePerson(db: Db, actor: Actor, id: string): Promise<void> {
	await db.transaction(async (tx) => {
		const [before] = await tx.select().from(people).where(eq(people.id, id));
		if (!before) throw new NotFoundError('person', id);
		if (!canEditOrganization(actor, before.organizationId)) throw new ForbiddenError();
		await tx.delete(people).where(eq(people.id, id));
		await recordHistory(tx, actor, {
			organizationId: before.organizationId,
			entity: 'person',
			entityId: id,
			action: 'deleted',
			changes: { fullName: [`${before.firstName} ${before.lastName}`, null] }
		});
	});
}

async function assertOrganizationExists(db: Tx, organizationId: string) {
	const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
	if (!org) throw new NotFoundError('organization', organizationId);
}

export async function listPeople(db: Db, actor: Actor, organizationId: string): Promise<Person[]> {
	if (!canReadOrganization(actor, organizationId)) throw new ForbiddenError();
	await assertOrganizationExists(db, organizationId);
	return db.select().from(people).where(eq(people.organizationId, organizationId)).orderBy(asc(people.lastName));
}

/**
 * The contacts with an e-mail address of several organizations, oldest first within each organization
 * (the first one is the organization's main contact), with the user's language when they have an account.
 * For mailings such as surveys; staff only.
 */
export async function listContactsWithEmail(
	db: Db,
	actor: Actor,
	organizationIds: string[]
): Promise<{ id: string; organizationId: string; firstName: string; lastName: string; email: string; locale: string | null }[]> {
	requireStaff(actor);
	if (organizationIds.length === 0) return [];
	const rows = await db
		.select({ id: people.id, organizationId: people.organizationId, firstName: people.firstName, lastName: people.lastName, email: people.email, locale: users.locale })
		.from(people)
		.leftJoin(users, sql`lower(${users.email}) = lower(${people.email})`)
		.where(and(inArray(people.organizationId, organizationIds), sql`coalesce(trim(${people.email}), '') <> ''`))
		.orderBy(asc(people.organizationId), asc(people.createdAt), asc(people.id));
	return rows.map((r) => ({ ...r, email: r.email!.trim().toLowerCase() }));
}

// ————— Memberships —————

export async function getFeeScales(db: Db): Promise<Record<string, number>> {
	const rows = await db.select().from(feeScales);
	return Object.fromEntries(rows.map((r) => [r.sizeBand, r.amountCents]));
}

export async function setFeeScales(db: Db, actor: Actor, scales: Record<string, number>): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		for (const [sizeBand, amountCents] of Object.entries(scales)) {
			await tx
				.insert(feeScales)
				.values({ sizeBand, amountCents })
				.onConflictDoUpdate({ target: feeScales.sizeBand, set: { amountCents } });
		}
	});
}

/** A paid membership of this year makes a prospect or former member a member. */
async function promoteOnPaidMembership(tx: Tx, actor: Actor, org: Organization, year: number, paid: boolean) {
	if (!paid || org.status === 'member' || org.status === 'partner' || year < Number(parisToday().slice(0, 4))) return;
	await tx.update(organizations).set({ status: 'member', updatedAt: new Date() }).where(eq(organizations.id, org.id));
	await recordHistory(tx, actor, { organizationId: org.id, entity: 'organization', entityId: org.id, action: 'updated', changes: { status: [org.status, 'member'] } });
}

export async function createMembership(db: Db, actor: Actor, organizationId: string, raw: unknown): Promise<Membership> {
	requireStaff(actor);
	const input = parseInput(membershipInput, raw);
	return db.transaction(async (tx) => {
		const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId));
		if (!org) throw new NotFoundError('organization', organizationId);
		let amountCents = input.amount;
		if (amountCents === null) {
			const [scale] = org.sizeBand ? await tx.select().from(feeScales).where(eq(feeScales.sizeBand, org.sizeBand)) : [];
			if (!scale) throw new InvalidError([{ path: 'amount', message: 'error_amount_no_scale' }]);
			amountCents = scale.amountCents;
		}
		const [dup] = await tx
			.select({ id: memberships.id })
			.from(memberships)
			.where(and(eq(memberships.organizationId, organizationId), eq(memberships.year, input.year)));
		if (dup) throw new ConflictError('error_membership_year_taken', { year: input.year }, 'year');
		const id = newId();
		const [m] = await tx
			.insert(memberships)
			.values({
				id,
				organizationId,
				year: input.year,
				amountCents,
				paid: input.paid,
				paidOn: input.paid ? (input.paidOn ?? parisToday()) : null,
				invoiceNumber: input.invoiceNumber
			})
			.returning();
		await promoteOnPaidMembership(tx, actor, org, input.year, input.paid);
		await recordHistory(tx, actor, {
			organizationId,
			entity: 'membership',
			entityId: id,
			action: 'created',
			changes: { year: [null, input.year], amountCents: [null, amountCents], paid: [null, input.paid] }
		});
		return m;
	});
}

export async function getMembership(db: Db, actor: Actor, id: string): Promise<Membership> {
	const [m] = await db.select().from(memberships).where(eq(memberships.id, id));
	if (!m) throw new NotFoundError('membership', id);
	if (!canReadOrganization(actor, m.organizationId)) throw new ForbiddenError();
	return m;
}

export async function updateMembership(db: Db, actor: Actor, id: string, raw: Record<string, unknown>): Promise<Membership> {
	requireStaff(actor);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(memberships).where(eq(memberships.id, id));
		if (!before) throw new NotFoundError('membership', id);
		const input = parseInput(membershipInput, {
			year: before.year,
			amount: before.amountCents / 100,
			paid: before.paid,
			paidOn: before.paidOn,
			invoiceNumber: before.invoiceNumber,
			...raw
		});
		if (input.year !== before.year) {
			const [dup] = await tx
				.select({ id: memberships.id })
				.from(memberships)
				.where(and(eq(memberships.organizationId, before.organizationId), eq(memberships.year, input.year)));
			if (dup) throw new ConflictError('error_membership_year_taken', { year: input.year }, 'year');
		}
		const next = {
			year: input.year,
			amountCents: input.amount ?? before.amountCents,
			paid: input.paid,
			paidOn: input.paid ? (input.paidOn ?? before.paidOn ?? parisToday()) : null,
			invoiceNumber: input.invoiceNumber
		};
		const d = diff(before, next, Object.keys(next));
		if (Object.keys(d).length === 0) return before;
		const [after] = await tx.update(memberships).set({ ...next, updatedAt: new Date() }).where(eq(memberships.id, id)).returning();
		await recordHistory(tx, actor, { organizationId: before.organizationId, entity: 'membership', entityId: id, action: 'updated', changes: d });
		if (next.paid && !before.paid) {
			const [org] = await tx.select().from(organizations).where(eq(organizations.id, before.organizationId));
			await promoteOnPaidMembership(tx, actor, org, next.year, true);
		}
		return after;
	});
}

export async function deleteMembership(db: Db, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		const [before] = await tx.select().from(memberships).where(eq(memberships.id, id));
		if (!before) throw new NotFoundError('membership', id);
		await tx.delete(memberships).where(eq(memberships.id, id));
		await recordHistory(tx, actor, { organizationId: before.organizationId, entity: 'membership', entityId: id, action: 'deleted', changes: { year: [before.year, null] } });
	});
}

export async function listMemberships(db: Db, actor: Actor, organizationId: string): Promise<Membership[]> {
	if (!canReadOrganization(actor, organizationId)) throw new ForbiddenError();
	await assertOrganizationExists(db, organizationId);
	return db.select().from(memberships).where(eq(memberships.organizationId, organizationId)).orderBy(desc(memberships.year));
}

/** Membership totals for a year: count, invoiced and paid amounts. */
export async function membershipSummary(db: Db, actor: Actor, year: number) {
	requireStaff(actor);
	const [r] = await db
		.select({
			count: sql<number>`count(*)::int`,
			paidCount: sql<number>`count(*) filter (where ${memberships.paid})::int`,
			totalCents: sql<number>`coalesce(sum(${memberships.amountCents}), 0)::int`,
			paidCents: sql<number>`coalesce(sum(${memberships.amountCents}) filter (where ${memberships.paid}), 0)::int`
		})
		.from(memberships)
		.where(eq(memberships.year, year));
	const [{ notRenewed }] = await db
		.select({ notRenewed: sql<number>`count(*)::int` })
		.from(organizations)
		.where(and(...filterConditions(parseOrganizationFilter({ notRenewedFor: year }))));
	return { year, count: Number(r.count), paidCount: Number(r.paidCount), totalCents: Number(r.totalCents), paidCents: Number(r.paidCents), notRenewed: Number(notRenewed) };
}

// ————— Interactions and needs —————

export async function createInteraction(db: Db, actor: Actor, organizationId: string, raw: unknown): Promise<Interaction> {
	requireStaff(actor);
	const input = parseInput(interactionInput, raw);
	return db.transaction(async (tx) => {
		const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
		if (!org) throw new NotFoundError('organization', organizationId);
		if (input.personId) {
			const [p] = await tx.select({ o: people.organizationId }).from(people).where(eq(people.id, input.personId));
			if (!p || p.o !== organizationId) throw new InvalidError([{ path: 'personId', message: 'error_invalid_choice' }]);
		}
		await checkReferences(tx, { teamMemberId: input.teamMemberId });
		const id = newId();
		const [i] = await tx
			.insert(interactions)
			.values({ id, organizationId, ...input, teamMemberId: input.teamMemberId ?? actor.id })
			.returning();
		await recordHistory(tx, actor, { organizationId, entity: 'interaction', entityId: id, action: 'created', changes: { subject: [null, input.subject] } });
		return i;
	});
}

export async function getInteraction(db: Db, actor: Actor, id: string): Promise<Interaction> {
	requireStaff(actor);
	const [i] = await db.select().from(interactions).where(eq(interactions.id, id));
	if (!i) throw new NotFoundError('interaction', id);
	return i;
}

export async function updateInteraction(db: Db, actor: Actor, id: string, raw: Record<string, unknown>): Promise<Interaction> {
	requireStaff(actor);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(interactions).where(eq(interactions.id, id));
		if (!before) throw new NotFoundError('interaction', id);
		const input = parseInput(interactionInput, { ...before, ...raw });
		if (input.personId) {
			const [p] = await tx.select({ o: people.organizationId }).from(people).where(eq(people.id, input.personId));
			if (!p || p.o !== before.organizationId) throw new InvalidError([{ path: 'personId', message: 'error_invalid_choice' }]);
		}
		await checkReferences(tx, { teamMemberId: input.teamMemberId });
		const d = diff(before, input, ['kind', 'occurredOn', 'subject', 'notes', 'personId', 'teamMemberId']);
		if (Object.keys(d).length === 0) return before;
		const [after] = await tx.update(interactions).set({ ...input, updatedAt: new Date() }).where(eq(interactions.id, id)).returning();
		await recordHistory(tx, actor, { organizationId: before.organizationId, entity: 'interaction', entityId: id, action: 'updated', changes: d });
		return after;
	});
}

export async function deleteInteraction(db: Db, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		const [before] = await tx.select().from(interactions).where(eq(interactions.id, id));
		if (!before) throw new NotFoundError('interaction', id);
		await tx.delete(interactions).where(eq(interactions.id, id));
		await recordHistory(tx, actor, { organizationId: before.organizationId, entity: 'interaction', entityId: id, action: 'deleted', changes: { subject: [before.subject, null] } });
	});
}

export async function listInteractions(db: Db, actor: Actor, organizationId: string): Promise<Interaction[]> {
	requireStaff(actor);
	await assertOrganizationExists(db, organizationId);
	return db.select().from(interactions).where(eq(interactions.organizationId, organizationId)).orderBy(desc(interactions.occurredOn));
}

async function assertInteractionOf(tx: Tx, interactionId: string | null, organizationId: string) {
	if (!interactionId) return;
	const [i] = await tx.select({ o: interactions.organizationId }).from(interactions).where(eq(interactions.id, interactionId));
	if (!i || i.o !== organizationId) throw new InvalidError([{ path: 'interactionId', message: 'error_invalid_choice' }]);
}

export async function createNeed(db: Db, actor: Actor, organizationId: string, raw: unknown): Promise<Need> {
	requireStaff(actor);
	const input = parseInput(needInput, raw);
	return db.transaction(async (tx) => {
		const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
		if (!org) throw new NotFoundError('organization', organizationId);
		await assertInteractionOf(tx, input.interactionId, organizationId);
		const id = newId();
		const [n] = await tx.insert(needs).values({ id, organizationId, ...input }).returning();
		await recordHistory(tx, actor, { organizationId, entity: 'need', entityId: id, action: 'created', changes: { text: [null, input.text] } });
		return n;
	});
}

export async function updateNeed(db: Db, actor: Actor, id: string, raw: Record<string, unknown>): Promise<Need> {
	requireStaff(actor);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(needs).where(eq(needs.id, id));
		if (!before) throw new NotFoundError('need', id);
		const input = parseInput(needInput, { ...before, ...raw });
		await assertInteractionOf(tx, input.interactionId, before.organizationId);
		const d = diff(before, input, ['category', 'text', 'status', 'interactionId']);
		if (Object.keys(d).length === 0) return before;
		const [after] = await tx.update(needs).set({ ...input, updatedAt: new Date() }).where(eq(needs.id, id)).returning();
		await recordHistory(tx, actor, { organizationId: before.organizationId, entity: 'need', entityId: id, action: 'updated', changes: d });
		return after;
	});
}

export async function deleteNeed(db: Db, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		const [before] = await tx.select().from(needs).where(eq(needs.id, id));
		if (!before) throw new NotFoundError('need', id);
		await tx.delete(needs).where(eq(needs.id, id));
		await recordHistory(tx, actor, { organizationId: before.organizationId, entity: 'need', entityId: id, action: 'deleted', changes: { text: [before.text, null] } });
	});
}

/** Open needs across all members, newest first: the raw material of collective actions. */
export async function listOpenNeeds(db: Db, actor: Actor, opts: { category?: string; limit?: number } = {}) {
	requireStaff(actor);
	return db
		.select({ need: needs, organizationName: organizations.name })
		.from(needs)
		.innerJoin(organizations, eq(organizations.id, needs.organizationId))
		.where(and(inArray(needs.status, ['open', 'in_progress']), opts.category ? eq(needs.category, opts.category) : undefined))
		.orderBy(desc(needs.createdAt))
		.limit(opts.limit ?? 200);
}

// ————— Segments, value chain, team —————

export async function listSegments(db: Db, actor: Actor): Promise<Segment[]> {
	requireStaff(actor);
	return db
		.select()
		.from(segments)
		.where(sql`${segments.shared} or ${segments.ownerId} = ${actor.id}`)
		.orderBy(asc(segments.name));
}

export async function createSegment(db: Db, actor: Actor, raw: unknown): Promise<Segment> {
	requireStaff(actor);
	const input = parseInput(segmentInput, raw);
	// Keep only what the filter understands, without paging.
	const f = parseOrganizationFilter(input.filter);
	const filter: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(f)) {
		if (k === 'page' || k === 'perPage') continue;
		if (v === null || (Array.isArray(v) && v.length === 0)) continue;
		if ((k === 'sort' && v === 'name') || (k === 'dir' && v === 'asc')) continue;
		filter[k] = v;
	}
	const [s] = await db.insert(segments).values({ id: newId(), name: input.name, shared: input.shared, filter, ownerId: actor.id }).returning();
	return s;
}

export async function deleteSegment(db: Db, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	const [s] = await db.select().from(segments).where(eq(segments.id, id));
	if (!s) throw new NotFoundError('segment', id);
	if (s.ownerId !== actor.id && actor.role !== 'admin') throw new ForbiddenError();
	await db.delete(segments).where(eq(segments.id, id));
}

export async function listValueChainStages(db: Db): Promise<ValueChainStage[]> {
	return db.select().from(valueChainStages).orderBy(asc(valueChainStages.position));
}

/** Replaces the value chain's stages by a list of names, keeping ids of stages whose id is given. */
export async function saveValueChainStages(db: Db, actor: Actor, stages: { id?: string; name: string }[]): Promise<ValueChainStage[]> {
	requireStaff(actor);
	const issues = stages.flatMap((s, i) => (!s.name.trim() ? [{ path: `stages.${i}.name`, message: 'error_required' }] : []));
	if (issues.length) throw new InvalidError(issues);
	await db.transaction(async (tx) => {
		const existing = await tx.select().from(valueChainStages);
		const keep = new Set(stages.filter((s) => s.id).map((s) => s.id));
		for (const e of existing) if (!keep.has(e.id)) await tx.delete(valueChainStages).where(eq(valueChainStages.id, e.id));
		for (const [position, s] of stages.entries()) {
			if (s.id && existing.some((e) => e.id === s.id)) {
				await tx.update(valueChainStages).set({ name: s.name.trim(), position }).where(eq(valueChainStages.id, s.id));
			} else {
				await tx.insert(valueChainStages).values({ id: newId(), name: s.name.trim(), position });
			}
		}
	});
	return listValueChainStages(db);
}

export async function listTeamMembers(db: Db): Promise<{ id: string; name: string; email: string }[]> {
	return db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(users)
		.where(inArray(users.role, ['admin', 'team']))
		.orderBy(asc(users.name));
}

/** Distinct tags in use, most used first, for filters and suggestions. */
export async function listTags(db: Db): Promise<{ tag: string; count: number }[]> {
	return queryRows<{ tag: string; count: number }>(db, sql`select t as tag, count(*)::int as count from organizations, unnest(tags) t group by t order by count desc, t limit 200`);
}

// ————— Dashboard —————

export async function crmDashboard(db: Db, actor: Actor, year = new Date().getFullYear()) {
	requireStaff(actor);
	const [byStatus, summary, openNeeds, recent, portfolio] = await Promise.all([
		db.select({ status: organizations.status, n: sql<number>`count(*)::int` }).from(organizations).groupBy(organizations.status),
		membershipSummary(db, actor, year),
		db.select({ n: sql<number>`count(*)::int` }).from(needs).where(inArray(needs.status, ['open', 'in_progress'])),
		db
			.select({ i: interactions, organizationName: organizations.name, teamMemberName: users.name })
			.from(interactions)
			.innerJoin(organizations, eq(organizations.id, interactions.organizationId))
			.leftJoin(users, eq(users.id, interactions.teamMemberId))
			.orderBy(desc(interactions.occurredOn), desc(interactions.createdAt))
			.limit(8),
		actor.id
			? db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(eq(organizations.teamMemberId, actor.id))
			: Promise.resolve([{ n: 0 }])
	]);
	return {
		year,
		byStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])) as Record<string, number>,
		memberships: summary,
		openNeeds: Number(openNeeds[0].n),
		portfolio: Number(portfolio[0].n),
		recentInteractions: recent.map((r) => ({ ...r.i, organizationName: r.organizationName, teamMemberName: r.teamMemberName }))
	};
}
