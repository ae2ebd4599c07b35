// Every rule of trainings and trades: the trades the team names, orders and describes (public trade
// pages), the training catalogue of providers among the partners and members (a provider's account
// manages its own trainings, the team all), labels the cluster grants with an audit date and a validity
// (only valid ones are public), the public catalogue's French search with filters and a map, and school
// requests that members volunteer for and the team matches (both sides emailed).
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { isStaff, requireStaff, type Actor } from '../auth/actor';
import { organizations } from '../crm/schema';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { parseInput } from '../validation';
import { normalizeText } from '../text';
import { getClusterSettings, type ClusterSettings } from '../settings/service';
import { queueMail, renderMail } from '../mail/service';
import { formatPhone } from '../crm/identifiers';
import { departementName } from '../geo/communes';
import { processImage, saveFile, deleteFile } from '../files/images';
import type { FileStorage } from '../files/storage';
import { t, type Locale } from '../../i18n/t';
import { parisToday } from '../dates';
import { labelGrants, schoolRequestTrades, schoolRequests, schoolVolunteers, trades, trainingLabels, trainingSessions, trainingTrades, trainings } from './schema';
import { FUNDINGS, grantInput, labelInput, schoolRequestInput, tradeInput, trainingInput, videoEmbed, volunteerInput, type TrainingInput } from './validation';
import { listTrades, getTradeBySlug, getTradeById, type TradeSummary } from './trades';

export { listTrades, getTradeBySlug, getTradeById, type TradeSummary };

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const newId = () => crypto.randomUUID();

export interface MailContext {
	baseUrl: string;
}

// ---------------------------------------------------------------- trades

export type TradeRow = typeof trades.$inferSelect;

export function slugify(name: string, fallback = 'metier'): string {
	return (
		normalizeText(name)
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.replace(/-+$/, '') || fallback
	);
}

async function freeSlug(db: Db | Tx, table: 'trades' | 'trainings', base: string, exceptId = ''): Promise<string> {
	const rows = await queryRows<{ slug: string }>(db, sql`select slug from ${sql.raw(table)} where (slug = ${base} or slug like ${base + '-%'}) and id <> ${exceptId}`);
	const taken = new Set(rows.map((r) => r.slug));
	if (!taken.has(base)) return base;
	for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Every trade with its page content, for the team's pages. */
export async function listTradesFull(db: Db, actor: Actor): Promise<TradeRow[]> {
	requireStaff(actor);
	return db.select().from(trades).orderBy(asc(trades.position), asc(trades.name));
}

export async function getTrade(db: Db, actor: Actor, id: string): Promise<TradeRow> {
	requireStaff(actor);
	const [row] = await db.select().from(trades).where(eq(trades.id, id));
	if (!row) throw new NotFoundError('trade', id);
	return row;
}

async function checkTradeName(tx: Db | Tx, name: string, exceptId = '') {
	const rows = await queryRows<{ id: string }>(tx, sql`select id from trades where lower(name) = lower(${name}) and id <> ${exceptId}`);
	if (rows.length) throw new ConflictError('error_duplicate_name', { name }, 'name');
}

/** A new trade at the end of the list; its slug comes from the name unless one is given. */
export async function createTrade(db: Db, actor: Actor, raw: unknown): Promise<TradeRow> {
	requireStaff(actor);
	const input = parseInput(tradeInput, raw);
	return db.transaction(async (tx) => {
		await checkTradeName(tx, input.name);
		let slug: string;
		if (input.slug) {
			const [clash] = await tx.select({ id: trades.id }).from(trades).where(eq(trades.slug, input.slug));
			if (clash) throw new ConflictError('error_trades_slug_taken', { slug: input.slug }, 'slug');
			slug = input.slug;
		} else slug = await freeSlug(tx, 'trades', slugify(input.name));
		const [{ max }] = await queryRows<{ max: number | null }>(tx, sql`select max(position) as max from trades`);
		const [row] = await tx
			.insert(trades)
			.values({ id: newId(), position: (max == null ? -1 : Number(max)) + 1, name: input.name, slug, description: input.description, skills: input.skills, trainingPaths: input.trainingPaths, videos: input.videos })
			.returning();
		return row;
	});
}

/** Renaming keeps the slug (addresses already shared stay valid); a slug typed by the team replaces it. */
export async function updateTrade(db: Db, actor: Actor, id: string, raw: unknown): Promise<TradeRow> {
	requireStaff(actor);
	const input = parseInput(tradeInput, raw);
	return db.transaction(async (tx) => {
		const [current] = await tx.select().from(trades).where(eq(trades.id, id));
		if (!current) throw new NotFoundError('trade', id);
		await checkTradeName(tx, input.name, id);
		let slug = current.slug;
		if (input.slug && input.slug !== current.slug) {
			const [clash] = await tx.select({ id: trades.id }).from(trades).where(eq(trades.slug, input.slug));
			if (clash) throw new ConflictError('error_trades_slug_taken', { slug: input.slug }, 'slug');
			slug = input.slug;
		}
		const [row] = await tx
			.update(trades)
			.set({ name: input.name, slug, description: input.description, skills: input.skills, trainingPaths: input.trainingPaths, videos: input.videos, updatedAt: new Date() })
			.where(eq(trades.id, id))
			.returning();
		return row;
	});
}

/** Moves a trade one place up or down in the list. */
export async function moveTrade(db: Db, actor: Actor, id: string, direction: 'up' | 'down'): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		const list = await tx.select({ id: trades.id }).from(trades).orderBy(asc(trades.position), asc(trades.name));
		const i = list.findIndex((r) => r.id === id);
		if (i < 0) throw new NotFoundError('trade', id);
		const j = direction === 'up' ? i - 1 : i + 1;
		if (j < 0 || j >= list.length) return;
		[list[i], list[j]] = [list[j], list[i]];
		for (const [position, r] of list.entries()) await tx.update(trades).set({ position }).where(eq(trades.id, r.id));
	});
}

