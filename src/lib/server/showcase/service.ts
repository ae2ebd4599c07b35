// Every rule of the showcase: the taxonomy, a member's page and its approval, references shared by
// several members, value-chain stages and supply links, the public view, introductions.
import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { organizations, people, valueChainStages } from '../crm/schema';
import { directoryEntries, nafCodes } from '../directory/schema';
import {
	competencies,
	referenceKinds,
	showcases,
	organizationCompetencies,
	showcaseReferences,
	referenceMembers,
	introductions,
	organizationStages,
	supplyLinks,
	type ApprovalStatus
} from './schema';
import { canEditOrganization, canReadOrganization, isStaff, requireStaff, type Actor } from '../auth/actor';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, type FieldIssue } from '../errors';
import { parseInput } from '../validation';
import { introductionInput, referenceInput, showcaseInput, taxonomyEntry, videoEmbedUrl, type ShowcaseInput } from './validation';
import { getSetting, putSetting, getClusterSettings } from '../settings/service';
import { resolveCommune, departementName, regionName } from '../geo/communes';
import { hitRateLimit } from '../auth/rate-limit';
import { queueMail, renderMail } from '../mail/service';
import { t, type Locale } from '../../i18n/t';
import { z } from 'zod';
import { replaceTaxonomy } from '../taxonomy';

const newId = () => crypto.randomUUID();

// ---------------------------------------------------------------- taxonomy

export type TaxonomyEntry = { id: string; name: string; position: number; count: number };

export async function listCompetencies(db: Db): Promise<TaxonomyEntry[]> {
	return queryRows<TaxonomyEntry>(
		db,
		sql`select c.id, c.name, c.position, (select count(*)::int from organization_competencies oc where oc.competency_id = c.id) as count
			from competencies c order by c.position, c.name`
	);
}

export async function listReferenceKinds(db: Db): Promise<TaxonomyEntry[]> {
	return queryRows<TaxonomyEntry>(
		db,
		sql`select k.id, k.name, k.position, (select count(*)::int from showcase_references r where r.kind_id = k.id) as count
			from reference_kinds k order by k.position, k.name`
	);
}

/** Replaces a taxonomy by the list given (kept ids renamed and reordered, missing ones removed). */
async function saveTaxonomy(db: Db, actor: Actor, table: typeof competencies | typeof referenceKinds, raw: unknown[]) {
	requireStaff(actor);
	await replaceTaxonomy(db, table, raw);
}

export async function saveCompetencies(db: Db, actor: Actor, entries: unknown[]) {
	await saveTaxonomy(db, actor, competencies, entries);
	return listCompetencies(db);
}

export async function saveReferenceKinds(db: Db, actor: Actor, entries: unknown[]) {
	await saveTaxonomy(db, actor, referenceKinds, entries);
	return listReferenceKinds(db);
}

// ---------------------------------------------------------------- settings

export interface ShowcaseSettings {
	/** Members' changes wait for the team's approval before they go public. */
	requireApproval: boolean;
}

export async function getShowcaseSettings(db: Db): Promise<ShowcaseSettings> {
	return { requireApproval: false, ...((await getSetting<Partial<ShowcaseSettings>>(db, 'showcase')) ?? {}) };
}

export async function updateShowcaseSettings(db: Db, actor: Actor, raw: { requireApproval: boolean }): Promise<ShowcaseSettings> {
	requireStaff(actor);
	const value = { requireApproval: !!raw.requireApproval };
	await putSetting(db, 'showcase', value);
	return value;
}

// ---------------------------------------------------------------- a member's page

/** The editable fields of a page, published or draft, in one shape. */
export interface ShowcaseContent {
	portrait: string | null;
	productsServices: string | null;
	territory: string | null;
	labels: string[];
	materials: string[];
	videoUrl: string | null;
	competencyIds: string[];
	logoKey: string | null;
	coverKey: string | null;
	/** The uploaded video. */
	videoKey: string | null;
}

type ShowcaseRow = typeof showcases.$inferSelect;

function contentOf(s: ShowcaseRow, competencyIds: string[]): ShowcaseContent {
	return {
		portrait: s.portrait,
		productsServices: s.productsServices,
		territory: s.territory,
		labels: s.labels,
		materials: s.materials,
		videoUrl: s.videoUrl,
		competencyIds,
		logoKey: s.logoKey,
		coverKey: s.coverKey,
		videoKey: s.videoKey
	};
}

/**
 * The pending changes, if any. Drafts saved before the video went through approval have no videoKey:
 * the video was published at once then, so such a draft keeps the published one.
 */
function draftOf(s: ShowcaseRow): ShowcaseContent | null {
	return s.draft ? ({ videoKey: s.videoKey, ...(s.draft as Partial<ShowcaseContent>) } as ShowcaseContent) : null;
}

async function showcaseRow(db: Db, organizationId: string): Promise<ShowcaseRow> {
	const [s] = await db.select().from(showcases).where(eq(showcases.organizationId, organizationId));
	if (!s) throw new NotFoundError('organization', organizationId);
	return s;
}

async function competencyIdsOf(db: Db, organizationId: string): Promise<string[]> {
	const rows = await db
		.select({ id: organizationCompetencies.competencyId })
		.from(organizationCompetencies)
		.where(eq(organizationCompetencies.organizationId, organizationId));
	return rows.map((r) => r.id).sort();
}

