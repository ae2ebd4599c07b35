// One schema per CRM input: the same checks for the forms, the REST API and each import row.
import { z } from 'zod';
import { emptyToNull, optionalText, requiredText, looseBoolean, looseDate, euroCents } from '../validation';
import { cleanDigits, isValidSiren, isValidSiret, normalizeNaf, normalizePhone } from './identifiers';
import { resolveCommune } from '../geo/communes';

import { ORGANIZATION_STATUSES, PARTNER_KINDS, SIZE_BANDS, INTERACTION_KINDS, NEED_CATEGORIES, NEED_STATUSES } from '../../crm-enums';
export { ORGANIZATION_STATUSES, PARTNER_KINDS, SIZE_BANDS, INTERACTION_KINDS, NEED_CATEGORIES, NEED_STATUSES };

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
	z.preprocess(emptyToNull, z.enum(values).nullable().optional()).transform((v) => v ?? null);

const tagList = z
	.preprocess((v) => {
		if (v === undefined || v === null) return [];
		if (typeof v === 'string') return v.split(/[,;|]/);
		return v;
	}, z.array(z.string().trim().max(60)))
	.transform((tags) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))]);

const siretField = z
	.preprocess(emptyToNull, z.string().nullable().optional())
	.transform((v, ctx) => {
		if (!v) return null;
		const d = cleanDigits(v);
		if (!isValidSiret(d)) {
			ctx.addIssue({ code: 'custom', message: 'error_siret' });
			return z.NEVER;
		}
		return d;
	});

const sirenField = z
	.preprocess(emptyToNull, z.string().nullable().optional())
	.transform((v, ctx) => {
		if (!v) return null;
		const d = cleanDigits(v);
		if (!isValidSiren(d)) {
			ctx.addIssue({ code: 'custom', message: 'error_siren' });
			return z.NEVER;
		}
		return d;
	});

const nafField = z
	.preprocess(emptyToNull, z.string().nullable().optional())
	.transform((v, ctx) => {
		if (!v) return null;
		const code = normalizeNaf(v);
		if (!code) {
			ctx.addIssue({ code: 'custom', message: 'error_naf' });
			return z.NEVER;
		}
		return code;
	});

export const phoneField = z
	.preprocess(emptyToNull, z.string().nullable().optional())
	.transform((v, ctx) => {
		if (!v) return null;
		const p = normalizePhone(v);
		if (!p) {
			ctx.addIssue({ code: 'custom', message: 'error_phone' });
			return z.NEVER;
		}
		return p;
	});

export const emailField = z
	.preprocess(emptyToNull, z.email({ error: 'error_email' }).max(254).nullable().optional())
	.transform((v) => (v ? v.toLowerCase() : null));

const websiteField = z
	.preprocess(
		(v) => {
			const e = emptyToNull(v);
			// "dupont.fr" means https://dupont.fr; another scheme (ftp://…) stays as typed, to be refused.
			if (typeof e === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(e.trim())) return 'https://' + e.trim();
			return typeof e === 'string' ? e.trim() : e;
		},
		z.url({ protocol: /^https?$/, error: 'error_url' }).max(300).nullable().optional()
	)
	.transform((v) => v ?? null);

const idRef = z.preprocess(emptyToNull, z.string().max(64).nullable().optional()).transform((v) => v ?? null);

export const organizationFields = z.object({
	name: requiredText(200),
	siret: siretField,
	siren: sirenField,
	nafCode: nafField,
	addressLine: optionalText(300),
	postalCode: z
		.preprocess(emptyToNull, z.string().trim().regex(/^\d{5}$/, { error: 'error_postal_code' }).nullable().optional())
		.transform((v) => v ?? null),
	communeName: optionalText(120),
	sizeBand: optionalEnum(SIZE_BANDS),
	website: websiteField,
	email: emailField,
	phone: phoneField,
	description: optionalText(5000),
	status: z.preprocess(emptyToNull, z.enum(ORGANIZATION_STATUSES).nullish()).transform((v) => v ?? 'prospect'),
	partnerKind: optionalEnum(PARTNER_KINDS),
	tags: tagList.optional().transform((v) => v ?? []),
	valueChainStageId: idRef,
	teamMemberId: idRef
});

