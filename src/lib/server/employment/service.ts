// Every rule of the job board's offers: members post for their own organization, the team for any and
// moderates (pending → published | rejected with a reason, the author is e-mailed), offers expire (a
// query-time rule: published and expires_at in the future; a periodic job marks them expired and warns
// the organization a few days before), and the public board's French full-text search with its filters.
import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { canEditOrganization, isStaff, requireStaff, type Actor } from '../auth/actor';
import { users } from '../auth/schema';
import { organizations } from '../crm/schema';
import { competencies } from '../showcase/schema';
import { trades } from '../trainings/schema';
import { listTrades } from '../trainings/trades';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { parseInput } from '../validation';
import { normalizeText } from '../text';
import { findCommune, departementName, regionName } from '../geo/communes';
import { distanceKm } from '../directory/memory-index';
import { getClusterSettings, type ClusterSettings } from '../settings/service';
import { queueMail, renderMail } from '../mail/service';
import { ensureNextRun, type JobHandler } from '../jobs/queue';
import { storedFiles } from '../files/schema';
import { createStorage, type FileStorage } from '../files/storage';
import { t, type Locale } from '../../i18n/t';
import { employmentSettings, jobOffers } from './schema';
import {
	DEFAULT_PUBLICATION_DAYS,
	MAX_PUBLICATION_DAYS,
	moderationInput,
	offerInput,
	settingsInput,
	type BoardQuery,
	type OfferInput,
	type OfferStatus
} from './validation';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type OfferRow = typeof jobOffers.$inferSelect;
const DAY = 86_400_000;
export const PAGE_SIZE = 20;
/** The organization is warned this many days before its offer expires. */
export const EXPIRY_NOTICE_DAYS = 5;

export interface MailContext {
	baseUrl: string;
}

// ---------------------------------------------------------------- settings

export interface EmploymentSettings {
	retentionDays: number;
	moderation: boolean;
}

export async function getEmploymentSettings(db: Db | Tx): Promise<EmploymentSettings> {
	const [s] = await db.select().from(employmentSettings).where(eq(employmentSettings.id, 1));
	return { retentionDays: s?.retentionDays ?? 180, moderation: s?.moderation ?? true };
}

/** The team sets the retention period of applications and whether members' offers are moderated. */
export async function saveEmploymentSettings(db: Db, actor: Actor, raw: unknown): Promise<EmploymentSettings> {
	requireStaff(actor);
	const input = parseInput(settingsInput, raw);
	await db
		.insert(employmentSettings)
		.values({ id: 1, retentionDays: input.retentionDays, moderation: input.moderation, updatedBy: actor.id, updatedAt: new Date() })
		.onConflictDoUpdate({ target: employmentSettings.id, set: { retentionDays: input.retentionDays, moderation: input.moderation, updatedBy: actor.id, updatedAt: new Date() } });
	return input;
}

// ---------------------------------------------------------------- reference lists

/** The trades, for the forms and filters (the trainings domain owns the list). */
export async function listTradeOptions(db: Db): Promise<{ id: string; name: string; slug: string }[]> {
	return (await listTrades(db)).map(({ id, name, slug }) => ({ id, name, slug }));
}

export async function listCompetencyOptions(db: Db): Promise<{ id: string; name: string }[]> {
	return db.select({ id: competencies.id, name: competencies.name }).from(competencies).orderBy(asc(competencies.position), asc(competencies.name));
}

/** Organizations the team may post for (members first). */
export async function listOrganizationOptions(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
	requireStaff(actor);
	return queryRows<{ id: string; name: string }>(
		db,
		sql`select id, name from organizations order by (status = 'member') desc, name_normalized limit 5000`
	);
}

// ---------------------------------------------------------------- writing offers

function slugify(title: string): string {
	const s = normalizeText(title).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
	// Longer than 60: cut before the word that crosses the limit.
	const cut = s.length > 60 ? s.slice(0, 61).replace(/-[^-]*$/, '') : s;
	return cut || 'offre';
}

