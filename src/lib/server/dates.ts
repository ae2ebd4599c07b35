// Calendar days as the cluster lives them: in France, whatever the server's time zone.

/** Today's date in Europe/Paris as yyyy-mm-dd. */
export function parisToday(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
