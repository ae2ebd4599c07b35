// Job alerts: a candidate subscribes to a board search with an e-mail (double opt-in), then a daily job
// sends each confirmed alert one digest of the offers published since its last mail, found by the
// board's own search; every mail carries a one-click unsubscribe link and the RFC 8058 headers.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { InvalidError, NotFoundError } from '../errors';
import { getClusterSettings } from '../settings/service';
import { queueMail, renderMail } from '../mail/service';
import { ensureNextRun, type JobHandler } from '../jobs/queue';
import { findCommune } from '../geo/communes';
import { t, type Locale } from '../../i18n/t';
import { getTradeBySlug, listTrades } from '../trainings/trades';
import { searchOffers } from './service';
import { parseBoardParams, type BoardQuery } from './validation';
import { jobAlerts, type JobAlertSearch } from './schema';

export const ALERTS_JOB = 'employment.alerts_digest';
const ALERTS_INTERVAL_MS = 24 * 3600_000;
/** At most this many offers listed in one digest (the link shows the rest). */
const DIGEST_MAX = 20;

export interface AlertContext {
	baseUrl: string;
	locale: Locale;
}

/** The board's filters (?q=&trade=&contract=&dep=&near=&km=) as an alert's stored search. */
export function alertSearchFromParams(params: URLSearchParams): JobAlertSearch {
	const q = parseBoardParams(params);
	const s: JobAlertSearch = {};
	if (q.q) s.q = q.q;
	if (q.trade) s.trade = q.trade;
	if (q.contract) s.contract = q.contract;
	if (q.dep) s.departement = q.dep;
	if (q.near) {
		const c = findCommune(q.near);
		if (c) {
			s.commune = c.code;
			s.radiusKm = q.km;
		}
	}
	return s;
}

/** An alert's search as the board's query (and address). */
export function boardQueryOf(s: JobAlertSearch): Partial<BoardQuery> {
	return { q: s.q ?? '', trade: s.trade, contract: s.contract as BoardQuery['contract'], dep: s.departement, near: s.commune, km: s.radiusKm ?? 30 };
}

export function boardUrlOf(baseUrl: string, s: JobAlertSearch): string {
	const p = new URLSearchParams();
	if (s.q) p.set('q', s.q);
	if (s.trade) p.set('trade', s.trade);
	if (s.contract) p.set('contract', s.contract);
	if (s.departement) p.set('dep', s.departement);
	if (s.commune) {
		p.set('near', s.commune);
		p.set('km', String(s.radiusKm ?? 30));
	}
	const qs = p.toString();
	return `${baseUrl}/jobs${qs ? `?${qs}` : ''}`;
}

const emailInput = z.object({ email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.email({ error: 'error_email' }).max(254)) });

/**
 * Records an unconfirmed alert and mails its confirmation link. Subscribing again to the same search
 * with the same address re-sends the link of the existing alert (no duplicates).
 */
export async function subscribeAlert(db: Db, raw: { email?: unknown; search: JobAlertSearch }, ctx: AlertContext): Promise<{ id: string }> {
	const r = emailInput.safeParse({ email: raw.email });
	if (!r.success) throw new InvalidError([{ path: 'email', message: raw.email ? 'error_email' : 'error_required' }]);
	const email = r.data.email.toLowerCase();
	const search = raw.search;
	const [existing] = await queryRows<{ id: string; token: string; confirmed_at: unknown }>(
		db,
		sql`select id, token, confirmed_at from job_alerts where email = ${email} and search = ${JSON.stringify(search)}::jsonb limit 1`
	);
	const id = existing?.id ?? crypto.randomUUID();
	const token = existing?.token ?? randomBytes(24).toString('base64url');
	await db.transaction(async (tx) => {
		if (!existing) await tx.insert(jobAlerts).values({ id, email, locale: ctx.locale, search, token });
		if (existing?.confirmed_at) return;
		const cluster = await getClusterSettings(tx as unknown as Db);
		const { html, text } = renderMail({
			clusterName: cluster.name,
			color: cluster.primaryColor,
			heading: t('applications_alert_mail_confirm_heading', {}, ctx.locale),
			paragraphs: [t('applications_alert_mail_confirm_body', { search: describeSearch(search, ctx.locale, search.trade ? (await getTradeBySlug(tx as unknown as Db, search.trade))?.name : null) }, ctx.locale), t('applications_alert_mail_confirm_ignore', {}, ctx.locale)],
			action: { label: t('applications_alert_mail_confirm_action', {}, ctx.locale), url: `${ctx.baseUrl}/jobs/alerts/confirm/${token}` },
			footer: t('applications_mail_footer', { cluster: cluster.name }, ctx.locale)
		});
		await queueMail(tx, { to: email, subject: t('applications_alert_mail_confirm_subject', { cluster: cluster.name }, ctx.locale), text, html });
	});
	return { id };
}

/**
 * A search in words, for the mails and pages ("« menuisier » · Menuisier / menuisière · CDI · 30 km
 * autour de Dax"). The trade is named by `tradeName` (see describeAlertSearch), its slug failing that.
 */
export function describeSearch(s: JobAlertSearch, locale: Locale, tradeName?: string | null): string {
	const parts: string[] = [];
	if (s.q) parts.push(`« ${s.q} »`);
	if (s.trade) parts.push(tradeName ?? s.trade);
	if (s.contract) parts.push(t(`employment_contract_${s.contract}`, {}, locale));
	if (s.departement) parts.push(t('applications_alert_dep', { dep: s.departement }, locale));
	if (s.commune) parts.push(t('applications_alert_near', { km: s.radiusKm ?? 30, commune: findCommune(s.commune)?.nom ?? s.commune }, locale));
	return parts.length ? parts.join(' · ') : t('applications_alert_all', {}, locale);
}