async function uniqueSlug(db: Db | Tx, title: string, commune: string | null, exceptId?: string): Promise<string> {
	// The title (cut at a word) then the commune: "menuisier-poseur-mont-de-marsan".
	const base = commune ? `${slugify(title)}-${slugify(commune)}` : slugify(title);
	const taken = new Set(
		(await queryRows<{ slug: string }>(db, sql`select slug from job_offers where (slug = ${base} or slug like ${base + '-%'}) and id <> ${exceptId ?? ''}`)).map((r) => r.slug)
	);
	if (!taken.has(base)) return base;
	for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

async function offerValues(db: Db | Tx, input: OfferInput) {
	const issues = [];
	if (input.tradeId) {
		const [tr] = await db.select({ id: trades.id }).from(trades).where(eq(trades.id, input.tradeId));
		if (!tr) issues.push({ path: 'tradeId', message: 'error_employment_trade_unknown' });
	}
	if (input.competencyIds.length) {
		const found = await db.select({ id: competencies.id }).from(competencies).where(inArray(competencies.id, input.competencyIds));
		if (found.length !== input.competencyIds.length) issues.push({ path: 'competencyIds', message: 'error_employment_competency_unknown' });
	}
	if (issues.length) throw new InvalidError(issues);
	const c = input.commune;
	let lat: number | null = null;
	let lon: number | null = null;
	if (c) {
		const [g] = await queryRows<{ lat: number; lon: number }>(db, sql`select lat, lon from communes_geo where insee = ${c.code}`);
		if (g) [lat, lon] = [Number(g.lat), Number(g.lon)];
	}
	return {
		title: input.title,
		tradeId: input.tradeId,
		competencyIds: input.competencyIds,
		description: input.description,
		communeInsee: c?.code ?? null,
		communeName: c?.nom ?? null,
		postalCode: c?.codesPostaux[0] ?? null,
		departementCode: c?.departement ?? null,
		regionCode: c?.region ?? null,
		lat,
		lon,
		remote: input.remote,
		contractKind: input.contractKind,
		durationMonths: input.contractKind === 'permanent' ? null : input.durationMonths,
		workingTime: input.workingTime,
		weeklyHours: input.weeklyHours,
		salaryMinCents: input.salaryMin,
		salaryMaxCents: input.salaryMax,
		salaryPeriod: input.salaryMin !== null || input.salaryMax !== null ? input.salaryPeriod : null,
		startAsap: input.startAsap,
		startDate: input.startAsap ? null : input.startDate,
		applyMethod: input.applyMethod,
		applyValue: input.applyMethod === 'email' ? input.applyEmail!.toLowerCase() : input.applyMethod === 'url' ? input.applyUrl : null
	};
}

function publicationWindow(days: number | null, now = new Date()) {
	const d = Math.min(Math.round(days ?? DEFAULT_PUBLICATION_DAYS), MAX_PUBLICATION_DAYS);
	return { publishedAt: now, expiresAt: new Date(now.getTime() + d * DAY), expiryNoticeSentAt: null };
}

/** The organization an actor writes for: a member's own; the team's choice. */
function organizationFor(actor: Actor, requested: string | null): string {
	if (isStaff(actor)) {
		if (!requested) throw new InvalidError([{ path: 'organizationId', message: 'error_required' }]);
		return requested;
	}
	if (actor.role !== 'member' || !actor.organizationId) throw new ForbiddenError();
	if (requested && requested !== actor.organizationId) throw new ForbiddenError();
	return actor.organizationId;
}

/** Where a submitted offer goes: published at once for the team or without moderation, else pending. */
async function submittedStatus(db: Db | Tx, actor: Actor): Promise<'published' | 'pending'> {
	if (isStaff(actor)) return 'published';
	return (await getEmploymentSettings(db)).moderation ? 'pending' : 'published';
}

/**
 * Creates an offer. `submit` false keeps it as a draft; true publishes it (team, or no moderation) or
 * sends it to the moderation queue (pending).
 */
export async function createOffer(db: Db, actor: Actor, raw: unknown, opts: { submit: boolean }): Promise<{ id: string; slug: string; status: OfferStatus }> {
	const input = parseInput(offerInput, raw);
	const organizationId = organizationFor(actor, input.organizationId);
	const id = crypto.randomUUID();
	return db.transaction(async (tx) => {
		const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
		if (!org) throw new InvalidError([{ path: 'organizationId', message: 'error_employment_organization_unknown' }]);
		const values = await offerValues(tx, input);
		const slug = await uniqueSlug(tx, input.title, values.communeName);
		const status: OfferStatus = opts.submit ? await submittedStatus(tx, actor) : 'draft';
		await tx.insert(jobOffers).values({
			id,
			organizationId,
			slug,
			...values,
			status,
			...(status === 'published' ? publicationWindow(input.publicationDays) : {}),
			createdBy: actor.id
		});
		return { id, slug, status };
	});
}

async function lockOffer(tx: Tx, actor: Actor, id: string): Promise<OfferRow> {
	const [o] = await tx.select().from(jobOffers).where(eq(jobOffers.id, id)).for('update');
	if (!o) throw new NotFoundError('job_offer', id);
	if (!canEditOrganization(actor, o.organizationId)) {
		if (actor.role === 'member' || actor.role === 'partner') throw new NotFoundError('job_offer', id);
		throw new ForbiddenError();
	}
	return o;
}

/**
 * Changes an offer. When the team moderates, a member's change to a published offer sends it back to
 * the queue (what was approved is what is shown); `submit` sends a draft or a rejected offer.
 */
export async function updateOffer(db: Db, actor: Actor, id: string, raw: unknown, opts: { submit: boolean }): Promise<{ slug: string; status: OfferStatus }> {
	const input = parseInput(offerInput, raw);
	return db.transaction(async (tx) => {
		const o = await lockOffer(tx, actor, id);
		if (isStaff(actor) && input.organizationId && input.organizationId !== o.organizationId) {
			const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId));
			if (!org) throw new InvalidError([{ path: 'organizationId', message: 'error_employment_organization_unknown' }]);
		}
		const values = await offerValues(tx, input);
		let status = o.status as OfferStatus;
		let window = {};
		if (opts.submit && ['draft', 'rejected', 'pending'].includes(status)) {
			status = await submittedStatus(tx, actor);
			if (status === 'published') window = publicationWindow(input.publicationDays);
		} else if (['published', 'expired', 'filled'].includes(status) && !isStaff(actor) && (await getEmploymentSettings(tx)).moderation) {
			// An expired or filled offer too: else its new content would go back on the board through
			// republishOffer, which publishes without moderation what was approved.
			status = 'pending';
		} else if (status === 'published' && input.publicationDays) {
			window = { expiresAt: new Date((o.publishedAt ?? new Date()).getTime() + Math.min(input.publicationDays, MAX_PUBLICATION_DAYS) * DAY), expiryNoticeSentAt: null };
		}
		const slug = o.title === input.title && o.communeName === values.communeName ? o.slug : await uniqueSlug(tx, input.title, values.communeName, id);
		await tx
			.update(jobOffers)
			.set({
				...values,
				slug,
				...(isStaff(actor) && input.organizationId ? { organizationId: input.organizationId } : {}),
				status,
				...window,
				...(status === 'pending' ? { rejectionReason: null } : {}),
				updatedAt: new Date()
			})
			.where(eq(jobOffers.id, id));
		return { slug, status };
	});
}

