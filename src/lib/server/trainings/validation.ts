// Inputs of the trainings domain (trades, trainings, labels, school requests), one zod schema each; messages are i18n keys.
import { z } from 'zod';
import { emptyToNull, looseBoolean, looseDate, optionalText, requiredText } from '../validation';
import { findCommune } from '../geo/communes';
import { normalizePhone } from '../crm/identifiers';

export const TRAINING_KINDS = ['initial', 'continuing'] as const;
export const TRAINING_MODES = ['onsite', 'online', 'blended'] as const;
export const TRAINING_STATUSES = ['draft', 'published'] as const;
/** Funding hints a training may carry (the free text `fundingNote` says the rest). */
export const FUNDINGS = ['opco', 'cpf', 'apprenticeship', 'region', 'france_travail', 'employer'] as const;
export const GRANT_STATUSES = ['granted', 'suspended', 'withdrawn'] as const;
export const SCHOOL_REQUEST_KINDS = ['intervention', 'visit'] as const;
export const SCHOOL_REQUEST_STATUSES = ['new', 'open', 'matched', 'done', 'cancelled'] as const;

/** A form's several values (checkboxes, multi-selects), a single string or nothing → a string array. */
const stringList = z.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim()).max(50));

/** One entry per line of a textarea (or an array from the API), blank lines dropped. */
const lines = (maxEach: number, maxCount: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v == null ? [] : v),
		z.array(z.string().trim().min(1).max(maxEach, { error: 'error_trainings_line_too_long' })).max(maxCount, { error: 'error_trainings_too_many_lines' })
	);

const whole = (min: number, max: number, message: string) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(/\s/g, '').replace(',', '.'))) : v),
		z.number({ error: (i) => (i.input === undefined ? 'error_required' : 'error_number') }).int({ error: 'error_number' }).min(min, { error: message }).max(max, { error: message })
	);

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Video pages the trade page may point to: YouTube, Vimeo, or a PeerTube instance (/w/… or /videos/watch/…). */
export function videoEmbed(url: string): { provider: 'youtube' | 'vimeo' | 'peertube'; embedUrl: string; host: string } | null {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		return null;
	}
	if (u.protocol !== 'https:') return null;
	const host = u.hostname.toLowerCase();
	if (host === 'youtu.be') {
		const id = u.pathname.slice(1);
		return /^[\w-]{6,20}$/.test(id) ? { provider: 'youtube', embedUrl: `https://www.youtube-nocookie.com/embed/${id}`, host } : null;
	}
	if (host === 'youtube.com' || host.endsWith('.youtube.com')) {
		const id = u.searchParams.get('v') ?? /^\/(?:embed|shorts)\/([\w-]+)/.exec(u.pathname)?.[1] ?? '';
		return /^[\w-]{6,20}$/.test(id) ? { provider: 'youtube', embedUrl: `https://www.youtube-nocookie.com/embed/${id}`, host } : null;
	}
	if (host === 'vimeo.com' || host.endsWith('.vimeo.com')) {
		const id = /\/(\d{3,})/.exec(u.pathname)?.[1];
		return id ? { provider: 'vimeo', embedUrl: `https://player.vimeo.com/video/${id}?dnt=1`, host } : null;
	}
	const pt = /^\/(?:w|videos\/watch|videos\/embed)\/([\w-]{6,40})$/.exec(u.pathname);
	if (pt) return { provider: 'peertube', embedUrl: `https://${u.host}/videos/embed/${pt[1]}`, host };
	return null;
}

/** A trade and its public page. `slug` blank: generated from the name when created, kept on rename. */
export const tradeInput = z.object({
	name: requiredText(120),
	slug: z.preprocess(emptyToNull, z.string().trim().toLowerCase().max(80).regex(SLUG_PATTERN, { error: 'error_trades_slug_format' }).nullable().optional()).transform((v) => v ?? null),
	description: optionalText(8000),
	skills: lines(200, 40),
	trainingPaths: optionalText(8000),
	videos: lines(500, 10).superRefine((list, ctx) => {
		list.forEach((url, i) => {
			if (!videoEmbed(url)) ctx.addIssue({ code: 'custom', message: 'error_trades_video_url', params: { line: i + 1 } });
		});
	})
});
export type TradeInput = z.output<typeof tradeInput>;

/** A commune as typed ("Mont-de-Marsan", "Pau 64000", "33063") → its INSEE code, name and département. */
const optionalCommune = z.preprocess(emptyToNull, z.string().trim().max(120).nullable().optional()).transform((text, ctx) => {
	if (!text) return null;
	const c = findCommune(text);
	if (!c) {
		ctx.addIssue({ code: 'custom', message: 'error_trainings_commune_unknown' });
		return z.NEVER;
	}
	return { insee: c.code, name: c.nom, departement: c.departement };
});

