// Inputs of the job board, one zod schema each; messages are i18n keys naming what is wrong.
import { z } from 'zod';
import { emptyToNull, euroCents, looseBoolean, looseDate, optionalText, requiredText } from '../validation';
import { findCommune } from '../geo/communes';

export const CONTRACT_KINDS = ['permanent', 'fixed_term', 'apprenticeship', 'internship', 'freelance'] as const;
export const WORKING_TIMES = ['full_time', 'part_time'] as const;
export const REMOTE_OPTIONS = ['none', 'partial', 'full'] as const;
export const SALARY_PERIODS = ['year', 'month', 'hour'] as const;
export const APPLY_METHODS = ['platform', 'email', 'url'] as const;
export const OFFER_STATUSES = ['draft', 'pending', 'published', 'rejected', 'expired', 'filled'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** Longest an offer stays published without being extended. */
export const MAX_PUBLICATION_DAYS = 90;
export const DEFAULT_PUBLICATION_DAYS = 60;

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
	z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(values, { error: message }));

/** A number as typed in France ("35", "17,5"); "" → null. */
const optionalNumber = (min: number, max: number, message: string) =>
	z
		.preprocess((v) => {
			const e = emptyToNull(v);
			if (typeof e === 'string') return Number(e.trim().replace(/\s/g, '').replace(',', '.'));
			return e;
		}, z.number({ error: message }).min(min, { error: message }).max(max, { error: message }).nullable().optional())
		.transform((v) => v ?? null);

const optionalMoney = z.preprocess(emptyToNull, euroCents.nullable().optional()).transform((v) => v ?? null);

/** Competency ids: an array (API, multiple checkboxes) or one string. */
const idList = z
	.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(80)).max(30, { error: 'error_employment_too_many_competencies' }))
	.transform((v) => [...new Set(v)]);

/** A commune as typed ("Mont-de-Marsan", "Pau 64000", "33063"); "" → null. */
const optionalCommune = z.preprocess(emptyToNull, z.string().trim().max(120).nullable().optional()).transform((text, ctx) => {
	if (!text) return null;
	const c = findCommune(text);
	if (!c) {
		ctx.addIssue({ code: 'custom', message: 'error_employment_commune_unknown' });
		return z.NEVER;
	}
	return c;
});

/** An offer as a member or the team writes it. `organizationId` is only read for the team. */
export const offerInput = z
	.object({
		organizationId: z.preprocess(emptyToNull, z.string().trim().max(80).nullable().optional()).transform((v) => v ?? null),
		title: requiredText(140),
		tradeId: z.preprocess(emptyToNull, z.string().trim().max(80).nullable().optional()).transform((v) => v ?? null),
		competencyIds: idList,
		description: requiredText(20_000).refine((s) => s.length >= 30, { error: 'error_employment_description_short' }),
		commune: optionalCommune,
		remote: z.preprocess((v) => (v === '' || v == null ? 'none' : v), choice(REMOTE_OPTIONS, 'error_employment_remote')),
		contractKind: choice(CONTRACT_KINDS, 'error_employment_contract'),
		durationMonths: optionalNumber(1, 60, 'error_employment_duration'),
		workingTime: z.preprocess((v) => (v === '' || v == null ? 'full_time' : v), choice(WORKING_TIMES, 'error_employment_working_time')),
		weeklyHours: optionalNumber(1, 48, 'error_employment_weekly_hours'),
		salaryMin: optionalMoney,
		salaryMax: optionalMoney,
		salaryPeriod: z.preprocess(emptyToNull, choice(SALARY_PERIODS, 'error_employment_salary_period').nullable().optional()).transform((v) => v ?? null),
		startAsap: looseBoolean.optional().default(false),
		startDate: z.preprocess(emptyToNull, looseDate.nullable().optional()).transform((v) => v ?? null),
		applyMethod: z.preprocess((v) => (v === '' || v == null ? 'platform' : v), choice(APPLY_METHODS, 'error_employment_apply_method')),
		applyEmail: optionalText(254),
		applyUrl: optionalText(500),
		/** Days the offer stays published (default 60, at most 90). */
		publicationDays: optionalNumber(1, MAX_PUBLICATION_DAYS, 'error_employment_publication_days')
	})
	.superRefine((v, ctx) => {
		if (v.commune === null && v.remote !== 'full') ctx.addIssue({ code: 'custom', path: ['commune'], message: 'error_employment_commune_required' });
		if (typeof v.salaryMin === 'number' && typeof v.salaryMax === 'number' && v.salaryMax < v.salaryMin)
			ctx.addIssue({ code: 'custom', path: ['salaryMax'], message: 'error_employment_salary_range' });
		if ((v.salaryMin != null || v.salaryMax != null) && !v.salaryPeriod)
			ctx.addIssue({ code: 'custom', path: ['salaryPeriod'], message: 'error_employment_salary_period' });
		if (v.workingTime === 'part_time' && (v.weeklyHours === null || v.weeklyHours === undefined)) ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'error_employment_weekly_hours' });
		if (v.startAsap !== true && !v.startDate) ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'error_employment_start' });
		if (v.applyMethod === 'email' && !(v.applyEmail && z.email().safeParse(v.applyEmail).success))
			ctx.addIssue({ code: 'custom', path: ['applyEmail'], message: 'error_email' });
		if (v.applyMethod === 'url' && !(v.applyUrl && /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v.applyUrl)))
			ctx.addIssue({ code: 'custom', path: ['applyUrl'], message: 'error_employment_apply_url' });
		// Run even when a field failed, so every wrong field is named at once (its value may then be raw).
	}, { when: () => true });
