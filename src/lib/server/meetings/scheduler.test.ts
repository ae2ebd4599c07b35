// The scheduler against what an organiser needs: every rule kept, the best total weight — checked against
// the exact optimum HiGHS proves for the same instance — and, among equally heavy schedules, fewer people
// left without a meeting, then fewer idle gaps. Uses no database.
import { describe, expect, it } from 'vitest';
import { schedule, ScheduleInputError, type ScheduleInput, type ScheduleOutput } from './scheduler';
import { generateInstance, greedyFirstFit, type GenerateOptions } from './generate';
import { solveExact } from './exact';

/** Checks a schedule from scratch, independently of the scheduler's code; returns what it recomputed. */
function check(input: ScheduleInput, out: ScheduleOutput) {
	const slotStart = new Map(input.slots.map((s) => [s.id, Date.parse(s.start)]));
	const available = new Map(input.participants.map((p) => [p.id, p.available ? new Set(p.available) : undefined]));
	const requests = new Map(input.requests.map((r) => [r.id, r]));
	const busy = new Set<string>();
	const tables = new Set<string>();
	const perSlot = new Map<string, number>();
	const pairs = new Set<string>();
	const seen = new Set<string>();
	let weight = 0;
	for (const m of out.meetings) {
		const r = requests.get(m.request);
		expect(r, `meeting for unknown request ${m.request}`).toBeDefined();
		expect(slotStart.has(m.slot), `unknown slot ${m.slot}`).toBe(true);
		expect(seen.has(m.request), `request ${m.request} scheduled twice`).toBe(false);
		seen.add(m.request);
		expect(Number.isInteger(m.table) && m.table >= 1 && m.table <= input.tables, `table ${m.table} out of 1..${input.tables}`).toBe(true);
		for (const p of [r!.from, r!.to]) {
			const a = available.get(p);
			expect(!a || a.has(m.slot), `${p} is not available in ${m.slot}`).toBe(true);
			expect(busy.has(`${p}|${m.slot}`), `${p} has two meetings in ${m.slot}`).toBe(false);
			busy.add(`${p}|${m.slot}`);
		}
		expect(tables.has(`${m.slot}|${m.table}`), `table ${m.table} used twice in ${m.slot}`).toBe(false);
		tables.add(`${m.slot}|${m.table}`);
		perSlot.set(m.slot, (perSlot.get(m.slot) ?? 0) + 1);
		const pair = [r!.from, r!.to].sort().join('|');
		expect(pairs.has(pair), `${pair} meet twice`).toBe(false);
		pairs.add(pair);
		weight += r!.weight ?? 1;
	}
	for (const n of perSlot.values()) expect(n).toBeLessThanOrEqual(input.tables);
	for (const f of input.fixed ?? []) {
		const m = out.meetings.find((x) => x.request === f.request);
		expect(m, `pinned ${f.request} missing`).toBeDefined();
		expect(m!.slot).toBe(f.slot);
		if (f.table !== undefined) expect(m!.table).toBe(f.table);
	}
	// Sorted by slot time, then table; unscheduled is everything else, in input order.
	for (let i = 1; i < out.meetings.length; i++) {
		const a = out.meetings[i - 1];
		const b = out.meetings[i];
		expect(slotStart.get(a.slot)! < slotStart.get(b.slot)! || (a.slot === b.slot && a.table < b.table)).toBe(true);
	}
	expect(out.unscheduled).toEqual(input.requests.filter((r) => !seen.has(r.id)).map((r) => r.id));
	// Participants without a meeting, and gaps, recounted.
	const order = [...input.slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).map((s) => s.id);
	const asked = new Set(input.requests.flatMap((r) => [r.from, r.to]));
	let without = 0;
	let gaps = 0;
	for (const p of input.participants) {
		const at = order.map((s) => busy.has(`${p.id}|${s}`));
		if (asked.has(p.id) && !at.includes(true)) without++;
		const first = at.indexOf(true);
		const last = at.lastIndexOf(true);
		for (let k = first + 1; k < last; k++) if (!at[k] && (!p.available || p.available.includes(order[k]))) gaps++;
	}
	expect(out.stats.weight).toBeCloseTo(weight, 9);
	expect(out.stats.scheduled).toBe(out.meetings.length);
	expect(out.stats.participantsWithoutMeeting).toBe(without);
	expect(out.stats.idleGaps).toBe(gaps);
	// Proven optimal only when the weight meets the bound.
	expect(out.stats.upperBound).toBeGreaterThanOrEqual(out.stats.weight - 1e-9);
	expect(out.stats.optimal).toBe(Math.abs(out.stats.upperBound - out.stats.weight) < 1e-9);
	return { weight, without, gaps };
}