/** One session per line: a start date, an optional end date, then an optional note ("12/01/2027 16/01/2027 Bordeaux"). */
const sessionLines = z.preprocess(
	(v) => (typeof v === 'string' ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v == null ? [] : v),
	z.array(z.union([z.string(), z.object({ startsOn: z.string(), endsOn: z.string().nullable().optional(), note: z.string().nullable().optional() })])).max(60)
).transform((list, ctx) => {
	const out: { startsOn: string; endsOn: string | null; note: string | null }[] = [];
	list.forEach((entry, i) => {
		let start: string, end: string | null = null, note: string | null = null;
		if (typeof entry === 'string') {
			const m = /^(\S+)(?:\s*(?:→|->|–|-|au|to)?\s*(\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}))?\s*(.*)$/.exec(entry)!;
			start = m[1];
			end = m[2] ?? null;
			note = m[3]?.trim() || null;
		} else {
			start = entry.startsOn;
			end = entry.endsOn ?? null;
			note = entry.note ?? null;
		}
		const s = looseDate.safeParse(start);
		const e = end ? looseDate.safeParse(end) : null;
		if (!s.success || (e && !e.success)) {
			ctx.addIssue({ code: 'custom', message: 'error_trainings_session_line', params: { line: i + 1 } });
			return;
		}
		if (e?.success && e.data < s.data) {
			ctx.addIssue({ code: 'custom', message: 'error_trainings_session_order', params: { line: i + 1 } });
			return;
		}
		out.push({ startsOn: s.data, endsOn: e?.success ? e.data : null, note: note ? note.slice(0, 200) : null });
	});
	return out.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
});

const optionalUrl = z.preprocess(emptyToNull, z.url({ protocol: /^https?$/, error: 'error_url' }).max(500).nullable().optional()).transform((v) => v ?? null);

/** A training of the catalogue. `providerId` is forced to the actor's organization for members and partners. */
export const trainingInput = z
	.object({
		title: requiredText(200),
		providerId: z.preprocess(emptyToNull, z.string().nullable().optional()).transform((v) => v ?? null),
		kind: z.enum(TRAINING_KINDS, { error: 'error_trainings_kind' }),
		tradeIds: stringList,
		content: optionalText(8000),
		objectives: optionalText(4000),
		durationHours: z.preprocess(emptyToNull, whole(1, 5000, 'error_trainings_duration').nullable().optional()).transform((v) => v ?? null),
		mode: z.enum(TRAINING_MODES, { error: 'error_trainings_mode' }).default('onsite'),
		commune: optionalCommune,
		fundings: z.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(FUNDINGS, { error: 'error_invalid_choice' }))),
		fundingNote: optionalText(500),
		level: optionalText(120),
		certification: optionalText(200),
		url: optionalUrl,
		status: z.enum(TRAINING_STATUSES, { error: 'error_invalid_choice' }).default('draft'),
		sessions: sessionLines
	})
	.superRefine((v, ctx) => {
		if (v.mode !== 'online' && !v.commune) ctx.addIssue({ code: 'custom', path: ['commune'], message: 'error_trainings_commune_required' });
	});
export type TrainingInput = z.output<typeof trainingInput>;

export const labelInput = z.object({ name: requiredText(120), criteria: optionalText(4000) });

/** A label granted to a training or a provider (exactly one). */
export const grantInput = z
	.object({
		labelId: requiredText(64),
		trainingId: z.preprocess(emptyToNull, z.string().nullable().optional()).transform((v) => v ?? null),
		providerId: z.preprocess(emptyToNull, z.string().nullable().optional()).transform((v) => v ?? null),
		auditedOn: looseDate,
		validUntil: looseDate,
		status: z.enum(GRANT_STATUSES, { error: 'error_invalid_choice' }).default('granted')
	})
	.superRefine((v, ctx) => {
		if (!v.trainingId === !v.providerId) ctx.addIssue({ code: 'custom', path: ['trainingId'], message: 'error_trainings_grant_holder' });
		if (v.validUntil < v.auditedOn) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'error_trainings_grant_dates' });
	});

const email = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email({ error: 'error_email' }).max(254));

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

/** What a school sends from the public form. */
export const schoolRequestInput = z.object({
	kind: z.enum(SCHOOL_REQUEST_KINDS, { error: 'error_trainings_request_kind' }),
	schoolName: requiredText(200),
	communeName: optionalText(120),
	contactName: requiredText(120),
	email,
	phone: optionalPhone,
	classLevel: requiredText(80),
	pupils: whole(1, 500, 'error_trainings_pupils'),
	tradeIds: stringList,
	wishedDates: optionalText(500),
	message: optionalText(4000),
	consent: looseBoolean.refine((v) => v === true, { error: 'error_trainings_consent_required' })
});
export type SchoolRequestInput = z.output<typeof schoolRequestInput>;

/** A member volunteers its organization (the team may do it for one: organizationId). */
export const volunteerInput = z.object({
	organizationId: z.preprocess(emptyToNull, z.string().nullable().optional()).transform((v) => v ?? null),
	contactName: requiredText(120),
	contactEmail: email,
	contactPhone: optionalPhone,
	message: optionalText(2000)
});