/** Why a page is not in the public directory (empty when it is). */
export type NotPublicReason = 'not_member' | 'no_consent' | 'hidden';

export async function publicationStatus(db: Db, organizationId: string): Promise<{ isPublic: boolean; reasons: NotPublicReason[] }> {
	const [r] = await queryRows<{ status: string; consent: boolean; listed: boolean; listed_entry: boolean }>(
		db,
		sql`select o.status, exists(select 1 from people p where p.organization_id = o.id and p.consent_public_listing) as consent,
				s.listed, exists(select 1 from directory_entries e where e.organization_id = o.id) as listed_entry
			from organizations o join showcases s on s.organization_id = o.id where o.id = ${organizationId}`
	);
	if (!r) throw new NotFoundError('organization', organizationId);
	const reasons: NotPublicReason[] = [];
	if (r.status !== 'member') reasons.push('not_member');
	if (!r.consent) reasons.push('no_consent');
	if (!r.listed) reasons.push('hidden');
	return { isPublic: r.listed_entry, reasons };
}

export interface ShowcaseEditView {
	organization: { id: string; name: string; status: string };
	slug: string;
	listed: boolean;
	published: ShowcaseContent;
	draft: ShowcaseContent | null;
	draftSubmittedAt: Date | null;
	requireApproval: boolean;
	isPublic: boolean;
	reasons: NotPublicReason[];
	stageIds: string[];
}

export async function getShowcaseForEdit(db: Db, actor: Actor, organizationId: string): Promise<ShowcaseEditView> {
	if (!canReadOrganization(actor, organizationId)) throw new ForbiddenError();
	const [org] = await db
		.select({ id: organizations.id, name: organizations.name, status: organizations.status, stageId: organizations.valueChainStageId })
		.from(organizations)
		.where(eq(organizations.id, organizationId));
	if (!org) throw new NotFoundError('organization', organizationId);
	const s = await showcaseRow(db, organizationId);
	const stageIds = (await db.select({ id: organizationStages.stageId }).from(organizationStages).where(eq(organizationStages.organizationId, organizationId))).map((r) => r.id);
	const status = await publicationStatus(db, organizationId);
	return {
		organization: { id: org.id, name: org.name, status: org.status },
		slug: s.slug,
		listed: s.listed,
		published: contentOf(s, await competencyIdsOf(db, organizationId)),
		draft: draftOf(s),
		draftSubmittedAt: s.draftSubmittedAt,
		requireApproval: (await getShowcaseSettings(db)).requireApproval,
		isPublic: status.isPublic,
		reasons: status.reasons,
		stageIds: stageIds.length ? stageIds : org.stageId ? [org.stageId] : []
	};
}

async function checkCompetencies(db: Db, ids: string[]): Promise<void> {
	if (!ids.length) return;
	const found = await db.select({ id: competencies.id }).from(competencies).where(inArray(competencies.id, ids));
	if (found.length !== new Set(ids).size) throw new InvalidError([{ path: 'competencyIds', message: 'error_invalid_choice' }]);
}

/** Writes content as the published page (competencies included). */
async function publish(db: Db, organizationId: string, c: ShowcaseContent): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.update(showcases)
			.set({
				portrait: c.portrait,
				productsServices: c.productsServices,
				territory: c.territory,
				labels: c.labels,
				materials: c.materials,
				videoUrl: c.videoUrl,
				logoKey: c.logoKey,
				coverKey: c.coverKey,
				videoKey: c.videoKey,
				draft: null,
				draftSubmittedAt: null,
				draftSubmittedBy: null,
				publishedAt: new Date(),
				updatedAt: new Date()
			})
			.where(eq(showcases.organizationId, organizationId));
		const current = (await tx.select({ id: organizationCompetencies.competencyId }).from(organizationCompetencies).where(eq(organizationCompetencies.organizationId, organizationId))).map((r) => r.id);
		const removed = current.filter((id) => !c.competencyIds.includes(id));
		const added = c.competencyIds.filter((id) => !current.includes(id));
		if (removed.length)
			await tx
				.delete(organizationCompetencies)
				.where(and(eq(organizationCompetencies.organizationId, organizationId), inArray(organizationCompetencies.competencyId, removed)));
		if (added.length) await tx.insert(organizationCompetencies).values(added.map((competencyId) => ({ organizationId, competencyId })));
	});
}

/** True when this actor's changes wait for approval (a member, when the cluster asks for it). */
async function needsApproval(db: Db, actor: Actor): Promise<boolean> {
	return !isStaff(actor) && (await getShowcaseSettings(db)).requireApproval;
}

/**
 * Saves a page. Staff changes, and members' changes when the cluster does not ask for approval, go
 * public at once; otherwise they are kept as a draft the team approves or rejects.
 */
export async function updateShowcase(db: Db, actor: Actor, organizationId: string, raw: unknown): Promise<{ status: 'published' | 'pending' }> {
	if (!canEditOrganization(actor, organizationId)) throw new ForbiddenError();
	const input: ShowcaseInput = parseInput(showcaseInput, raw);
	await checkCompetencies(db, input.competencyIds);
	const s = await showcaseRow(db, organizationId);
	const base = draftOf(s) ?? contentOf(s, await competencyIdsOf(db, organizationId));
	const content: ShowcaseContent = { ...base, ...input, competencyIds: [...new Set(input.competencyIds)].sort() };
	return saveContent(db, actor, organizationId, content);
}