const slotsOf = (k: number) =>
	Array.from({ length: k }, (_, i) => ({
		id: `s${i + 1}`,
		start: new Date(Date.UTC(2026, 10, 26, 8, 30 * i)).toISOString(),
		end: new Date(Date.UTC(2026, 10, 26, 8, 30 * i + 25)).toISOString()
	}));

describe('the scheduler on generated instances', () => {
	// Sizes from 20 participants, 50 requests and 4 slots to 200, 1,200 and 16; popularity skewed (Zipf),
	// 30 % of participants there for part of the day, fewer tables than requests; every other one with
	// pinned meetings; the last four with other skews, shares and table counts.
	const sizes: [number, number, number][] = [
		[20, 50, 4], [30, 80, 5], [40, 120, 6], [50, 200, 8], [60, 250, 8],
		[80, 400, 10], [100, 500, 10], [120, 700, 12], [150, 900, 14], [200, 1200, 16]
	];
	const cases: GenerateOptions[] = sizes.flatMap(([participants, requests, slots], i) => [
		{ participants, requests, slots, seed: 100 + 2 * i, pins: 0 },
		{ participants, requests, slots, seed: 101 + 2 * i, pins: Math.round(requests / 20) }
	]);
	cases.push(
		{ participants: 60, requests: 240, slots: 8, seed: 7, skew: 1.3, partialShare: 0.5, tableRatio: 0.25 },
		{ participants: 100, requests: 500, slots: 10, seed: 8, skew: 0.7, partialShare: 0.15, tableRatio: 0.5, pins: 17 },
		{ participants: 120, requests: 600, slots: 10, seed: 9, skew: 1.1, partialShare: 0.45, tableRatio: 0.3, mutualShare: 0.25 },
		{ participants: 160, requests: 900, slots: 12, seed: 10, skew: 0.9, partialShare: 0.35, tableRatio: 0.4, pins: 30 }
	);
	/** The optimum of each case, once solved (the comparison with the first-fit below reuses them). */
	const optimum = new Map<GenerateOptions, number>();

	it.each(cases.map((c) => [`${c.participants} participants, ${c.requests} requests, ${c.slots} slots, seed ${c.seed}${c.pins ? `, ${c.pins} pinned` : ''}`, c] as const))(
		'%s: keeps every rule and reaches the exact optimum',
		async (_, options) => {
			const input = generateInstance(options);
			expect(input.slots.length * input.tables).toBeLessThan(input.requests.length); // tables are scarce
			const out = schedule(input);
			check(input, out);
			const exact = await solveExact(input, { timeLimit: 60 });
			expect(exact.status).toBe('optimal');
			expect(out.stats.weight).toBe(exact.weight);
			expect(out.stats.optimal).toBe(true);
			optimum.set(options, exact.weight);
		}
	);

	it('beats a greedy first-fit, which misses the optimum on most of these instances', async () => {
		const ratios: number[] = [];
		for (const options of cases) {
			const input = generateInstance(options);
			const best = optimum.get(options) ?? (await solveExact(input, { timeLimit: 60 })).weight;
			const baseline = greedyFirstFit(input).weight;
			expect(baseline).toBeLessThanOrEqual(best);
			ratios.push(baseline / best);
		}
		expect(ratios.filter((r) => r < 1).length).toBeGreaterThan(cases.length / 2);
		expect(Math.min(...ratios)).toBeLessThan(0.97);
	});

	it('gives the same schedule for the same input', () => {
		const input = generateInstance({ participants: 80, requests: 400, slots: 10, seed: 3, pins: 10 });
		const a = schedule(input);
		const b = schedule(structuredClone(input));
		expect(b.meetings).toEqual(a.meetings);
		expect({ ...b.stats, ms: 0 }).toEqual({ ...a.stats, ms: 0 });
	});
});

