// The cluster's pool of spontaneous applications and internship/apprenticeship requests: a public form,
// shown to member accounts and the team (not to partners: candidates consent to be shown to the cluster's
// members), deleted after the retention period or when the candidate withdraws with the secret link of
// their acknowledgement (an HMAC of the entry's id, so no token is stored).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { isStaff, type Actor } from '../auth/actor';
import { competencies } from '../showcase/schema';
import { trades } from '../trainings/schema';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { deleteFile, readFile, saveFile } from '../files/images';
import type { FileStorage } from '../files/storage';
import { findCommune } from '../geo/communes';
import { getClusterSettings, getOrCreateSecret } from '../settings/service';
import { queueMail, renderMail } from '../mail/service';
import { t } from '../../i18n/t';
import { getEmploymentSettings } from './service';
import { spontaneousApplications } from './schema';
import { parseWithCv, toDate, type MailContext, type UploadedCv } from './applications';

const DAY = 86_400_000;
export const POOL_KINDS = ['job', 'internship', 'apprenticeship'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v ?? null), z.string().max(max).nullable());
const list = z.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(80)).max(20));

export const poolInput = z.object({
	kind: z.enum(POOL_KINDS, { error: 'error_applications_pool_kind' }),
	name: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1, { error: 'error_required' }).max(120)),
	email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.email({ error: 'error_email' }).max(254)),
	phone: optionalText(40).pipe(z.string().regex(/^[0-9+().\s-]{6,40}$/, { error: 'error_applications_phone' }).nullable()),
	tradeIds: list,
	competencyIds: list,
	commune: optionalText(120),
	availableFrom: optionalText(10).pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'error_applications_date' }).nullable()),
	message: optionalText(5000),
	consent: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.literal(true, { error: 'error_applications_consent' }))
});

async function withdrawSecret(db: Db): Promise<string> {
	return getOrCreateSecret(db, 'employment-pool-withdraw');
}

export async function withdrawToken(db: Db, id: string): Promise<string> {
	const sig = createHmac('sha256', await withdrawSecret(db)).update(`pool:${id}`).digest('base64url').slice(0, 32);
	return `${id}.${sig}`;
}

async function idFromToken(db: Db, token: string): Promise<string> {
	const [id, sig] = token.split('.');
	if (!id || !sig) throw new NotFoundError('pool_entry');
	const expected = (await withdrawToken(db, id)).split('.')[1];
	if (sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) throw new NotFoundError('pool_entry');
	return id;
}

/** A candidate joins the pool; acknowledged by e-mail with the link to withdraw. */
export async function joinPool(db: Db, storage: FileStorage, raw: unknown, file: UploadedCv | null | undefined, ctx: MailContext): Promise<{ id: string; deleteAfter: Date }> {
	const { input, cv } = parseWithCv(poolInput, raw, file, { cvRequired: false });
	const issues = [];
	const commune = input.commune ? findCommune(input.commune) : undefined;
	if (input.commune && !commune) issues.push({ path: 'commune', message: 'error_applications_commune' });
	const tradeIds = [...new Set(input.tradeIds)];
	if (tradeIds.length) {
		const found = await queryRows<{ id: string }>(db, sql`select id from trades where id in (${sql.join(tradeIds.map((i) => sql`${i}`), sql`, `)})`);
		if (found.length !== tradeIds.length) issues.push({ path: 'tradeIds', message: 'error_invalid_choice' });
	}
	const competencyIds = [...new Set(input.competencyIds)];
	if (competencyIds.length) {
		const found = await queryRows<{ id: string }>(db, sql`select id from competencies where id in (${sql.join(competencyIds.map((i) => sql`${i}`), sql`, `)})`);
		if (found.length !== competencyIds.length) issues.push({ path: 'competencyIds', message: 'error_invalid_choice' });
	}
	if (issues.length) throw new InvalidError(issues);
	const { retentionDays } = await getEmploymentSettings(db);
	const deleteAfter = new Date(Date.now() + retentionDays * DAY);
	const key = cv ? await saveFile(db, storage, { data: cv.data, contentType: cv.contentType, extension: cv.extension, isPublic: false, ownerOrganizationId: null }) : null;
	const id = crypto.randomUUID();
	try {
		const cluster = await getClusterSettings(db);
		const token = await withdrawToken(db, id);
		await db.transaction(async (tx) => {
			await tx.insert(spontaneousApplications).values({
				id,
				kind: input.kind,
				name: input.name,
				email: input.email.toLowerCase(),
				phone: input.phone,
				tradeIds,
				competencyIds,
				communeInsee: commune?.code ?? null,
				communeName: commune?.nom ?? null,
				departementCode: commune?.departement ?? null,
				availableFrom: input.availableFrom,
				message: input.message,
				cvFileKey: key,
				cvFilename: cv?.filename ?? null,
				cvContentType: cv?.contentType ?? null,
				cvSize: cv?.data.byteLength ?? null,
				consentAt: new Date(),
				deleteAfter
			});
			const { html, text } = renderMail({
				clusterName: cluster.name,
				color: cluster.primaryColor,
				heading: t('applications_mail_pool_heading', { cluster: cluster.name }, ctx.locale),
				paragraphs: [t('applications_mail_pool_body', { cluster: cluster.name }, ctx.locale), t('applications_mail_ack_retention', { days: retentionDays }, ctx.locale), t('applications_mail_pool_withdraw', {}, ctx.locale)],
				action: { label: t('applications_mail_pool_action', {}, ctx.locale), url: `${ctx.baseUrl}/jobs/pool/withdraw/${token}` },
				footer: t('applications_mail_footer', { cluster: cluster.name }, ctx.locale)
			});
			await queueMail(tx, { to: input.email, subject: t('applications_mail_pool_subject', { cluster: cluster.name }, ctx.locale), text, html });
		});
	} catch (e) {
		if (key) await deleteFile(db, storage, key).catch(() => {});
		throw e;
	}
	return { id, deleteAfter };
}