async function saveContent(db: Db, actor: Actor, organizationId: string, content: ShowcaseContent): Promise<{ status: 'published' | 'pending' }> {
	if (await needsApproval(db, actor)) {
		await db
			.update(showcases)
			.set({ draft: content, draftSubmittedAt: new Date(), draftSubmittedBy: actor.id, updatedAt: new Date() })
			.where(eq(showcases.organizationId, organizationId));
		return { status: 'pending' };
	}
	await publish(db, organizationId, content);
	return { status: 'published' };
}

/** Sets one of the page's files (a stored key the caller checked) or removes it, through approval like any change. */
async function setFileKey(db: Db, actor: Actor, organizationId: string, field: 'logoKey' | 'coverKey' | 'videoKey', key: string | null) {
	if (!canEditOrganization(actor, organizationId)) throw new ForbiddenError();
	const s = await showcaseRow(db, organizationId);
	const base = draftOf(s) ?? contentOf(s, await competencyIdsOf(db, organizationId));
	return saveContent(db, actor, organizationId, { ...base, [field]: key });
}

/** Sets the logo or cover (already checked and resized by the caller). */
export async function setShowcaseImage(db: Db, actor: Actor, organizationId: string, which: 'logo' | 'cover', key: string | null) {
	return setFileKey(db, actor, organizationId, which === 'logo' ? 'logoKey' : 'coverKey', key);
}

/** Sets the uploaded video (checked by the caller), or removes it. */
export async function setShowcaseVideo(db: Db, actor: Actor, organizationId: string, key: string | null) {
	return setFileKey(db, actor, organizationId, 'videoKey', key);
}

export async function approveShowcaseDraft(db: Db, actor: Actor, organizationId: string): Promise<void> {
	requireStaff(actor);
	const c = draftOf(await showcaseRow(db, organizationId));
	if (!c) throw new ConflictError('error_no_pending_changes');
	await checkCompetencies(db, c.competencyIds).catch(() => {
		// A competency removed from the taxonomy since: publish the others.
	});
	const valid = new Set((await db.select({ id: competencies.id }).from(competencies)).map((r) => r.id));
	await publish(db, organizationId, { ...c, competencyIds: c.competencyIds.filter((id) => valid.has(id)) });
}

export async function rejectShowcaseDraft(db: Db, actor: Actor, organizationId: string): Promise<void> {
	requireStaff(actor);
	await db.update(showcases).set({ draft: null, draftSubmittedAt: null, draftSubmittedBy: null }).where(eq(showcases.organizationId, organizationId));
}

export interface PendingShowcase {
	organizationId: string;
	name: string;
	/** When the oldest of its waiting changes was sent. */
	submittedAt: Date;
	/** Who sent the page's draft (references and links do not record it). */
	submittedBy: string | null;
	/** A draft of the page waits. */
	page: boolean;
	references: number;
	supplyLinks: number;
}

/**
 * Organizations with something waiting for the team: a draft of the page, references it owns, supply
 * links its member declared (a link counts for the side whose user declared it).
 */
export async function listPendingShowcases(db: Db, actor: Actor): Promise<PendingShowcase[]> {
	requireStaff(actor);
	return queryRows<PendingShowcase>(
		db,
		sql`with pending as (
				select s.organization_id, s.draft_submitted_at as at, 1 as page, 0 as refs, 0 as links from showcases s where s.draft_submitted_at is not null
				union all
				select r.owner_organization_id, r.updated_at, 0, 1, 0 from showcase_references r
				where r.approval_status = 'pending' and r.owner_organization_id is not null
				union all
				select case when u.organization_id = l.customer_id then l.customer_id else l.supplier_id end, l.created_at, 0, 0, 1
				from supply_links l left join users u on u.id = l.created_by where l.approval_status = 'pending'
			)
			select p.organization_id as "organizationId", o.name, min(p.at) as "submittedAt", u.name as "submittedBy",
				max(p.page) = 1 as page, sum(p.refs)::int as "references", sum(p.links)::int as "supplyLinks"
			from pending p join organizations o on o.id = p.organization_id
			left join showcases s on s.organization_id = p.organization_id left join users u on u.id = s.draft_submitted_by
			group by p.organization_id, o.name, u.name
			order by min(p.at), o.name`
	);
}

export async function setShowcaseListed(db: Db, actor: Actor, organizationId: string, listed: boolean): Promise<void> {
	requireStaff(actor);
	await showcaseRow(db, organizationId);
	await db.update(showcases).set({ listed, updatedAt: new Date() }).where(eq(showcases.organizationId, organizationId));
}

// ---------------------------------------------------------------- references

export interface ReferenceView {
	id: string;
	title: string;
	kindId: string | null;
	kindName: string | null;
	communeName: string | null;
	communeInsee: string | null;
	year: number | null;
	clientType: string | null;
	description: string | null;
	photoKeys: string[];
	ownerOrganizationId: string | null;
	approvalStatus: ApprovalStatus;
	members: { organizationId: string; name: string; slug: string | null; isPublic: boolean }[];
}

/**
 * References an organization takes part in, most recent first; `publicOnly` keeps the approved ones
 * and hides non-public partners.
 */
