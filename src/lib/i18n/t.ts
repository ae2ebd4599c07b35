// Translates an i18n key chosen at run time (error keys from services, enum labels) with Paraglide's messages.
import * as messages from '../paraglide/messages/_index.js';
import { getLocale } from '../paraglide/runtime.js';

export type Locale = 'fr' | 'en';
type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;

export function hasMessage(key: string): boolean {
	return typeof (messages as Record<string, unknown>)[key] === 'function';
}

/** The message for `key` in `locale` (the request's locale by default); the key itself if unknown. */
export function t(key: string, params: Record<string, unknown> = {}, locale?: Locale): string {
	const fn = (messages as unknown as Record<string, MessageFn>)[key];
	if (typeof fn !== 'function') return key;
	return fn(params, { locale: locale ?? (getLocale() as Locale) });
}

/** The label of an enum value, e.g. enumLabel('status', 'former_member') → "Ancien adhérent". */
export function enumLabel(group: string, value: string | null | undefined, locale?: Locale): string {
	if (!value) return '';
	return t(`enum_${group}_${value}`, {}, locale);
}
