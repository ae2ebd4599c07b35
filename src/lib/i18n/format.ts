// Dates, numbers and money in the user's locale, through Intl.
import type { Locale } from './t';

const intlLocale = (l: Locale) => (l === 'en' ? 'en-GB' : 'fr-FR');

// Building an Intl formatter costs about 50–100 µs; a directory page formats hundreds of counts.
// One formatter per locale and style, made on first use.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
	let f = formatters.get(key) as T | undefined;
	if (!f) {
		f = make();
		formatters.set(key, f);
	}
	return f;
}

export function formatDate(value: string | Date | null | undefined, locale: Locale, style: 'short' | 'long' = 'short'): string {
	if (!value) return '';
	const d = typeof value === 'string' ? new Date(value.length === 10 ? value + 'T00:00:00' : value) : value;
	if (isNaN(d.getTime())) return '';
	return formatter(`date:${style}:${locale}`, () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: style })).format(d);
}

export function formatDateTime(value: string | Date | null | undefined, locale: Locale): string {
	if (!value) return '';
	const d = typeof value === 'string' ? new Date(value) : value;
	return formatter(`datetime:${locale}`, () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' })).format(d);
}

export function formatNumber(n: number | null | undefined, locale: Locale): string {
	if (n === null || n === undefined) return '';
	return formatter(`number:${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n);
}

export function formatMoney(cents: number | null | undefined, locale: Locale): string {
	if (cents === null || cents === undefined) return '';
	return formatter(`money:${locale}`, () => new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' })).format(cents / 100);
}

/** An event's date and time as people in France read it, whatever the server's time zone. */
export function formatEventDateTime(value: string | Date | null | undefined, locale: Locale, style: 'full' | 'time' | 'date' = 'full'): string {
	if (!value) return '';
	const d = typeof value === 'string' ? new Date(value) : value;
	if (isNaN(d.getTime())) return '';
	const options: Intl.DateTimeFormatOptions =
		style === 'time' ? { timeStyle: 'short' } : style === 'date' ? { dateStyle: 'full' } : { dateStyle: 'full', timeStyle: 'short' };
	return formatter(`event:${style}:${locale}`, () => new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: 'Europe/Paris' })).format(d);
}