export async function listReferences(db: Db, organizationId: string, opts: { publicOnly?: boolean } = {}): Promise<ReferenceView[]> {
	const refs = await db
		.select({ r: showcaseReferences, kindName: referenceKinds.name })
		.from(showcaseReferences)
		.innerJoin(referenceMembers, eq(referenceMembers.referenceId, showcaseReferences.id))
		.leftJoin(referenceKinds, eq(referenceKinds.id, showcaseReferences.kindId))
		.where(and(eq(referenceMembers.organizationId, organizationId), opts.publicOnly ? eq(showcaseReferences.approvalStatus, 'approved') : undefined))
		.orderBy(sql`${showcaseReferences.year} desc nulls last`, asc(showcaseReferences.title));
	if (!refs.length) return [];
	const members = await queryRows<{ reference_id: string; organization_id: string; name: string; slug: string | null; is_public: boolean }>(
		db,
		sql`select rm.reference_id, o.id as organization_id, o.name, s.slug,
				exists(select 1 from directory_entries e where e.organization_id = o.id) as is_public
			from reference_members rm join organizations o on o.id = rm.organization_id left join showcases s on s.organization_id = o.id
			where rm.reference_id in (${sql.join(refs.map((r) => sql`${r.r.id}`), sql`, `)}) order by o.name`
	);
	return refs.map(({ r, kindName }) => ({
		id: r.id,
		title: r.title,
		kindId: r.kindId,
		kindName,
		communeName: r.communeName,
		communeInsee: r.communeInsee,
		year: r.year,
		clientType: r.clientType,
		description: r.description,
		photoKeys: r.photoKeys,
		ownerOrganizationId: r.ownerOrganizationId,
		approvalStatus: r.approvalStatus,
		members: members
			.filter((m) => m.reference_id === r.id && (!opts.publicOnly || m.is_public))
			.map((m) => ({ organizationId: m.organization_id, name: m.name, slug: m.slug, isPublic: m.is_public }))
	}));
}

async function referenceFields(db: Db, raw: unknown) {
	const input = parseInput(referenceInput, raw);
	const issues: FieldIssue[] = [];
	let commune: { insee: string | null; name: string | null } = { insee: null, name: input.communeName };
	if (input.postalCode) {
		const m = resolveCommune(input.postalCode, input.communeName);
		if (m.ok) commune = { insee: m.commune.code, name: m.commune.nom };
		else if (m.reason === 'unknown_postal_code') issues.push({ path: 'postalCode', message: 'error_postal_code_unknown' });
		else issues.push({ path: 'communeName', message: m.reason === 'ambiguous' ? 'error_commune_ambiguous' : 'error_commune_mismatch', params: { choices: m.candidates.map((c) => c.nom).join(', ') } });
	}
	if (input.kindId) {
		const [k] = await db.select({ id: referenceKinds.id }).from(referenceKinds).where(eq(referenceKinds.id, input.kindId));
		if (!k) issues.push({ path: 'kindId', message: 'error_invalid_choice' });
	}
	if (input.partnerIds.length) {
		const found = await db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, input.partnerIds));
		if (found.length !== new Set(input.partnerIds).size) issues.push({ path: 'partnerIds', message: 'error_invalid_choice' });
	}
	if (issues.length) throw new InvalidError(issues);
	return { input, commune };
}

/**
 * What a saved reference or link becomes: public at once when the team saves it or the cluster does
 * not ask for approval, else waiting. A team's save of a waiting reference approves it: the team saw
 * the whole reference in the form it sent.
 */
async function statusAfterSave(db: Db, actor: Actor): Promise<ApprovalStatus> {
	return (await needsApproval(db, actor)) ? 'pending' : 'approved';
}

const publicationOf = (status: ApprovalStatus) => (status === 'approved' ? ('published' as const) : ('pending' as const));

/** Adds a reference to an organization's page, shared with the partner members named. */
export async function createReference(db: Db, actor: Actor, organizationId: string, raw: unknown): Promise<{ id: string; status: 'published' | 'pending' }> {
	if (!canEditOrganization(actor, organizationId)) throw new ForbiddenError();
	const { input, commune } = await referenceFields(db, raw);
	const id = newId();
	const approvalStatus = await statusAfterSave(db, actor);
	await db.transaction(async (tx) => {
		await tx.insert(showcaseReferences).values({
			id,
			title: input.title,
			kindId: input.kindId,
			communeInsee: commune.insee,
			communeName: commune.name,
			year: input.year,
			clientType: input.clientType,
			description: input.description,
			ownerOrganizationId: organizationId,
			approvalStatus
		});
		const orgIds = [...new Set([organizationId, ...input.partnerIds])];
		await tx.insert(referenceMembers).values(orgIds.map((o) => ({ referenceId: id, organizationId: o })));
	});
	return { id, status: publicationOf(approvalStatus) };
}

async function referenceOwner(db: Db, referenceId: string) {
	const [r] = await db.select().from(showcaseReferences).where(eq(showcaseReferences.id, referenceId));
	if (!r) throw new NotFoundError('reference', referenceId);
	return r;
}

/**
 * The owner (or the team) edits a reference; partners see it on their page. Under approval, a
 * member's edit of an approved reference takes the whole reference out of public view until the team
 * approves it again: the previous version is not kept aside (unlike a page's draft), which keeps one
 * row per reference. A declined reference edited this way is sent to the team again.
 */
