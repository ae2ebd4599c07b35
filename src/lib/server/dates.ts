// Calendar days as the cluster lives them: in France, whatever the server's time zone.

/** Today's date in Europe/Paris as yyyy-mm-dd. */
export function parisToday(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Minutes east of UTC that Europe/Paris is at `instant` (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: Date): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: 'Europe/Paris',
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(instant);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * "2026-12-03T09:00" as a wall clock in France (what a datetime-local field sends) → the instant.
 * A string with its own offset or Z is read as is. Returns null when it is not a date and time.
 */
export function parisLocalToInstant(value: string): Date | null {
	const s = value.trim();
	if (/(Z|[+-]\d{2}:?\d{2})$/i.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) {
		const d = new Date(s);
		return isNaN(d.getTime()) ? null : d;
	}
	const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
	if (!m) return null;
	const [y, mo, d, h, mi, se] = m.slice(1).map((x) => Number(x ?? 0));
	const wall = Date.UTC(y, mo - 1, d, h, mi, se || 0);
	const check = new Date(wall);
	if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
	// The offset at the wall time read as UTC, corrected once (right except inside the DST jump itself).
	let instant = wall - parisOffsetMinutes(new Date(wall)) * 60_000;
	instant = wall - parisOffsetMinutes(new Date(instant)) * 60_000;
	return new Date(instant);
}

/** The instant as France's wall clock, "2026-12-03T09:00" (for datetime-local fields). */
export function instantToParisLocal(instant: Date | string | null | undefined): string {
	if (!instant) return '';
	const d = typeof instant === 'string' ? new Date(instant) : instant;
	if (isNaN(d.getTime())) return '';
	return new Date(d.getTime() + parisOffsetMinutes(d) * 60_000).toISOString().slice(0, 16);
}