/** Deletes a trade: trainings and school requests lose it, job offers keep no trade (their foreign key sets null). */
export async function deleteTrade(db: Db, storage: FileStorage | null, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	const [row] = await db.delete(trades).where(eq(trades.id, id)).returning();
	if (!row) throw new NotFoundError('trade', id);
	if (row.photoKey && storage) await deleteFile(db, storage, row.photoKey).catch(() => {});
}

/** A new photo for the trade page (re-encoded to WebP by the files module); the old one is removed. */
export async function setTradePhoto(db: Db, storage: FileStorage, actor: Actor, id: string, file: File | null | undefined): Promise<void> {
	requireStaff(actor);
	if (!file || file.size === 0) throw new InvalidError([{ path: 'photo', message: 'error_required' }]);
	const current = await getTrade(db, actor, id);
	const image = await processImage(new Uint8Array(await file.arrayBuffer()), 'photo', 'photo');
	const key = await saveFile(db, storage, { ...image, ownerOrganizationId: null, extension: 'webp' });
	await db.update(trades).set({ photoKey: key, updatedAt: new Date() }).where(eq(trades.id, id));
	if (current.photoKey) await deleteFile(db, storage, current.photoKey).catch(() => {});
}

export async function removeTradePhoto(db: Db, storage: FileStorage, actor: Actor, id: string): Promise<void> {
	const current = await getTrade(db, actor, id);
	await db.update(trades).set({ photoKey: null, updatedAt: new Date() }).where(eq(trades.id, id));
	if (current.photoKey) await deleteFile(db, storage, current.photoKey).catch(() => {});
}

export interface VideoLink {
	url: string;
	provider: 'youtube' | 'vimeo' | 'peertube';
	embedUrl: string;
	host: string;
}

export interface PublicTrade {
	trade: TradeRow;
	videos: VideoLink[];
	trainings: TrainingListItem[];
	companies: { name: string; slug: string; communeName: string | null }[];
}

/**
 * Member companies of the public directory whose activity, competencies or portrait mention the trade:
 * the first word of its name ("Menuisier / menuisière" → menuisier), stemmed like the directory and
 * shortened by a letter to match as a prefix (menuisier ~ menuiserie), as the directory's search does.
 */
async function directoryCompaniesForTrade(db: Db, tradeName: string): Promise<{ name: string; slug: string; communeName: string | null }[]> {
	const word = normalizeText(tradeName).match(/[a-z]{4,}/)?.[0];
	if (!word) return [];
	const [lex] = await queryRows<{ stem: string | null }>(db, sql`select (ts_lexize('french_stem', ${word}))[1] as stem`);
	const stem = lex?.stem ?? word;
	const prefix = stem.length >= 6 ? stem.slice(0, -1) : stem;
	return queryRows(
		db,
		sql`select d.name, d.slug, d.commune_name as "communeName" from directory_entries d
			where d.search @@ to_tsquery('simple', ${prefix + ':*'}) order by d.name_normalized limit 12`
	);
}

/** The public trade page: content, catalogue trainings for the trade, member companies hiring for it. */
export async function publicTrade(db: Db, slug: string): Promise<PublicTrade> {
	const [trade] = await db.select().from(trades).where(eq(trades.slug, slug));
	if (!trade) throw new NotFoundError('trade', slug);
	const videos = trade.videos.flatMap((url) => {
		const v = videoEmbed(url);
		return v ? [{ url, ...v }] : [];
	});
	const { items } = await searchTrainings(db, { trade: slug, limit: 50 });
	const companies = await directoryCompaniesForTrade(db, trade.name);
	return { trade, videos, trainings: items, companies };
}

/** Trades with how many published trainings each has, for the public list of trades. */
export async function publicTrades(db: Db): Promise<(TradeSummary & { description: string | null; trainings: number })[]> {
	return queryRows(
		db,
		sql`select t.id, t.position, t.name, t.slug, t.description,
			(select count(*)::int from training_trades tt join trainings r on r.id = tt.training_id where tt.trade_id = t.id and r.status = 'published') as trainings
			from trades t order by t.position, t.name`
	);
}

// ---------------------------------------------------------------- trainings

export type TrainingRow = typeof trainings.$inferSelect;
export type SessionRow = typeof trainingSessions.$inferSelect;

/** Organizations that may offer trainings: partners and members of the CRM. */
const PROVIDER_STATUSES = ['partner', 'member'];

/** Staff, or the account of the provider itself (member or partner). */
export function canManageTrainingsOf(actor: Actor | null | undefined, providerId: string): boolean {
	if (!actor) return false;
	if (isStaff(actor)) return true;
	return (actor.role === 'member' || actor.role === 'partner') && !!actor.organizationId && actor.organizationId === providerId;
}