export async function updateReference(db: Db, actor: Actor, referenceId: string, raw: unknown): Promise<{ status: 'published' | 'pending' }> {
	const r = await referenceOwner(db, referenceId);
	if (!r.ownerOrganizationId || !canEditOrganization(actor, r.ownerOrganizationId)) throw new ForbiddenError();
	const { input, commune } = await referenceFields(db, raw);
	const approvalStatus = await statusAfterSave(db, actor);
	await db.transaction(async (tx) => {
		await tx
			.update(showcaseReferences)
			.set({
				title: input.title,
				kindId: input.kindId,
				communeInsee: commune.insee,
				communeName: commune.name,
				year: input.year,
				clientType: input.clientType,
				description: input.description,
				approvalStatus,
				updatedAt: new Date()
			})
			.where(eq(showcaseReferences.id, referenceId));
		const want = new Set([r.ownerOrganizationId!, ...input.partnerIds]);
		const have = (await tx.select({ id: referenceMembers.organizationId }).from(referenceMembers).where(eq(referenceMembers.referenceId, referenceId))).map((m) => m.id);
		const gone = have.filter((id) => !want.has(id));
		const added = [...want].filter((id) => !have.includes(id));
		if (gone.length) await tx.delete(referenceMembers).where(and(eq(referenceMembers.referenceId, referenceId), inArray(referenceMembers.organizationId, gone)));
		if (added.length) await tx.insert(referenceMembers).values(added.map((organizationId) => ({ referenceId, organizationId })));
	});
	return { status: publicationOf(approvalStatus) };
}

/** The owner deletes the reference; a partner member only takes itself off it. */
export async function removeReference(db: Db, actor: Actor, referenceId: string, organizationId: string): Promise<'deleted' | 'left'> {
	const r = await referenceOwner(db, referenceId);
	if (!canEditOrganization(actor, organizationId)) throw new ForbiddenError();
	if (r.ownerOrganizationId === organizationId || (isStaff(actor) && !r.ownerOrganizationId)) {
		await db.delete(showcaseReferences).where(eq(showcaseReferences.id, referenceId));
		return 'deleted';
	}
	await db.delete(referenceMembers).where(and(eq(referenceMembers.referenceId, referenceId), eq(referenceMembers.organizationId, organizationId)));
	return 'left';
}

export async function setReferencePhotos(db: Db, actor: Actor, referenceId: string, photoKeys: string[]): Promise<void> {
	const r = await referenceOwner(db, referenceId);
	if (!r.ownerOrganizationId || !canEditOrganization(actor, r.ownerOrganizationId)) throw new ForbiddenError();
	if (photoKeys.length > 12) throw new InvalidError([{ path: 'photo', message: 'error_too_many' }]);
	// A member's new photo is an edit like another: under approval the reference waits for the team.
	// Taking a photo off shows less, and changes nothing to the reference's status.
	const added = photoKeys.some((k) => !r.photoKeys.includes(k));
	const approvalStatus = added && (await needsApproval(db, actor)) ? ('pending' as const) : r.approvalStatus;
	await db.update(showcaseReferences).set({ photoKeys, approvalStatus, updatedAt: new Date() }).where(eq(showcaseReferences.id, referenceId));
}

export async function getReference(db: Db, referenceId: string) {
	return referenceOwner(db, referenceId);
}

/** The team makes a waiting reference public (on its members' pages and in the directory). */
export async function approveReference(db: Db, actor: Actor, referenceId: string): Promise<void> {
	requireStaff(actor);
	await decideReference(db, referenceId, 'approved');
}

/**
 * The team declines a waiting reference. It is not deleted: it stays out of public view, and its
 * owner sees it marked as declined, to correct it (an edit sends it to the team again) or delete it.
 * Deleting it would also lose, for an edited reference, the version the team had approved before.
 */
export async function rejectReference(db: Db, actor: Actor, referenceId: string): Promise<void> {
	requireStaff(actor);
	await decideReference(db, referenceId, 'rejected');
}

async function decideReference(db: Db, referenceId: string, decision: 'approved' | 'rejected') {
	// An UPDATE: the trigger on showcase_references refreshes the directory rows of its members.
	const done = await db
		.update(showcaseReferences)
		.set({ approvalStatus: decision })
		.where(and(eq(showcaseReferences.id, referenceId), eq(showcaseReferences.approvalStatus, 'pending')))
		.returning({ id: showcaseReferences.id });
	if (done.length) return;
	await referenceOwner(db, referenceId);
	throw new ConflictError('error_no_pending_changes');
}

// ---------------------------------------------------------------- value chain and supply links

export async function setOrganizationStages(db: Db, actor: Actor, organizationId: string, stageIds: string[]): Promise<void> {
	if (!canEditOrganization(actor, organizationId)) throw new ForbiddenError();
	const ids = [...new Set(stageIds)];
	if (ids.length) {
		const found = await db.select({ id: valueChainStages.id }).from(valueChainStages).where(inArray(valueChainStages.id, ids));
		if (found.length !== ids.length) throw new InvalidError([{ path: 'stageIds', message: 'error_invalid_choice' }]);
	}
	await db.transaction(async (tx) => {
		await tx.delete(organizationStages).where(eq(organizationStages.organizationId, organizationId));
		if (ids.length) await tx.insert(organizationStages).values(ids.map((stageId) => ({ organizationId, stageId })));
	});
}