describe('the scheduler on hand-made cases', () => {
	const people = (...ids: string[]) => ids.map((id) => ({ id }));

	it('among equally heavy schedules, leaves fewer participants without a meeting', () => {
		// Two slots, one table: A–B with A–C leaves D alone; A–C with D–B has everyone meet.
		const input: ScheduleInput = {
			slots: slotsOf(2),
			tables: 1,
			participants: people('A', 'B', 'C', 'D'),
			requests: [
				{ id: 'ab', from: 'A', to: 'B' },
				{ id: 'ac', from: 'A', to: 'C' },
				{ id: 'db', from: 'D', to: 'B' }
			]
		};
		const out = schedule(input);
		check(input, out);
		expect(out.stats.weight).toBe(2);
		expect(out.stats.participantsWithoutMeeting).toBe(0);
		expect(out.meetings.map((m) => m.request).sort()).toEqual(['ac', 'db']);
	});

	it('then leaves fewer idle gaps', () => {
		// A meets B and C: in two following slots, not around an empty one.
		const input: ScheduleInput = {
			slots: slotsOf(3),
			tables: 5,
			participants: people('A', 'B', 'C'),
			requests: [
				{ id: 'ab', from: 'A', to: 'B' },
				{ id: 'ac', from: 'A', to: 'C' }
			]
		};
		const out = schedule(input);
		check(input, out);
		expect(out.stats.weight).toBe(2);
		expect(out.stats.idleGaps).toBe(0);
		const at = out.meetings.map((m) => Number(m.slot.slice(1))).sort();
		expect(at[1] - at[0]).toBe(1);
	});

	it('puts weight before coverage, and coverage before gaps', () => {
		// D and E can only meet in the middle slot; A's other meetings then surround it (one gap). A schedule
		// without gaps exists (A meets B, C and F) but leaves D and E without a meeting; one of B, C, F
		// must go without.
		const input: ScheduleInput = {
			slots: slotsOf(3),
			tables: 1,
			participants: [...people('A', 'B', 'C', 'F'), { id: 'D', available: ['s2'] }, { id: 'E', available: ['s2'] }],
			requests: [
				{ id: 'ab', from: 'A', to: 'B' },
				{ id: 'ac', from: 'A', to: 'C' },
				{ id: 'af', from: 'A', to: 'F' },
				{ id: 'de', from: 'D', to: 'E' }
			]
		};
		const out = schedule(input);
		check(input, out);
		expect(out.stats.weight).toBe(3);
		expect(out.stats.participantsWithoutMeeting).toBe(1);
		expect(out.stats.idleGaps).toBe(1);
		expect(out.meetings.find((m) => m.request === 'de')?.slot).toBe('s2');
	});

	it('prefers the heavier request, and schedules a pair once whatever its requests', () => {
		const input: ScheduleInput = {
			slots: slotsOf(2),
			tables: 1,
			participants: people('A', 'B', 'C'),
			requests: [
				{ id: 'ab', from: 'A', to: 'B', weight: 1 },
				{ id: 'ba', from: 'B', to: 'A', weight: 3 },
				{ id: 'ac', from: 'A', to: 'C', weight: 2 }
			]
		};
		const out = schedule(input);
		check(input, out);
		expect(out.meetings.map((m) => m.request).sort()).toEqual(['ac', 'ba']);
		expect(out.stats.weight).toBe(5);
		expect(out.stats.samePairRequests).toBe(1);
		expect(out.unscheduled).toEqual(['ab']);
	});

	it('keeps pinned meetings and their tables, and schedules around them', () => {
		const input: ScheduleInput = {
			slots: slotsOf(2),
			tables: 2,
			participants: people('A', 'B', 'C', 'D'),
			requests: [
				{ id: 'ab', from: 'A', to: 'B', weight: 1 },
				{ id: 'cd', from: 'C', to: 'D', weight: 1 },
				{ id: 'ac', from: 'A', to: 'C', weight: 3 },
				{ id: 'bd', from: 'B', to: 'D', weight: 3 }
			],
			fixed: [
				{ request: 'ab', slot: 's1', table: 2 },
				{ request: 'cd', slot: 's1' }
			]
		};
		const out = schedule(input);
		check(input, out);
		expect(out.meetings).toEqual([
			{ request: 'cd', slot: 's1', table: 1 },
			{ request: 'ab', slot: 's1', table: 2 },
			{ request: 'ac', slot: 's2', table: expect.any(Number) },
			{ request: 'bd', slot: 's2', table: expect.any(Number) }
		]);
		expect(out.stats.weight).toBe(8);
		expect(out.stats.pinned).toBe(2);
	});

	it('keeps a participant at its table from one slot to the next', () => {
		const input: ScheduleInput = {
			slots: slotsOf(2),
			tables: 3,
			participants: people('Star', 'A', 'B', 'C', 'D'),
			requests: [
				{ id: 'a', from: 'A', to: 'Star' },
				{ id: 'b', from: 'B', to: 'Star' },
				{ id: 'cd', from: 'C', to: 'D' }
			],
			fixed: [{ request: 'cd', slot: 's1', table: 1 }]
		};
		const out = schedule(input);
		check(input, out);
		const star = out.meetings.filter((m) => m.request === 'a' || m.request === 'b');
		expect(star).toHaveLength(2);
		expect(star[0].table).toBe(star[1].table);
	});

	it('does not claim optimality it cannot prove, and is still optimal', async () => {
		// Three people who all want to meet each other, one slot: two of them meet. The bound (a fractional
		// matching: every pair half) is 3; the optimum is 2.
		const input: ScheduleInput = {
			slots: slotsOf(1),
			tables: 5,
			participants: people('A', 'B', 'C'),
			requests: [
				{ id: 'ab', from: 'A', to: 'B', weight: 2 },
				{ id: 'bc', from: 'B', to: 'C', weight: 2 },
				{ id: 'ca', from: 'C', to: 'A', weight: 2 }
			]
		};
		const out = schedule(input);
		check(input, out);
		expect(out.stats.weight).toBe(2);
		expect(out.stats.upperBound).toBe(3);
		expect(out.stats.gap).toBe(1);
		expect(out.stats.optimal).toBe(false);
		expect((await solveExact(input)).weight).toBe(2);
	});

	it('handles weights that are not whole numbers', async () => {
		const input = generateInstance({ participants: 40, requests: 150, slots: 6, seed: 21 });
		input.requests.forEach((r, i) => (r.weight = [0.5, 1.25, 2.75, 1][i % 4]));
		const out = schedule(input);
		check(input, out);
		expect(out.stats.weight).toBeCloseTo((await solveExact(input)).weight, 6);
	});

	it('schedules nothing when there is nothing to schedule', () => {
		const out = schedule({ slots: slotsOf(2), tables: 3, participants: people('A', 'B'), requests: [] });
		expect(out.meetings).toEqual([]);
		expect(out.stats).toMatchObject({ weight: 0, upperBound: 0, optimal: true, scheduled: 0, participantsWithoutMeeting: 0 });
	});

	it('refuses an invalid input, naming each bad entry', () => {
		const input = {
			slots: slotsOf(2),
			tables: 2,
			participants: people('A', 'B', 'A'),
			requests: [
				{ id: 'r1', from: 'A', to: 'B' },
				{ id: 'r2', from: 'A', to: 'Z' },
				{ id: 'r3', from: 'B', to: 'B' },
				{ id: 'r4', from: 'A', to: 'B', weight: 0 }
			],
			fixed: [
				{ request: 'r1', slot: 's1', table: 1 },
				{ request: 'r4', slot: 's1', table: 1 }
			]
		};
		let error: unknown;
		try {
			schedule(input);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ScheduleInputError);
		expect((error as ScheduleInputError).issues.map((i) => i.message)).toEqual([
			'participants[2] (id "A"): duplicate id, already used by participants[0]',
			'requests[1] (id "r2"): unknown participant "Z" in "to"',
			'requests[2] (id "r3"): a participant cannot meet itself ("from" and "to" are both "B")',
			'requests[3] (id "r4"): "weight" must be a positive number'
		]);
	});

	it('refuses pins that conflict', () => {
		const input: ScheduleInput = {
			slots: slotsOf(2),
			tables: 1,
			participants: [...people('A', 'B', 'C'), { id: 'D', available: ['s2'] }],
			requests: [
				{ id: 'ab', from: 'A', to: 'B' },
				{ id: 'ba', from: 'B', to: 'A' },
				{ id: 'ac', from: 'A', to: 'C' },
				{ id: 'cd', from: 'C', to: 'D' }
			],
			fixed: [
				{ request: 'ab', slot: 's1' },
				{ request: 'ba', slot: 's2' },
				{ request: 'ac', slot: 's1' },
				{ request: 'cd', slot: 's1', table: 2 }
			]
		};
		expect(() => schedule(input)).toThrow(ScheduleInputError);
		try {
			schedule(input);
		} catch (e) {
			expect((e as ScheduleInputError).issues.map((i) => i.message)).toEqual([
				'fixed[1] (request "ba"): "B" and "A" already meet in fixed[0] (a pair meets once)',
				'fixed[2] (request "ac"): participant "A" already has fixed[0] in slot "s1"',
				'fixed[2] (request "ac"): more meetings pinned in slot "s1" than there are tables (1)',
				'fixed[3] (request "cd"): table 2 does not exist (there is 1 table)'
			]);
		}
	});
});
