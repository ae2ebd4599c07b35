// Mail as it leaves: .eml files in the outbox, a real SMTP server on 127.0.0.1, the queue between, and escaped HTML.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import { drainJobs, getJob } from '../jobs/queue';
import { createMailer, listOutbox, readOutboxMessage } from './transport';
import { MAIL_JOB, mailJobHandler, queueMail, renderMail } from './service';

const FROM = 'Cluster Bois <noreply@grappe.test>';

let dirs: string[] = [];
const tempDir = () => {
	const d = mkdtempSync(join(tmpdir(), 'grappe-outbox-'));
	dirs.push(d);
	return join(d, 'outbox');
};
afterEach(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
	dirs = [];
});

describe('outbox mode (no SMTP server)', () => {
	it('writes a .eml that the outbox lists, newest first, with its UTF-8 subject decoded', async () => {
		const dir = tempDir();
		const mailer = createMailer({ outboxDir: dir, from: FROM });
		expect(mailer.kind).toBe('outbox');
		await mailer.send({ to: 'lea@exemple.fr', subject: 'Premier', text: 'Un' });
		await new Promise((r) => setTimeout(r, 5));
		const { messageId } = await mailer.send({ to: 'Léa Roux <lea@exemple.fr>', subject: 'Votre adhésion 2025 reçue', text: 'Bonjour Léa,\nMerci !' });
		expect(messageId).toMatch(/^<.+@grappe\.test>$/);
		expect(readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(2);

		const [newest, oldest] = await listOutbox(dir);
		expect(newest).toMatchObject({ to: 'Léa Roux <lea@exemple.fr>', subject: 'Votre adhésion 2025 reçue' });
		expect(newest.size).toBeGreaterThan(100);
		expect(new Date(newest.date!).getTime()).not.toBeNaN();
		expect(oldest.subject).toBe('Premier');
		expect(await listOutbox(dir, 1)).toHaveLength(1);
	});

	it('keeps the whole message: a mail client reads the same subject, text and HTML', async () => {
		const dir = tempDir();
		await createMailer({ outboxDir: dir, from: FROM }).send({
			to: 'lea@exemple.fr', subject: 'Reçu', text: 'Montant : 1 200,50 €', html: '<p>Montant : 1 200,50 €</p>', replyTo: 'equipe@grappe.test'
		});
		const [entry] = await listOutbox(dir);
		const parsed = await simpleParser((await readOutboxMessage(dir, entry.file))!.raw);
		expect(parsed.subject).toBe('Reçu');
		expect(parsed.text?.trim()).toBe('Montant : 1 200,50 €');
		expect(parsed.html).toContain('<p>Montant : 1 200,50 €</p>');
		expect(parsed.from?.value).toEqual([{ name: 'Cluster Bois', address: 'noreply@grappe.test' }]);
		expect(parsed.replyTo?.text).toBe('equipe@grappe.test');
	});

	it('joins a binary attachment sent as base64 and passes extra headers (one-click unsubscribe)', async () => {
		const dir = tempDir();
		const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
		await createMailer({ outboxDir: dir, from: FROM }).send({
			to: 'rh@exemple.fr',
			subject: 'Candidature',
			text: 'CV joint.',
			headers: { 'List-Unsubscribe': '<https://grappe.test/u/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
			attachments: [{ filename: 'CV Léa.pdf', content: pdf.toString('base64'), encoding: 'base64', contentType: 'application/pdf' }]
		});
		const [entry] = await listOutbox(dir);
		const raw = (await readOutboxMessage(dir, entry.file))!.raw;
		const parsed = await simpleParser(raw);
		expect(parsed.attachments).toHaveLength(1);
		expect(parsed.attachments[0].filename).toBe('CV Léa.pdf');
		expect(Buffer.from(parsed.attachments[0].content).equals(pdf)).toBe(true);
		const head = raw.slice(0, raw.indexOf('\n\n'));
		expect(head).toMatch(/^List-Unsubscribe: <https:\/\/grappe\.test\/u\/abc>$/m);
		expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
	});

	it('reads only .eml files of the outbox itself', async () => {
		const dir = tempDir();
		await createMailer({ outboxDir: dir, from: FROM }).send({ to: 'lea@exemple.fr', subject: 'x', text: 'x' });
		const [entry] = await listOutbox(dir);
		expect((await readOutboxMessage(dir, `../../${entry.file}`))?.subject).toBe('x');
		expect(await readOutboxMessage(dir, '../../../etc/passwd')).toBeNull();
		expect(await readOutboxMessage(dir, 'absent.eml')).toBeNull();
		expect(await listOutbox(join(dir, 'missing'))).toEqual([]);
	});

	it('decodes an accented subject split over several encoded words without adding spaces', async () => {
		const dir = tempDir();
		const mailer = createMailer({ outboxDir: dir, from: FROM });
		const subjects = [
			'Votre adhésion 2025 à « Grappe »',
			'Invitation à l’assemblée générale annuelle du cluster Bois & Bâtiment Nouvelle-Aquitaine — réponse souhaitée avant le 14 mars'
		];
		for (const subject of subjects) await mailer.send({ to: 'lea@exemple.fr', subject, text: 'x' });
		expect((await listOutbox(dir)).map((e) => e.subject).sort()).toEqual([...subjects].sort());
	});
});

describe('SMTP mode', () => {
	let server: SMTPServer;
	let port: number;
	const received: { raw: Buffer; from: string; to: string[] }[] = [];
	let refuse = false;

	beforeAll(async () => {
		server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS', 'AUTH'],
			logger: false,
			onRcptTo(address: SMTPServerAddress, _session, callback) {
				if (refuse) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
				callback();
			},
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (c: Buffer) => chunks.push(c));
				stream.on('end', () => {
					received.push({
						raw: Buffer.concat(chunks),
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((r) => r.address)
					});
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.server.address() as AddressInfo).port;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	it('delivers the message with its subject and text to the server', async () => {
		const dir = tempDir();
		const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: dir, from: FROM });
		expect(mailer.kind).toBe('smtp');
		const before = received.length;
		const { messageId } = await mailer.send({ to: 'lea@exemple.fr', subject: 'Votre adhésion 2025 est enregistrée', text: 'Bonjour Léa,\nVotre règlement de 1 200,50 € est bien reçu.' });
		expect(received).toHaveLength(before + 1);
		const mail = received[received.length - 1];
		expect(mail.from).toBe('noreply@grappe.test');
		expect(mail.to).toEqual(['lea@exemple.fr']);
		const parsed = await simpleParser(mail.raw);
		expect(parsed.subject).toBe('Votre adhésion 2025 est enregistrée');
		expect(parsed.text?.trim()).toBe('Bonjour Léa,\nVotre règlement de 1 200,50 € est bien reçu.');
		expect(parsed.messageId).toBe(messageId);
		// Nothing goes to the outbox when there is a server.
		expect(await listOutbox(dir)).toEqual([]);
	});

	it('fails when the server refuses the recipient, so the queue can retry', async () => {
		const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: tempDir(), from: FROM });
		refuse = true;
		try {
			await expect(mailer.send({ to: 'absent@exemple.fr', subject: 'x', text: 'x' })).rejects.toThrow(/550|Mailbox unavailable/);
		} finally {
			refuse = false;
		}
	});
});