const supplyLinkInput = z.object({
	supplierId: z.string({ error: 'error_required' }).min(1, { error: 'error_required' }),
	customerId: z.string({ error: 'error_required' }).min(1, { error: 'error_required' }),
	material: z.string({ error: 'error_required' }).trim().min(1, { error: 'error_required' }).max(60, { error: 'error_too_long' })
});

/**
 * Declares "supplier delivers material to customer"; the actor must be able to edit one of the two.
 * Under approval a member's link waits for the team before it shows on pages and on the map.
 */
export async function addSupplyLink(db: Db, actor: Actor, raw: unknown): Promise<{ id: string; status: 'published' | 'pending' }> {
	const input = parseInput(supplyLinkInput, raw);
	if (!canEditOrganization(actor, input.supplierId) && !canEditOrganization(actor, input.customerId)) throw new ForbiddenError();
	if (input.supplierId === input.customerId) throw new InvalidError([{ path: 'customerId', message: 'error_supply_self' }]);
	const found = await db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, [input.supplierId, input.customerId]));
	if (found.length !== 2) throw new InvalidError([{ path: found.some((f) => f.id === input.supplierId) ? 'customerId' : 'supplierId', message: 'error_invalid_choice' }]);
	const id = newId();
	const approvalStatus = await statusAfterSave(db, actor);
	const inserted = await db
		.insert(supplyLinks)
		.values({ id, supplierId: input.supplierId, customerId: input.customerId, material: input.material, createdBy: actor.id, approvalStatus })
		.onConflictDoNothing()
		.returning({ id: supplyLinks.id });
	if (!inserted.length) throw new ConflictError('error_supply_duplicate', {}, 'material');
	return { id, status: publicationOf(approvalStatus) };
}

/** The team makes a waiting supply link public. */
export async function approveSupplyLink(db: Db, actor: Actor, linkId: string): Promise<void> {
	requireStaff(actor);
	await decideSupplyLink(db, linkId, 'approved');
}

/**
 * The team declines a waiting supply link: like a reference, it stays hidden and both members see it
 * marked as declined until one of them deletes it. Kept, the same link cannot be declared again at
 * once (one row per supplier, customer and material) without a member first deleting the declined one.
 */
export async function rejectSupplyLink(db: Db, actor: Actor, linkId: string): Promise<void> {
	requireStaff(actor);
	await decideSupplyLink(db, linkId, 'rejected');
}

async function decideSupplyLink(db: Db, linkId: string, decision: 'approved' | 'rejected') {
	const done = await db
		.update(supplyLinks)
		.set({ approvalStatus: decision })
		.where(and(eq(supplyLinks.id, linkId), eq(supplyLinks.approvalStatus, 'pending')))
		.returning({ id: supplyLinks.id });
	if (done.length) return;
	const [l] = await db.select({ id: supplyLinks.id }).from(supplyLinks).where(eq(supplyLinks.id, linkId));
	if (!l) throw new NotFoundError('supply_link', linkId);
	throw new ConflictError('error_no_pending_changes');
}

export async function removeSupplyLink(db: Db, actor: Actor, linkId: string): Promise<void> {
	const [l] = await db.select().from(supplyLinks).where(eq(supplyLinks.id, linkId));
	if (!l) throw new NotFoundError('supply_link', linkId);
	if (!canEditOrganization(actor, l.supplierId) && !canEditOrganization(actor, l.customerId)) throw new ForbiddenError();
	await db.delete(supplyLinks).where(eq(supplyLinks.id, linkId));
}

/** The links of an organization; `publicOnly` keeps the approved ones with a listed member. */
export async function listSupplyLinksOf(db: Db, organizationId: string, opts: { publicOnly?: boolean } = {}) {
	const rows = await queryRows<{
		id: string;
		supplier_id: string;
		customer_id: string;
		material: string;
		approval_status: ApprovalStatus;
		other_name: string;
		other_slug: string | null;
		other_public: boolean;
	}>(
		db,
		sql`select l.id, l.supplier_id, l.customer_id, l.material, l.approval_status, o.name as other_name, s.slug as other_slug,
				exists(select 1 from directory_entries e where e.organization_id = o.id) as other_public
			from supply_links l
			join organizations o on o.id = case when l.supplier_id = ${organizationId} then l.customer_id else l.supplier_id end
			left join showcases s on s.organization_id = o.id
			where (l.supplier_id = ${organizationId} or l.customer_id = ${organizationId})
				${opts.publicOnly ? sql`and l.approval_status = 'approved'` : sql``}
			order by l.material, o.name`
	);
	return rows
		.filter((r) => !opts.publicOnly || r.other_public)
		.map((r) => ({
			id: r.id,
			direction: r.supplier_id === organizationId ? ('supplies' as const) : ('buys' as const),
			material: r.material,
			approvalStatus: r.approval_status,
			other: { id: r.supplier_id === organizationId ? r.customer_id : r.supplier_id, name: r.other_name, slug: r.other_slug, isPublic: r.other_public }
		}));
}

