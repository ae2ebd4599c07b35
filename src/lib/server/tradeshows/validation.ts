// Inputs of the trade-show domain, one zod schema each; messages are i18n keys.
import { z } from 'zod';
import { emptyToNull, euroCents, looseBoolean, optionalText, requiredText } from '../validation';
import { parisLocalToInstant } from '../dates';
import { findCommune } from '../geo/communes';
import { normalizePhone } from '../crm/identifiers';

export const APPLICATION_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export const BADGE_ROLES = ['exhibitor', 'visitor'] as const;
export const BADGE_STATUSES = ['pending', 'approved', 'refused', 'cancelled'] as const;
export const CONTACT_PREFERENCES = ['email', 'phone', 'either'] as const;

/** A whole number as a form sends it ("12", " 3 "), within bounds; `optional` turns "" into null. */
function count(min: number, max: number, message: string) {
	return z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(/\s/g, ''))) : v),
		z.number({ error: (i) => (i.input === undefined ? 'error_required' : 'error_number') }).int({ error: 'error_number' }).min(min, { error: message }).max(max, { error: message })
	);
}
const optionalCount = (min: number, max: number, message: string) =>
	z.preprocess(emptyToNull, count(min, max, message).nullable().optional()).transform((v) => v ?? null);

/** A date and time typed in France ("2026-12-03T09:00", what datetime-local sends) or an ISO instant. */
const instant = z.preprocess(
	(v) => {
		if (v instanceof Date) return v;
		if (typeof v !== 'string') return v;
		if (v.trim() === '') return undefined;
		return parisLocalToInstant(v) ?? 'invalid';
	},
	z.date({ error: (i) => (i.input === undefined ? 'error_required' : 'error_datetime') })
);
const optionalInstant = z.preprocess(emptyToNull, instant.nullable().optional()).transform((v) => v ?? null);

/** A commune as typed ("Mont-de-Marsan", "Pau 64000", "33063") → its INSEE code and official name. */
const commune = requiredText(120).transform((text, ctx) => {
	const c = findCommune(text);
	if (!c) {
		ctx.addIssue({ code: 'custom', message: 'error_tradeshow_commune_unknown' });
		return z.NEVER;
	}
	return { insee: c.code, name: c.nom };
});

/** A French or international phone number → E.164; "" → null. */
const optionalPhone = z
	.preprocess(emptyToNull, z.string().trim().max(40).nullable().optional())
	.transform((v, ctx) => {
		if (!v) return null;
		const p = normalizePhone(v);
		if (!p) {
			ctx.addIssue({ code: 'custom', message: 'error_phone' });
			return z.NEVER;
		}
		return p;
	});

const email = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email({ error: 'error_email' }).max(254));

/** The team's settings of the shared stand. */
export const tradeShowInput = z.object({
	standName: requiredText(120),
	hall: optionalText(80),
	surfaceM2: optionalCount(1, 100_000, 'error_tradeshow_surface'),
	places: count(1, 1000, 'error_tradeshow_places'),
	/** Euros as typed ("450", "1 200,50"); stored in cents. */
	placePrice: z.preprocess(emptyToNull, euroCents.nullable().optional()).transform((v) => v ?? null),
	applicationsCloseAt: optionalInstant,
	description: optionalText(4000),
	badgesPerExhibitor: optionalCount(1, 500, 'error_tradeshow_badge_limit')
});
export type TradeShowInput = z.output<typeof tradeShowInput>;

/** A member organization applies to exhibit on the stand (the team may apply for one: organizationId). */
export const applicationInput = z.object({
	products: requiredText(2000),
	places: z.preprocess((v) => (v === '' || v == null ? 1 : v), count(1, 50, 'error_tradeshow_places_wanted')),
	surfaceM2: optionalCount(1, 10_000, 'error_tradeshow_surface'),
	needsPower: looseBoolean.optional().default(false),
	needsFurniture: looseBoolean.optional().default(false),
	otherNeeds: optionalText(1000),
	organizationId: z.preprocess(emptyToNull, z.string().max(60).nullable().optional()).transform((v) => v ?? null)
});
export type ApplicationInput = z.output<typeof applicationInput>;

/** What the team writes to the organization with its decision. */
export const decisionInput = z.object({ note: optionalText(1000) });

export const badgeInput = z.object({
	firstName: requiredText(80),
	lastName: requiredText(80),
	email,
	role: z.enum(BADGE_ROLES, { error: 'error_invalid_choice' }),
	/** The team: the organization the badge is for (or just a name printed on it). */
	organizationId: z.preprocess(emptyToNull, z.string().max(60).nullable().optional()).transform((v) => v ?? null),
	organizationName: optionalText(200)
});
export type BadgeInput = z.output<typeof badgeInput>;

export const offerInput = z
	.object({
		fromCommune: commune,
		departsAt: instant,
		returnsAt: optionalInstant,
		seats: count(1, 8, 'error_tradeshow_seats'),
		contactPreference: z.preprocess((v) => (v === '' || v == null ? 'email' : v), z.enum(CONTACT_PREFERENCES, { error: 'error_invalid_choice' })),
		phone: optionalPhone,
		note: optionalText(500)
	})
	// Checked even when other fields are wrong, so the form names every problem at once.
	.superRefine(
		(o, ctx) => {
			if (o.returnsAt instanceof Date && o.departsAt instanceof Date && o.returnsAt <= o.departsAt)
				ctx.addIssue({ code: 'custom', path: ['returnsAt'], message: 'error_tradeshow_return_before_departure' });
			if ((o.contactPreference === 'phone' || o.contactPreference === 'either') && !o.phone)
				ctx.addIssue({ code: 'custom', path: ['phone'], message: 'error_tradeshow_phone_needed' });
		},
		{ when: () => true }
	);
export type OfferInput = z.output<typeof offerInput>;

export const rideRequestInput = z.object({
	fromCommune: commune,
	departsAt: instant,
	note: optionalText(500)
});
export type RideRequestInput = z.output<typeof rideRequestInput>;

export const bookingInput = z.object({ phone: optionalPhone });
