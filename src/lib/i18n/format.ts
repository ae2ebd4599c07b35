// Dates, numbers and money in the user's locale, through Intl.
import type { Locale } from './t';

const intlLocale = (l: Locale) => (l === 'en' ? 'en-GB' : 'fr-FR');

export function formatDate(value: string | Date | null | undefined, locale: Locale, style: 'short' | 'long' = 'short'): string {
	if (!value) return '';
	const d = typeof value === 'string' ? new Date(value.length === 10 ? value + 'T00:00:00' : value) : value;
	if (isNaN(d.getTime())) return '';
	return new Intl.DateTimeFormat(intlLocale(locale), style === 'long' ? { dateStyle: 'long' } : { dateStyle: 'short' }).format(d);
}

export function formatDateTime(value: string | Date | null | undefined, locale: Locale): string {
	if (!value) return '';
	const d = typeof value === 'string' ? new Date(value) : value;
	return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

export function formatNumber(n: number | null | undefined, locale: Locale): string {
	if (n === null || n === undefined) return '';
	return new Intl.NumberFormat(intlLocale(locale)).format(n);
}

export function formatMoney(cents: number | null | undefined, locale: Locale): string {
	if (cents === null || cents === undefined) return '';
	return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
