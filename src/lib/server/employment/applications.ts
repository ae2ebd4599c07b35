// Applications to job offers through the platform: the CV checked by name and by its first bytes, stored
// privately, delivered to the company by e-mail with the CV attached, kept for the company (its members
// and the team only) until the cluster's retention period ends (retention.ts deletes them).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { isStaff, type Actor } from '../auth/actor';
import { users } from '../auth/schema';
import { organizations } from '../crm/schema';
import { ForbiddenError, InvalidError, NotFoundError, type FieldIssue } from '../errors';
import { issuesFromZod } from '../validation';
import { deleteFile, readFile, saveFile } from '../files/images';
import type { FileStorage } from '../files/storage';
import { getClusterSettings } from '../settings/service';
import { queueMail, renderMail } from '../mail/service';
import { t, type Locale } from '../../i18n/t';
import { getEmploymentSettings } from './service';
import { jobApplications, jobOffers } from './schema';

const DAY = 86_400_000;
export const MAX_CV_BYTES = 5 * 1024 * 1024;
export const CV_EXTENSIONS = ['pdf', 'doc', 'docx', 'odt'] as const;
export type CvExtension = (typeof CV_EXTENSIONS)[number];
const CV_TYPES: Record<CvExtension, string> = {
	pdf: 'application/pdf',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	odt: 'application/vnd.oasis.opendocument.text'
};
export const APPLICATION_STATUSES = ['new', 'read', 'shortlisted', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface MailContext {
	baseUrl: string;
	locale: Locale;
}

/** A file as a form sent it (a File's name and bytes). */
export interface UploadedCv {
	name: string;
	data: Uint8Array;
}

export interface CheckedCv {
	filename: string;
	extension: CvExtension;
	contentType: string;
	data: Buffer;
}

function startsWith(data: Uint8Array, bytes: number[], at = 0): boolean {
	return data.byteLength >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);
}

function ascii(data: Uint8Array, from: number, to: number): string {
	return Buffer.from(data.subarray(from, Math.min(to, data.byteLength))).toString('latin1');
}

/** What the first bytes say the file is (null: none of the accepted formats). */
export function sniffCv(data: Uint8Array): CvExtension | null {
	if (ascii(data, 0, 5) === '%PDF-') return 'pdf';
	// OLE2 compound file (Word 97–2003).
	if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
	if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
		// OpenDocument: the first entry is "mimetype", stored uncompressed, holding the document's type.
		const nameLength = data[26] | (data[27] << 8);
		if (ascii(data, 30, 30 + nameLength) === 'mimetype' && ascii(data, 38, 38 + 60).startsWith('application/vnd.oasis.opendocument.text')) return 'odt';
		// Office Open XML: entry names are stored in clear in the local headers and the central directory.
		const names = ascii(data, 0, data.byteLength);
		if (names.includes('[Content_Types].xml') && names.includes('word/')) return 'docx';
	}
	return null;
}

/**
 * A CV as sent: an accepted extension, bytes that are really of that kind (a program renamed .pdf is
 * refused), at most MAX_CV_BYTES. Issues are named on `path`.
 */
export function checkCv(file: UploadedCv | null | undefined, path = 'cv'): { cv: CheckedCv | null; issues: FieldIssue[] } {
	if (!file || !file.name || file.data.byteLength === 0) return { cv: null, issues: [] };
	const extension = (/\.([a-z0-9]{1,5})$/i.exec(file.name.trim())?.[1] ?? '').toLowerCase();
	if (!(CV_EXTENSIONS as readonly string[]).includes(extension)) return { cv: null, issues: [{ path, message: 'error_applications_cv_type' }] };
	if (file.data.byteLength > MAX_CV_BYTES) return { cv: null, issues: [{ path, message: 'error_applications_cv_size', params: { max: MAX_CV_BYTES / 1024 / 1024 } }] };
	const sniffed = sniffCv(file.data);
	// A .doc saved by a recent Word may be OOXML inside; both are Word documents, accepted as what the bytes say.
	const wordFamily = (e: string | null) => e === 'doc' || e === 'docx';
	if (sniffed !== extension && !(wordFamily(sniffed) && wordFamily(extension))) return { cv: null, issues: [{ path, message: 'error_applications_cv_content' }] };
	const ext = sniffed as CvExtension;
	const base = file.name.trim().replace(/[\\/]/g, '_').replace(/[\u0000-\u001f]/g, '').slice(-120);
	return { cv: { filename: base, extension: ext, contentType: CV_TYPES[ext], data: Buffer.from(file.data) }, issues: [] };
}