/** The organization input, with derived fields: SIREN from SIRET, commune/département/région from the postal code. */
export const organizationInput = organizationFields.transform((o, ctx) => {
	let siren = o.siren;
	if (o.siret) {
		const fromSiret = o.siret.slice(0, 9);
		if (siren && siren !== fromSiret) {
			ctx.addIssue({ code: 'custom', path: ['siren'], message: 'error_siren_mismatch' });
			return z.NEVER;
		}
		siren = fromSiret;
	}
	let commune: { communeInsee: string | null; communeName: string | null; departementCode: string | null; regionCode: string | null } = {
		communeInsee: null,
		communeName: o.communeName,
		departementCode: null,
		regionCode: null
	};
	if (o.postalCode) {
		const match = resolveCommune(o.postalCode, o.communeName);
		if (match.ok) {
			commune = {
				communeInsee: match.commune.code,
				communeName: match.commune.nom,
				departementCode: match.commune.departement,
				regionCode: match.commune.region
			};
		} else if (match.reason === 'unknown_postal_code') {
			ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'error_postal_code_unknown' });
			return z.NEVER;
		} else {
			ctx.addIssue({
				code: 'custom',
				path: ['communeName'],
				message: match.reason === 'ambiguous' ? 'error_commune_ambiguous' : 'error_commune_mismatch',
				params: { choices: match.candidates.map((c) => c.nom).slice(0, 8).join(', ') }
			} as never);
			return z.NEVER;
		}
	}
	return { ...o, siren, ...commune };
});

export type OrganizationInput = z.output<typeof organizationInput>;

export const personInput = z.object({
	firstName: requiredText(100),
	lastName: requiredText(100),
	title: optionalText(150),
	email: emailField,
	phone: phoneField,
	consentPublicListing: looseBoolean.optional().default(false),
	consentNewsletter: looseBoolean.optional().default(false)
});
export type PersonInput = z.output<typeof personInput>;

export const membershipInput = z.object({
	year: z.coerce.number({ error: 'error_year' }).int({ error: 'error_year' }).min(1990, { error: 'error_year' }).max(2100, { error: 'error_year' }),
	/** In euros; empty means "the fee scale for the organization's size band". */
	amount: z.preprocess(emptyToNull, euroCents.nullable().optional()).transform((v) => v ?? null),
	paid: looseBoolean.optional().default(false),
	paidOn: z.preprocess(emptyToNull, looseDate.nullable().optional()).transform((v) => v ?? null),
	invoiceNumber: optionalText(60)
});
export type MembershipInput = z.output<typeof membershipInput>;

export const interactionInput = z.object({
	kind: z.enum(INTERACTION_KINDS, { error: 'error_invalid_choice' }),
	occurredOn: looseDate,
	subject: requiredText(200),
	notes: optionalText(10000),
	personId: idRef,
	teamMemberId: idRef
});
export type InteractionInput = z.output<typeof interactionInput>;

export const needInput = z.object({
	category: z.enum(NEED_CATEGORIES, { error: 'error_invalid_choice' }),
	text: requiredText(2000),
	status: z.preprocess(emptyToNull, z.enum(NEED_STATUSES).nullish()).transform((v) => v ?? 'open'),
	interactionId: idRef
});
export type NeedInput = z.output<typeof needInput>;

export const SORTS = ['name', 'created', 'updated', 'commune', 'status'] as const;

/** The organization list's filter, as a URL query or a saved segment holds it. */
export const organizationFilter = z.object({
	q: optionalText(200),
	status: z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : String(v).split(',')), z.array(z.enum(ORGANIZATION_STATUSES))).optional().default([]),
	departement: optionalText(3),
	region: optionalText(3),
	sizeBand: optionalEnum(SIZE_BANDS),
	teamMemberId: idRef,
	tag: optionalText(60),
	stageId: idRef,
	/** Members of the previous year who have no membership for this year yet. */
	notRenewedFor: z.preprocess(emptyToNull, z.coerce.number().int().min(1990).max(2100).nullable().optional()).transform((v) => v ?? null),
	sort: z.preprocess(emptyToNull, z.enum(SORTS).nullish()).transform((v) => v ?? 'name'),
	dir: z.preprocess(emptyToNull, z.enum(['asc', 'desc']).nullish()).transform((v) => v ?? 'asc'),
	page: z.preprocess(emptyToNull, z.coerce.number().int().min(1).nullish()).transform((v) => v ?? 1),
	perPage: z.preprocess(emptyToNull, z.coerce.number().int().min(1).max(500).nullish()).transform((v) => v ?? 25)
});
export type OrganizationFilter = z.output<typeof organizationFilter>;

export const segmentInput = z.object({
	name: requiredText(100),
	shared: looseBoolean.optional().default(true),
	filter: z.record(z.string(), z.unknown())
});