/** The providers an actor may pick: every partner and member for the team, its own organization otherwise. */
export async function providerOptions(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
	if (isStaff(actor)) return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.status, PROVIDER_STATUSES)).orderBy(asc(organizations.nameNormalized));
	if (!actor.organizationId || (actor.role !== 'member' && actor.role !== 'partner')) return [];
	return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.id, actor.organizationId), inArray(organizations.status, PROVIDER_STATUSES)));
}

export interface TrainingView extends TrainingRow {
	providerName: string;
	tradeIds: string[];
	sessions: SessionRow[];
}

async function loadTraining(db: Db | Tx, id: string): Promise<TrainingView | null> {
	const [row] = await db.select({ t: trainings, providerName: organizations.name }).from(trainings).innerJoin(organizations, eq(organizations.id, trainings.providerId)).where(eq(trainings.id, id));
	if (!row) return null;
	const tradeRows = await db.select({ tradeId: trainingTrades.tradeId }).from(trainingTrades).where(eq(trainingTrades.trainingId, id));
	const sessions = await db.select().from(trainingSessions).where(eq(trainingSessions.trainingId, id)).orderBy(asc(trainingSessions.startsOn));
	return { ...row.t, providerName: row.providerName, tradeIds: tradeRows.map((r) => r.tradeId), sessions };
}

/** The trainings an actor manages: all for the team, its own organization's for a provider's account. */
export async function listManagedTrainings(db: Db, actor: Actor): Promise<(TrainingRow & { providerName: string })[]> {
	if (!isStaff(actor) && !actor.organizationId) return [];
	const rows = await db
		.select({ t: trainings, providerName: organizations.name })
		.from(trainings)
		.innerJoin(organizations, eq(organizations.id, trainings.providerId))
		.where(isStaff(actor) ? undefined : eq(trainings.providerId, actor.organizationId!))
		.orderBy(asc(trainings.title));
	return rows.map((r) => ({ ...r.t, providerName: r.providerName }));
}

export async function getTrainingForEdit(db: Db, actor: Actor, id: string): Promise<TrainingView> {
	const view = await loadTraining(db, id);
	if (!view) throw new NotFoundError('training', id);
	if (!canManageTrainingsOf(actor, view.providerId)) throw new ForbiddenError();
	return view;
}

async function resolveProvider(tx: Db | Tx, actor: Actor, input: TrainingInput): Promise<string> {
	const providerId = isStaff(actor) ? input.providerId : actor.organizationId ?? null;
	if (!providerId) throw new InvalidError([{ path: 'providerId', message: 'error_required' }]);
	if (!canManageTrainingsOf(actor, providerId)) throw new ForbiddenError();
	const [org] = await tx.select({ status: organizations.status }).from(organizations).where(eq(organizations.id, providerId));
	if (!org || !PROVIDER_STATUSES.includes(org.status)) throw new InvalidError([{ path: 'providerId', message: 'error_trainings_provider_not_eligible' }]);
	return providerId;
}

async function checkTrades(tx: Db | Tx, ids: string[], path: string) {
	const unique = [...new Set(ids.filter(Boolean))];
	if (!unique.length) return unique;
	const found = await tx.select({ id: trades.id }).from(trades).where(inArray(trades.id, unique));
	if (found.length !== unique.length) throw new InvalidError([{ path, message: 'error_invalid_choice' }]);
	return unique;
}

function trainingColumns(input: TrainingInput) {
	return {
		title: input.title,
		kind: input.kind,
		content: input.content,
		objectives: input.objectives,
		durationHours: input.durationHours,
		mode: input.mode,
		communeInsee: input.commune?.insee ?? null,
		communeName: input.commune?.name ?? null,
		departementCode: input.commune?.departement ?? null,
		fundings: input.fundings,
		fundingNote: input.fundingNote,
		level: input.level,
		certification: input.certification,
		url: input.url,
		status: input.status
	};
}

async function writeTradesAndSessions(tx: Tx, id: string, tradeIds: string[], sessions: TrainingInput['sessions']) {
	await tx.delete(trainingTrades).where(eq(trainingTrades.trainingId, id));
	if (tradeIds.length) await tx.insert(trainingTrades).values(tradeIds.map((tradeId) => ({ trainingId: id, tradeId })));
	await tx.delete(trainingSessions).where(eq(trainingSessions.trainingId, id));
	if (sessions.length) await tx.insert(trainingSessions).values(sessions.map((s) => ({ id: newId(), trainingId: id, ...s })));
}

/** A new training; a member's or partner's account creates it for its own organization only. */
export async function createTraining(db: Db, actor: Actor, raw: unknown): Promise<TrainingView> {
	const input = parseInput(trainingInput, raw);
	const id = newId();
	await db.transaction(async (tx) => {
		const providerId = await resolveProvider(tx, actor, input);
		const tradeIds = await checkTrades(tx, input.tradeIds, 'tradeIds');
		const slug = await freeSlug(tx, 'trainings', slugify(input.title, 'formation'));
		await tx.insert(trainings).values({ id, slug, providerId, ...trainingColumns(input) });
		await writeTradesAndSessions(tx, id, tradeIds, input.sessions);
	});
	return (await loadTraining(db, id))!;
}

