// Inputs of the events domain, one zod schema each; messages are i18n keys.
import { z } from 'zod';
import { emptyToNull, euroCents, looseBoolean, optionalText, requiredText } from '../validation';
import { parisLocalToInstant } from '../dates';
import type { RegistrationQuestion } from './schema';

export const EVENT_MODES = ['on_site', 'online', 'hybrid'] as const;
export const EVENT_AUDIENCES = ['members', 'network', 'public'] as const;
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export const QUESTION_TYPES = ['text', 'long', 'choice', 'checkbox'] as const;

/** A date and time typed in France ("2026-12-03T09:00") or an ISO instant with its offset. */
const instant = z.preprocess(
	(v) => {
		if (v instanceof Date) return v;
		if (typeof v !== 'string') return v;
		return parisLocalToInstant(v) ?? 'invalid';
	},
	z.date({ error: 'error_datetime' })
);
const optionalInstant = z.preprocess(emptyToNull, instant.nullable().optional()).transform((v) => v ?? null);

const optionalCents = z.preprocess(emptyToNull, euroCents.nullable().optional()).transform((v) => v ?? null);

const question = z.object({
	id: z.string().trim().min(1).max(40).regex(/^[\w-]+$/, { error: 'error_invalid' }),
	label: requiredText(200),
	type: z.enum(QUESTION_TYPES, { error: 'error_invalid_choice' }),
	options: z.array(z.string().trim().min(1).max(100)).max(20, { error: 'error_too_many' }).optional(),
	required: looseBoolean.optional().default(false)
});

/**
 * The questions as the API sends them (an array), or as the form sends them: one per line,
 * "Label" or "Label | choice A ; choice B" (a choice), a trailing "*" for a required answer,
 * "[long]" or "[oui/non]" / "[yes/no]" for a paragraph or a checkbox.
 */
export function questionsFromText(text: string): unknown[] {
	return text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.map((line, i) => {
			let label = line;
			const required = /\*\s*$/.test(label);
			if (required) label = label.replace(/\*\s*$/, '').trim();
			let type: RegistrationQuestion['type'] = 'text';
			let options: string[] | undefined;
			const bar = label.indexOf('|');
			if (bar >= 0) {
				options = label
					.slice(bar + 1)
					.split(';')
					.map((o) => o.trim())
					.filter(Boolean);
				label = label.slice(0, bar).trim();
				type = 'choice';
			} else if (/\[(long)\]\s*$/i.test(label)) {
				type = 'long';
				label = label.replace(/\[(long)\]\s*$/i, '').trim();
			} else if (/\[(oui\/non|yes\/no)\]\s*$/i.test(label)) {
				type = 'checkbox';
				label = label.replace(/\[(oui\/non|yes\/no)\]\s*$/i, '').trim();
			}
			return { id: `q${i + 1}`, label, type, options, required };
		});
}

/** The form's text back from the questions (the inverse of questionsFromText). */
export function questionsToText(questions: RegistrationQuestion[]): string {
	return questions
		.map((q) => {
			const suffix = q.required ? ' *' : '';
			if (q.type === 'choice') return `${q.label} | ${(q.options ?? []).join(' ; ')}${suffix}`;
			if (q.type === 'long') return `${q.label} [long]${suffix}`;
			if (q.type === 'checkbox') return `${q.label} [oui/non]${suffix}`;
			return q.label + suffix;
		})
		.join('\n');
}

export const eventInput = z
	.object({
		title: requiredText(200),
		kindId: z.preprocess(emptyToNull, z.string().max(60).nullable().optional()).transform((v) => v ?? null),
		summary: optionalText(400),
		description: optionalText(20000),
		startsAt: instant,
		endsAt: instant,
		mode: z.preprocess((v) => v ?? 'on_site', z.enum(EVENT_MODES, { error: 'error_invalid_choice' })),
		onlineUrl: z
			.preprocess(emptyToNull, z.url({ protocol: /^https?$/, error: 'error_url' }).max(500).nullable().optional())
			.transform((v) => v ?? null),
		venue: optionalText(200),
		addressLine: optionalText(300),
		postalCode: z.preprocess(emptyToNull, z.string().trim().regex(/^\d{5}$/, { error: 'error_postal_code' }).nullable().optional()).transform((v) => v ?? null),
		communeName: optionalText(120),
		capacity: z
			.preprocess(
				(v) => (v === '' || v == null ? null : typeof v === 'string' ? Number(v.trim()) : v),
				z.number({ error: 'error_number' }).int({ error: 'error_number' }).min(1, { error: 'error_capacity' }).max(100000, { error: 'error_capacity' }).nullable()
			)
			.optional()
			.transform((v) => v ?? null),
		registrationOpensAt: optionalInstant,
		registrationClosesAt: optionalInstant,
		/** Euros as typed ("15", "35,50"); stored and returned in cents. */
		priceMember: optionalCents,
		priceNonMember: optionalCents,
		audience: z.preprocess((v) => v ?? 'members', z.enum(EVENT_AUDIENCES, { error: 'error_invalid_choice' })),
		status: z.preprocess((v) => v ?? 'draft', z.enum(EVENT_STATUSES, { error: 'error_invalid_choice' })),
		questions: z.preprocess(
			(v) => (typeof v === 'string' ? questionsFromText(v) : v == null ? [] : v),
			z.array(question).max(20, { error: 'error_too_many' })
		),
		hasBusinessMeetings: looseBoolean.optional().default(false)
	})
	.superRefine((e, ctx) => {
		if (e.endsAt.getTime() <= e.startsAt.getTime()) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'error_ends_before_start' });
		if (e.registrationOpensAt && e.registrationClosesAt && e.registrationClosesAt <= e.registrationOpensAt)
			ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'error_closes_before_opens' });
		if (e.mode !== 'on_site' && !e.onlineUrl) ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: 'error_required' });
		e.questions.forEach((q, i) => {
			if (q.type === 'choice' && (q.options?.length ?? 0) < 2) ctx.addIssue({ code: 'custom', path: ['questions', i, 'options'], message: 'error_choice_options' });
		});
		const ids = new Set<string>();
		e.questions.forEach((q, i) => {
			if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'error_duplicate' });
			ids.add(q.id);
		});
	});
export type EventInput = z.output<typeof eventInput>;

export const registrationInput = z.object({
	name: requiredText(160),
	email: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email({ error: 'error_email' }).max(254)),
	organization: optionalText(200),
	answers: z.record(z.string(), z.union([z.string().max(4000, { error: 'error_too_long' }), z.boolean()])).optional().default({})
});
export type RegistrationInput = z.output<typeof registrationInput>;