/** Sends a draft (or a rejected offer after changes) to publication or to the moderation queue. */
export async function submitOffer(db: Db, actor: Actor, id: string): Promise<OfferStatus> {
	return db.transaction(async (tx) => {
		const o = await lockOffer(tx, actor, id);
		if (!['draft', 'rejected'].includes(o.status)) throw new ConflictError('error_employment_not_submittable');
		const status = await submittedStatus(tx, actor);
		await tx
			.update(jobOffers)
			.set({ status, rejectionReason: null, ...(status === 'published' ? publicationWindow(null) : {}), updatedAt: new Date() })
			.where(eq(jobOffers.id, id));
		return status;
	});
}

/** The team publishes or rejects (with a reason) a pending offer; its author is told by e-mail. */
export async function moderateOffer(db: Db, actor: Actor, id: string, raw: unknown, ctx: MailContext): Promise<OfferStatus> {
	requireStaff(actor);
	const input = parseInput(moderationInput, raw);
	return db.transaction(async (tx) => {
		const o = await lockOffer(tx, actor, id);
		if (o.status !== 'pending') throw new ConflictError('error_employment_not_pending');
		const status: OfferStatus = input.decision === 'publish' ? 'published' : 'rejected';
		await tx
			.update(jobOffers)
			.set({
				status,
				rejectionReason: status === 'rejected' ? input.reason : null,
				moderatedBy: actor.id,
				moderatedAt: new Date(),
				...(status === 'published' ? publicationWindow(null) : {}),
				updatedAt: new Date()
			})
			.where(eq(jobOffers.id, id));
		await mailAuthor(tx, o, ctx, status, (locale) => {
			const p = [t(`employment_mail_${status}_body`, { title: o.title }, locale)];
			if (status === 'rejected' && input.reason) p.push(t('employment_mail_reason', { reason: input.reason }, locale));
			return p;
		});
		return status;
	});
}