export type OfferInput = z.output<typeof offerInput>;

/** The team's decision on a pending offer. */
export const moderationInput = z
	.object({
		decision: choice(['publish', 'reject'] as const, 'error_invalid_choice'),
		reason: optionalText(1000)
	})
	.superRefine((v, ctx) => {
		if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'error_employment_reason_required' });
	});

export const settingsInput = z.object({
	retentionDays: z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
		z.number({ error: 'error_employment_retention' }).int({ error: 'error_employment_retention' }).min(30, { error: 'error_employment_retention' }).max(1095, { error: 'error_employment_retention' })
	),
	moderation: looseBoolean.optional().default(false)
});

/** The public board's filters, from the address (?q=&trade=&contract=&dep=&near=&km=&page=). */
export const boardQuery = z.object({
	q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 120) : ''), z.string()),
	trade: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 80) : undefined), z.string().optional()),
	contract: z.preprocess((v) => (typeof v === 'string' && (CONTRACT_KINDS as readonly string[]).includes(v) ? v : undefined), z.enum(CONTRACT_KINDS).optional()),
	dep: z.preprocess((v) => (typeof v === 'string' && /^(\d{2,3}|2[AB])$/i.test(v.trim()) ? v.trim().toUpperCase() : undefined), z.string().optional()),
	/** A commune as typed or its INSEE code. */
	near: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 120) : undefined), z.string().optional()),
	km: z.preprocess((v) => {
		const n = Number(v);
		return Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 200) : 30;
	}, z.number()),
	page: z.preprocess((v) => {
		const n = Number(v);
		return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 1;
	}, z.number())
});
export type BoardQuery = z.output<typeof boardQuery>;

export function parseBoardParams(params: URLSearchParams): BoardQuery {
	return boardQuery.parse(Object.fromEntries(['q', 'trade', 'contract', 'dep', 'near', 'km', 'page'].map((k) => [k, params.get(k) ?? undefined])));
}

/** The address of a board search (without the page). */
export function boardParams(q: Partial<BoardQuery>): URLSearchParams {
	const p = new URLSearchParams();
	if (q.q) p.set('q', q.q);
	if (q.trade) p.set('trade', q.trade);
	if (q.contract) p.set('contract', q.contract);
	if (q.dep) p.set('dep', q.dep);
	if (q.near) {
		p.set('near', q.near);
		if (q.km) p.set('km', String(q.km));
	}
	return p;
}
