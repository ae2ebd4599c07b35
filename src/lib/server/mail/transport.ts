// Sends email with nodemailer through SMTP_URL, or writes it to DATA_DIR/outbox as .eml files when there is no SMTP server.
import nodemailer from 'nodemailer';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html?: string;
	from?: string;
	replyTo?: string;
	headers?: Record<string, string>;
}

export interface Mailer {
	kind: 'smtp' | 'outbox';
	send(msg: MailMessage): Promise<{ messageId: string }>;
}

export function createMailer(opts: { smtpUrl?: string; outboxDir: string; from: string }): Mailer {
	if (opts.smtpUrl) {
		const transport = nodemailer.createTransport(opts.smtpUrl);
		return {
			kind: 'smtp',
			async send(msg) {
				const info = await transport.sendMail({ from: opts.from, ...msg });
				return { messageId: info.messageId };
			}
		};
	}
	const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	return {
		kind: 'outbox',
		async send(msg) {
			const info = await transport.sendMail({ from: opts.from, ...msg });
			mkdirSync(opts.outboxDir, { recursive: true });
			const stamp = new Date().toISOString().replace(/[:.]/g, '-');
			const file = join(opts.outboxDir, `${stamp}-${crypto.randomUUID().slice(0, 8)}.eml`);
			writeFileSync(file, info.message as Buffer);
			return { messageId: info.messageId };
		}
	};
}

export interface OutboxEntry {
	file: string;
	to: string;
	subject: string;
	date: string;
	size: number;
}

function header(raw: string, name: string): string {
	const m = new RegExp(`^${name}: (.*(?:\\n[ \\t].*)*)`, 'mi').exec(raw);
	if (!m) return '';
	const v = m[1].replace(/\n[ \t]/g, ' ');
	// Decode RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) so subjects read well.
	return v.replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
		enc.toLowerCase() === 'b'
			? Buffer.from(text, 'base64').toString('utf8')
			: Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
	);
}

/** The mails written to the outbox, newest first. */
export function listOutbox(outboxDir: string, limit = 200): OutboxEntry[] {
	let files: string[];
	try {
		files = readdirSync(outboxDir).filter((f) => f.endsWith('.eml'));
	} catch {
		return [];
	}
	return files
		.sort()
		.reverse()
		.slice(0, limit)
		.map((f) => {
			const path = join(outboxDir, f);
			const raw = readFileSync(path, 'utf8').slice(0, 8000);
			return { file: f, to: header(raw, 'To'), subject: header(raw, 'Subject'), date: header(raw, 'Date'), size: statSync(path).size };
		});
}

export function readOutboxFile(outboxDir: string, file: string): string | null {
	const safe = basename(file);
	if (!safe.endsWith('.eml')) return null;
	try {
		return readFileSync(join(outboxDir, safe), 'utf8');
	} catch {
		return null;
	}
}
