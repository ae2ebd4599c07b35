// One place mapping domain errors to HTTP: JSON for the API, form failures for pages.
import { error, fail, isActionFailure, json, type ActionFailure } from '@sveltejs/kit';
import { ConflictError, DomainError, ForbiddenError, InvalidError, NotFoundError, type FieldIssue } from './errors';
import { t, type Locale } from '../i18n/t';

export function localizeIssues(issues: FieldIssue[], locale: Locale) {
	return issues.map((i) => ({ ...i, text: t(i.message, i.params ?? {}, locale) }));
}

/** Field errors keyed by field path, translated, for a form to show beside each field. */
export function fieldErrors(issues: FieldIssue[], locale: Locale): Record<string, string> {
	const out: Record<string, string> = {};
	for (const i of issues) if (!out[i.path]) out[i.path] = t(i.message, i.params ?? {}, locale);
	return out;
}

export interface FormFailure {
	errors: Record<string, string>;
	values: Record<string, unknown>;
	message: string;
	/** Which of a page's forms failed, when it has several. */
	form?: string;
}

/** True when a formAction result is a failure to return to the page. */
export function failed(r: unknown): r is ActionFailure<FormFailure> {
	return isActionFailure(r);
}

/** Runs a form action's service call; invalid input and conflicts come back as a 400 with field errors. */
export async function formAction<T>(
	locale: Locale,
	values: Record<string, unknown>,
	fn: () => Promise<T>,
	form?: string
): Promise<T | ActionFailure<FormFailure>> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof InvalidError) return fail(400, { errors: fieldErrors(e.issues, locale), values, message: t('form_has_errors', {}, locale), form });
		if (e instanceof ConflictError) {
			const text = t(e.messageKey, e.params, locale);
			return fail(409, { errors: e.path ? { [e.path]: text } : {}, values, message: text, form });
		}
		throw pageError(e);
	}
}

/** Domain errors as SvelteKit errors for pages. */
export function pageError(e: unknown): unknown {
	if (e instanceof NotFoundError) return error(404, 'not_found');
	if (e instanceof ForbiddenError) return error(403, 'forbidden');
	return e;
}

export function apiError(e: unknown, locale: Locale = 'en'): Response {
	if (e instanceof InvalidError) {
		return json(
			{ error: 'invalid', message: t('error_invalid_input', {}, locale), issues: localizeIssues(e.issues, locale).map((i) => ({ field: i.path, code: i.message, message: i.text, ...(i.row ? { row: i.row } : {}) })) },
			{ status: 400 }
		);
	}
	if (e instanceof ConflictError) {
		return json({ error: 'conflict', message: t(e.messageKey, e.params, locale), issues: e.path ? [{ field: e.path, code: e.messageKey, message: t(e.messageKey, e.params, locale) }] : [] }, { status: 409 });
	}
	if (e instanceof NotFoundError) return json({ error: 'not_found', message: t('error_not_found', {}, locale) }, { status: 404 });
	if (e instanceof ForbiddenError) return json({ error: 'forbidden', message: t('error_forbidden', {}, locale) }, { status: 403 });
	if (e instanceof DomainError) return json({ error: 'error', message: e.message }, { status: 400 });
	console.error(e);
	return json({ error: 'internal', message: 'Internal error' }, { status: 500 });
}