/** describeSearch with the trade's name read from the trades list (the trainings domain owns it). */
export async function describeAlertSearch(db: Db, s: JobAlertSearch, locale: Locale): Promise<string> {
	const trade = s.trade ? await getTradeBySlug(db, s.trade) : null;
	return describeSearch(s, locale, trade?.name);
}

export interface AlertView {
	id: string;
	email: string;
	search: JobAlertSearch;
	confirmedAt: Date | null;
}

export async function alertByToken(db: Db, token: string): Promise<AlertView> {
	const [a] = await db.select().from(jobAlerts).where(eq(jobAlerts.token, token));
	if (!a) throw new NotFoundError('job_alert');
	return { id: a.id, email: a.email, search: a.search, confirmedAt: a.confirmedAt };
}

/** The confirmation link: the alert starts from now (offers published before are not sent). */
export async function confirmAlert(db: Db, token: string): Promise<AlertView> {
	const [a] = await queryRows<{ id: string }>(db, sql`update job_alerts set confirmed_at = coalesce(confirmed_at, now()), last_sent_at = coalesce(last_sent_at, date_trunc('milliseconds', now())) where token = ${token} returning id`);
	if (!a) throw new NotFoundError('job_alert');
	return alertByToken(db, token);
}

/** One-click unsubscribe: the alert is deleted (its address with it). */
export async function unsubscribeAlert(db: Db, token: string): Promise<boolean> {
	const rows = await db.delete(jobAlerts).where(eq(jobAlerts.token, token)).returning({ id: jobAlerts.id });
	return rows.length > 0;
}

export function unsubscribeUrl(baseUrl: string, token: string): string {
	return `${baseUrl}/jobs/alerts/unsubscribe/${token}`;
}

/**
 * For each confirmed alert: the offers published since its last mail that match its search, in one
 * digest; its last_sent_at moves on only when claimed by one compare-and-set UPDATE (two workers never
 * send the same digest). An alert whose search no longer resolves (a commune gone) is skipped.
 */
export async function sendAlertDigests(db: Db, ctx: { baseUrl: string }): Promise<{ alerts: number; sent: number }> {
	const alerts = await db.select().from(jobAlerts).where(sql`${jobAlerts.confirmedAt} is not null`);
	let sent = 0;
	const cluster = alerts.length ? await getClusterSettings(db) : null;
	const tradeNames = new Map(alerts.length ? (await listTrades(db)).map((tr) => [tr.slug, tr.name]) : []);
	for (const a of alerts) {
		const now = new Date();
		const since = a.lastSentAt ?? a.confirmedAt!;
		let offers;
		try {
			offers = (await searchOffers(db, boardQueryOf(a.search), { all: true })).offers;
		} catch (e) {
			if (e instanceof InvalidError) continue;
			throw e;
		}
		const fresh = offers.filter((o) => o.publishedAt && o.publishedAt > since && o.publishedAt <= now).sort((x, y) => y.publishedAt!.getTime() - x.publishedAt!.getTime());
		if (!fresh.length) continue;
		const locale: Locale = a.locale === 'en' ? 'en' : 'fr';
		await db.transaction(async (tx) => {
			const claimed = await queryRows<{ id: string }>(
				tx as unknown as Db,
				sql`update job_alerts set last_sent_at = ${now.toISOString()}::timestamptz where id = ${a.id} and date_trunc('milliseconds', last_sent_at) is not distinct from ${a.lastSentAt ? a.lastSentAt.toISOString() : null}::timestamptz returning id`
			);
			if (!claimed.length) return;
			const unsubscribe = unsubscribeUrl(ctx.baseUrl, a.token);
			const shown = fresh.slice(0, DIGEST_MAX);
			const { html, text } = renderMail({
				clusterName: cluster!.name,
				color: cluster!.primaryColor,
				heading: t('applications_alert_mail_digest_heading', { count: fresh.length }, locale),
				paragraphs: [
					t('applications_alert_mail_digest_search', { search: describeSearch(a.search, locale, a.search.trade ? tradeNames.get(a.search.trade) : null) }, locale),
					...shown.map((o) => `${o.title} — ${o.organizationName}${o.communeName ? `, ${o.communeName}` : ''}: ${ctx.baseUrl}/jobs/${o.slug}`),
					t('applications_alert_mail_unsubscribe', { url: unsubscribe }, locale)
				],
				action: { label: t('applications_alert_mail_digest_action', {}, locale), url: boardUrlOf(ctx.baseUrl, a.search) },
				footer: t('applications_alert_mail_footer', { cluster: cluster!.name, url: unsubscribe }, locale)
			});
			await queueMail(tx, {
				to: a.email,
				subject: t('applications_alert_mail_digest_subject', { count: fresh.length, cluster: cluster!.name }, locale),
				text,
				html,
				headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
			});
			sent++;
		});
	}
	return { alerts: alerts.length, sent };
}

/** The daily digest job: runs, then schedules its next run. */
export function alertsJobHandler(baseUrl: string): JobHandler {
	return async (_job, db) => {
		// The next run first: a run that fails, even for good, does not end the chain.
		await ensureNextRun(db, ALERTS_JOB, new Date(Date.now() + ALERTS_INTERVAL_MS));
		const r = await sendAlertDigests(db, { baseUrl });
		return r;
	};
}

/** At start-up: makes sure one digest run is scheduled (it then schedules itself daily). */
export async function scheduleAlerts(db: Db): Promise<void> {
	await ensureNextRun(db, ALERTS_JOB, new Date(Date.now() + 60_000));
}
