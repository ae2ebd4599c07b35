// Runs a zod schema and turns its issues into FieldIssues whose messages are i18n keys.
import { z } from 'zod';
import { InvalidError, type FieldIssue } from './errors';

function keyFor(issue: z.core.$ZodIssue): { message: string; params?: Record<string, string | number> } {
	if (issue.message && issue.message.startsWith('error_')) {
		const params = (issue as { params?: Record<string, string | number> }).params;
		return params ? { message: issue.message, params } : { message: issue.message };
	}
	switch (issue.code) {
		case 'invalid_type':
			return { message: issue.input === undefined || issue.input === null ? 'error_required' : 'error_invalid' };
		case 'too_small':
			return issue.origin === 'string' && Number(issue.minimum) <= 1
				? { message: 'error_required' }
				: { message: 'error_too_small', params: { min: Number(issue.minimum) } };
		case 'too_big':
			return { message: 'error_too_long', params: { max: Number(issue.maximum) } };
		case 'invalid_value':
			return { message: 'error_invalid_choice' };
		case 'invalid_format':
			return { message: issue.format === 'email' ? 'error_email' : issue.format === 'url' ? 'error_url' : 'error_invalid' };
		default:
			return { message: 'error_invalid' };
	}
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
	return error.issues.map((i) => ({ path: i.path.join('.') || '_', ...keyFor(i) }));
}

/** Parses `input` with `schema` or throws InvalidError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const r = schema.safeParse(input);
	if (!r.success) throw new InvalidError(issuesFromZod(r.error));
	return r.data;
}

/** '' and whitespace-only become null, so empty form fields and CSV cells mean "no value". */
export const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const optionalText = (max: number) =>
	z.preprocess(emptyToNull, z.string().trim().max(max).nullable().optional()).transform((v) => v ?? null);

export const requiredText = (max: number) => z.string({ error: 'error_required' }).trim().min(1, { error: 'error_required' }).max(max);

/** Booleans as forms, CSV cells and JSON send them: true/false, on, oui/non, 1/0, x. */
export const looseBoolean = z.preprocess((v) => {
	if (typeof v === 'boolean') return v;
	if (v === undefined || v === null) return false;
	const s = String(v).trim().toLowerCase();
	if (['true', 'on', '1', 'oui', 'yes', 'x', 'vrai', 'o', 'y'].includes(s)) return true;
	if (['false', 'off', '0', 'non', 'no', '', 'faux', 'n'].includes(s)) return false;
	return v;
}, z.boolean({ error: 'error_boolean' }));

/** A date as ISO (2025-03-14) or French (14/03/2025), returned as ISO yyyy-mm-dd. */
export const looseDate = z.preprocess(
	(v) => {
		if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString().slice(0, 10);
		if (typeof v !== 'string') return v;
		const s = v.trim();
		const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
		if (fr) return `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
		return s.slice(0, 10);
	},
	z.string({ error: 'error_date' }).refine((s) => {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
		const d = new Date(s + 'T00:00:00Z');
		return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
	}, { error: 'error_date' })
);

/** Money in euros as typed in France ("1 200,50", "1200.5", "1 200 €") → integer cents. */
export const euroCents = z.preprocess(
	(v) => {
		if (typeof v === 'number') return Math.round(v * 100);
		if (typeof v !== 'string') return v;
		let s = v.replace(/[\s\u00a0\u202f€]/g, '');
		// "1.200,50": points group thousands when a comma marks the decimals.
		if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
		if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return NaN;
		return Math.round(Number(s) * 100);
	},
	z.number({ error: 'error_amount' }).int().min(0, { error: 'error_amount' }).refine((n) => !isNaN(n), { error: 'error_amount' })
);
