// Mail goes through the job queue, so a slow or absent SMTP server never blocks a request, and failures are retried.
import type { Db } from '../db/client';
import { enqueue, type JobHandler } from '../jobs/queue';
import type { Mailer, MailMessage } from './transport';

export const MAIL_JOB = 'mail.send';

export async function queueMail(db: Pick<Db, 'insert'>, msg: MailMessage): Promise<string> {
	return enqueue(db, MAIL_JOB, msg as unknown as Record<string, unknown>);
}

export function mailJobHandler(mailer: Mailer): JobHandler {
	return async (job) => mailer.send(job.payload as unknown as MailMessage);
}

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A plain, accessible HTML mail with one call to action; every text is escaped. */
export function renderMail(opts: { clusterName: string; color?: string; heading: string; paragraphs: string[]; action?: { label: string; url: string }; footer: string }): { html: string; text: string } {
	const color = /^#[0-9a-f]{6}$/i.test(opts.color ?? '') ? opts.color : '#5b21b6';
	const html = `<!doctype html><html><body style="margin:0;background:#f4f4f7;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2937">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#fff;border-radius:8px;overflow:hidden">
<tr><td style="background:${color};color:#fff;padding:16px 24px;font-weight:600">${escapeHtml(opts.clusterName)}</td></tr>
<tr><td style="padding:24px"><h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(opts.heading)}</h1>
${opts.paragraphs.map((p) => `<p style="line-height:1.5">${escapeHtml(p)}</p>`).join('\n')}
${opts.action ? `<p style="margin:24px 0"><a href="${escapeHtml(opts.action.url)}" style="background:${color};color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(opts.action.label)}</a></p><p style="font-size:13px;color:#6b7280;word-break:break-all">${escapeHtml(opts.action.url)}</p>` : ''}
</td></tr><tr><td style="padding:16px 24px;font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb">${escapeHtml(opts.footer)}</td></tr>
</table></td></tr></table></body></html>`;
	const text = [opts.heading, '', ...opts.paragraphs, ...(opts.action ? ['', `${opts.action.label}: ${opts.action.url}`] : []), '', '—', opts.footer].join('\n');
	return { html, text };
}