/** The public supply-chain map's data: listed members, their stages, and approved links between listed members. */
export async function supplyChainData(db: Db, filter: { material?: string; competency?: string } = {}) {
	const stages = await db.select().from(valueChainStages).orderBy(asc(valueChainStages.position));
	const orgs = await queryRows<{ id: string; name: string; slug: string; stage_ids: string[] | null }>(
		db,
		sql`select e.organization_id as id, e.name, e.slug,
				coalesce(nullif(array(select os.stage_id from organization_stages os where os.organization_id = e.organization_id), '{}'),
					case when o.value_chain_stage_id is not null then array[o.value_chain_stage_id] end) as stage_ids
			from directory_entries e join organizations o on o.id = e.organization_id
			where ${filter.competency ? sql`${filter.competency} = any(e.competency_ids)` : sql`true`}
			order by e.name_normalized`
	);
	const ids = new Set(orgs.map((o) => o.id));
	const links = (
		await queryRows<{ supplier_id: string; customer_id: string; material: string }>(
			db,
			sql`select supplier_id, customer_id, material from supply_links
				where approval_status = 'approved' ${filter.material ? sql`and lower(material) = lower(${filter.material})` : sql``}`
		)
	).filter((l) => ids.has(l.supplier_id) && ids.has(l.customer_id));
	const materials = (
		await queryRows<{ material: string }>(
			db,
			sql`select min(material) as material from supply_links l
				where l.approval_status = 'approved'
				and exists(select 1 from directory_entries e where e.organization_id = l.supplier_id)
				and exists(select 1 from directory_entries e where e.organization_id = l.customer_id)
				group by lower(material) order by 1`
		)
	).map((m) => m.material);
	// Without links to show for a material, keep only the members that take part in some link.
	const linked = new Set(links.flatMap((l) => [l.supplier_id, l.customer_id]));
	return {
		stages: stages.map((s) => ({ id: s.id, name: s.name, position: s.position })),
		organizations: orgs
			.filter((o) => !filter.material || linked.has(o.id))
			.map((o) => ({ id: o.id, name: o.name, slug: o.slug, stageIds: o.stage_ids ?? [] })),
		links: links.map((l) => ({ supplierId: l.supplier_id, customerId: l.customer_id, material: l.material })),
		materials
	};
}

// ---------------------------------------------------------------- the public page

export interface PublicShowcase {
	id: string;
	slug: string;
	name: string;
	website: string | null;
	phone: string | null;
	addressLine: string | null;
	postalCode: string | null;
	communeName: string | null;
	communeInsee: string | null;
	departement: string | null;
	departementName: string | null;
	regionName: string | null;
	nafCode: string | null;
	nafLabel: string | null;
	sizeBand: string | null;
	siren: string | null;
	memberSince: number | null;
	portrait: string | null;
	productsServices: string | null;
	territory: string | null;
	labels: string[];
	materials: string[];
	videoUrl: string | null;
	videoEmbed: string | null;
	videoKey: string | null;
	logoKey: string | null;
	coverKey: string | null;
	competencies: { id: string; name: string }[];
	stages: { id: string; name: string }[];
	lat: number | null;
	lon: number | null;
	updatedAt: Date;
}

/** A listed organization's public page, by slug (NotFound for anything not in the directory). */
export async function getPublicShowcase(db: Db, slug: string): Promise<PublicShowcase> {
	const [r] = await db
		.select({ e: directoryEntries, o: organizations, s: showcases, nafLabel: nafCodes.label })
		.from(directoryEntries)
		.innerJoin(organizations, eq(organizations.id, directoryEntries.organizationId))
		.innerJoin(showcases, eq(showcases.organizationId, directoryEntries.organizationId))
		.leftJoin(nafCodes, eq(nafCodes.code, directoryEntries.nafCode))
		.where(eq(directoryEntries.slug, slug));
	if (!r) throw new NotFoundError('showcase', slug);
	const comps = r.e.competencyIds.length
		? await db.select({ id: competencies.id, name: competencies.name }).from(competencies).where(inArray(competencies.id, r.e.competencyIds)).orderBy(asc(competencies.position), asc(competencies.name))
		: [];
	const stages = await queryRows<{ id: string; name: string }>(
		db,
		sql`select v.id, v.name from value_chain_stages v where v.id in (select stage_id from organization_stages where organization_id = ${r.o.id})
				or (v.id = ${r.o.valueChainStageId} and not exists (select 1 from organization_stages where organization_id = ${r.o.id}))
			order by v.position`
	);
	return {
		id: r.o.id,
		slug: r.s.slug,
		name: r.o.name,
		website: r.o.website,
		phone: r.o.phone,
		addressLine: r.o.addressLine,
		postalCode: r.o.postalCode,
		communeName: r.o.communeName,
		communeInsee: r.o.communeInsee,
		departement: r.o.departementCode,
		departementName: departementName(r.o.departementCode) ?? null,
		regionName: regionName(r.o.regionCode) ?? null,
		nafCode: r.o.nafCode,
		nafLabel: r.nafLabel,
		sizeBand: r.o.sizeBand,
		siren: r.o.siren,
		memberSince: r.e.memberSince,
		portrait: r.s.portrait,
		productsServices: r.s.productsServices,
		territory: r.s.territory,
		labels: r.s.labels,
		materials: r.s.materials,
		videoUrl: r.s.videoUrl,
		videoEmbed: r.s.videoUrl ? videoEmbedUrl(r.s.videoUrl) : null,
		videoKey: r.s.videoKey,
		logoKey: r.s.logoKey,
		coverKey: r.s.coverKey,
		competencies: comps,
		stages,
		lat: r.e.lat,
		lon: r.e.lon,
		updatedAt: r.s.updatedAt
	};
}

/** Every listed page for the sitemap. */
export async function listPublicSlugs(db: Db): Promise<{ slug: string; updatedAt: Date }[]> {
	return queryRows<{ slug: string; updatedAt: Date }>(db, sql`select slug, updated_at as "updatedAt" from directory_entries order by slug`);
}