/** The offer's author (a member account) or, failing that, the organization's address. */
async function recipientOf(db: Db | Tx, o: Pick<OfferRow, 'createdBy' | 'organizationId'>): Promise<{ email: string; locale: Locale } | null> {
	if (o.createdBy) {
		const [u] = await db.select({ email: users.email, locale: users.locale, role: users.role }).from(users).where(eq(users.id, o.createdBy));
		if (u && u.role === 'member') return { email: u.email, locale: u.locale === 'en' ? 'en' : 'fr' };
	}
	const [org] = await db.select({ email: organizations.email }).from(organizations).where(eq(organizations.id, o.organizationId));
	return org?.email ? { email: org.email, locale: 'fr' } : null;
}

async function mailAuthor(
	db: Db | Tx,
	o: Pick<OfferRow, 'id' | 'title' | 'createdBy' | 'organizationId'>,
	ctx: MailContext,
	kind: 'published' | 'rejected' | 'expiring',
	paragraphs: (locale: Locale) => string[],
	cluster?: ClusterSettings
) {
	const to = await recipientOf(db, o);
	if (!to) return;
	cluster ??= await getClusterSettings(db as Db);
	const { html, text } = renderMail({
		clusterName: cluster.name,
		color: cluster.primaryColor,
		heading: t(`employment_mail_${kind}_heading`, { title: o.title }, to.locale),
		paragraphs: paragraphs(to.locale),
		action: { label: t('employment_mail_action', {}, to.locale), url: `${ctx.baseUrl}/app/jobs/${o.id}` },
		footer: t('employment_mail_footer', { cluster: cluster.name }, to.locale)
	});
	await queueMail(db as Pick<Db, 'insert'>, { to: to.email, subject: t(`employment_mail_${kind}_subject`, { title: o.title, cluster: cluster.name }, to.locale), text, html });
}

/** The position is filled: the offer leaves the board. */
export async function markOfferFilled(db: Db, actor: Actor, id: string): Promise<void> {
	await db.transaction(async (tx) => {
		const o = await lockOffer(tx, actor, id);
		if (o.status !== 'published' && o.status !== 'expired') throw new ConflictError('error_employment_not_published');
		await tx.update(jobOffers).set({ status: 'filled', filledAt: new Date(), updatedAt: new Date() }).where(eq(jobOffers.id, id));
	});
}

/**
 * Puts an approved offer back on the board for `days` more days (default 60, at most 90 from now):
 * extends a published offer, republishes an expired or filled one (dated today). Its content was
 * approved already (a member's edit of such an offer sends it back to moderation: see updateOffer).
 */
export async function republishOffer(db: Db, actor: Actor, id: string, days?: number | string | null): Promise<{ expiresAt: Date }> {
	const n = days === undefined || days === null || days === '' ? DEFAULT_PUBLICATION_DAYS : Number(days);
	if (!Number.isInteger(n) || n < 1 || n > MAX_PUBLICATION_DAYS)
		throw new InvalidError([{ path: 'days', message: 'error_employment_publication_days' }]);
	return db.transaction(async (tx) => {
		const o = await lockOffer(tx, actor, id);
		if (!['published', 'expired', 'filled'].includes(o.status)) throw new ConflictError('error_employment_not_republishable');
		const now = new Date();
		const expiresAt = new Date(now.getTime() + n * DAY);
		await tx
			.update(jobOffers)
			.set({
				status: 'published',
				...(o.status === 'published' ? {} : { publishedAt: now }),
				expiresAt,
				expiryNoticeSentAt: null,
				filledAt: null,
				updatedAt: now
			})
			.where(eq(jobOffers.id, id));
		return { expiresAt };
	});
}

/** Deletes an offer with its applications and their CV files (private, nothing else points to them). */
export async function deleteOffer(db: Db, actor: Actor, id: string, storage: FileStorage = createStorage(db)): Promise<void> {
	const keys = await db.transaction(async (tx) => {
		await lockOffer(tx, actor, id);
		const cvs = await queryRows<{ key: string }>(tx, sql`select cv_file_key as key from job_applications where offer_id = ${id} and cv_file_key is not null`);
		await tx.delete(jobOffers).where(eq(jobOffers.id, id));
		if (cvs.length) await tx.delete(storedFiles).where(inArray(storedFiles.key, cvs.map((c) => c.key)));
		return cvs.map((c) => c.key);
	});
	// The rows are gone with the offer; the bytes (disk storage) after the commit, best effort (the
	// retention job sweeps what is left).
	for (const key of keys) await storage.delete(key).catch(() => {});
}

