// Applications on a real engine: the CV checked by name and content, consent, delivery to the company
// with the CV attached, who reads an application and its CV, and the retention job deleting data and files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { InvalidError, NotFoundError, ForbiddenError } from '../errors';
import { makeMemberUser, makeOrganization, makeTeamUser } from '../testing/factories';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import { createFsStorage, type FileStorage } from '../files/storage';
import { storedFiles } from '../files/schema';
import { createOffer, saveEmploymentSettings } from './service';
import { jobApplications } from './schema';
import { applicationCv, applyToOffer, checkCv, getApplication, listApplications, setApplicationStatus, sniffCv } from './applications';
import { purgeExpiredPersonalData } from './retention';

let database: Database;
let db: Db;
let storage: FileStorage;
let dir: string;
let team: Actor;
let member: Actor;
let memberEmail: string;
let other: Actor;
let partner: Actor;
let slug: string;
let offerId: string;
const ctx = { baseUrl: 'https://grappe.example', locale: 'fr' as const };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

function form(overrides: Record<string, unknown> = {}) {
	return { name: 'Léa Roux', email: 'lea.roux@exemple.fr', phone: '06 12 34 56 78', message: 'Menuisière depuis huit ans, je postule.', consent: 'on', ...overrides };
}

async function mails(to?: string): Promise<MailMessage[]> {
	const rows = await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB));
	return rows.map((r) => r.payload as unknown as MailMessage).filter((m) => !to || m.to === to);
}