/** Changes a training; its slug stays (public addresses keep working). */
export async function updateTraining(db: Db, actor: Actor, id: string, raw: unknown): Promise<TrainingView> {
	const current = await getTrainingForEdit(db, actor, id);
	const input = parseInput(trainingInput, { ...raw as object, providerId: (raw as Record<string, unknown>)?.providerId ?? current.providerId });
	await db.transaction(async (tx) => {
		const providerId = await resolveProvider(tx, actor, input);
		const tradeIds = await checkTrades(tx, input.tradeIds, 'tradeIds');
		await tx.update(trainings).set({ providerId, ...trainingColumns(input), updatedAt: new Date() }).where(eq(trainings.id, id));
		await writeTradesAndSessions(tx, id, tradeIds, input.sessions);
	});
	return (await loadTraining(db, id))!;
}

export async function deleteTraining(db: Db, actor: Actor, id: string): Promise<void> {
	await getTrainingForEdit(db, actor, id);
	await db.delete(trainings).where(eq(trainings.id, id));
}

// ---------------------------------------------------------------- labels

export type LabelRow = typeof trainingLabels.$inferSelect;
export type GrantRow = typeof labelGrants.$inferSelect;

/** A grant is shown publicly while granted, audited and not past its end date (Paris calendar day). */
/** A grant valid on `today` (a date in France, from parisToday: every date of the catalogue is read in France). */
const validGrant = (today: string) => sql`g.status = 'granted' and g.audited_on <= ${today}::date and g.valid_until >= ${today}::date`;

export async function listLabels(db: Db): Promise<LabelRow[]> {
	return db.select().from(trainingLabels).orderBy(asc(trainingLabels.name));
}

export async function createLabel(db: Db, actor: Actor, raw: unknown): Promise<LabelRow> {
	requireStaff(actor);
	const input = parseInput(labelInput, raw);
	const [row] = await db.insert(trainingLabels).values({ id: newId(), ...input }).returning();
	return row;
}

export async function updateLabel(db: Db, actor: Actor, id: string, raw: unknown): Promise<LabelRow> {
	requireStaff(actor);
	const input = parseInput(labelInput, raw);
	const [row] = await db.update(trainingLabels).set(input).where(eq(trainingLabels.id, id)).returning();
	if (!row) throw new NotFoundError('label', id);
	return row;
}

export async function deleteLabel(db: Db, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	const [row] = await db.delete(trainingLabels).where(eq(trainingLabels.id, id)).returning();
	if (!row) throw new NotFoundError('label', id);
}

export interface GrantView extends GrantRow {
	labelName: string;
	holderName: string;
	valid: boolean;
}

/** Every grant with what it labels and whether it is valid today, for the team. */
export async function listGrants(db: Db, actor: Actor): Promise<GrantView[]> {
	requireStaff(actor);
	return queryRows<GrantView>(
		db,
		sql`select g.id, g.label_id as "labelId", g.training_id as "trainingId", g.provider_id as "providerId", g.audited_on::text as "auditedOn",
			g.valid_until::text as "validUntil", g.status, g.created_at as "createdAt", l.name as "labelName",
			coalesce(t.title, o.name) as "holderName", (${validGrant(parisToday())}) as valid
			from label_grants g join training_labels l on l.id = g.label_id
			left join trainings t on t.id = g.training_id left join organizations o on o.id = g.provider_id
			order by g.valid_until desc, l.name`
	);
}

/** Grants a label to a training or to a provider (a partner or member of the CRM). */
export async function grantLabel(db: Db, actor: Actor, raw: unknown): Promise<GrantRow> {
	requireStaff(actor);
	const input = parseInput(grantInput, raw);
	const [label] = await db.select({ id: trainingLabels.id }).from(trainingLabels).where(eq(trainingLabels.id, input.labelId));
	if (!label) throw new InvalidError([{ path: 'labelId', message: 'error_invalid_choice' }]);
	if (input.trainingId) {
		const [tr] = await db.select({ id: trainings.id }).from(trainings).where(eq(trainings.id, input.trainingId));
		if (!tr) throw new InvalidError([{ path: 'trainingId', message: 'error_invalid_choice' }]);
	} else {
		const [org] = await db.select({ status: organizations.status }).from(organizations).where(eq(organizations.id, input.providerId!));
		if (!org || !PROVIDER_STATUSES.includes(org.status)) throw new InvalidError([{ path: 'providerId', message: 'error_trainings_provider_not_eligible' }]);
	}
	const [row] = await db.insert(labelGrants).values({ id: newId(), ...input }).returning();
	return row;
}

export async function setGrantStatus(db: Db, actor: Actor, id: string, status: string): Promise<void> {
	requireStaff(actor);
	if (!['granted', 'suspended', 'withdrawn'].includes(status)) throw new InvalidError([{ path: 'status', message: 'error_invalid_choice' }]);
	const [row] = await db.update(labelGrants).set({ status }).where(eq(labelGrants.id, id)).returning();
	if (!row) throw new NotFoundError('label_grant', id);
}

export async function deleteGrant(db: Db, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	await db.delete(labelGrants).where(eq(labelGrants.id, id));
}

// ---------------------------------------------------------------- the public catalogue

export interface TrainingFilter {
	q?: string | null;
	/** A trade's slug. */
	trade?: string | null;
	kind?: string | null;
	departement?: string | null;
	funding?: string | null;
	labelled?: boolean;
	limit?: number;
	offset?: number;
}