// ---------------------------------------------------------------- introductions

export interface IntroductionRequest {
	slug: string;
	raw: unknown;
	/** The honeypot field, invisible to people: bots fill it. */
	trap?: string | null;
	/** When the form was displayed (ms); a human takes more than a couple of seconds. */
	shownAt?: number | null;
	clientKey: string;
	locale: Locale;
	baseUrl: string;
}

/** Who receives a page's messages: the organization's address, else its consenting contacts. */
async function recipientsOf(db: Db, organizationId: string, orgEmail: string | null): Promise<string[]> {
	if (orgEmail) return [orgEmail];
	const rows = await db
		.select({ email: people.email })
		.from(people)
		.where(and(eq(people.organizationId, organizationId), eq(people.consentPublicListing, true), isNotNull(people.email)));
	return [...new Set(rows.map((r) => r.email!).filter(Boolean))].slice(0, 3);
}

/**
 * Sends a message from the public page to the company by email and counts it as an introduction.
 * Spam: a honeypot, a minimum time on the form, links limited, and a rate limit per client and per page.
 * Returns 'sent', or 'dropped' for a bot (answered like a success so bots learn nothing).
 */
export async function sendIntroduction(db: Db, req: IntroductionRequest): Promise<'sent' | 'dropped'> {
	const page = await getPublicShowcase(db, req.slug);
	const input = parseInput(introductionInput, req.raw);
	if (req.trap) return 'dropped';
	if (req.shownAt && Date.now() - req.shownAt < 2500) return 'dropped';
	if ((input.message.match(/https?:\/\//g) ?? []).length > 2) throw new InvalidError([{ path: 'message', message: 'error_too_many_links' }]);
	if (!(await hitRateLimit(db, `intro:client:${req.clientKey}`, 5, 3600))) throw new ConflictError('error_rate_limited');
	if (!(await hitRateLimit(db, `intro:org:${page.id}`, 30, 86400))) throw new ConflictError('error_rate_limited');
	const [org] = await db.select({ email: organizations.email }).from(organizations).where(eq(organizations.id, page.id));
	const to = await recipientsOf(db, page.id, org?.email ?? null);
	if (!to.length) throw new ConflictError('error_no_recipient');
	const cluster = await getClusterSettings(db);
	const locale = req.locale;
	const { html, text } = renderMail({
		clusterName: cluster.name,
		color: cluster.primaryColor,
		heading: t('mail_intro_heading', { name: input.name }, locale),
		paragraphs: [
			t('mail_intro_body', { name: input.name, company: input.company ?? '—', email: input.email, cluster: cluster.name }, locale),
			input.message
		],
		action: { label: t('mail_intro_action', {}, locale), url: `mailto:${input.email}` },
		footer: t('mail_intro_footer', { cluster: cluster.name, url: `${req.baseUrl}/members/${page.slug}` }, locale)
	});
	await db.transaction(async (tx) => {
		await tx.insert(introductions).values({
			id: newId(),
			organizationId: page.id,
			senderName: input.name,
			senderEmail: input.email,
			senderCompany: input.company,
			message: input.message
		});
		for (const address of to)
			await queueMail(tx, {
				to: address,
				replyTo: input.email,
				subject: t('mail_intro_subject', { cluster: cluster.name, name: input.name }, locale),
				text,
				html
			});
	});
	return 'sent';
}

/** The team's view: introductions per organization and per month. */
export async function introductionStats(db: Db, actor: Actor, opts: { organizationId?: string } = {}) {
	if (opts.organizationId ? !canReadOrganization(actor, opts.organizationId) : !isStaff(actor)) throw new ForbiddenError();
	const where = opts.organizationId ? sql`where i.organization_id = ${opts.organizationId}` : sql``;
	const byMonth = await queryRows<{ month: string; count: number }>(
		db,
		sql`select to_char(date_trunc('month', i.created_at), 'YYYY-MM') as month, count(*)::int as count from introductions i ${where} group by 1 order by 1 desc limit 24`
	);
	const byOrganization = opts.organizationId
		? []
		: await queryRows<{ id: string; name: string; count: number; last: Date }>(
				db,
				sql`select o.id, o.name, count(*)::int as count, max(i.created_at) as last from introductions i join organizations o on o.id = i.organization_id group by o.id, o.name order by count desc, o.name limit 50`
			);
	const recent = opts.organizationId
		? await db
				.select({ id: introductions.id, senderName: introductions.senderName, senderEmail: introductions.senderEmail, senderCompany: introductions.senderCompany, message: introductions.message, createdAt: introductions.createdAt })
				.from(introductions)
				.where(eq(introductions.organizationId, opts.organizationId))
				.orderBy(sql`${introductions.createdAt} desc`)
				.limit(20)
		: [];
	const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from introductions i ${where}`);
	return { total, byMonth, byOrganization, recent };
}

/** Organizations a member may name as partners of a reference or in a supply link: members, by name. */
export async function memberChoices(db: Db): Promise<{ id: string; name: string }[]> {
	return db
		.select({ id: organizations.id, name: organizations.name })
		.from(organizations)
		.where(or(eq(organizations.status, 'member'), eq(organizations.status, 'partner')))
		.orderBy(asc(organizations.nameNormalized))
		.limit(2000);
}