// ---------------------------------------------------------------- reading offers

/** Published and not past its expiry date: what the public sees. */
const isLive = sql`o.status = 'published' and o.expires_at > now()`;

export interface OfferView {
	id: string;
	slug: string;
	title: string;
	status: OfferStatus;
	/** expired too when still "published" but past its date (the job has not run yet). */
	live: boolean;
	organizationId: string;
	organizationName: string;
	organizationWebsite: string | null;
	/** The organization's public page (/members/<slug>), when it has one. */
	organizationSlug: string | null;
	organizationLogoKey: string | null;
	tradeId: string | null;
	tradeName: string | null;
	tradeSlug: string | null;
	competencies: { id: string; name: string }[];
	description: string;
	communeInsee: string | null;
	communeName: string | null;
	postalCode: string | null;
	departementCode: string | null;
	departementName: string | null;
	regionName: string | null;
	lat: number | null;
	lon: number | null;
	remote: 'none' | 'partial' | 'full';
	contractKind: string;
	durationMonths: number | null;
	workingTime: string;
	weeklyHours: number | null;
	salaryMinCents: number | null;
	salaryMaxCents: number | null;
	salaryPeriod: string | null;
	startDate: string | null;
	startAsap: boolean;
	applyMethod: 'platform' | 'email' | 'url';
	applyValue: string | null;
	rejectionReason: string | null;
	publishedAt: Date | null;
	expiresAt: Date | null;
	createdAt: Date;
	updatedAt: Date;
	/** Km from the board's "near" commune. */
	distanceKm?: number;
}

const viewColumns = sql`o.*, g.name as organization_name, g.website as organization_website, d.slug as organization_slug,
	case when d.organization_id is not null then s.logo_key end as organization_logo_key,
	tr.name as trade_name, tr.slug as trade_slug, (${isLive}) as live`;
const viewJoins = sql`join organizations g on g.id = o.organization_id
	left join directory_entries d on d.organization_id = o.organization_id
	left join showcases s on s.organization_id = o.organization_id
	left join trades tr on tr.id = o.trade_id`;

type RawOffer = Record<string, unknown>;

async function toViews(db: Db | Tx, rows: RawOffer[]): Promise<OfferView[]> {
	const ids = [...new Set(rows.flatMap((r) => (r.competency_ids as string[] | null) ?? []))];
	const names = new Map<string, string>();
	if (ids.length) for (const c of await db.select({ id: competencies.id, name: competencies.name }).from(competencies).where(inArray(competencies.id, ids))) names.set(c.id, c.name);
	const date = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
	const num = (v: unknown) => (v == null ? null : Number(v));
	return rows.map((r) => ({
		id: String(r.id),
		slug: String(r.slug),
		title: String(r.title),
		status: r.status as OfferStatus,
		live: !!r.live,
		organizationId: String(r.organization_id),
		organizationName: String(r.organization_name),
		organizationWebsite: (r.organization_website as string | null) ?? null,
		organizationSlug: (r.organization_slug as string | null) ?? null,
		organizationLogoKey: (r.organization_logo_key as string | null) ?? null,
		tradeId: (r.trade_id as string | null) ?? null,
		tradeName: (r.trade_name as string | null) ?? null,
		tradeSlug: (r.trade_slug as string | null) ?? null,
		competencies: ((r.competency_ids as string[] | null) ?? []).filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })),
		description: String(r.description),
		communeInsee: (r.commune_insee as string | null) ?? null,
		communeName: (r.commune_name as string | null) ?? null,
		postalCode: (r.postal_code as string | null) ?? null,
		departementCode: (r.departement_code as string | null) ?? null,
		departementName: departementName(r.departement_code as string | null) ?? null,
		regionName: regionName(r.region_code as string | null) ?? null,
		lat: num(r.lat),
		lon: num(r.lon),
		remote: r.remote as OfferView['remote'],
		contractKind: String(r.contract_kind),
		durationMonths: num(r.duration_months),
		workingTime: String(r.working_time),
		weeklyHours: num(r.weekly_hours),
		salaryMinCents: num(r.salary_min_cents),
		salaryMaxCents: num(r.salary_max_cents),
		salaryPeriod: (r.salary_period as string | null) ?? null,
		startDate: r.start_date == null ? null : r.start_date instanceof Date ? r.start_date.toISOString().slice(0, 10) : String(r.start_date).slice(0, 10),
		startAsap: !!r.start_asap,
		applyMethod: r.apply_method as OfferView['applyMethod'],
		applyValue: (r.apply_value as string | null) ?? null,
		rejectionReason: (r.rejection_reason as string | null) ?? null,
		publishedAt: date(r.published_at),
		expiresAt: date(r.expires_at),
		createdAt: date(r.created_at)!,
		updatedAt: date(r.updated_at)!,
		...(r.distance_km != null ? { distanceKm: Number(r.distance_km) } : {})
	}));
}