describe('mail through the job queue', () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('queues a mail, and a drain sends it to the outbox', async () => {
		const dir = tempDir();
		const id = await queueMail(database.db, { to: 'lea@exemple.fr', subject: 'Bienvenue dans le cluster', text: 'Bonjour' });
		expect(await listOutbox(dir)).toEqual([]);
		expect(await drainJobs(database.db, { [MAIL_JOB]: mailJobHandler(createMailer({ outboxDir: dir, from: FROM })) })).toBe(1);
		expect((await listOutbox(dir)).map((e) => e.subject)).toEqual(['Bienvenue dans le cluster']);
		const job = await getJob(database.db, id);
		expect(job).toMatchObject({ status: 'done', kind: MAIL_JOB });
		expect((job!.result as { messageId: string }).messageId).toMatch(/@grappe\.test>$/);
	});
});

describe('renderMail', () => {
	const base = { clusterName: 'Bois & Bâtiment', heading: 'Bienvenue', paragraphs: ['Bonjour'], footer: 'Cluster Bois' };

	it('shows user text as text: markup is escaped in the HTML and kept as typed in the text part', () => {
		const { html, text } = renderMail({
			...base,
			heading: 'Réunion "<b>bureau</b>"',
			paragraphs: ['<script>alert("x")</script>', "L'atelier & co"],
			footer: '<img src=x onerror=alert(1)>'
		});
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<img src=x');
		expect(html).not.toContain('<b>bureau</b>');
		expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
		expect(html).toContain('L&#39;atelier &amp; co');
		expect(html).toContain('Bois &amp; Bâtiment');
		expect(text.split('\n')).toEqual(['Réunion "<b>bureau</b>"', '', '<script>alert("x")</script>', "L'atelier & co", '', '—', '<img src=x onerror=alert(1)>']);
	});

	it('puts the call to action in both parts, its URL escaped in the HTML', () => {
		const { html, text } = renderMail({ ...base, action: { label: 'Choisir mon mot de passe', url: 'https://grappe.test/invitation?t=a"b&c=<d>' } });
		expect(html).toContain('href="https://grappe.test/invitation?t=a&quot;b&amp;c=&lt;d&gt;"');
		expect(html).not.toContain('a"b');
		expect(text).toContain('Choisir mon mot de passe: https://grappe.test/invitation?t=a"b&c=<d>');
	});

	it('uses the cluster colour only when it is a hex colour', () => {
		expect(renderMail({ ...base, color: '#0F766E' }).html).toContain('background:#0F766E');
		const injected = renderMail({ ...base, color: 'red;background-image:url(https://evil.test)' }).html;
		expect(injected).not.toContain('evil.test');
		expect(injected).toContain('background:#5b21b6');
	});
});