export interface TrainingListItem {
	id: string;
	slug: string;
	title: string;
	kind: string;
	mode: string;
	providerName: string;
	communeName: string | null;
	departementCode: string | null;
	durationHours: number | null;
	fundings: string[];
	nextSession: string | null;
	labels: string[];
}

export interface TrainingSearchResult {
	items: TrainingListItem[];
	total: number;
	/** Published trainings per département under every filter but the département (for the map). */
	byDepartement: Map<string, number>;
}

/** Reads a filter from a query string (what the public form sends). */
export function parseTrainingFilter(params: URLSearchParams): TrainingFilter {
	const get = (k: string) => params.get(k)?.trim() || null;
	const kind = get('kind');
	const funding = get('funding');
	return {
		q: get('q')?.slice(0, 200) ?? null,
		trade: get('trade'),
		kind: kind === 'initial' || kind === 'continuing' ? kind : null,
		departement: get('departement')?.toUpperCase().slice(0, 3) ?? null,
		funding: funding && (FUNDINGS as readonly string[]).includes(funding) ? funding : null,
		labelled: ['1', 'on', 'true'].includes(params.get('labelled') ?? '')
	};
}

/** The words of a query as a tsquery for grappe_french: every word must match, the last one as a prefix. */
function tsQueryText(q: string): string | null {
	const words = normalizeText(q).match(/[a-z0-9]+/g)?.filter((w) => w.length > 1) ?? [];
	if (!words.length) return null;
	return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

const VECTOR = sql`setweight(to_tsvector('grappe_french', t.title), 'A')
	|| setweight(to_tsvector('grappe_french', concat_ws(' ', (select string_agg(tr.name, ' ') from training_trades x join trades tr on tr.id = x.trade_id where x.training_id = t.id), t.certification, t.level)), 'B')
	|| setweight(to_tsvector('grappe_french', concat_ws(' ', o.name, t.commune_name, t.objectives)), 'C')
	|| setweight(to_tsvector('grappe_french', coalesce(t.content, '')), 'D')`;

/**
 * Published trainings matching the filter. The French text is stemmed by `grappe_french` (unaccent + French
 * Snowball) on both sides, as the directory does; the vector is computed per query (a catalogue counts
 * hundreds of trainings, not the directory's hundred thousand members).
 */
export async function searchTrainings(db: Db, filter: TrainingFilter, now = new Date()): Promise<TrainingSearchResult> {
	const today = parisToday(now);
	const grantValid = validGrant(today);
	const conds: SQL[] = [sql`t.status = 'published'`];
	const tsq = filter.q ? tsQueryText(filter.q) : null;
	if (filter.q && !tsq) conds.push(sql`false`);
	if (tsq) conds.push(sql`(${VECTOR}) @@ to_tsquery('grappe_french', ${tsq})`);
	if (filter.trade) conds.push(sql`exists (select 1 from training_trades x join trades tr on tr.id = x.trade_id where x.training_id = t.id and tr.slug = ${filter.trade})`);
	if (filter.kind) conds.push(sql`t.kind = ${filter.kind}`);
	if (filter.funding) conds.push(sql`${filter.funding} = any(t.fundings)`);
	if (filter.labelled) conds.push(sql`exists (select 1 from label_grants g where (g.training_id = t.id or g.provider_id = t.provider_id) and ${grantValid})`);
	const withoutDep = sql.join(conds, sql` and `);
	const all = filter.departement ? sql`${withoutDep} and t.departement_code = ${filter.departement}` : withoutDep;
	// Whatever a caller passes (the API's ?limit=-1, 2.5, NaN): 1 to 200 rows from a whole offset.
	const limit = Math.max(1, Math.min(Math.trunc(Number.isFinite(filter.limit) ? filter.limit! : 50), 200));
	const offset = Math.max(0, Math.trunc(Number.isFinite(filter.offset) ? filter.offset! : 0));
	const rank = tsq ? sql`ts_rank(${VECTOR}, to_tsquery('grappe_french', ${tsq}))` : sql`0::real`;
	const rows = await queryRows<TrainingListItem & { total: number }>(
		db,
		sql`select t.id, t.slug, t.title, t.kind, t.mode, o.name as "providerName", t.commune_name as "communeName", t.departement_code as "departementCode",
			t.duration_hours as "durationHours", t.fundings,
			(select min(s.starts_on)::text from training_sessions s where s.training_id = t.id and s.starts_on >= ${today}::date) as "nextSession",
			coalesce((select array_agg(distinct l.name) from label_grants g join training_labels l on l.id = g.label_id
				where (g.training_id = t.id or g.provider_id = t.provider_id) and ${grantValid}), '{}') as labels,
			count(*) over ()::int as total
			from trainings t join organizations o on o.id = t.provider_id
			where ${all}
			order by ${rank} desc, t.title limit ${limit} offset ${offset}`
	);
	const counts = await queryRows<{ code: string; n: number }>(
		db,
		sql`select t.departement_code as code, count(*)::int as n from trainings t join organizations o on o.id = t.provider_id
			where ${withoutDep} and t.departement_code is not null group by t.departement_code`
	);
	return {
		items: rows.map(({ total: _total, ...r }) => ({ ...r, durationHours: r.durationHours == null ? null : Number(r.durationHours), fundings: r.fundings ?? [], labels: r.labels ?? [] })),
		total: rows.length ? Number(rows[0].total) : offset > 0 ? -1 : 0,
		byDepartement: new Map(counts.map((c) => [c.code, Number(c.n)]))
	};
}

export interface PublicTraining extends TrainingView {
	trades: TradeSummary[];
	labels: { name: string; criteria: string | null; validUntil: string; holder: 'training' | 'provider' }[];
	departementName: string | null;
	providerWebsite: string | null;
}

/** A published training's page: provider, trades, sessions to come, valid labels only. */
export async function publicTraining(db: Db, slug: string, now = new Date()): Promise<PublicTraining> {
	const today = parisToday(now);
	const grantValid = validGrant(today);
	const [row] = await db.select({ id: trainings.id }).from(trainings).where(and(eq(trainings.slug, slug), eq(trainings.status, 'published')));
	if (!row) throw new NotFoundError('training', slug);
	const view = (await loadTraining(db, row.id))!;
	const tradeList = view.tradeIds.length ? (await listTrades(db)).filter((tr) => view.tradeIds.includes(tr.id)) : [];
	const labels = await queryRows<{ name: string; criteria: string | null; validUntil: string; holder: 'training' | 'provider' }>(
		db,
		sql`select l.name, l.criteria, g.valid_until::text as "validUntil", case when g.training_id is not null then 'training' else 'provider' end as holder
			from label_grants g join training_labels l on l.id = g.label_id
			where (g.training_id = ${view.id} or g.provider_id = ${view.providerId}) and ${grantValid} order by l.name`
	);
	const [org] = await db.select({ website: organizations.website }).from(organizations).where(eq(organizations.id, view.providerId));
	return {
		...view,
		sessions: view.sessions.filter((s) => (s.endsOn ?? s.startsOn) >= today),
		trades: tradeList,
		labels,
		departementName: departementName(view.departementCode) ?? null,
		providerWebsite: org?.website ?? null
	};
}

/** Slugs of published trainings and trades, for the sitemap. */
export async function publicTrainingSlugs(db: Db): Promise<{ trainings: string[]; trades: string[] }> {
	const tr = await db.select({ slug: trainings.slug }).from(trainings).where(eq(trainings.status, 'published'));
	const td = await db.select({ slug: trades.slug }).from(trades);
	return { trainings: tr.map((r) => r.slug), trades: td.map((r) => r.slug) };
}

// ---------------------------------------------------------------- school requests

export type SchoolRequestRow = typeof schoolRequests.$inferSelect;
export type VolunteerRow = typeof schoolVolunteers.$inferSelect & { organizationName: string };

export interface SchoolRequestView {
	request: SchoolRequestRow;
	tradeNames: string[];
	volunteers: VolunteerRow[];
	/** The actor's own organization already volunteered. */
	mine: VolunteerRow | null;
}

/** A school's request from the public form; the school gets an acknowledgement and the team a notice. */
export async function submitSchoolRequest(db: Db, raw: unknown, ctx: MailContext & { locale: Locale }): Promise<SchoolRequestRow> {
	const input = parseInput(schoolRequestInput, raw);
	const cluster = await getClusterSettings(db);
	return db.transaction(async (tx) => {
		const tradeIds = await checkTrades(tx, input.tradeIds, 'tradeIds');
		const [row] = await tx
			.insert(schoolRequests)
			.values({
				id: newId(),
				kind: input.kind,
				schoolName: input.schoolName,
				communeName: input.communeName,
				contactName: input.contactName,
				email: input.email,
				phone: input.phone,
				classLevel: input.classLevel,
				pupils: input.pupils,
				wishedDates: input.wishedDates,
				message: input.message,
				locale: ctx.locale,
				consentAt: new Date()
			})
			.returning();
		if (tradeIds.length) await tx.insert(schoolRequestTrades).values(tradeIds.map((tradeId) => ({ requestId: row.id, tradeId })));
		const kind = t(`trainings_request_kind_${row.kind}`, {}, ctx.locale);
		await sendMail(tx, cluster, ctx, {
			to: row.email,
			locale: ctx.locale,
			kind: 'request_received',
			params: { school: row.schoolName },
			paragraphs: [t('trainings_mail_request_received_body', { kind, school: row.schoolName, cluster: cluster.name }, ctx.locale)],
			path: '/trades'
		});
		if (cluster.contactEmail)
			await sendMail(tx, cluster, ctx, {
				to: cluster.contactEmail,
				locale: 'fr',
				kind: 'request_new',
				params: { school: row.schoolName },
				paragraphs: [t('trainings_mail_request_new_body', { kind: t(`trainings_request_kind_${row.kind}`, {}, 'fr'), school: row.schoolName, level: row.classLevel, pupils: row.pupils }, 'fr')],
				path: `/app/trainings/requests/${row.id}`
			});
		return row;
	});
}

async function volunteersOf(db: Db | Tx, requestIds: string[]): Promise<VolunteerRow[]> {
	if (!requestIds.length) return [];
	const rows = await db
		.select({ v: schoolVolunteers, organizationName: organizations.name })
		.from(schoolVolunteers)
		.innerJoin(organizations, eq(organizations.id, schoolVolunteers.organizationId))
		.where(inArray(schoolVolunteers.requestId, requestIds))
		.orderBy(asc(schoolVolunteers.createdAt));
	return rows.map((r) => ({ ...r.v, organizationName: r.organizationName }));
}

async function tradeNamesOf(db: Db | Tx, requestIds: string[]): Promise<Map<string, string[]>> {
	const out = new Map<string, string[]>();
	if (!requestIds.length) return out;
	const rows = await db
		.select({ requestId: schoolRequestTrades.requestId, name: trades.name })
		.from(schoolRequestTrades)
		.innerJoin(trades, eq(trades.id, schoolRequestTrades.tradeId))
		.where(inArray(schoolRequestTrades.requestId, requestIds))
		.orderBy(asc(trades.position));
	for (const r of rows) out.set(r.requestId, [...(out.get(r.requestId) ?? []), r.name]);
	return out;
}

/** The school's contact details and message stay with the team (and the matched member): members see the request, not who sent it. */
function forMember(r: SchoolRequestRow, actor: Actor, matchedOrg: string | null): SchoolRequestRow {
	if (isStaff(actor) || (matchedOrg && matchedOrg === actor.organizationId)) return r;
	// The free-text message may carry a name, a mail or a phone: a volunteer needs the school, class, pupils,
	// trades, dates and kind, not that.
	return { ...r, contactName: '', email: '', phone: null, message: null };
}

/**
 * Requests the actor may see: all for the team; for a member, those open to volunteers and those its
 * organization volunteered for. Partners see none.
 */
export async function listSchoolRequests(db: Db, actor: Actor, status?: string | null): Promise<SchoolRequestView[]> {
	let rows: SchoolRequestRow[];
	if (isStaff(actor)) {
		rows = await db.select().from(schoolRequests).where(status ? eq(schoolRequests.status, status) : undefined).orderBy(sql`${schoolRequests.createdAt} desc`);
	} else if (actor.role === 'member' && actor.organizationId) {
		rows = await queryRows<SchoolRequestRow>(
			db,
			sql`select r.id from school_requests r where r.status = 'open'
				or exists (select 1 from school_volunteers v where v.request_id = r.id and v.organization_id = ${actor.organizationId})`
		).then(async (ids) => (ids.length ? db.select().from(schoolRequests).where(inArray(schoolRequests.id, ids.map((i) => i.id))).orderBy(sql`${schoolRequests.createdAt} desc`) : []));
	} else return [];
	const ids = rows.map((r) => r.id);
	const vols = await volunteersOf(db, ids);
	const names = await tradeNamesOf(db, ids);
	return rows.map((r) => {
		const mine = vols.find((v) => v.requestId === r.id && v.organizationId === actor.organizationId) ?? null;
		const matched = vols.find((v) => v.id === r.matchedVolunteerId);
		return {
			request: forMember(r, actor, matched?.organizationId ?? null),
			tradeNames: names.get(r.id) ?? [],
			// Members see their own offer only, not other companies'.
			volunteers: isStaff(actor) ? vols.filter((v) => v.requestId === r.id) : mine ? [mine] : [],
			mine
		};
	});
}

export async function getSchoolRequest(db: Db, actor: Actor, id: string): Promise<SchoolRequestView> {
	const [r] = await db.select().from(schoolRequests).where(eq(schoolRequests.id, id));
	if (!r) throw new NotFoundError('school_request', id);
	const vols = await volunteersOf(db, [id]);
	const mine = vols.find((v) => v.organizationId === actor.organizationId) ?? null;
	if (!isStaff(actor) && !(actor.role === 'member' && actor.organizationId && (r.status === 'open' || mine))) throw new ForbiddenError();
	const matched = vols.find((v) => v.id === r.matchedVolunteerId);
	return {
		request: forMember(r, actor, matched?.organizationId ?? null),
		tradeNames: (await tradeNamesOf(db, [id])).get(id) ?? [],
		volunteers: isStaff(actor) ? vols : mine ? [mine] : [],
		mine
	};
}

const STATUS_MOVES: Record<string, string[]> = {
	new: ['open', 'cancelled'],
	open: ['new', 'cancelled'],
	matched: ['done', 'open', 'cancelled'],
	done: [],
	cancelled: ['new']
};

/** The team opens a request to volunteers, closes it as done, cancels or reopens it. */
export async function setSchoolRequestStatus(db: Db, actor: Actor, id: string, status: string): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		const [r] = await tx.select().from(schoolRequests).where(eq(schoolRequests.id, id)).for('update');
		if (!r) throw new NotFoundError('school_request', id);
		if (!(STATUS_MOVES[r.status] ?? []).includes(status)) throw new ConflictError('error_trainings_request_status', { from: r.status, to: status }, 'status');
		await tx
			.update(schoolRequests)
			.set({ status, matchedVolunteerId: status === 'open' || status === 'new' ? null : r.matchedVolunteerId, updatedAt: new Date() })
			.where(eq(schoolRequests.id, id));
	});
}

