// Sends email with nodemailer through SMTP_URL, or writes it to DATA_DIR/outbox as .eml files when there is no SMTP server.
import nodemailer from 'nodemailer';
import { simpleParser, type AddressObject } from 'mailparser';
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
	/** Files joined to the mail (e.g. an event's .ics); text content, or base64 with `encoding` (a CV), kept as JSON in the job queue. */
	attachments?: { filename: string; content: string; contentType: string; encoding?: 'base64' }[];
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

/** "Léa Roux <lea@exemple.fr>, …" as a person reads it. */
function addressText(to: AddressObject | AddressObject[] | undefined): string {
	const list = Array.isArray(to) ? to : to ? [to] : [];
	return list
		.flatMap((o) => o.value)
		.map((a) => (a.name ? `${a.name} <${a.address}>` : (a.address ?? '')))
		.join(', ');
}

export interface OutboxEntry {
	file: string;
	to: string;
	subject: string;
	date: string | null;
	size: number;
}

/** The mails written to the outbox, newest first, parsed as a mail client would (encoded subjects decoded). */
export async function listOutbox(outboxDir: string, limit = 200): Promise<OutboxEntry[]> {
	let files: string[];
	try {
		files = readdirSync(outboxDir).filter((f) => f.endsWith('.eml'));
	} catch {
		return [];
	}
	const newest = files.sort().reverse().slice(0, limit);
	return Promise.all(
		newest.map(async (f) => {
			const path = join(outboxDir, f);
			// Headers are enough for the list: parse only the head of each file.
			const raw = readFileSync(path, 'utf8');
			const head = raw.slice(0, raw.search(/\r?\n\r?\n/) + 1 || raw.length);
			const m = await simpleParser(head + '\n');
			const to = addressText(m.to);
			return { file: f, to, subject: m.subject ?? '', date: m.date ? m.date.toISOString() : null, size: statSync(path).size };
		})
	);
}

export interface OutboxMessage {
	raw: string;
	subject: string;
	to: string;
	text: string;
}

/** One outbox mail, decoded; null if the name is not an outbox file. */
export async function readOutboxMessage(outboxDir: string, file: string): Promise<OutboxMessage | null> {
	const safe = basename(file);
	if (!safe.endsWith('.eml')) return null;
	let raw: string;
	try {
		raw = readFileSync(join(outboxDir, safe), 'utf8');
	} catch {
		return null;
	}
	const m = await simpleParser(raw);
	const to = addressText(m.to);
	return { raw, subject: m.subject ?? '', to, text: m.text ?? '' };
}
