// iCalendar (RFC 5545) files and feeds of events, read by Thunderbird, Outlook, Google and Apple calendars.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface IcsEvent {
	id: string;
	slug: string;
	title: string;
	summary: string | null;
	startsAt: Date;
	endsAt: Date;
	mode: string;
	onlineUrl: string | null;
	venue: string | null;
	addressLine: string | null;
	postalCode: string | null;
	communeName: string | null;
	status: string;
	icsSequence: number;
	updatedAt: Date;
}

/** Where the event is, on one line: venue, street, postcode and town, or the online address. */
export function eventLocation(e: Pick<IcsEvent, 'mode' | 'onlineUrl' | 'venue' | 'addressLine' | 'postalCode' | 'communeName'>): string {
	const place = [e.venue, e.addressLine, [e.postalCode, e.communeName].filter(Boolean).join(' ')].filter((s) => s && s.trim()).join(', ');
	if (e.mode === 'online') return e.onlineUrl ?? '';
	if (e.mode === 'hybrid' && e.onlineUrl) return place ? `${place} / ${e.onlineUrl}` : e.onlineUrl;
	return place;
}

export interface CalendarOptions {
	/** The calendar's name in the reader (X-WR-CALNAME). */
	name: string;
	baseUrl: string;
	/** 'publish' for feeds and files; events a person is wait-listed for are marked tentative. */
	tentativeIds?: Set<string>;
	/** Events whose registration was cancelled show as cancelled in a personal feed. */
	cancelledIds?: Set<string>;
}

/**
 * One VCALENDAR with a VEVENT per event. Times are UTC (every reader converts them), UIDs are stable
 * (`<id>@<host>`), SEQUENCE follows the event's changes so readers update what they already have.
 */
export function eventsCalendar(list: IcsEvent[], opts: CalendarOptions): string {
	const host = new URL(opts.baseUrl).host;
	const cal = ical({ name: opts.name, prodId: { company: 'Grappe', product: 'Grappe', language: 'FR' }, method: ICalCalendarMethod.PUBLISH, ttl: 60 * 60 });
	for (const e of list) {
		const url = `${opts.baseUrl}/events/${e.slug}`;
		const cancelled = e.status === 'cancelled' || opts.cancelledIds?.has(e.id);
		cal.createEvent({
			id: `${e.id}@${host}`,
			sequence: e.icsSequence,
			start: e.startsAt,
			end: e.endsAt,
			stamp: e.updatedAt,
			lastModified: e.updatedAt,
			summary: e.title,
			description: [e.summary, url].filter(Boolean).join('\n\n'),
			location: eventLocation(e) || null,
			url,
			status: cancelled ? ICalEventStatus.CANCELLED : opts.tentativeIds?.has(e.id) ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED
		});
	}
	// RFC 5545 ends every content line, the last one included, with CRLF; ical-generator omits the last.
	const text = cal.toString();
	return text.endsWith('\r\n') ? text : text + '\r\n';
}

/** Headers of an .ics answer; `download` names the file for a one-event download. */
export function icsHeaders(download?: string): Record<string, string> {
	return {
		'content-type': 'text/calendar; charset=utf-8',
		'cache-control': 'private, max-age=300',
		...(download ? { 'content-disposition': `attachment; filename="${download.replace(/[^\w.-]/g, '_')}"` } : {})
	};
}
