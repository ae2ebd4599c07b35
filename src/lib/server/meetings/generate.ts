// Seeded business-meeting instances for the scheduler's tests and benchmark: skewed popularity (a few
// participants are asked by many), partial availability (some participants come for part of the day
// only), tables scarcer than requests, weights 1–3 with mutual interest heaviest, optional pins.
// The same options and seed always give the same instance.
import type { FixedMeeting, MeetingRequest, Participant, ScheduleInput, Slot } from './scheduler';

export interface GenerateOptions {
	participants: number;
	requests: number;
	slots: number;
	seed: number;
	/** Tables per slot; by default about `tableRatio` × requests / slots, so that tables are scarce. */
	tables?: number;
	/** Slot capacity (slots × tables) as a share of the requests, when `tables` is not given (0.35). */
	tableRatio?: number;
	/** Share of participants available for one contiguous part of the day only (0.3). */
	partialShare?: number;
	/** Zipf exponent of how often a participant is asked for a meeting (1). */
	skew?: number;
	/** Share of requests answered by the reverse request, both then weighing 3 (0.12). */
	mutualShare?: number;
	/** Number of meetings pinned by the organiser (0), a third of them without a table. */
	pins?: number;
}

/** A small fast PRNG (mulberry32): deterministic for a seed, good enough for test data. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function generateInstance(options: GenerateOptions): ScheduleInput {
	const { participants: n, requests: m, slots: s, seed } = options;
	const random = seededRandom(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

	// Slots of 25 minutes every 30 from 09:00, with a lunch break after the 8th.
	const slots: Slot[] = [];
	const day = Date.UTC(2026, 10, 26, 8, 0);
	for (let i = 0; i < s; i++) {
		const start = day + i * 30 * 60_000 + (i >= 8 ? 90 * 60_000 : 0);
		slots.push({ id: `s${i + 1}`, start: new Date(start).toISOString(), end: new Date(start + 25 * 60_000).toISOString() });
	}

	const partialShare = options.partialShare ?? 0.3;
	const participants: Participant[] = [];
	for (let i = 0; i < n; i++) {
		const p: Participant = { id: `p${i + 1}` };
		if (random() < partialShare) {
			const length = int(Math.max(1, Math.ceil(s * 0.25)), Math.max(1, Math.ceil(s * 0.6)));
			const first = int(0, s - length);
			p.available = slots.slice(first, first + length).map((x) => x.id);
		}
		participants.push(p);
	}

	// Popularity: a Zipf law over a shuffled order, so the stars are not the first ids.
	const order = participants.map((_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = int(0, i);
		[order[i], order[j]] = [order[j], order[i]];
	}
	const skew = options.skew ?? 1;
	const cumulative: number[] = [];
	let total = 0;
	for (let rank = 0; rank < n; rank++) cumulative.push((total += 1 / (rank + 1) ** skew));
	const popular = () => {
		const x = random() * total;
		let lo = 0;
		let hi = n - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] < x) lo = mid + 1;
			else hi = mid;
		}
		return order[lo];
	};

	const mutualShare = options.mutualShare ?? 0.12;
	const requests: MeetingRequest[] = [];
	const asked = new Set<string>();
	let attempts = 0;
	while (requests.length < m && attempts++ < m * 50) {
		const from = int(0, n - 1);
		const to = popular();
		if (from === to || asked.has(`${from}>${to}`)) continue;
		asked.add(`${from}>${to}`);
		const mutual = requests.length + 1 < m && !asked.has(`${to}>${from}`) && random() < mutualShare;
		const weight = mutual ? 3 : random() < 0.55 ? 1 : 2;
		requests.push({ id: `r${requests.length + 1}`, from: participants[from].id, to: participants[to].id, weight });
		if (mutual) {
			asked.add(`${to}>${from}`);
			requests.push({ id: `r${requests.length + 1}`, from: participants[to].id, to: participants[from].id, weight });
		}
	}

	const tables = options.tables ?? Math.max(1, Math.round(((options.tableRatio ?? 0.35) * requests.length) / s));
	const input: ScheduleInput = { slots, tables, participants, requests };

	if (options.pins) {
		const availability = new Map(participants.map((p) => [p.id, new Set(p.available ?? slots.map((x) => x.id))]));
		const busy = new Set<string>();
		const pairs = new Set<string>();
		const perSlot = new Map<string, number[]>();
		const fixed: FixedMeeting[] = [];
		for (let tries = 0; fixed.length < options.pins && tries < options.pins * 50; tries++) {
			const r = requests[int(0, requests.length - 1)];
			const pair = r.from < r.to ? `${r.from}|${r.to}` : `${r.to}|${r.from}`;
			if (pairs.has(pair)) continue;
			const common = slots.filter((x) => availability.get(r.from)!.has(x.id) && availability.get(r.to)!.has(x.id));
			if (!common.length) continue;
			const slot = common[int(0, common.length - 1)].id;
			const used = perSlot.get(slot) ?? [];
			if (used.length >= tables || busy.has(`${r.from}@${slot}`) || busy.has(`${r.to}@${slot}`)) continue;
			const free: number[] = [];
			for (let t = 1; t <= tables; t++) if (!used.includes(t)) free.push(t);
			const table = free[int(0, free.length - 1)];
			used.push(table);
			perSlot.set(slot, used);
			busy.add(`${r.from}@${slot}`);
			busy.add(`${r.to}@${slot}`);
			pairs.add(pair);
			fixed.push(fixed.length % 3 === 2 ? { request: r.id, slot } : { request: r.id, slot, table });
		}
		input.fixed = fixed;
	}
	return input;
}

/**
 * The baseline the scheduler is compared with: pinned meetings first, then the requests heaviest first
 * (in input order on a tie), each in the first slot, in time order, where both participants are
 * available and free and a table is left; a pair meets once. Returns the weight and the meetings.
 */
export function greedyFirstFit(input: ScheduleInput): { weight: number; meetings: { request: string; slot: string }[] } {
	const slots = [...input.slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
	const available = new Map(input.participants.map((p) => [p.id, new Set(p.available ?? input.slots.map((s) => s.id))]));
	const busy = new Set<string>();
	const used = new Map<string, number>();
	const met = new Set<string>();
	const pair = (r: MeetingRequest) => (r.from < r.to ? `${r.from}\u0000${r.to}` : `${r.to}\u0000${r.from}`);
	const byId = new Map(input.requests.map((r) => [r.id, r]));
	const meetings: { request: string; slot: string }[] = [];
	let weight = 0;
	const put = (r: MeetingRequest, slot: string) => {
		busy.add(`${r.from}\u0000${slot}`);
		busy.add(`${r.to}\u0000${slot}`);
		used.set(slot, (used.get(slot) ?? 0) + 1);
		met.add(pair(r));
		meetings.push({ request: r.id, slot });
		weight += r.weight ?? 1;
	};
	for (const f of input.fixed ?? []) put(byId.get(f.request)!, f.slot);
	const order = input.requests.map((r, i) => ({ r, i })).sort((a, b) => (b.r.weight ?? 1) - (a.r.weight ?? 1) || a.i - b.i);
	for (const { r } of order) {
		if (met.has(pair(r))) continue;
		const slot = slots.find(
			(s) =>
				available.get(r.from)!.has(s.id) && available.get(r.to)!.has(s.id) && !busy.has(`${r.from}\u0000${s.id}`) && !busy.has(`${r.to}\u0000${s.id}`) && (used.get(s.id) ?? 0) < input.tables
		);
		if (slot) put(r, slot.id);
	}
	return { weight, meetings };
}