/** The entry a withdrawal link names (for the confirmation page). */
export async function poolEntryByToken(db: Db, token: string): Promise<{ id: string; name: string; kind: PoolKind }> {
	const id = await idFromToken(db, token);
	const [r] = await db.select({ id: spontaneousApplications.id, name: spontaneousApplications.name, kind: spontaneousApplications.kind }).from(spontaneousApplications).where(eq(spontaneousApplications.id, id));
	if (!r) throw new NotFoundError('pool_entry', id);
	return { ...r, kind: r.kind as PoolKind };
}

/** The candidate withdraws: the entry and its CV are deleted at once. */
export async function withdrawFromPool(db: Db, storage: FileStorage, token: string): Promise<void> {
	const id = await idFromToken(db, token);
	const [r] = await db.delete(spontaneousApplications).where(eq(spontaneousApplications.id, id)).returning({ key: spontaneousApplications.cvFileKey });
	if (!r) throw new NotFoundError('pool_entry', id);
	if (r.key) await deleteFile(db, storage, r.key);
}

/** Members and the team browse the pool; partners and visitors do not. */
export function canBrowsePool(actor: Actor | null | undefined): boolean {
	return !!actor && (isStaff(actor) || (actor.role === 'member' && !!actor.organizationId));
}

export interface PoolFilter {
	kind?: string;
	/** A trade id. */
	trade?: string;
	dep?: string;
}

export interface PoolEntryView {
	id: string;
	kind: PoolKind;
	name: string;
	email: string;
	phone: string | null;
	trades: { id: string; name: string }[];
	competencies: { id: string; name: string }[];
	communeName: string | null;
	departementCode: string | null;
	availableFrom: string | null;
	message: string | null;
	hasCv: boolean;
	cvFilename: string | null;
	createdAt: Date;
}

export async function listPool(db: Db, actor: Actor, filter: PoolFilter = {}): Promise<PoolEntryView[]> {
	if (!canBrowsePool(actor)) throw new ForbiddenError();
	const where: SQL[] = [sql`true`];
	if (filter.kind && (POOL_KINDS as readonly string[]).includes(filter.kind)) where.push(sql`p.kind = ${filter.kind}`);
	if (filter.trade) where.push(sql`${filter.trade} = any(p.trade_ids)`);
	if (filter.dep) where.push(sql`p.departement_code = ${filter.dep.toUpperCase()}`);
	const rows = await queryRows<Record<string, unknown>>(db, sql`select p.* from spontaneous_applications p where ${sql.join(where, sql` and `)} order by p.created_at desc, p.id limit 1000`);
	const tradeNames = new Map((await db.select({ id: trades.id, name: trades.name }).from(trades)).map((r) => [r.id, r.name]));
	const compNames = new Map((await db.select({ id: competencies.id, name: competencies.name }).from(competencies)).map((r) => [r.id, r.name]));
	const named = (ids: unknown, names: Map<string, string>) => ((ids as string[] | null) ?? []).filter((i) => names.has(i)).map((id) => ({ id, name: names.get(id)! }));
	return rows.map((r) => ({
		id: String(r.id),
		kind: r.kind as PoolKind,
		name: String(r.name),
		email: String(r.email),
		phone: (r.phone as string | null) ?? null,
		trades: named(r.trade_ids, tradeNames),
		competencies: named(r.competency_ids, compNames),
		communeName: (r.commune_name as string | null) ?? null,
		departementCode: (r.departement_code as string | null) ?? null,
		availableFrom: r.available_from == null ? null : r.available_from instanceof Date ? r.available_from.toISOString().slice(0, 10) : String(r.available_from).slice(0, 10),
		message: (r.message as string | null) ?? null,
		hasCv: !!r.cv_file_key,
		cvFilename: (r.cv_filename as string | null) ?? null,
		createdAt: toDate(r.created_at)
	}));
}

/** A pool entry's CV, for members and the team. */
export async function poolCv(db: Db, storage: FileStorage, actor: Actor, id: string): Promise<{ data: Buffer; filename: string; contentType: string }> {
	if (!canBrowsePool(actor)) throw new ForbiddenError();
	const [r] = await db.select({ key: spontaneousApplications.cvFileKey, filename: spontaneousApplications.cvFilename }).from(spontaneousApplications).where(eq(spontaneousApplications.id, id));
	if (!r?.key) throw new NotFoundError('pool_cv', id);
	const file = await readFile(db, storage, r.key);
	if (!file) throw new NotFoundError('pool_cv', id);
	return { data: file.data, filename: r.filename ?? 'cv', contentType: file.contentType };
}

/** A CV as a download: never cached, never sniffed as something else, named as the candidate sent it. */
export function cvResponse(cv: { data: Buffer; filename: string; contentType: string }): Response {
	const ascii = cv.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(new Uint8Array(cv.data), {
		headers: {
			'content-type': cv.contentType,
			'content-length': String(cv.data.byteLength),
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(cv.filename)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
