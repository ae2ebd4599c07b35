// Inputs of the showcase domain, one zod schema each; messages are i18n keys.
import { z } from 'zod';
import { optionalText, requiredText, emptyToNull } from '../validation';

/** A list typed one per line or separated by commas/semicolons (labels, materials), trimmed, deduplicated. */
export const textList = (maxItems: number, maxLength: number) =>
	z.preprocess(
		(v) => {
			const parts = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/[\n;,]+/) : v == null ? [] : v;
			if (!Array.isArray(parts)) return parts;
			const seen = new Set<string>();
			return parts
				.map((s) => String(s).replace(/\s+/g, ' ').trim())
				.filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
		},
		z.array(z.string().max(maxLength, { error: 'error_too_long' })).max(maxItems, { error: 'error_too_many' })
	);

/** Hosted videos shown as an embed: the URL a member pastes, turned into the host's embed address. */
export function videoEmbedUrl(url: string): string | null {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		return null;
	}
	if (u.protocol !== 'https:') return null;
	const host = u.hostname.replace(/^www\.|^m\./, '');
	const id = (re: RegExp, s: string) => (re.test(s) ? s : null);
	if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
		const v = u.pathname === '/watch' ? u.searchParams.get('v') : /^\/(embed|shorts|live)\/([\w-]+)/.exec(u.pathname)?.[2];
		const ok = v && id(/^[\w-]{6,20}$/, v);
		return ok ? `https://www.youtube-nocookie.com/embed/${ok}` : null;
	}
	if (host === 'youtu.be') {
		const ok = id(/^[\w-]{6,20}$/, u.pathname.slice(1));
		return ok ? `https://www.youtube-nocookie.com/embed/${ok}` : null;
	}
	if (host === 'vimeo.com' || host === 'player.vimeo.com') {
		const v = /(\d{5,12})/.exec(u.pathname)?.[1];
		return v ? `https://player.vimeo.com/video/${v}` : null;
	}
	if (host === 'dailymotion.com' || host === 'dai.ly') {
		const v = /(?:\/video\/|^\/)([a-z0-9]{5,12})/i.exec(u.pathname)?.[1];
		return v ? `https://www.dailymotion.com/embed/video/${v}` : null;
	}
	return null;
}

export const showcaseInput = z.object({
	portrait: optionalText(6000),
	productsServices: optionalText(3000),
	territory: optionalText(300),
	labels: textList(20, 80),
	materials: textList(20, 60),
	videoUrl: z
		.preprocess(emptyToNull, z.string().trim().max(300, { error: 'error_too_long' }).nullable().optional())
		.transform((v) => v ?? null)
		.refine((v) => v === null || videoEmbedUrl(v) !== null, { error: 'error_video_url' }),
	competencyIds: z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(60)).max(40, { error: 'error_too_many' }))
});
export type ShowcaseInput = z.output<typeof showcaseInput>;

export const CLIENT_TYPES = ['public', 'private_company', 'individual', 'other'] as const;

export const referenceInput = z.object({
	title: requiredText(200),
	kindId: z.preprocess(emptyToNull, z.string().max(60).nullable().optional()).transform((v) => v ?? null),
	postalCode: z.preprocess(emptyToNull, z.string().trim().regex(/^\d{5}$/, { error: 'error_postal_code' }).nullable().optional()).transform((v) => v ?? null),
	communeName: optionalText(120),
	year: z
		.preprocess((v) => (v === '' || v == null ? null : Number(v)), z.number({ error: 'error_number' }).int({ error: 'error_number' }).min(1900, { error: 'error_year' }).max(2100, { error: 'error_year' }).nullable())
		.optional()
		.transform((v) => v ?? null),
	clientType: z.preprocess(emptyToNull, z.enum(CLIENT_TYPES, { error: 'error_invalid_choice' }).nullable().optional()).transform((v) => v ?? null),
	description: optionalText(3000),
	partnerIds: z.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(60)).max(20, { error: 'error_too_many' }))
});
export type ReferenceInput = z.output<typeof referenceInput>;

export const introductionInput = z.object({
	name: requiredText(120),
	email: z.email({ error: 'error_email' }).max(200),
	company: optionalText(200),
	message: z.string({ error: 'error_required' }).trim().min(20, { error: 'error_message_short' }).max(4000, { error: 'error_too_long' })
});
export type IntroductionInput = z.output<typeof introductionInput>;

export const taxonomyEntry = z.object({ id: z.string().max(60).optional(), name: requiredText(80) });