const trimmed = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().max(max));
const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v ?? null), z.string().max(max).nullable());
const consent = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.literal(true, { error: 'error_applications_consent' }));

export const applicationInput = z.object({
	name: trimmed(120).pipe(z.string().min(1, { error: 'error_required' })),
	email: trimmed(254).pipe(z.email({ error: 'error_email' })),
	phone: optionalText(40).pipe(z.string().regex(/^[0-9+().\s-]{6,40}$/, { error: 'error_applications_phone' }).nullable()),
	message: trimmed(5000).pipe(z.string().min(1, { error: 'error_required' })),
	consent
});
export type ApplicationInput = z.output<typeof applicationInput>;

/** Parses an input and a CV together, so every wrong field is named at once. */
export function parseWithCv<S extends z.ZodType>(schema: S, raw: unknown, file: UploadedCv | null | undefined, opts: { cvRequired: boolean }): { input: z.output<S>; cv: CheckedCv | null } {
	const r = schema.safeParse(raw);
	const issues = r.success ? [] : issuesFromZod(r.error);
	const { cv, issues: cvIssues } = checkCv(file);
	issues.push(...cvIssues);
	if (!cv && !cvIssues.length && opts.cvRequired) issues.push({ path: 'cv', message: 'error_applications_cv_required' });
	if (issues.length || !r.success) throw new InvalidError(issues);
	return { input: r.data, cv };
}

/** Dates from either driver. */
export const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

// ---------------------------------------------------------------- applying

/** The offer a visitor may apply to through the platform: published, not expired, "apply through the platform". */
export async function applicableOffer(db: Db, slug: string) {
	const [o] = await db
		.select({ id: jobOffers.id, slug: jobOffers.slug, title: jobOffers.title, organizationId: jobOffers.organizationId, organizationName: organizations.name, organizationEmail: organizations.email, communeName: jobOffers.communeName, contractKind: jobOffers.contractKind })
		.from(jobOffers)
		.innerJoin(organizations, eq(organizations.id, jobOffers.organizationId))
		.where(and(eq(jobOffers.slug, slug), eq(jobOffers.status, 'published'), sql`${jobOffers.expiresAt} > now()`, eq(jobOffers.applyMethod, 'platform')));
	if (!o) throw new NotFoundError('job_offer', slug);
	return o;
}

/** Who receives an organization's applications: its member accounts, else the organization's address. */
export async function organizationRecipients(db: Db, organizationId: string): Promise<{ email: string; locale: Locale }[]> {
	const accounts = await db.select({ email: users.email, locale: users.locale }).from(users).where(and(eq(users.organizationId, organizationId), eq(users.role, 'member')));
	if (accounts.length) return accounts.map((u) => ({ email: u.email, locale: u.locale === 'en' ? 'en' : 'fr' }));
	const [org] = await db.select({ email: organizations.email }).from(organizations).where(eq(organizations.id, organizationId));
	return org?.email ? [{ email: org.email, locale: 'fr' }] : [];
}

/**
 * A visitor applies to an offer: checked input and CV, the CV kept privately, the application kept until
 * now + the retention period, the company e-mailed with the CV attached and the candidate acknowledged.
 */