/** An offer for its workspace page: the team, or a member of its organization (others: not found). */
export async function getOffer(db: Db, actor: Actor, id: string): Promise<OfferView> {
	const rows = await queryRows<RawOffer>(db, sql`select ${viewColumns} from job_offers o ${viewJoins} where o.id = ${id}`);
	if (!rows[0] || !(isStaff(actor) || (actor.organizationId && actor.organizationId === rows[0].organization_id))) throw new NotFoundError('job_offer', id);
	return (await toViews(db, rows))[0];
}

/** The public page of an offer: published and not expired; its own organization and the team also preview it. */
export async function getPublicOffer(db: Db, slug: string, actor: Actor | null = null): Promise<OfferView> {
	const rows = await queryRows<RawOffer>(db, sql`select ${viewColumns} from job_offers o ${viewJoins} where o.slug = ${slug}`);
	const r = rows[0];
	if (!r) throw new NotFoundError('job_offer', slug);
	const mayPreview = !!actor && (isStaff(actor) || (!!actor.organizationId && actor.organizationId === r.organization_id));
	if (!r.live && !mayPreview) throw new NotFoundError('job_offer', slug);
	return (await toViews(db, rows))[0];
}

export interface WorkspaceFilter {
	status?: OfferStatus | 'live';
	organizationId?: string;
}

/** The workspace list: a member's organization's offers; the team's all, filtered by status. */
export async function listOffers(db: Db, actor: Actor, filter: WorkspaceFilter = {}): Promise<OfferView[]> {
	const where: SQL[] = [];
	if (!isStaff(actor)) {
		if (actor.role !== 'member' || !actor.organizationId) throw new ForbiddenError();
		where.push(sql`o.organization_id = ${actor.organizationId}`);
	} else if (filter.organizationId) where.push(sql`o.organization_id = ${filter.organizationId}`);
	if (filter.status === 'live') where.push(isLive);
	else if (filter.status) where.push(sql`o.status = ${filter.status}`);
	const rows = await queryRows<RawOffer>(
		db,
		sql`select ${viewColumns} from job_offers o ${viewJoins} ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
			order by (o.status = 'pending') desc, o.updated_at desc limit 500`
	);
	return toViews(db, rows);
}

