// How well a secondment offer answers a request: a score out of 100 and the reasons, as i18n keys with
// their parameters. Pure, so the ranking is tested without a database.

export interface MatchableListing {
	id: string;
	competencies: { id: string; name: string }[];
	tradeId: string | null;
	tradeName: string | null;
	durationMinMonths: number;
	durationMaxMonths: number;
	/** yyyy-mm-dd */
	startDate: string;
	workTime: 'full' | 'part';
}

export interface MatchReason {
	key: string;
	params: Record<string, string | number>;
}

export interface Match {
	score: number;
	reasons: MatchReason[];
	/** Competencies both share, in the request's order. */
	common: string[];
}

/** Points of each criterion; competencies weigh most, as the issue asks ("matching on competencies"). */
export const WEIGHTS = { competencies: 60, trade: 15, duration: 10, start: 10, workTime: 5 } as const;

const DAY = 86_400_000;

function daysBetween(a: string, b: string): number {
	return Math.abs(Date.parse(a + 'T00:00:00Z') - Date.parse(b + 'T00:00:00Z')) / DAY;
}

/**
 * Scores an offer against a request. Competencies: the share of the request's competencies the offer has
 * (all of them when the request names none but shares the trade is not assumed: no competency, no points).
 * Null when nothing relevant is shared (neither a competency nor the trade): that is not a match.
 */
export function scoreMatch(offer: MatchableListing, request: MatchableListing): Match | null {
	const offered = new Set(offer.competencies.map((c) => c.id));
	const common = request.competencies.filter((c) => offered.has(c.id));
	const sameTrade = !!offer.tradeId && offer.tradeId === request.tradeId;
	if (common.length === 0 && !sameTrade) return null;
	const reasons: MatchReason[] = [];
	let score = 0;
	if (common.length) {
		score += (WEIGHTS.competencies * common.length) / Math.max(request.competencies.length, 1);
		reasons.push({ key: common.length === 1 ? 'pooling_match_competencies_one' : 'pooling_match_competencies', params: { count: common.length, names: common.map((c) => c.name).join(', ') } });
	}
	if (sameTrade) {
		score += WEIGHTS.trade;
		reasons.push({ key: 'pooling_match_trade', params: { trade: offer.tradeName ?? '' } });
	}
	const from = Math.max(offer.durationMinMonths, request.durationMinMonths);
	const to = Math.min(offer.durationMaxMonths, request.durationMaxMonths);
	if (from <= to) {
		score += WEIGHTS.duration;
		reasons.push(from === to ? { key: 'pooling_match_duration_one', params: { months: from } } : { key: 'pooling_match_duration', params: { from, to } });
	}
	const gap = daysBetween(offer.startDate, request.startDate);
	if (gap <= 31) {
		score += WEIGHTS.start;
		reasons.push({ key: 'pooling_match_start', params: {} });
	} else if (gap <= 92) {
		score += WEIGHTS.start / 2;
		reasons.push({ key: 'pooling_match_start_near', params: { months: Math.round(gap / 30.4) } });
	}
	if (offer.workTime === request.workTime) {
		score += WEIGHTS.workTime;
		reasons.push({ key: offer.workTime === 'full' ? 'pooling_match_full_time' : 'pooling_match_part_time', params: {} });
	}
	return { score: Math.round(score), reasons, common: common.map((c) => c.name) };
}

/**
 * The listings of the other kind that match `listing`, best first (score, then competencies in common,
 * then the soonest start, then id for a stable order).
 */
export function rankMatches<T extends MatchableListing>(listing: MatchableListing, kind: 'offer' | 'request', candidates: T[]): (Match & { listing: T })[] {
	const out: (Match & { listing: T })[] = [];
	for (const c of candidates) {
		if (c.id === listing.id) continue;
		const m = kind === 'offer' ? scoreMatch(listing, c) : scoreMatch(c, listing);
		if (m) out.push({ ...m, listing: c });
	}
	return out.sort(
		(a, b) => b.score - a.score || b.common.length - a.common.length || a.listing.startDate.localeCompare(b.listing.startDate) || a.listing.id.localeCompare(b.listing.id)
	);
}
