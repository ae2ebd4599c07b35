// Inputs of pooled employment, one zod schema each; messages are i18n keys. The rules that need the
// group's members (the split, the weekly grid) are checked by the service, still naming the field.
import { z } from 'zod';
import { emptyToNull, euroCents, looseDate, optionalText, requiredText } from '../validation';
import { cleanDigits, isValidSiret, normalizePhone } from '../crm/identifiers';

export const LEGAL_FORMS = ['association', 'cooperative', 'other'] as const;
export const SPLIT_MODES = ['percent', 'hours'] as const;
export const DAYS = [1, 2, 3, 4, 5, 6] as const;
export const HALVES = ['am', 'pm'] as const;
export const AGREEMENT_STATUSES = ['proposed', 'signed', 'ended'] as const;
export const LISTING_KINDS = ['offer', 'request'] as const;
export const LISTING_STATUSES = ['draft', 'published', 'closed'] as const;
export const SENIORITIES = ['junior', 'confirmed', 'senior', 'expert'] as const;
export const WORK_TIMES = ['full', 'part'] as const;
export const SECONDMENT_STATUSES = ['draft', 'signed', 'running', 'ended', 'cancelled'] as const;

export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export type SecondmentStatus = (typeof SECONDMENT_STATUSES)[number];
export type ListingKind = (typeof LISTING_KINDS)[number];

const optionalId = z.preprocess(emptyToNull, z.string().trim().max(60).nullable().optional()).transform((v) => v ?? null);
const optionalDate = z.preprocess(emptyToNull, looseDate.nullable().optional()).transform((v) => v ?? null);
const requiredDate = z.preprocess((v) => (v === '' || v == null ? undefined : v), looseDate);

/**
 * A decimal number as typed in France ("17,5", "35", "33,33") → an integer of `scale` units (hours → minutes
 * with 60, percent → hundredths with 100). Null for an empty field.
 */
export function parseDecimal(v: unknown, scale: number): number | null | typeof NaN {
	if (v == null) return null;
	if (typeof v === 'number') return Math.round(v * scale);
	const s = String(v).replace(/[\s\u00a0\u202f%h]/gi, '').replace(',', '.');
	if (s === '') return null;
	if (!/^\d+(\.\d{1,2})?$/.test(s)) return NaN;
	return Math.round(Number(s) * scale);
}

const decimal = (scale: number, min: number, max: number, message: string) =>
	z.preprocess(
		(v) => {
			const n = parseDecimal(v, scale);
			return n === null ? undefined : n;
		},
		z
			.number({ error: (i) => (i.input === undefined ? 'error_required' : message) })
			.refine((n) => !isNaN(n), { error: message })
			.refine((n) => n >= min && n <= max, { error: message })
	);

function count(min: number, max: number, message: string) {
	return z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
		z.number({ error: (i) => (i.input === undefined ? 'error_required' : message) }).int({ error: message }).min(min, { error: message }).max(max, { error: message })
	);
}

const optionalSiret = z.preprocess(emptyToNull, z.string().max(30).nullable().optional()).transform((v, ctx) => {
	if (!v) return null;
	const digits = cleanDigits(v);
	if (!isValidSiret(digits)) {
		ctx.addIssue({ code: 'custom', message: 'error_siret' });
		return z.NEVER;
	}
	return digits;
});

const optionalPhone = z.preprocess(emptyToNull, z.string().trim().max(40).nullable().optional()).transform((v, ctx) => {
	if (!v) return null;
	const p = normalizePhone(v);
	if (!p) {
		ctx.addIssue({ code: 'custom', message: 'error_phone' });
		return z.NEVER;
	}
	return p;
});

const optionalEmail = z
	.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().toLowerCase()) : v), z.email({ error: 'error_email' }).max(254).nullable().optional())
	.transform((v) => v ?? null);

/** A list of ids as a form sends it (several fields of one name, or one comma-separated field) or as JSON. */
const idList = z.preprocess((v) => {
	if (v == null || v === '') return [];
	if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' && x.trim() !== '');
	if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
	return v;
}, z.array(z.string().max(60)).max(200));

// ---------------------------------------------------------------- employer groups

export const groupInput = z.object({
	name: requiredText(200),
	legalForm: z.enum(LEGAL_FORMS, { error: 'error_invalid_choice' }),
	siret: optionalSiret,
	contactName: optionalText(200),
	contactEmail: optionalEmail,
	contactPhone: optionalPhone,
	notes: optionalText(4000),
	/** The member companies (organizations of the CRM). */
	memberIds: idList
});
export type GroupInput = z.output<typeof groupInput>;

/** A share as typed: time in percent or hours (by the position's split mode), cost in percent (empty: same as time, in percent mode). */
export const shareInput = z.object({
	organizationId: z.string().min(1).max(60),
	time: z.unknown().optional(),
	cost: z.unknown().optional()
});