function paths(e: unknown): string[] {
	expect(e).toBeInstanceOf(InvalidError);
	return (e as InvalidError).issues.map((i) => `${i.path}:${i.message}`);
}

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	dir = mkdtempSync(join(tmpdir(), 'grappe-cv-'));
	storage = createFsStorage(dir);
	await db.execute(sql`insert into trades (id, position, name, slug) values ('trade-menuisier', 1, 'Menuisier / menuisière', 'menuisier') on conflict do nothing`);
	team = (await makeTeamUser(db)).actor;
	const org = await makeOrganization(db, { name: 'Menuiseries Landaises', status: 'member', email: 'contact@menuiseries-landaises.fr' });
	const m = await makeMemberUser(db, org.id);
	member = m.actor;
	memberEmail = m.user.email;
	const otherOrg = await makeOrganization(db, { name: 'Charpentes du Béarn', status: 'member' });
	other = (await makeMemberUser(db, otherOrg.id)).actor;
	partner = (await makeMemberUser(db, otherOrg.id, { role: 'partner' })).actor;
	const offer = {
		title: 'Menuisier poseur',
		tradeId: 'trade-menuisier',
		description: 'Pose de menuiseries extérieures en bois et aluminium sur chantiers de rénovation.',
		commune: 'Mont-de-Marsan',
		contractKind: 'permanent',
		workingTime: 'full_time',
		weeklyHours: '35',
		startAsap: 'on',
		applyMethod: 'platform',
		organizationId: org.id
	};
	const created = await createOffer(db, team, offer, { submit: true });
	slug = created.slug;
	offerId = created.id;
	await saveEmploymentSettings(db, team, { retentionDays: '90', moderation: 'on' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the CV', () => {
	it('is recognised by its first bytes, whatever its name says', async () => {
		expect(sniffCv(PDF)).toBe('pdf');
		expect(sniffCv(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('doc');
		const docx = new JSZip();
		docx.file('[Content_Types].xml', '<Types/>');
		docx.file('word/document.xml', '<w:document/>');
		expect(sniffCv(await docx.generateAsync({ type: 'nodebuffer' }))).toBe('docx');
		const odt = new JSZip();
		odt.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
		odt.file('content.xml', '<office:document-content/>');
		expect(sniffCv(await odt.generateAsync({ type: 'nodebuffer' }))).toBe('odt');
		// A spreadsheet is a zip too, but not a Word document.
		const xlsx = new JSZip();
		xlsx.file('[Content_Types].xml', '<Types/>');
		xlsx.file('xl/workbook.xml', '<workbook/>');
		expect(sniffCv(await xlsx.generateAsync({ type: 'nodebuffer' }))).toBeNull();
		expect(sniffCv(EXE)).toBeNull();
	});

	it('refuses a program renamed .pdf, a wrong extension and a file too large', async () => {
		expect(checkCv({ name: 'cv.pdf', data: EXE }).issues).toEqual([{ path: 'cv', message: 'error_applications_cv_content' }]);
		expect(checkCv({ name: 'cv.exe', data: PDF }).issues).toEqual([{ path: 'cv', message: 'error_applications_cv_type' }]);
		const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
		expect(checkCv({ name: 'cv.pdf', data: big }).issues[0].message).toBe('error_applications_cv_size');
		expect(checkCv({ name: 'CV Léa.PDF', data: PDF }).cv?.contentType).toBe('application/pdf');
		const e = await applyToOffer(db, storage, slug, form(), { name: 'cv.pdf', data: EXE }, ctx).catch((x) => x);
		expect(paths(e)).toEqual(['cv:error_applications_cv_content']);
		expect(await db.select().from(jobApplications)).toHaveLength(0);
		expect(await db.select().from(storedFiles)).toHaveLength(0);
	});

	it('is required, and consent too; every wrong field is named at once', async () => {
		const e = await applyToOffer(db, storage, slug, form({ consent: '', email: 'pas-une-adresse', message: '' }), null, ctx).catch((x) => x);
		expect(paths(e).sort()).toEqual(['consent:error_applications_consent', 'cv:error_applications_cv_required', 'email:error_email', 'message:error_required']);
	});
});

describe('applying', () => {
	let id: string;

	it('stores the application for the retention period and the CV privately, and mails the company with the CV', async () => {
		const before = Date.now();
		const r = await applyToOffer(db, storage, slug, form({ message: '<script>alert(1)</script> Bonjour' }), { name: 'CV Léa Roux.pdf', data: PDF }, ctx);
		id = r.id;
		expect(r.deleteAfter.getTime()).toBeGreaterThanOrEqual(before + 90 * 86_400_000);
		expect(r.deleteAfter.getTime()).toBeLessThan(before + 91 * 86_400_000);
		const [file] = await db.select().from(storedFiles);
		expect(file.isPublic).toBe(false);
		const [company] = await mails(memberEmail);
		expect(company.subject).toContain('Menuisier poseur');
		expect(company.replyTo).toBe('lea.roux@exemple.fr');
		expect(company.text).toContain(`https://grappe.example/app/jobs/applications/${id}`);
		expect(company.attachments).toHaveLength(1);
		expect(company.attachments![0]).toMatchObject({ filename: 'CV Léa Roux.pdf', contentType: 'application/pdf', encoding: 'base64' });
		expect(Buffer.from(company.attachments![0].content, 'base64').equals(PDF)).toBe(true);
		// The organization's address is used only when it has no member account.
		expect(await mails('contact@menuiseries-landaises.fr')).toHaveLength(0);
		const [ack] = await mails('lea.roux@exemple.fr');
		expect(ack.text).toContain('supprimées au bout de 90 jours');
		expect(ack.attachments ?? []).toHaveLength(0);
	});

	it('is only possible on a live offer that takes applications through the platform', async () => {
		const byMail = await createOffer(db, team, { title: 'Charpentier', description: 'Charpente traditionnelle et ossature bois en atelier et sur chantier.', commune: 'Pau', contractKind: 'permanent', workingTime: 'full_time', weeklyHours: '35', startAsap: 'on', applyMethod: 'email', applyEmail: 'rh@exemple.fr', organizationId: member.organizationId }, { submit: true });
		await expect(applyToOffer(db, storage, byMail.slug, form(), { name: 'cv.pdf', data: PDF }, ctx)).rejects.toBeInstanceOf(NotFoundError);
		const draft = await createOffer(db, member, { title: 'Agenceur', description: 'Agencement de magasins et de bureaux, fabrication et pose.', commune: 'Dax', contractKind: 'permanent', workingTime: 'full_time', weeklyHours: '35', startAsap: 'on', applyMethod: 'platform' }, { submit: false });
		await expect(applyToOffer(db, storage, draft.slug, form(), { name: 'cv.pdf', data: PDF }, ctx)).rejects.toBeInstanceOf(NotFoundError);
		await db.execute(sql`update job_offers set expires_at = now() - interval '1 day' where id = ${offerId}`);
		await expect(applyToOffer(db, storage, slug, form(), { name: 'cv.pdf', data: PDF }, ctx)).rejects.toBeInstanceOf(NotFoundError);
		await db.execute(sql`update job_offers set expires_at = now() + interval '30 days' where id = ${offerId}`);
	});

	it('is read by its company and the team only, with its CV', async () => {
		expect((await listApplications(db, member)).map((a) => a.id)).toEqual([id]);
		expect((await listApplications(db, team)).map((a) => a.id)).toEqual([id]);
		expect(await listApplications(db, other)).toEqual([]);
		await expect(listApplications(db, partner)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getApplication(db, other, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(applicationCv(db, storage, other, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(applicationCv(db, storage, partner, id)).rejects.toBeInstanceOf(ForbiddenError);
		const cv = await applicationCv(db, storage, member, id);
		expect(cv.data.equals(PDF)).toBe(true);
		expect(cv.filename).toBe('CV Léa Roux.pdf');
		expect((await applicationCv(db, storage, team, id)).contentType).toBe('application/pdf');
		// The message is kept as typed: pages show it as text.
		expect((await getApplication(db, member, id)).message).toBe('<script>alert(1)</script> Bonjour');
	});

	it('is marked read when its company opens it, and its status changes', async () => {
		expect((await getApplication(db, team, id)).status).toBe('new');
		expect((await getApplication(db, member, id, { markRead: true })).status).toBe('read');
		await setApplicationStatus(db, member, id, 'shortlisted');
		expect((await listApplications(db, member, { status: 'shortlisted' })).map((a) => a.id)).toEqual([id]);
		await expect(setApplicationStatus(db, member, id, 'hired')).rejects.toBeInstanceOf(InvalidError);
		await expect(setApplicationStatus(db, other, id, 'rejected')).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('retention', () => {
	it('deletes applications past their date with their CV files, once, and the CV copies of sent mails', async () => {
		const r = await applyToOffer(db, storage, slug, form({ email: 'paul@exemple.fr' }), { name: 'cv.pdf', data: PDF }, ctx);
		const rows = await db.select().from(jobApplications);
		expect(rows).toHaveLength(2);
		const old = rows.find((a) => a.id !== r.id)!;
		const oldKey = old.cvFileKey!;
		const keptKey = rows.find((a) => a.id === r.id)!.cvFileKey!;
		expect(existsSync(join(dir, oldKey.slice(0, 2), oldKey))).toBe(true);
		await db.update(jobApplications).set({ deleteAfter: new Date(Date.now() - 1000) }).where(eq(jobApplications.id, old.id));
		await db.update(jobs).set({ status: 'done' }).where(eq(jobs.kind, MAIL_JOB));
		const first = await purgeExpiredPersonalData(db, storage);
		expect(first).toMatchObject({ applications: 1, files: 1 });
		expect(first.mails).toBeGreaterThanOrEqual(2);
		expect((await db.select().from(jobApplications)).map((a) => a.id)).toEqual([r.id]);
		expect(existsSync(join(dir, oldKey.slice(0, 2), oldKey))).toBe(false);
		expect(await db.select().from(storedFiles).where(eq(storedFiles.key, oldKey))).toHaveLength(0);
		expect(existsSync(join(dir, keptKey.slice(0, 2), keptKey))).toBe(true);
		expect((await mails()).every((m) => !m.attachments)).toBe(true);
		expect(await purgeExpiredPersonalData(db, storage)).toEqual({ applications: 0, pool: 0, files: 0, alerts: 0, mails: 0 });
	});
});