/** A member volunteers its organization for a request open to volunteers (the team may do it for a member). */
export async function volunteerForRequest(db: Db, actor: Actor, requestId: string, raw: unknown): Promise<VolunteerRow> {
	const input = parseInput(volunteerInput, raw);
	const organizationId = isStaff(actor) ? input.organizationId : actor.role === 'member' ? actor.organizationId ?? null : null;
	if (!isStaff(actor) && actor.role !== 'member') throw new ForbiddenError();
	if (!organizationId) throw new InvalidError([{ path: 'organizationId', message: 'error_required' }]);
	return db.transaction(async (tx) => {
		const [r] = await tx.select().from(schoolRequests).where(eq(schoolRequests.id, requestId)).for('update');
		if (!r) throw new NotFoundError('school_request', requestId);
		if (r.status !== 'open') throw new ConflictError('error_trainings_request_not_open');
		const [org] = await tx.select({ status: organizations.status, name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
		if (!org || org.status !== 'member') throw new InvalidError([{ path: 'organizationId', message: 'error_trainings_volunteer_not_member' }]);
		const [exists] = await tx.select({ id: schoolVolunteers.id }).from(schoolVolunteers).where(and(eq(schoolVolunteers.requestId, requestId), eq(schoolVolunteers.organizationId, organizationId)));
		if (exists) throw new ConflictError('error_trainings_already_volunteered');
		const [row] = await tx
			.insert(schoolVolunteers)
			.values({ id: newId(), requestId, organizationId, contactName: input.contactName, contactEmail: input.contactEmail, contactPhone: input.contactPhone, message: input.message, createdBy: actor.id })
			.returning();
		return { ...row, organizationName: org.name };
	});
}

/** A member takes back its offer while the request is still open. */
export async function withdrawVolunteer(db: Db, actor: Actor, requestId: string): Promise<void> {
	if (actor.role !== 'member' || !actor.organizationId) throw new ForbiddenError();
	await db.transaction(async (tx) => {
		const [r] = await tx.select().from(schoolRequests).where(eq(schoolRequests.id, requestId)).for('update');
		if (!r) throw new NotFoundError('school_request', requestId);
		if (r.status !== 'open') throw new ConflictError('error_trainings_request_not_open');
		await tx.delete(schoolVolunteers).where(and(eq(schoolVolunteers.requestId, requestId), eq(schoolVolunteers.organizationId, actor.organizationId!)));
	});
}

/** The team picks a volunteer: the request is matched and the school and the member are emailed each other's details. */
export async function matchVolunteer(db: Db, actor: Actor, requestId: string, volunteerId: string, ctx: MailContext): Promise<void> {
	requireStaff(actor);
	const cluster = await getClusterSettings(db);
	await db.transaction(async (tx) => {
		const [r] = await tx.select().from(schoolRequests).where(eq(schoolRequests.id, requestId)).for('update');
		if (!r) throw new NotFoundError('school_request', requestId);
		if (r.status !== 'open') throw new ConflictError('error_trainings_request_not_open');
		const [v] = await volunteersOf(tx, [requestId]).then((list) => list.filter((x) => x.id === volunteerId));
		if (!v) throw new InvalidError([{ path: 'volunteerId', message: 'error_invalid_choice' }]);
		await tx.update(schoolRequests).set({ status: 'matched', matchedVolunteerId: v.id, updatedAt: new Date() }).where(eq(schoolRequests.id, requestId));
		const locale = (r.locale === 'en' ? 'en' : 'fr') as Locale;
		const kind = (l: Locale) => t(`trainings_request_kind_${r.kind}`, {}, l);
		await sendMail(tx, cluster, ctx, {
			to: r.email,
			locale,
			kind: 'matched_school',
			params: { school: r.schoolName, company: v.organizationName },
			paragraphs: [
				t('trainings_mail_matched_school_body', { kind: kind(locale), company: v.organizationName }, locale),
				t('trainings_mail_contact_line', { name: v.contactName, email: v.contactEmail, phone: v.contactPhone ? formatPhone(v.contactPhone) : '—' }, locale),
				...(v.message ? [v.message] : [])
			],
			path: '/trades'
		});
		await sendMail(tx, cluster, ctx, {
			to: v.contactEmail,
			locale: 'fr',
			kind: 'matched_member',
			params: { school: r.schoolName, company: v.organizationName },
			paragraphs: [
				t('trainings_mail_matched_member_body', { kind: kind('fr'), school: r.schoolName, level: r.classLevel, pupils: r.pupils, dates: r.wishedDates ?? '—' }, 'fr'),
				t('trainings_mail_contact_line', { name: r.contactName, email: r.email, phone: r.phone ? formatPhone(r.phone) : '—' }, 'fr')
			],
			path: `/app/trainings/requests/${r.id}`
		});
	});
}

// ---------------------------------------------------------------- mail

async function sendMail(
	tx: Tx | Db,
	cluster: ClusterSettings,
	ctx: MailContext,
	m: { to: string; locale: Locale; kind: string; params: Record<string, string>; paragraphs: string[]; path: string }
) {
	const { html, text } = renderMail({
		clusterName: cluster.name,
		color: cluster.primaryColor,
		heading: t(`trainings_mail_${m.kind}_heading`, m.params, m.locale),
		paragraphs: m.paragraphs,
		action: { label: t('trainings_mail_action', {}, m.locale), url: `${ctx.baseUrl}${m.path}` },
		footer: t('trainings_mail_footer', { cluster: cluster.name }, m.locale)
	});
	await queueMail(tx as Pick<Db, 'insert'>, { to: m.to, subject: t(`trainings_mail_${m.kind}_subject`, { ...m.params, cluster: cluster.name }, m.locale), text, html });
}