export async function applyToOffer(db: Db, storage: FileStorage, slug: string, raw: unknown, file: UploadedCv | null | undefined, ctx: MailContext): Promise<{ id: string; deleteAfter: Date }> {
	const offer = await applicableOffer(db, slug);
	const { input, cv } = parseWithCv(applicationInput, raw, file, { cvRequired: true });
	const { retentionDays } = await getEmploymentSettings(db);
	const deleteAfter = new Date(Date.now() + retentionDays * DAY);
	const key = await saveFile(db, storage, { data: cv!.data, contentType: cv!.contentType, extension: cv!.extension, isPublic: false, ownerOrganizationId: offer.organizationId });
	const id = crypto.randomUUID();
	try {
		const cluster = await getClusterSettings(db);
		await db.transaction(async (tx) => {
			await tx.insert(jobApplications).values({
				id,
				offerId: offer.id,
				candidateName: input.name,
				email: input.email.toLowerCase(),
				phone: input.phone,
				message: input.message,
				cvFileKey: key,
				cvFilename: cv!.filename,
				cvContentType: cv!.contentType,
				cvSize: cv!.data.byteLength,
				consentAt: new Date(),
				deleteAfter
			});
			const attachment = { filename: cv!.filename, content: cv!.data.toString('base64'), encoding: 'base64' as const, contentType: cv!.contentType };
			for (const to of await organizationRecipients(tx as unknown as Db, offer.organizationId)) {
				const { html, text } = renderMail({
					clusterName: cluster.name,
					color: cluster.primaryColor,
					heading: t('applications_mail_company_heading', { title: offer.title }, to.locale),
					paragraphs: [
						t('applications_mail_company_from', { name: input.name, email: input.email, phone: input.phone ?? '—' }, to.locale),
						input.message,
						t('applications_mail_company_retention', { days: retentionDays }, to.locale)
					],
					action: { label: t('applications_mail_company_action', {}, to.locale), url: `${ctx.baseUrl}/app/jobs/applications/${id}` },
					footer: t('applications_mail_footer', { cluster: cluster.name }, to.locale)
				});
				await queueMail(tx, { to: to.email, replyTo: input.email, subject: t('applications_mail_company_subject', { title: offer.title, name: input.name }, to.locale), text, html, attachments: [attachment] });
			}
			const { html, text } = renderMail({
				clusterName: cluster.name,
				color: cluster.primaryColor,
				heading: t('applications_mail_ack_heading', { title: offer.title }, ctx.locale),
				paragraphs: [
					t('applications_mail_ack_body', { title: offer.title, company: offer.organizationName }, ctx.locale),
					t('applications_mail_ack_retention', { days: retentionDays }, ctx.locale)
				],
				action: { label: t('applications_mail_ack_action', {}, ctx.locale), url: `${ctx.baseUrl}/jobs/${offer.slug}` },
				footer: t('applications_mail_footer', { cluster: cluster.name }, ctx.locale)
			});
			await queueMail(tx, { to: input.email, subject: t('applications_mail_ack_subject', { title: offer.title }, ctx.locale), text, html });
		});
	} catch (e) {
		await deleteFile(db, storage, key).catch(() => {});
		throw e;
	}
	return { id, deleteAfter };
}

// ---------------------------------------------------------------- the company's side

export interface ApplicationView {
	id: string;
	offerId: string;
	offerTitle: string;
	offerSlug: string;
	organizationId: string;
	organizationName: string;
	candidateName: string;
	email: string;
	phone: string | null;
	message: string | null;
	hasCv: boolean;
	cvFilename: string | null;
	cvSize: number | null;
	status: ApplicationStatus;
	createdAt: Date;
	deleteAfter: Date;
}

function scopeOf(actor: Actor): SQL {
	if (isStaff(actor)) return sql`true`;
	if (actor.role !== 'member' || !actor.organizationId) throw new ForbiddenError();
	return sql`o.organization_id = ${actor.organizationId}`;
}

const viewSql = sql`select a.id, a.offer_id, o.title as offer_title, o.slug as offer_slug, o.organization_id, g.name as organization_name,
	a.candidate_name, a.email, a.phone, a.message, a.cv_file_key, a.cv_filename, a.cv_size, a.status, a.created_at, a.delete_after
	from job_applications a join job_offers o on o.id = a.offer_id join organizations g on g.id = o.organization_id`;

