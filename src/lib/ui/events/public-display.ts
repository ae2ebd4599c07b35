// How the public pages word an event's date, place and places left (shared by the agenda, the event and the ticket).
import { m } from '$lib/paraglide/messages';
import { formatEventDateTime, formatNumber } from '$lib/i18n/format';
import type { Locale } from '$lib/i18n/t';

export interface DisplayedEvent {
	startsAt: Date;
	endsAt: Date;
	mode: string;
	venue: string | null;
	communeName: string | null;
	capacity: number | null;
	remaining: number | null;
}

const parisDay = (d: Date) => formatEventDateTime(d, 'fr', 'date');

/** "jeudi 3 décembre 2026, de 09:00 à 12:00", or both ends in full when it spans several days (Europe/Paris). */
export function whenLabel(e: Pick<DisplayedEvent, 'startsAt' | 'endsAt'>, locale: Locale): string {
	if (parisDay(e.startsAt) === parisDay(e.endsAt))
		return m.events_public_when_same_day(
			{ date: formatEventDateTime(e.startsAt, locale, 'date'), start: formatEventDateTime(e.startsAt, locale, 'time'), end: formatEventDateTime(e.endsAt, locale, 'time') },
			{ locale }
		);
	return m.events_public_when_days({ start: formatEventDateTime(e.startsAt, locale), end: formatEventDateTime(e.endsAt, locale) }, { locale });
}

/** The venue and town, "En ligne", or both for a hybrid event. */
export function placeLabel(e: Pick<DisplayedEvent, 'mode' | 'venue' | 'communeName'>, locale: Locale): string {
	const place = [e.venue, e.communeName].filter(Boolean).join(', ');
	if (e.mode === 'online') return m.events_public_online({}, { locale });
	if (e.mode === 'hybrid') return place ? m.events_public_hybrid_place({ place }, { locale }) : m.events_public_online({}, { locale });
	return place;
}

export type Availability = { text: string; tone: 'open' | 'full' | 'closed' } | null;

/** Places left, full (the waiting list takes new registrations), or why registering is not possible. */
export function availability(e: Pick<DisplayedEvent, 'capacity' | 'remaining'>, window: string, locale: Locale): Availability {
	if (window === 'cancelled') return { text: m.events_public_state_cancelled_short({}, { locale }), tone: 'closed' };
	if (window === 'past') return null;
	if (window === 'closed') return { text: m.events_public_state_closed_short({}, { locale }), tone: 'closed' };
	if (window === 'not_yet') return { text: m.events_public_state_not_yet_short({}, { locale }), tone: 'closed' };
	if (e.capacity == null) return null;
	if (e.remaining === 0) return { text: m.events_public_full_waitlist({}, { locale }), tone: 'full' };
	return { text: m.events_public_places_left({ n: formatNumber(e.remaining, locale) }, { locale }), tone: 'open' };
}

/** A registrant's text as paragraphs (blank lines between them); shown as text, never as HTML. */
export function paragraphs(s: string | null | undefined): string[] {
	return s ? s.split(/\n\s*\n/).map((x) => x.trim()).filter(Boolean) : [];
}

const intlLocale = (l: Locale) => (l === 'en' ? 'en-GB' : 'fr-FR');

/** "2026-12" in France: the agenda groups events by the month they start in. */
export function monthKey(d: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(d);
}

/** "Décembre 2026" / "December 2026". */
export function monthLabel(d: Date, locale: Locale): string {
	const s = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'Europe/Paris', month: 'long', year: 'numeric' }).format(d);
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The day of the month and the short month name, for the date block of a card. */
export function dayParts(d: Date, locale: Locale): { day: string; month: string; weekday: string } {
	const f = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'Europe/Paris', ...o }).format(d);
	return { day: f({ day: 'numeric' }), month: f({ month: 'short' }).replace(/\.$/, ''), weekday: f({ weekday: 'short' }).replace(/\.$/, '') };
}