export const positionInput = z
	.object({
		title: requiredText(200),
		tradeId: optionalId,
		employeeName: optionalText(200),
		weeklyHours: decimal(60, 60, 48 * 60, 'error_pooling_weekly_hours'),
		startDate: requiredDate,
		endDate: optionalDate,
		monthlyCost: z.preprocess((v) => (v === '' || v == null ? undefined : v), euroCents),
		splitMode: z.enum(SPLIT_MODES, { error: 'error_invalid_choice' }),
		notes: optionalText(4000),
		shares: z.array(shareInput).max(50).default([]),
		slots: z
			.array(z.object({ day: z.coerce.number().int(), half: z.enum(HALVES), organizationId: z.string().max(60) }))
			.max(DAYS.length * 2 * 2)
			.default([])
	})
	.superRefine(
		(p, ctx) => {
			if (typeof p.startDate === 'string' && typeof p.endDate === 'string' && p.endDate < p.startDate)
				ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'error_pooling_end_before_start' });
		},
		{ when: () => true }
	);
export type PositionInput = z.output<typeof positionInput>;

/**
 * A position as the page's form sends it: `shares.<orgId>.time`, `shares.<orgId>.cost` and
 * `slot.<day>.<am|pm>` = orgId; the field names are the paths the service names in its errors.
 */
export function positionFromForm(values: Record<string, string>): Record<string, unknown> {
	const shares = new Map<string, { organizationId: string; time?: string; cost?: string }>();
	const slots: { day: number; half: string; organizationId: string }[] = [];
	for (const [k, v] of Object.entries(values)) {
		const share = /^shares\.([^.]+)\.(time|cost)$/.exec(k);
		if (share) {
			const s = shares.get(share[1]) ?? { organizationId: share[1] };
			s[share[2] as 'time' | 'cost'] = v;
			shares.set(share[1], s);
			continue;
		}
		const slot = /^slot\.(\d)\.(am|pm)$/.exec(k);
		if (slot && v) slots.push({ day: Number(slot[1]), half: slot[2], organizationId: v });
	}
	// A company with both fields empty takes no part.
	const taking = [...shares.values()].filter((s) => (s.time ?? '').trim() !== '' || (s.cost ?? '').trim() !== '');
	return { ...values, shares: taking, slots };
}

export const agreementInput = z.object({
	status: z.enum(AGREEMENT_STATUSES, { error: 'error_invalid_choice' }),
	signedOn: optionalDate,
	notes: optionalText(2000)
});

// ---------------------------------------------------------------- secondments

export const listingInput = z
	.object({
		kind: z.enum(LISTING_KINDS, { error: 'error_invalid_choice' }),
		/** The team names the organization; a member posts for its own. */
		organizationId: optionalId,
		title: requiredText(200),
		competencyIds: idList,
		tradeId: optionalId,
		seniority: z.preprocess(emptyToNull, z.enum(SENIORITIES, { error: 'error_invalid_choice' }).nullable().optional()).transform((v) => v ?? null),
		durationMinMonths: count(1, 60, 'error_pooling_duration'),
		durationMaxMonths: count(1, 60, 'error_pooling_duration'),
		startDate: requiredDate,
		workTime: z.enum(WORK_TIMES, { error: 'error_invalid_choice' }),
		description: optionalText(4000),
		personName: optionalText(200),
		status: z.preprocess((v) => (v === '' || v == null ? 'published' : v), z.enum(LISTING_STATUSES, { error: 'error_invalid_choice' }))
	})
	.superRefine(
		(l, ctx) => {
			if (typeof l.durationMinMonths === 'number' && typeof l.durationMaxMonths === 'number' && l.durationMaxMonths < l.durationMinMonths)
				ctx.addIssue({ code: 'custom', path: ['durationMaxMonths'], message: 'error_pooling_duration_order' });
		},
		{ when: () => true }
	);
export type ListingInput = z.output<typeof listingInput>;

export const secondmentInput = z
	.object({
		offerId: optionalId,
		requestId: optionalId,
		lendingOrganizationId: z.string({ error: 'error_required' }).trim().min(1, { error: 'error_required' }).max(60),
		hostOrganizationId: z.string({ error: 'error_required' }).trim().min(1, { error: 'error_required' }).max(60),
		personName: optionalText(200),
		startDate: requiredDate,
		endDate: requiredDate,
		notes: optionalText(4000)
	})
	.superRefine(
		(s, ctx) => {
			if (typeof s.startDate === 'string' && typeof s.endDate === 'string' && s.endDate < s.startDate)
				ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'error_pooling_end_before_start' });
			if (s.lendingOrganizationId && s.lendingOrganizationId === s.hostOrganizationId)
				ctx.addIssue({ code: 'custom', path: ['hostOrganizationId'], message: 'error_pooling_same_company' });
		},
		{ when: () => true }
	);
export type SecondmentInput = z.output<typeof secondmentInput>;

export const secondmentStatusInput = z.object({
	status: z.enum(SECONDMENT_STATUSES, { error: 'error_invalid_choice' }),
	notes: optionalText(4000)
});

export const contactInput = z.object({ message: requiredText(4000) });