function toView(r: Record<string, unknown>): ApplicationView {
	return {
		id: String(r.id),
		offerId: String(r.offer_id),
		offerTitle: String(r.offer_title),
		offerSlug: String(r.offer_slug),
		organizationId: String(r.organization_id),
		organizationName: String(r.organization_name),
		candidateName: String(r.candidate_name),
		email: String(r.email),
		phone: (r.phone as string | null) ?? null,
		message: (r.message as string | null) ?? null,
		hasCv: !!r.cv_file_key,
		cvFilename: (r.cv_filename as string | null) ?? null,
		cvSize: r.cv_size == null ? null : Number(r.cv_size),
		status: r.status as ApplicationStatus,
		createdAt: toDate(r.created_at),
		deleteAfter: toDate(r.delete_after)
	};
}

export interface ApplicationFilter {
	status?: string;
	offerId?: string;
}

/** The applications to an organization's offers (a member's own; the team's all), newest first. */
export async function listApplications(db: Db, actor: Actor, filter: ApplicationFilter = {}): Promise<ApplicationView[]> {
	const where = [scopeOf(actor)];
	if (filter.status && (APPLICATION_STATUSES as readonly string[]).includes(filter.status)) where.push(sql`a.status = ${filter.status}`);
	if (filter.offerId) where.push(sql`a.offer_id = ${filter.offerId}`);
	const rows = await queryRows<Record<string, unknown>>(db, sql`${viewSql} where ${sql.join(where, sql` and `)} order by a.created_at desc, a.id limit 1000`);
	return rows.map(toView);
}

/** One application; opening a new one as its company marks it read. Others: not found. */
export async function getApplication(db: Db, actor: Actor, id: string, opts: { markRead?: boolean } = {}): Promise<ApplicationView> {
	const [r] = await queryRows<Record<string, unknown>>(db, sql`${viewSql} where a.id = ${id} and ${scopeOf(actor)}`);
	if (!r) throw new NotFoundError('job_application', id);
	const view = toView(r);
	if (opts.markRead && view.status === 'new') {
		await db.update(jobApplications).set({ status: 'read' }).where(and(eq(jobApplications.id, id), eq(jobApplications.status, 'new')));
		view.status = 'read';
	}
	return view;
}

export async function setApplicationStatus(db: Db, actor: Actor, id: string, status: unknown): Promise<ApplicationStatus> {
	if (typeof status !== 'string' || !(APPLICATION_STATUSES as readonly string[]).includes(status)) throw new InvalidError([{ path: 'status', message: 'error_invalid_choice' }]);
	if (actor.role === 'partner') throw new ForbiddenError();
	await getApplication(db, actor, id);
	await db.update(jobApplications).set({ status }).where(eq(jobApplications.id, id));
	return status as ApplicationStatus;
}

/** The CV of an application, for its company and the team only. */
export async function applicationCv(db: Db, storage: FileStorage, actor: Actor, id: string): Promise<{ data: Buffer; filename: string; contentType: string }> {
	const [r] = await queryRows<{ cv_file_key: string | null; cv_filename: string | null }>(
		db,
		sql`select a.cv_file_key, a.cv_filename from job_applications a join job_offers o on o.id = a.offer_id where a.id = ${id} and ${scopeOf(actor)}`
	);
	if (!r?.cv_file_key) throw new NotFoundError('job_application_cv', id);
	const file = await readFile(db, storage, r.cv_file_key);
	if (!file) throw new NotFoundError('job_application_cv', id);
	return { data: file.data, filename: r.cv_filename ?? 'cv', contentType: file.contentType };
}

/** Counts of new applications per offer, for the workspace. */
export async function countNewApplications(db: Db, actor: Actor): Promise<number> {
	const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from job_applications a join job_offers o on o.id = a.offer_id where a.status = 'new' and ${scopeOf(actor)}`);
	return Number(r?.n ?? 0);
}

/** The offers (id, title) an actor sees applications for, for the filter. */
export async function applicationOffers(db: Db, actor: Actor): Promise<{ id: string; title: string }[]> {
	return queryRows<{ id: string; title: string }>(
		db,
		sql`select distinct o.id, o.title from job_applications a join job_offers o on o.id = a.offer_id where ${scopeOf(actor)} order by o.title limit 500`
	);
}