/** Counts by status for the team's tabs (or a member's organization). */
export async function countOffers(db: Db, actor: Actor): Promise<Record<string, number>> {
	const scope = isStaff(actor) ? sql`true` : sql`o.organization_id = ${actor.organizationId ?? ''}`;
	const rows = await queryRows<{ status: string; n: number }>(db, sql`select o.status, count(*)::int as n from job_offers o where ${scope} group by o.status`);
	return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** A French search as a tsquery: each word stemmed by grappe_french, the last one also as a prefix. */
function tsQuery(q: string): string | null {
	const words = normalizeText(q)
		.split(/[^a-z0-9]+/)
		.filter((w) => w.length > 0)
		.slice(0, 12);
	if (!words.length) return null;
	return words.map((w, i) => (i === words.length - 1 && w.length >= 3 ? `${w}:*` : w)).join(' & ');
}

export interface BoardResult {
	offers: OfferView[];
	total: number;
	page: number;
	pages: number;
	/** The "near" commune as understood. */
	near: { insee: string; name: string; lat: number; lon: number } | null;
}

/** Resolves the board's "near" filter (a commune as typed or its INSEE code) to its coordinates. */
async function nearOrigin(db: Db, near: string): Promise<BoardResult['near']> {
	const c = findCommune(near);
	if (!c) throw new InvalidError([{ path: 'near', message: 'error_employment_commune_unknown' }]);
	const [g] = await queryRows<{ lat: number; lon: number }>(db, sql`select lat, lon from communes_geo where insee = ${c.code}`);
	if (!g) throw new InvalidError([{ path: 'near', message: 'error_employment_commune_unknown' }]);
	return { insee: c.code, name: c.nom, lat: Number(g.lat), lon: Number(g.lon) };
}

/**
 * The public board: live offers matching the French search (stems, accents ignored) and filters
 * (trade slug, contract, département, within `km` of a commune), best match first (nearest first with
 * only a commune, newest first without a search), `PAGE_SIZE` a page.
 */
export async function searchOffers(db: Db, query: Partial<BoardQuery>, opts: { pageSize?: number; all?: boolean } = {}): Promise<BoardResult> {
	const pageSize = opts.pageSize ?? PAGE_SIZE;
	const page = Math.max(1, query.page ?? 1);
	const where: SQL[] = [isLive];
	const tsq = query.q ? tsQuery(query.q) : null;
	// Only stop words ("de la"): no text condition rather than no result.
	if (tsq) where.push(sql`(numnode(to_tsquery('grappe_french', ${tsq})) = 0 or o.search @@ to_tsquery('grappe_french', ${tsq}))`);
	if (query.trade) where.push(sql`tr.slug = ${query.trade}`);
	if (query.contract) where.push(sql`o.contract_kind = ${query.contract}`);
	if (query.dep) where.push(sql`o.departement_code = ${query.dep}`);
	const near = query.near ? await nearOrigin(db, query.near) : null;
	const km = query.km ?? 30;
	let distance = sql`null::float8`;
	if (near) {
		// A box first (what an index could use), then the great-circle distance (the same formula as distanceKm).
		const dLat = km / 111.2;
		const dLon = km / (111.2 * Math.max(0.1, Math.cos((near.lat * Math.PI) / 180)));
		where.push(sql`o.lat between ${near.lat - dLat} and ${near.lat + dLat} and o.lon between ${near.lon - dLon} and ${near.lon + dLon}`);
		distance = sql`12742 * asin(sqrt(power(sin(radians(o.lat - ${near.lat}) / 2), 2) + cos(radians(${near.lat})) * cos(radians(o.lat)) * power(sin(radians(o.lon - ${near.lon}) / 2), 2)))`;
		where.push(sql`${distance} <= ${km}`);
	}
	const order = tsq
		? sql`ts_rank(o.search, to_tsquery('grappe_french', ${tsq})) desc, o.published_at desc`
		: near
			? sql`distance_km asc, o.published_at desc`
			: sql`o.published_at desc`;
	const conditions = sql.join(where, sql` and `);
	const rows = await queryRows<RawOffer>(
		db,
		sql`select ${viewColumns}, ${distance} as distance_km
			from job_offers o ${viewJoins}
			where ${conditions}
			order by ${order}, o.id
			${opts.all ? sql`` : sql`limit ${pageSize} offset ${(page - 1) * pageSize}`}`
	);
	// Counted apart: a count(*) over () beside the page made every match carry all its columns
	// through the sort (180 ms for the unfiltered board at 20,000 offers on PGlite, bench/jobs.ts).
	const total = opts.all
		? rows.length
		: Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from job_offers o ${viewJoins} where ${conditions}`))[0]?.n ?? 0);
	const offers = await toViews(db, rows);
	// Distances shown to the visitor, from the directory's haversine helper.
	if (near) for (const o of offers) if (o.lat !== null && o.lon !== null) o.distanceKm = Math.round(distanceKm(near.lat, near.lon, o.lat, o.lon) * 10) / 10;
	return { offers, total, page, pages: Math.max(1, Math.ceil(total / pageSize)), near };
}

/** An organization's live offers, for its public showcase page. */
export async function publicOffersOf(db: Db, organizationId: string): Promise<{ slug: string; title: string; contractKind: string; communeName: string | null; remote: string; publishedAt: Date | null }[]> {
	const rows = await queryRows<RawOffer>(
		db,
		sql`select o.slug, o.title, o.contract_kind, o.commune_name, o.remote, o.published_at from job_offers o
			where o.organization_id = ${organizationId} and ${isLive} order by o.published_at desc limit 50`
	);
	return rows.map((r) => ({
		slug: String(r.slug),
		title: String(r.title),
		contractKind: String(r.contract_kind),
		communeName: (r.commune_name as string | null) ?? null,
		remote: String(r.remote),
		publishedAt: r.published_at == null ? null : new Date(String(r.published_at instanceof Date ? r.published_at.toISOString() : r.published_at))
	}));
}

/** Live offers for a trade, newest first, for its public trade page ("member companies hiring for it"). */
export async function liveOffersForTrade(db: Db, tradeId: string, limit = 20): Promise<{ slug: string; title: string; organizationName: string; communeName: string | null; contractKind: string }[]> {
	return queryRows(
		db,
		sql`select o.slug, o.title, org.name as "organizationName", o.commune_name as "communeName", o.contract_kind as "contractKind"
			from job_offers o join organizations org on org.id = o.organization_id
			where o.trade_id = ${tradeId} and ${isLive}
			order by o.published_at desc, o.title limit ${limit}`
	);
}

/** Live offers for the sitemap. */
export async function sitemapOffers(db: Db): Promise<{ slug: string; updatedAt: Date }[]> {
	const rows = await queryRows<{ slug: string; updated_at: string | Date }>(db, sql`select o.slug, o.updated_at from job_offers o where ${isLive} order by o.published_at desc limit 10000`);
	return rows.map((r) => ({ slug: r.slug, updatedAt: new Date(r.updated_at) }));
}

// ---------------------------------------------------------------- expiry

export const EXPIRY_JOB = 'employment.offers_expiry';
const EXPIRY_INTERVAL_MS = 3600_000;

/**
 * Marks offers past their date as expired and warns the organizations whose offers expire within
 * EXPIRY_NOTICE_DAYS (each offer once per expiry date: extending it resets the notice).
 */
export async function expireOffers(db: Db, ctx: MailContext): Promise<{ expired: number; noticed: number }> {
	const expired = await queryRows<{ id: string }>(db, sql`update job_offers set status = 'expired', updated_at = now() where status = 'published' and expires_at <= now() returning id`);
	const due = await queryRows<{ id: string }>(
		db,
		sql`select id from job_offers where status = 'published' and expires_at > now()
			and expires_at <= now() + make_interval(days => ${EXPIRY_NOTICE_DAYS}) and expiry_notice_sent_at is null`
	);
	let noticed = 0;
	if (due.length) {
		const cluster = await getClusterSettings(db);
		for (const { id } of due) {
			// Claimed and queued in one transaction: two workers never send the same notice, and a failure
			// to queue the mail leaves the notice unclaimed for the next run.
			const sent = await db.transaction(async (tx) => {
				const [o] = await queryRows<{ id: string }>(
					tx,
					sql`update job_offers set expiry_notice_sent_at = now() where id = ${id} and status = 'published' and expires_at > now()
						and expires_at <= now() + make_interval(days => ${EXPIRY_NOTICE_DAYS}) and expiry_notice_sent_at is null returning id`
				);
				if (!o) return false;
				const [offer] = await tx.select().from(jobOffers).where(eq(jobOffers.id, id));
				const when = offer.expiresAt!;
				await mailAuthor(tx, offer, ctx, 'expiring', (locale) => [t('employment_mail_expiring_body', { title: offer.title, date: when.toLocaleDateString(locale === 'en' ? 'en-GB' : 'fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }) }, locale)], cluster);
				return true;
			});
			if (sent) noticed++;
		}
	}
	return { expired: expired.length, noticed };
}

/** The periodic expiry job: runs, then schedules its next run in an hour. */
export function offersExpiryJobHandler(baseUrl: string): JobHandler {
	return async (_job, db) => {
		// The next run first: a run that fails, even for good, does not end the chain.
		await ensureNextRun(db, EXPIRY_JOB, new Date(Date.now() + EXPIRY_INTERVAL_MS));
		const r = await expireOffers(db, { baseUrl });
		return r;
	};
}

/** At start-up: makes sure one expiry run is scheduled (it then schedules itself). */
export async function scheduleOffersExpiry(db: Db): Promise<void> {
	await ensureNextRun(db, EXPIRY_JOB);
}

/** The départements and trades that have live offers, with their counts, for the board's filters. */
export async function boardFilterOptions(db: Db): Promise<{ departements: { code: string; name: string; count: number }[]; trades: { slug: string; name: string; count: number }[] }> {
	const [deps, trs] = await Promise.all([
		queryRows<{ code: string; n: number }>(db, sql`select o.departement_code as code, count(*)::int as n from job_offers o where ${isLive} and o.departement_code is not null group by 1 order by 1`),
		queryRows<{ slug: string; name: string; n: number }>(
			db,
			sql`select tr.slug, tr.name, count(o.id)::int as n from trades tr left join job_offers o on o.trade_id = tr.id and ${isLive} group by tr.id order by tr.position, tr.name`
		)
	]);
	return {
		departements: deps.map((d) => ({ code: d.code, name: departementName(d.code) ?? d.code, count: Number(d.n) })),
		trades: trs.map((r) => ({ slug: r.slug, name: r.name, count: Number(r.n) }))
	};
}
