// The business-meeting scheduler ("rencontres d'affaires"): which requested one-to-one meetings take
// place, in which slot and at which table. A pure function of its input: no database, no I/O.
//
// The problem. Slots, T tables per slot, participants (each available in all slots or in a list of
// them), requests (from, to, weight). A schedule gives some requests a slot and a table so that both
// participants are available then, nobody has two meetings in one slot, and a slot holds at most T
// meetings. It maximises the total weight of the scheduled requests; among the schedules of greatest
// weight it prefers fewer participants left without any meeting, then fewer idle gaps (an available
// slot without a meeting between a participant's first and last meetings). Requests between the same
// two participants, in either direction, are one candidate meeting: a pair meets once, for the heaviest
// of its requests (the first one on a tie). Pinned meetings (`fixed`) are kept as they are.
//
// How. The general problem is NP-hard (it contains list edge colouring), so the engine pairs a search
// with a certificate:
//  1. An upper bound from a max-profit flow on the bipartite double cover of the request graph (each
//     participant in at most as many meetings as slots it can use, at most as many meetings as tables
//     in all: a fractional b-matching). Its dual prices say, when the bound is met, which requests
//     belong in every optimal schedule, which in none, and whose time is scarce.
//  2. A greedy schedule in the order the prices suggest, then a short simulated annealing by ejection
//     (put a request in a slot, push out whatever is in the way, put the evicted meetings back where
//     they fit) with a fixed seed, which stops as soon as the schedule's weight meets the bound.
//  3. If it does not, a finer bound — the same flow with one node per participant and slot and per-slot
//     table counts — whose prices are per slot; a new greedy schedule in their order, annealing sweeps
//     on the pair-slots they allow, then on all of them, each followed by depth-first ejection chains
//     from where the schedule departs from the prices.
//  4. With the weight fixed, the same annealing for fewer participants without a meeting, then fewer
//     gaps; then tables: pinned tables kept, and a participant keeps its table from one slot to the
//     next when it is free.
// `stats.optimal` is true only when the weight equals the bound (the bound rounded down when every
// weight is an integer): the schedule is then proven optimal. Output is deterministic for an input.
import { validateScheduleInput } from './schedule-input';

export interface Slot {
	id: string;
	/** ISO 8601 date-time. */
	start: string;
	end: string;
}
export interface Participant {
	id: string;
	/** Slot ids the participant can attend; absent means every slot. */
	available?: string[];
}
export interface MeetingRequest {
	id: string;
	from: string;
	to: string;
	/** A positive number, 1 when absent. */
	weight?: number;
}
export interface FixedMeeting {
	request: string;
	slot: string;
	/** 1..tables; the scheduler picks a free table when absent. */
	table?: number;
}
export interface ScheduleInput {
	slots: Slot[];
	/** Tables in each slot. */
	tables: number;
	participants: Participant[];
	requests: MeetingRequest[];
	/** Meetings the organiser pinned: kept as they are, the rest is scheduled around them. */
	fixed?: FixedMeeting[];
}
export interface ScheduleOptions {
	/** Stop searching after this many milliseconds even if the search budget is not spent (default 30,000). */
	timeLimitMs?: number;
	/** Scales the search budget (default 1). */
	effort?: number;
}
export interface ScheduledMeeting {
	request: string;
	slot: string;
	table: number;
}
export interface ScheduleStats {
	/** Total weight of the scheduled requests, pinned ones included. */
	weight: number;
	/** No schedule can weigh more than this. */
	upperBound: number;
	/** upperBound − weight. */
	gap: number;
	/** True when weight equals the upper bound: no better schedule exists. */
	optimal: boolean;
	/** Which bound was used: 'b-matching' (participants and tables), or 'slots' (per participant and slot). */
	bound: 'b-matching' | 'slots';
	scheduled: number;
	pinned: number;
	requests: number;
	/** Requests left out because the same two participants already meet for another request. */
	samePairRequests: number;
	/** Requests whose two participants share no available slot (or only full ones). */
	noCommonSlotRequests: number;
	/** Participants with at least one request but no meeting. */
	participantsWithoutMeeting: number;
	/** Available slots without a meeting between a participant's first and last meetings, summed. */
	idleGaps: number;
	tablesUsed: number;
	tablesTotal: number;
	/** Moves the search tried. */
	iterations: number;
	/** 'optimal' when the bound was met, 'budget' when the search budget was spent, 'time' at the time limit. */
	stoppedBy: 'optimal' | 'budget' | 'time';
	ms: number;
}
export interface ScheduleOutput {
	meetings: ScheduledMeeting[];
	unscheduled: string[];
	stats: ScheduleStats;
}

export class ScheduleInputError extends Error {
	constructor(public issues: { path: string; message: string }[]) {
		super(`invalid schedule input:\n${issues.map((i) => `  ${i.message}`).join('\n')}`);
		this.name = 'ScheduleInputError';
	}
}

// ————— The problem as arrays —————

/** The instance with slots in time order, participants and candidate pairs as integers. */
export interface Problem {
	n: number;
	S: number;
	/** Position in time order → index in input.slots. */
	slotOrder: number[];
	/** Per participant and slot position: -1 free, -2 in a pinned meeting, -3 unavailable. */
	base: Int32Array;
	/** Tables left per slot once pinned meetings are seated. */
	cap: Int32Array;
	/** Candidate pairs (pinned pairs and pairs without a common free slot excluded). */
	P: number;
	pu: Int32Array;
	pv: Int32Array;
	pw: Float64Array;
	/** The request a pair stands for (its heaviest, the first on a tie). */
	preq: Int32Array;
	/** Slots each pair can use, as CSR lists, and as a P × S mask. */
	fStart: Int32Array;
	fList: Int32Array;
	feas: Uint8Array;
	/** Pairs of each participant (CSR). */
	incStart: Int32Array;
	incList: Int32Array;
	/** Participant index of each request's from and to. */
	reqFrom: Int32Array;
	reqTo: Int32Array;
	/** Pinned meetings: request index, slot position, table (0 = to choose). */
	pins: { request: number; slot: number; table: number }[];
	pinnedWeight: number;
	/** Meetings each participant already has through pins. */
	pinnedDegree: Int32Array;
	/** Participants with at least one request. */
	asked: Uint8Array;
	samePair: number;
	noCommonSlot: number;
	integral: boolean;
}

export function prepare(input: ScheduleInput): Problem {
	const S = input.slots.length;
	const n = input.participants.length;
	const slotOrder = input.slots.map((_, i) => i).sort((a, b) => Date.parse(input.slots[a].start) - Date.parse(input.slots[b].start) || a - b);
	const slotPos = new Map<string, number>();
	slotOrder.forEach((i, k) => slotPos.set(input.slots[i].id, k));
	const person = new Map(input.participants.map((p, i) => [p.id, i]));
	const base = new Int32Array(n * S).fill(-1);
	input.participants.forEach((p, i) => {
		if (!p.available) return;
		base.fill(-3, i * S, i * S + S);
		for (const id of p.available) base[i * S + slotPos.get(id)!] = -1;
	});
	const R = input.requests.length;
	const reqFrom = new Int32Array(R);
	const reqTo = new Int32Array(R);
	const asked = new Uint8Array(n);
	let integral = true;
	input.requests.forEach((r, i) => {
		reqFrom[i] = person.get(r.from)!;
		reqTo[i] = person.get(r.to)!;
		asked[reqFrom[i]] = asked[reqTo[i]] = 1;
		if (!Number.isInteger(r.weight ?? 1)) integral = false;
	});
	const weight = (i: number) => input.requests[i].weight ?? 1;
	const pairKey = (i: number) => (reqFrom[i] < reqTo[i] ? reqFrom[i] * n + reqTo[i] : reqTo[i] * n + reqFrom[i]);
	const cap = new Int32Array(S).fill(input.tables);
	const requestIndex = new Map(input.requests.map((r, i) => [r.id, i]));
	const pins: Problem['pins'] = [];
	const pinnedPairs = new Set<number>();
	const pinnedDegree = new Int32Array(n);
	let pinnedWeight = 0;
	for (const f of input.fixed ?? []) {
		const ri = requestIndex.get(f.request)!;
		const s = slotPos.get(f.slot)!;
		base[reqFrom[ri] * S + s] = -2;
		base[reqTo[ri] * S + s] = -2;
		pinnedDegree[reqFrom[ri]]++;
		pinnedDegree[reqTo[ri]]++;
		cap[s]--;
		pinnedPairs.add(pairKey(ri));
		pinnedWeight += weight(ri);
		pins.push({ request: ri, slot: s, table: f.table ?? 0 });
	}
	// One candidate per pair of participants: its heaviest request, the first on a tie.
	const best = new Map<number, number>();
	let samePair = 0;
	for (let i = 0; i < R; i++) {
		const k = pairKey(i);
		if (pinnedPairs.has(k)) continue;
		const b = best.get(k);
		if (b === undefined) best.set(k, i);
		else if (weight(b) < weight(i)) best.set(k, i);
	}
	for (let i = 0; i < R; i++) {
		const k = pairKey(i);
		if ((pinnedPairs.has(k) && !pins.some((p) => p.request === i)) || (best.has(k) && best.get(k) !== i)) samePair++;
	}
	const pu: number[] = [];
	const pv: number[] = [];
	const pw: number[] = [];
	const preq: number[] = [];
	const fStart: number[] = [0];
	const fList: number[] = [];
	let noCommonSlot = 0;
	for (const i of [...best.values()].sort((a, b) => a - b)) {
		const u = reqFrom[i];
		const v = reqTo[i];
		const before = fList.length;
		for (let s = 0; s < S; s++) if (base[u * S + s] === -1 && base[v * S + s] === -1 && cap[s] > 0) fList.push(s);
		if (fList.length === before) {
			noCommonSlot++;
			continue;
		}
		pu.push(u);
		pv.push(v);
		pw.push(weight(i));
		preq.push(i);
		fStart.push(fList.length);
	}
	const P = pu.length;
	const feas = new Uint8Array(P * S);
	for (let p = 0; p < P; p++) for (let k = fStart[p]; k < fStart[p + 1]; k++) feas[p * S + fList[k]] = 1;
	const incStart = new Int32Array(n + 1);
	for (let p = 0; p < P; p++) {
		incStart[pu[p] + 1]++;
		incStart[pv[p] + 1]++;
	}
	for (let u = 0; u < n; u++) incStart[u + 1] += incStart[u];
	const incList = new Int32Array(incStart[n]);
	const fill = incStart.slice(0, n);
	for (let p = 0; p < P; p++) {
		incList[fill[pu[p]]++] = p;
		incList[fill[pv[p]]++] = p;
	}
	return {
		n, S, slotOrder, base, cap, P,
		pu: Int32Array.from(pu), pv: Int32Array.from(pv), pw: Float64Array.from(pw), preq: Int32Array.from(preq),
		fStart: Int32Array.from(fStart), fList: Int32Array.from(fList), feas, incStart, incList,
		reqFrom, reqTo, pins, pinnedWeight, pinnedDegree, asked, samePair, noCommonSlot, integral
	};
}

// ————— Max-profit flow —————

const OPEN = 1 << 30;

/** A flow network whose nodes are numbered so that every arc goes from a lower to a higher number. */
class Network {
	from: Int32Array;
	to: Int32Array;
	cap: Int32Array;
	cost: Float64Array;
	m = 0;
	constructor(public N: number, arcs: number) {
		this.from = new Int32Array(2 * arcs);
		this.to = new Int32Array(2 * arcs);
		this.cap = new Int32Array(2 * arcs);
		this.cost = new Float64Array(2 * arcs);
	}
	/** An arc and its reverse (index ^ 1); returns the arc's index. */
	arc(a: number, b: number, capacity: number, profit: number): number {
		const e = this.m;
		this.from[e] = a;
		this.to[e] = b;
		this.cap[e] = capacity;
		this.cost[e] = -profit;
		this.from[e + 1] = b;
		this.to[e + 1] = a;
		this.cost[e + 1] = profit;
		this.m += 2;
		return e;
	}
}

interface FlowResult {
	/** Total profit of the flow. */
	profit: number;
	/** Node potentials proving its optimality (reduced costs of residual arcs ≥ 0). */
	pi: Float64Array;
	/** Residual capacities. */
	residual: Int32Array;
	/** Whether the flow value reached `limit` (its potentials then price that limit). */
	limitHit: boolean;
}

/** A residual network in CSR form (a node's arcs contiguous, each with the position of its reverse). */
class Residual {
	readonly start: Int32Array;
	readonly to: Int32Array;
	readonly cost: Float64Array;
	readonly res: Int32Array;
	readonly rev: Int32Array;
	readonly pi: Float64Array;
	readonly dist: Float64Array;
	readonly heap: Int32Array;
	readonly where: Int32Array;
	readonly level: Int32Array;
	readonly cursor: Int32Array;
	readonly queue: Int32Array;
	readonly pathE: Int32Array;
	readonly pathV: Int32Array;
	readonly EPS: number;
	constructor(g: Network, readonly N: number) {
		const M = g.m;
		const start = (this.start = new Int32Array(N + 1));
		for (let e = 0; e < M; e++) start[g.from[e] + 1]++;
		for (let v = 0; v < N; v++) start[v + 1] += start[v];
		const fill = start.slice(0, N);
		const pos = new Int32Array(M);
		for (let e = 0; e < M; e++) pos[e] = fill[g.from[e]]++;
		this.to = new Int32Array(M);
		this.cost = new Float64Array(M);
		this.res = new Int32Array(M);
		this.rev = new Int32Array(M);
		let scale = 1;
		for (let e = 0; e < M; e++) {
			const i = pos[e];
			this.to[i] = g.to[e];
			this.cost[i] = g.cost[e];
			this.res[i] = g.cap[e];
			this.rev[i] = pos[e ^ 1];
			if (Math.abs(g.cost[e]) > scale) scale = Math.abs(g.cost[e]);
		}
		this.EPS = 1e-9 * scale;
		this.pi = new Float64Array(N);
		this.dist = new Float64Array(N);
		this.heap = new Int32Array(N);
		this.where = new Int32Array(N);
		this.level = new Int32Array(N);
		this.cursor = new Int32Array(N);
		this.queue = new Int32Array(N);
		this.pathE = new Int32Array(N + 1);
		this.pathV = new Int32Array(N + 1);
	}
	/** Initial potentials: shortest distances on the forward arcs, in node order (a DAG). */
	initPotentials(src: number) {
		const { N, start, to, cost, res, pi } = this;
		pi.fill(Infinity);
		pi[src] = 0;
		for (let v = 0; v < N; v++) {
			const pv = pi[v];
			if (pv === Infinity) continue;
			for (let e = start[v]; e < start[v + 1]; e++) if (res[e] > 0 && pv + cost[e] < pi[to[e]]) pi[to[e]] = pv + cost[e];
		}
		let unreached = 0;
		for (let v = 0; v < N; v++) if (pi[v] !== Infinity && pi[v] < unreached) unreached = pi[v];
		for (let v = 0; v < N; v++) if (pi[v] === Infinity) pi[v] = unreached;
	}
	private siftUp(i: number) {
		const { heap, where, dist } = this;
		const v = heap[i];
		const d = dist[v];
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (dist[heap[p]] <= d) break;
			heap[i] = heap[p];
			where[heap[i]] = i;
			i = p;
		}
		heap[i] = v;
		where[v] = i;
	}
	/** Dijkstra on reduced costs, then potentials += distances; returns false when snk is unreachable. */
	shortestPaths(src: number, snk: number): boolean {
		const { N, start, to, cost, res, pi, dist, heap, where, EPS } = this;
		dist.fill(Infinity);
		where.fill(-1);
		let hs = 1;
		dist[src] = 0;
		heap[0] = src;
		where[src] = 0;
		let maxD = 0;
		while (hs > 0) {
			const v = heap[0];
			where[v] = -2;
			const last = heap[--hs];
			if (hs > 0) {
				let i = 0;
				const d = dist[last];
				for (;;) {
					let c = 2 * i + 1;
					if (c >= hs) break;
					if (c + 1 < hs && dist[heap[c + 1]] < dist[heap[c]]) c++;
					if (dist[heap[c]] >= d) break;
					heap[i] = heap[c];
					where[heap[i]] = i;
					i = c;
				}
				heap[i] = last;
				where[last] = i;
			}
			const dv = dist[v];
			if (dv > maxD) maxD = dv;
			const pv = pi[v];
			for (let e = start[v]; e < start[v + 1]; e++) {
				if (res[e] <= 0) continue;
				const w = to[e];
				if (where[w] === -2) continue;
				let nd = dv + cost[e] + pv - pi[w];
				if (nd < dv) nd = dv;
				if (nd < dist[w] - EPS) {
					dist[w] = nd;
					if (where[w] === -1) {
						heap[hs] = w;
						where[w] = hs;
						this.siftUp(hs++);
					} else this.siftUp(where[w]);
				}
			}
		}
		if (dist[snk] === Infinity) return false;
		for (let v = 0; v < N; v++) pi[v] += dist[v] === Infinity ? maxD : dist[v];
		return true;
	}
	/** BFS levels on the admissible arcs (residual, zero reduced cost); false when snk is not reached. */
	levels(src: number, snk: number): boolean {
		const { start, to, cost, res, pi, level, queue, EPS } = this;
		level.fill(-1);
		level[src] = 0;
		let qh = 0;
		let qt = 0;
		queue[qt++] = src;
		while (qh < qt) {
			const v = queue[qh++];
			const pv = pi[v];
			for (let e = start[v]; e < start[v + 1]; e++) {
				const w = to[e];
				if (res[e] > 0 && level[w] < 0 && Math.abs(cost[e] + pv - pi[w]) <= EPS) {
					level[w] = level[v] + 1;
					queue[qt++] = w;
				}
			}
		}
		return level[snk] >= 0;
	}
	/** One augmenting path on the level graph (DFS with current-arc pointers); returns its length, 0 if none. */
	path(src: number, snk: number): number {
		const { start, to, cost, res, pi, level, cursor, pathE, pathV, EPS } = this;
		let depth = 0;
		pathV[0] = src;
		while (depth >= 0) {
			const v = pathV[depth];
			if (v === snk) return depth;
			let advanced = false;
			for (; cursor[v] < start[v + 1]; cursor[v]++) {
				const e = cursor[v];
				const w = to[e];
				if (res[e] > 0 && level[w] === level[v] + 1 && Math.abs(cost[e] + pi[v] - pi[w]) <= EPS) {
					pathE[depth] = e;
					pathV[++depth] = w;
					advanced = true;
					break;
				}
			}
			if (!advanced) {
				level[v] = -2;
				depth--;
				if (depth >= 0) cursor[pathV[depth]]++;
			}
		}
		return 0;
	}
}

/**
 * The flow of greatest profit from src to snk of value at most `limit`: successive shortest paths in
 * phases (Dijkstra on reduced costs, then blocking flows on the arcs of zero reduced cost).
 */
function maxProfitFlow(g: Network, src: number, snk: number, limit: number): FlowResult {
	const r = new Residual(g, g.N);
	r.initPotentials(src);
	const { res, rev, pathE, pi, cursor, start } = r;
	let flow = 0;
	let profit = 0;
	while (flow < limit && r.shortestPaths(src, snk)) {
		const pathCost = pi[snk] - pi[src];
		if (pathCost > -r.EPS) break;
		while (flow < limit && r.levels(src, snk)) {
			cursor.set(start.subarray(0, g.N));
			let pushed = false;
			for (let depth = r.path(src, snk); depth > 0 && flow < limit; depth = r.path(src, snk)) {
				let amount = limit - flow;
				for (let i = 0; i < depth; i++) if (res[pathE[i]] < amount) amount = res[pathE[i]];
				for (let i = 0; i < depth; i++) {
					res[pathE[i]] -= amount;
					res[rev[pathE[i]]] += amount;
				}
				flow += amount;
				profit -= pathCost * amount;
				pushed = true;
			}
			if (!pushed) break;
		}
	}
	return { profit, pi, residual: res, limitHit: flow >= limit };
}

// ————— Bounds —————

/**
 * An upper bound with the dual prices behind it: a price per participant and slot (β), per slot (γ),
 * and the reduced profit of each pair in each slot, w − β(u,s) − β(v,s) − γ(s). When the bound is met,
 * every optimal schedule uses only pair-slots of reduced profit ≥ 0, uses every pair whose best reduced
 * profit is > 0, keeps busy every participant-slot of positive price and fills every slot of positive price.
 */
export interface Bound {
	kind: 'b-matching' | 'slots';
	/** Bound on the weight of the non-pinned meetings. */
	value: number;
	/** β per participant × slot, γ per slot. */
	beta: Float64Array;
	gamma: Float64Array;
}

/** Reduced profit of pair p in slot s. */
function reducedProfit(pb: Problem, bd: Bound, p: number, s: number): number {
	return pb.pw[p] - bd.beta[pb.pu[p] * pb.S + s] - bd.beta[pb.pv[p] * pb.S + s] - bd.gamma[s];
}

/** The value of the dual solution (β, γ) of the LP relaxation, with the best α for it: a valid bound. */
function dualValue(pb: Problem, beta: Float64Array, gamma: Float64Array): number {
	const { n, S, P, base, cap, fStart, fList } = pb;
	let value = 0;
	for (let u = 0; u < n; u++) for (let s = 0; s < S; s++) if (base[u * S + s] === -1 && cap[s] > 0) value += beta[u * S + s];
	for (let s = 0; s < S; s++) value += Math.max(0, cap[s]) * gamma[s];
	for (let p = 0; p < P; p++) {
		let alpha = 0;
		for (let k = fStart[p]; k < fStart[p + 1]; k++) alpha = Math.max(alpha, reducedProfit(pb, { kind: 'slots', value: 0, beta, gamma }, p, fList[k]));
		value += alpha;
	}
	return value;
}

/**
 * The fractional b-matching bound: each participant meets at most once per slot it can use, the
 * meetings are at most the tables. Max-profit flow source → u (capacity b_u) → v' (one arc per
 * request direction, profit w) → sink, halved.
 */
export function matchingBound(pb: Problem): Bound {
	const { n, S, P, pu, pv, pw, base, cap } = pb;
	let C = 0;
	for (let s = 0; s < S; s++) C += Math.max(0, cap[s]);
	const b = new Int32Array(n);
	for (let u = 0; u < n; u++) for (let s = 0; s < S; s++) if (base[u * S + s] === -1 && cap[s] > 0) b[u]++;
	const SRC = 0;
	const SNK = 2 * n + 1;
	const g = new Network(2 * n + 2, 2 * n + 2 * P);
	for (let u = 0; u < n; u++) {
		if (b[u] === 0) continue;
		g.arc(SRC, 1 + u, b[u], 0);
		g.arc(1 + n + u, SNK, b[u], 0);
	}
	for (let p = 0; p < P; p++) {
		g.arc(1 + pu[p], 1 + n + pv[p], 1, pw[p]);
		g.arc(1 + pv[p], 1 + n + pu[p], 1, pw[p]);
	}
	const f = maxProfitFlow(g, SRC, SNK, 2 * C);
	// Dual prices (see docs): μ_u = π(u) − π(src), ν_u = π(snk) − π(u'), λ = π(src) − π(snk) when the
	// table limit binds; β_u = (μ_u + ν_u)/2 for each slot u can use.
	const top = f.limitHit ? f.pi[SNK] : f.pi[SRC];
	const lambda = f.limitHit ? Math.max(0, f.pi[SRC] - f.pi[SNK]) : 0;
	const beta = new Float64Array(n * S);
	for (let u = 0; u < n; u++) {
		if (b[u] === 0) continue;
		const price = (Math.max(0, f.pi[1 + u] - f.pi[SRC]) + Math.max(0, top - f.pi[1 + n + u])) / 2;
		for (let s = 0; s < S; s++) beta[u * S + s] = price;
	}
	const gamma = new Float64Array(S).fill(lambda);
	return { kind: 'b-matching', value: Math.min(f.profit / 2, dualValue(pb, beta, gamma)), beta, gamma };
}

/**
 * The finer bound: the same double cover with a node per participant and slot on each side, and each
 * slot's tables on each side. Source → slot s (2 × tables) → (u,s) (1) → request direction (1, profit w)
 * → (v,s') (1) → slot s' (2 × tables) → sink, for s and s' slots the pair can use; halved.
 */
export function slotBound(pb: Problem): Bound {
	const { n, S, P, pu, pv, pw, base, cap, fStart, fList } = pb;
	const uL = 1 + S;
	const e0 = uL + n * S;
	const uR = e0 + 4 * P;
	const tau = uR + n * S;
	const SNK = tau + S;
	let arcs = 2 * S + 2 * n * S + 2 * P;
	arcs += 4 * fList.length;
	const g = new Network(SNK + 1, arcs);
	let C = 0;
	for (let s = 0; s < S; s++) {
		if (cap[s] <= 0) continue;
		C += cap[s];
		g.arc(0, 1 + s, 2 * cap[s], 0);
		g.arc(tau + s, SNK, 2 * cap[s], 0);
	}
	for (let u = 0; u < n; u++) {
		for (let s = 0; s < S; s++) {
			if (base[u * S + s] !== -1 || cap[s] <= 0) continue;
			g.arc(1 + s, uL + u * S + s, 1, 0);
			g.arc(uR + u * S + s, tau + s, 1, 0);
		}
	}
	for (let p = 0; p < P; p++) {
		for (let d = 0; d < 2; d++) {
			const a = d ? pv[p] : pu[p];
			const b = d ? pu[p] : pv[p];
			const ein = e0 + 4 * p + 2 * d;
			// Uncapacitated (the request node carries 1): their duals vanish, so prices map onto the LP's.
			for (let k = fStart[p]; k < fStart[p + 1]; k++) g.arc(uL + a * S + fList[k], ein, OPEN, 0);
			g.arc(ein, ein + 1, 1, pw[p]);
			for (let k = fStart[p]; k < fStart[p + 1]; k++) g.arc(ein + 1, uR + b * S + fList[k], OPEN, 0);
		}
	}
	// The slots' tables already bound the flow: no overall limit.
	const f = maxProfitFlow(g, 0, SNK, 2 * C + 1);
	const pi = f.pi;
	const top = pi[0];
	const beta = new Float64Array(n * S);
	const gamma = new Float64Array(S);
	for (let s = 0; s < S; s++) {
		if (cap[s] <= 0) continue;
		gamma[s] = Math.max(0, pi[1 + s] - pi[0]) + Math.max(0, top - pi[tau + s]);
	}
	for (let u = 0; u < n; u++) {
		for (let s = 0; s < S; s++) {
			if (base[u * S + s] !== -1 || cap[s] <= 0) continue;
			beta[u * S + s] = (Math.max(0, pi[uL + u * S + s] - pi[1 + s]) + Math.max(0, pi[tau + s] - pi[uR + u * S + s])) / 2;
		}
	}
	return { kind: 'slots', value: Math.min(f.profit / 2, dualValue(pb, beta, gamma)), beta, gamma };
}

// ————— The search —————

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A schedule being searched: who meets in which slot, with an undo log. */
class Board {
	readonly slotOf: Int32Array;
	readonly occ: Int32Array;
	readonly count: Int32Array;
	readonly members: Int32Array;
	readonly stride: number;
	readonly posIn: Int32Array;
	readonly deg: Int32Array;
	W = 0;
	/** Meetings scheduled (pinned ones aside). */
	size = 0;
	readonly log: number[] = [];
	constructor(readonly pb: Problem) {
		this.slotOf = new Int32Array(pb.P).fill(-1);
		this.occ = pb.base.slice();
		this.count = new Int32Array(pb.S);
		let stride = 1;
		for (let s = 0; s < pb.S; s++) stride = Math.max(stride, pb.cap[s]);
		this.stride = stride;
		this.members = new Int32Array(pb.S * stride);
		this.posIn = new Int32Array(pb.P).fill(-1);
		this.deg = new Int32Array(pb.n);
	}
	add(p: number, s: number) {
		const { pu, pv, S, pw } = this.pb;
		this.slotOf[p] = s;
		this.occ[pu[p] * S + s] = p;
		this.occ[pv[p] * S + s] = p;
		this.posIn[p] = this.count[s];
		this.members[s * this.stride + this.count[s]++] = p;
		this.deg[pu[p]]++;
		this.deg[pv[p]]++;
		this.W += pw[p];
		this.size++;
	}
	remove(p: number) {
		const { pu, pv, S, pw } = this.pb;
		const s = this.slotOf[p];
		this.slotOf[p] = -1;
		this.occ[pu[p] * S + s] = -1;
		this.occ[pv[p] * S + s] = -1;
		const i = this.posIn[p];
		const last = this.members[s * this.stride + --this.count[s]];
		this.members[s * this.stride + i] = last;
		this.posIn[last] = i;
		this.posIn[p] = -1;
		this.deg[pu[p]]--;
		this.deg[pv[p]]--;
		this.W -= pw[p];
		this.size--;
	}
	/** Moves p to slot s (-1: unscheduled), recording the change. */
	set(p: number, s: number) {
		this.log.push(p, this.slotOf[p]);
		if (this.slotOf[p] >= 0) this.remove(p);
		if (s >= 0) this.add(p, s);
	}
	undo(mark: number) {
		while (this.log.length > mark) {
			const prev = this.log.pop()!;
			const p = this.log.pop()!;
			if (this.slotOf[p] >= 0) this.remove(p);
			if (prev >= 0) this.add(p, prev);
		}
	}
	fits(p: number, s: number): boolean {
		const { pu, pv, S, cap } = this.pb;
		return this.occ[pu[p] * S + s] === -1 && this.occ[pv[p] * S + s] === -1 && this.count[s] < cap[s];
	}
	/** Idle gaps of participant u: free available slots between its first and last meeting. */
	gaps(u: number): number {
		const { S } = this.pb;
		const o = u * S;
		let first = -1;
		let last = -1;
		for (let s = 0; s < S; s++) {
			const x = this.occ[o + s];
			if (x >= 0 || x === -2) {
				if (first < 0) first = s;
				last = s;
			}
		}
		let g = 0;
		for (let s = first + 1; s < last; s++) if (this.occ[o + s] === -1) g++;
		return g;
	}
}

/** Per pair, the slots the search may use (CSR) and the candidate pairs. */
interface Moves {
	start: Int32Array;
	list: Int32Array;
	candidates: Int32Array;
}

function allMoves(pb: Problem): Moves {
	return { start: pb.fStart, list: pb.fList, candidates: Int32Array.from({ length: pb.P }, (_, i) => i) };
}

/** The pair-slots a bound allows when it is met (reduced profit ≥ 0), and the pairs having one. */
function boundMoves(pb: Problem, bd: Bound, eps: number): Moves {
	const start = new Int32Array(pb.P + 1);
	const list: number[] = [];
	const candidates: number[] = [];
	for (let p = 0; p < pb.P; p++) {
		for (let k = pb.fStart[p]; k < pb.fStart[p + 1]; k++) if (reducedProfit(pb, bd, p, pb.fList[k]) >= -eps) list.push(pb.fList[k]);
		start[p + 1] = list.length;
		if (start[p + 1] > start[p]) candidates.push(p);
	}
	return { start, list: Int32Array.from(list), candidates: Int32Array.from(candidates) };
}

/** Heaviest first, by the bound's reduced profit class, fewest slots first; each in the least loaded slot that fits. */
function greedy(board: Board, bd: Bound, eps: number, seed = 0) {
	const pb = board.pb;
	const { P, pw, fStart, fList } = pb;
	// With a seed, ties are broken at random (another start for the search).
	const rand = prng(seed);
	const tie = new Float64Array(P);
	for (let p = 0; p < P; p++) tie[p] = seed ? rand() : p;
	const best = new Float64Array(P);
	for (let p = 0; p < P; p++) {
		best[p] = -Infinity;
		for (let k = fStart[p]; k < fStart[p + 1]; k++) best[p] = Math.max(best[p], reducedProfit(pb, bd, p, fList[k]));
	}
	const cls = (p: number) => (best[p] > eps ? 0 : best[p] >= -eps ? 1 : 2);
	const order = Array.from({ length: P }, (_, i) => i).sort(
		(a, b) => cls(a) - cls(b) || pw[b] - pw[a] || fStart[a + 1] - fStart[a] - (fStart[b + 1] - fStart[b]) || tie[a] - tie[b]
	);
	for (const p of order) {
		let chosen = -1;
		let chosenKey = Infinity;
		for (let k = fStart[p]; k < fStart[p + 1]; k++) {
			const s = fList[k];
			if (!board.fits(p, s)) continue;
			// a slot the prices allow, then the least loaded
			const key = (reducedProfit(pb, bd, p, s) >= -eps ? 0 : 1e9) + board.count[s] + (seed ? rand() * 0.99 : 0);
			if (key < chosenKey) {
				chosen = s;
				chosenKey = key;
			}
		}
		if (chosen >= 0) board.add(p, chosen);
	}
}

/** How much the bound says is missing if pair m meets in slot s: its reduced profit, plus the price of each of its participants idle then. */
function deficitScore(board: Board, bd: Bound, m: number, s: number): number {
	const { pu, pv, S } = board.pb;
	const occ = board.occ;
	return reducedProfit(board.pb, bd, m, s) + (occ[pu[m] * S + s] === -1 ? bd.beta[pu[m] * S + s] : 0) + (occ[pv[m] * S + s] === -1 ? bd.beta[pv[m] * S + s] : 0);
}

/**
 * The pairs where the schedule departs from what the bound's prices require: missing pairs of positive
 * reduced profit, pairs in a worse slot than their best, and the pairs of participants left idle in a
 * slot their price says they should be busy.
 */
function deficitPairs(board: Board, moves: Moves, bd: Bound, eps: number, out: number[]) {
	const pb = board.pb;
	const { S, pu, pv } = pb;
	const { start, list, candidates } = moves;
	const { occ, slotOf } = board;
	out.length = 0;
	for (let i = 0; i < candidates.length; i++) {
		const p = candidates[i];
		const cur = slotOf[p];
		let best = -Infinity;
		let idle = false;
		for (let k = start[p]; k < start[p + 1]; k++) {
			const s = list[k];
			best = Math.max(best, reducedProfit(pb, bd, p, s));
			if ((bd.beta[pu[p] * S + s] > eps && occ[pu[p] * S + s] === -1) || (bd.beta[pv[p] * S + s] > eps && occ[pv[p] * S + s] === -1)) idle = true;
		}
		if (idle || (cur < 0 ? best > eps : reducedProfit(pb, bd, p, cur) < Math.max(0, best) - eps)) out.push(p);
		else if (cur < 0) {
			// a priced slot with a free table: the pairs that could take it with one participant free there
			for (let k = start[p]; k < start[p + 1]; k++) {
				const s = list[k];
				if (bd.gamma[s] > eps && board.count[s] < pb.cap[s] && (occ[pu[p] * S + s] === -1 || occ[pv[p] * S + s] === -1)) {
					out.push(p);
					break;
				}
			}
		}
	}
}

interface AnnealConfig {
	moves: Moves;
	bound: Bound;
	/** Weight (non-pinned) at which to stop. */
	target: number;
	iterations: number;
	/** 'weight': maximise the weight; 'polish': keep it, fewer participants without a meeting, then fewer gaps. */
	mode: 'weight' | 'polish';
	seed: number;
	deadline: number;
	eps: number;
	/** Share of the moves that are Kempe swaps (0). */
	kempe?: number;
}

interface AnnealResult {
	iterations: number;
	timedOut: boolean;
}

/**
 * Simulated annealing by ejection: take a pair (one just evicted, one the bound says is missing, or any),
 * put it in one of its slots, evict the meetings in the way (its participants' meetings there, or the
 * lightest of a few meetings of a full slot), put the evicted ones back where they fit, and keep the
 * change by the Metropolis rule. The board ends on the best schedule seen.
 */
function anneal(board: Board, cfg: AnnealConfig): AnnealResult {
	const pb = board.pb;
	const { S, pu, pv, pw, cap, n } = pb;
	const { start, list, candidates } = cfg.moves;
	const { occ, slotOf, count, members, stride, deg } = board;
	const rand = prng(cfg.seed);
	const polish = cfg.mode === 'polish';
	let wUnit = Infinity;
	for (let i = 0; i < candidates.length; i++) wUnit = Math.min(wUnit, pw[candidates[i]]);
	if (!Number.isFinite(wUnit)) return { iterations: 0, timedOut: false };
	// Temperatures: in weight units for the weight, in gaps for the polish.
	const t0 = polish ? 0.8 : 0.25 * wUnit;
	const t1 = polish ? 0.1 : 0.1 * wUnit;
	const BIG = 16 * S + 1;
	const secondary = (u: number) => (pb.asked[u] && deg[u] + pb.pinnedDegree[u] === 0 ? BIG : 0) + board.gaps(u);

	const bestSlot = board.slotOf.slice();
	let bestW = board.W;
	let bestSec = 0;
	if (polish) for (let u = 0; u < n; u++) bestSec += secondary(u);
	let sec = bestSec;

	// Pairs to try first: those the bound says are missing, or that would busy a participant it prices.
	const hot: number[] = [];
	const refreshHot = () => {
		deficitPairs(board, cfg.moves, cfg.bound, cfg.eps, hot);
		if (polish) {
			for (let u = 0; u < n; u++) {
				if (!pb.asked[u] || deg[u] + pb.pinnedDegree[u] > 0) continue;
				for (let i = pb.incStart[u]; i < pb.incStart[u + 1]; i++) hot.push(pb.incList[i]);
			}
		}
	};
	const stack: number[] = [];
	const ev = [0, 0, 0];
	const touched: number[] = [];
	const kempeShare = cfg.kempe ?? 0;
	const chain: number[] = [];
	const allowedAt = (q: number, t: number) => {
		for (let k = start[q]; k < start[q + 1]; k++) if (list[k] === t) return true;
		return false;
	};
	/** The meetings alternating between slots a and b from meeting c (in a), into `chain`; false if too long or stuck. */
	const kempeChain = (c: number, a: number, b: number): boolean => {
		chain.length = 0;
		chain.push(c);
		for (const end of [pu[c], pv[c]]) {
			let u = end;
			let t = b;
			for (;;) {
				const o = occ[u * S + t];
				if (o === -1 || o === -3) break; // free there, or away: the chain ends
				if (o < 0) return false; // a pinned meeting cannot move
				if (o === c) break; // a cycle
				if (chain.length >= 64 || !allowedAt(o, t === a ? b : a)) return false;
				if (chain.indexOf(o) >= 0) break;
				chain.push(o);
				u = pu[o] === u ? pv[o] : pu[o];
				t = t === a ? b : a;
			}
		}
		return true;
	};
	/** Exchanges slots a and b along the chain from c; false (nothing done) if a participant or table count forbids it. */
	const kempe = (c: number, a: number, b: number): boolean => {
		if (!polish || chain[0] !== c) {
			if (!kempeChain(c, a, b)) return false;
		}
		let da = 0;
		for (const e of chain) da += slotOf[e] === a ? -1 : 1;
		if (count[a] + da > cap[a] || count[b] - da > cap[b]) return false;
		for (const e of chain) if (!allowedAt(e, slotOf[e] === a ? b : a)) return false;
		const mark = board.log.length;
		const target: number[] = chain.map((e) => (slotOf[e] === a ? b : a));
		for (const e of chain) board.set(e, -1);
		for (let i = 0; i < chain.length; i++) {
			const e = chain[i];
			const t = target[i];
			if (occ[pu[e] * S + t] !== -1 || occ[pv[e] * S + t] !== -1) {
				board.undo(mark);
				return false;
			}
			board.set(e, t);
		}
		return true;
	};
	let temp = t0;
	let it = 0;
	let timedOut = false;
	const reached = () => !polish && bestW >= cfg.target - cfg.eps;
	let totalCap = 0;
	for (let t = 0; t < S; t++) totalCap += cap[t];
	for (; it < cfg.iterations && !reached(); it++) {
		if ((it & 1023) === 0) {
			if (performance.now() > cfg.deadline) {
				timedOut = true;
				break;
			}
			temp = t0 * Math.pow(t1 / t0, it / cfg.iterations);
			if ((it & 16383) === 0) refreshHot();
		}
		const r = rand();
		if (kempeShare > 0 && rand() < kempeShare) {
			// A Kempe swap: a meeting and the chain of meetings alternating between its slot and another
			// exchange slots; the weight stays, the slots open up elsewhere.
			const c = candidates[Math.floor(rand() * candidates.length)];
			const a = slotOf[c];
			const nf2 = start[c + 1] - start[c];
			if (a < 0 || nf2 < 2) continue;
			const b = list[start[c] + Math.floor(rand() * nf2)];
			if (b === a) continue;
			let before = 0;
			if (polish) {
				chain.length = 0;
				if (!kempeChain(c, a, b)) continue;
				touched.length = 0;
				for (const e of chain) touched.push(pu[e], pv[e]);
				for (let i = 0; i < touched.length; i++) if (touched.indexOf(touched[i]) === i) before += secondary(touched[i]);
			}
			const mark = board.log.length;
			if (!kempe(c, a, b)) continue;
			if (polish) {
				let after = 0;
				for (let i = 0; i < touched.length; i++) if (touched.indexOf(touched[i]) === i) after += secondary(touched[i]);
				const dSec = before - after;
				if (dSec >= 0 || rand() < Math.exp(dSec / temp)) sec -= dSec;
				else {
					board.undo(mark);
					continue;
				}
				if (sec < bestSec) {
					bestSec = sec;
					bestSlot.set(slotOf);
				}
			}
			board.log.length = 0;
			continue;
		}
		let m: number;
		if (stack.length && r < 0.6) m = stack.pop()!;
		else if (hot.length && r < 0.8) m = hot[Math.floor(rand() * hot.length)];
		else m = candidates[Math.floor(rand() * candidates.length)];
		const nf = start[m + 1] - start[m];
		if (nf === 0) continue;
		const cur = slotOf[m];
		const x = pu[m];
		const y = pv[m];
		let s = list[start[m] + Math.floor(rand() * nf)];
		if (r >= 0.6 && r < 0.7) {
			// a pair picked for the bound: half the time, the slot where most is missing
			let bestScore = -Infinity;
			for (let k = start[m]; k < start[m + 1]; k++) {
				const t = list[k];
				if (t === cur) continue;
				const score = deficitScore(board, cfg.bound, m, t) + 1e-6 * rand();
				if (score > bestScore) {
					bestScore = score;
					s = t;
				}
			}
		}
		if (s === cur) continue;
		let ne = 0;
		const a = occ[x * S + s];
		const b = occ[y * S + s];
		if (a >= 0) ev[ne++] = a;
		if (b >= 0 && b !== a) ev[ne++] = b;
		if (count[s] - ne >= cap[s]) {
			// A full slot: push out one of a few of its meetings, preferably one that has somewhere else
			// to go (a slot with a free table where both its participants are free), else the lightest.
			let victim = -1;
			let vKey = Infinity;
			const freeTables = totalCap - board.size;
			for (let k = 0; k < 4; k++) {
				const c = members[s * stride + Math.floor(rand() * count[s])];
				if (c === a || c === b) continue;
				let key = pw[c] * 1e6 + reducedProfit(pb, cfg.bound, c, s);
				if (freeTables > 0) {
					for (let j = start[c]; j < start[c + 1]; j++) {
						const t = list[j];
						if (t !== s && board.fits(c, t)) {
							key = -Infinity;
							break;
						}
					}
				}
				if (key < vKey) {
					victim = c;
					vKey = key;
				}
			}
			if (victim < 0) continue;
			ev[ne++] = victim;
		}
		let before = 0;
		if (polish) {
			touched.length = 0;
			touched.push(x, y);
			for (let i = 0; i < ne; i++) touched.push(pu[ev[i]], pv[ev[i]]);
			for (let i = 0; i < touched.length; i++) if (touched.indexOf(touched[i]) === i) before += secondary(touched[i]);
		}
		const mark = board.log.length;
		const W0 = board.W;
		for (let i = 0; i < ne; i++) board.set(ev[i], -1);
		board.set(m, s);
		// Put the evicted back where they fit, starting from a random slot.
		let left = 0;
		for (let i = 0; i < ne; i++) {
			const e = ev[i];
			const k0 = start[e];
			const len = start[e + 1] - k0;
			let placed = false;
			if (len > 0) {
				const off = Math.floor(rand() * len);
				for (let j = 0; j < len; j++) {
					const t = list[k0 + ((off + j) % len)];
					if (board.fits(e, t)) {
						board.set(e, t);
						placed = true;
						break;
					}
				}
			}
			if (!placed) ev[left++] = e;
		}
		const dW = board.W - W0;
		let accept: boolean;
		if (!polish) accept = dW >= -cfg.eps || rand() < Math.exp(dW / temp);
		else if (dW > cfg.eps) accept = true;
		else if (dW < -cfg.eps) accept = false;
		else {
			let after = 0;
			for (let i = 0; i < touched.length; i++) if (touched.indexOf(touched[i]) === i) after += secondary(touched[i]);
			const dSec = before - after;
			accept = dSec >= 0 || rand() < Math.exp(dSec / temp);
			if (accept) sec -= dSec;
		}
		if (!accept) {
			board.undo(mark);
			continue;
		}
		board.log.length = 0;
		for (let i = 0; i < left; i++) stack.push(ev[i]);
		if (stack.length > 64) stack.splice(0, stack.length - 64);
		if (board.W > bestW + cfg.eps || (polish && board.W >= bestW - cfg.eps && sec < bestSec)) {
			if (polish && board.W > bestW + cfg.eps) {
				// A heavier schedule: its secondary score is recounted from scratch.
				sec = 0;
				for (let u = 0; u < n; u++) sec += secondary(u);
			}
			bestW = board.W;
			bestSec = sec;
			bestSlot.set(slotOf);
		}
	}
	// Back to the best schedule seen.
	for (let p = 0; p < pb.P; p++) if (slotOf[p] >= 0) board.remove(p);
	for (let p = 0; p < pb.P; p++) if (bestSlot[p] >= 0) board.add(p, bestSlot[p]);
	board.log.length = 0;
	return { iterations: it, timedOut };
}

/**
 * Ejection chains, depth first: put a pair the bound says is missing into a slot, push out what is in
 * the way, and place the pushed-out meeting the same way, until the chain gains weight. Deterministic;
 * each root has a budget of nodes. Returns the weight gained.
 */
function chains(board: Board, moves: Moves, bd: Bound, eps: number, nodeBudget: number, depthLimit: number, deadline: number): number {
	const pb = board.pb;
	const { S, P, pu, pv, pw, cap } = pb;
	const { start, list, candidates } = moves;
	const { occ, slotOf, count, members, stride } = board;
	const seen = new Int32Array(P * S);
	let stamp = 0;
	let budget = 0;
	let maxDepth = 1;
	const W0 = board.W;
	/** The weight when the current root's chain began. */
	let rootW = W0;
	// Slots in order of what the bound says is missing there: the pair's reduced profit, plus the price
	// of each of its participants left idle in that slot.
	const order: number[] = [];
	const slotsOf = (m: number) => {
		order.length = 0;
		for (let k = start[m]; k < start[m + 1]; k++) order.push(list[k]);
		const score = (t: number) =>
			reducedProfit(pb, bd, m, t) + (occ[pu[m] * S + t] === -1 ? bd.beta[pu[m] * S + t] : 0) + (occ[pv[m] * S + t] === -1 ? bd.beta[pv[m] * S + t] : 0);
		return order.sort((a, b) => score(b) - score(a) || a - b).slice();
	};
	let maxW = 0;
	for (let p = 0; p < P; p++) maxW = Math.max(maxW, pw[p]);
	const allowedAt = (q: number, t: number) => {
		for (let k = start[q]; k < start[q + 1]; k++) if (list[k] === t) return true;
		return false;
	};
	/** Puts unscheduled m into slot s, evicting what is in the way and placing that in turn. */
	const tryAt = (m: number, s: number, g: number, depth: number): boolean => {
		const a = occ[pu[m] * S + s];
		const b = occ[pv[m] * S + s];
		if (a < -1 || b < -1) return false;
		if (a >= 0 && b >= 0 && a !== b) {
			if (depth > 0) return false;
			const mark = board.log.length;
			board.set(a, -1);
			board.set(b, -1);
			board.set(m, s);
			// a's chain first, counting b as back; then b's, from what a's left.
			const g1 = g + pw[m] - pw[a] - pw[b];
			if (place(a, g1 + pw[b], depth + 1, s) && (board.W - rootW > eps || place(b, board.W - rootW, depth + 1, s)) && board.W - rootW > eps) return true;
			board.undo(mark);
			return false;
		}
		const blockers: number[] = [];
		if (a >= 0) blockers.push(a);
		else if (b >= 0) blockers.push(b);
		else if (count[s] >= cap[s]) {
			// full slot: a meeting that can move to a free table elsewhere, else its lightest (a few)
			for (let i = 0; i < count[s] && !blockers.length; i++) {
				const c = members[s * stride + i];
				for (let j = start[c]; j < start[c + 1]; j++) {
					if (list[j] !== s && board.fits(c, list[j])) {
						blockers.push(c);
						break;
					}
				}
			}
			let minW = Infinity;
			for (let i = 0; i < count[s]; i++) minW = Math.min(minW, pw[members[s * stride + i]]);
			for (let i = 0; i < count[s] && blockers.length < 3; i++) {
				const c = members[s * stride + i];
				if (pw[c] <= minW + eps && c !== blockers[0]) blockers.push(c);
			}
		} else {
			board.set(m, s);
			if (g + pw[m] > eps) return true;
			board.undo(board.log.length - 2);
			return false;
		}
		for (const c of blockers) {
			const mark = board.log.length;
			board.set(c, -1);
			board.set(m, s);
			if (place(c, g + pw[m] - pw[c], depth + 1, s) && board.W - rootW > eps) return true;
			board.undo(mark);
			if (budget < 0) return false;
		}
		return false;
	};
	/** m is unscheduled (evicted from slot `from`, or -1); g is the weight change so far. */
	const place = (m: number, g: number, depth: number, from: number): boolean => {
		if (--budget < 0) return false;
		const x = pu[m];
		const y = pv[m];
		for (let k = start[m]; k < start[m + 1]; k++) {
			const s = list[k];
			if (board.fits(m, s) && g + pw[m] > eps) {
				board.set(m, s);
				return true;
			}
		}
		if (g > eps) return true; // leaving m out already gains
		if (depth >= maxDepth) return false;
		for (const s of slotsOf(m)) {
			if (seen[m * S + s] === stamp) continue;
			seen[m * S + s] = stamp;
			if (tryAt(m, s, g, depth)) return true;
			if (budget < 0) return false;
		}
		// Or leave m out and give the slot it left to another pair of one of its participants (an
		// alternating path, as in matchings), while the chain has not lost more than a meeting.
		if (from >= 0 && g > -maxW - eps) {
			for (const z of [x, y]) {
				for (let i = pb.incStart[z]; i < pb.incStart[z + 1]; i++) {
					const q = pb.incList[i];
					if (q === m || slotOf[q] >= 0 || seen[q * S + from] === stamp || !allowedAt(q, from)) continue;
					seen[q * S + from] = stamp;
					if (tryAt(q, from, g, depth)) return true;
					if (budget < 0) return false;
				}
			}
		}
		return false;
	};
	const hot: number[] = [];
	deficitPairs(board, moves, bd, eps, hot);
	for (const m of hot) {
		if (performance.now() > deadline) break;
		budget = nodeBudget;
		const from = slotOf[m];
		// Iterative deepening: the shortest chains first. A scheduled pair is taken out first.
		for (maxDepth = 1; maxDepth <= depthLimit && budget > 0; maxDepth++) {
			if (slotOf[m] !== from) break;
			stamp++;
			const mark = board.log.length;
			rootW = board.W;
			if (from >= 0) {
				seen[m * S + from] = stamp;
				board.set(m, -1);
			}
			if (!(place(m, board.W - rootW, 0, from) && board.W > rootW + eps)) board.undo(mark);
			board.log.length = 0;
		}
	}
	return board.W - W0;
}

// ————— Tables —————

/**
 * Table numbers: pinned tables stay; then, slot after slot, a meeting takes the table its asked
 * participant (then its asker) had in the previous slot when it is free, else the lowest free table.
 */
function assignTables(pb: Problem, input: ScheduleInput, board: Board): { request: number; slot: number; table: number }[] {
	const { S, n } = pb;
	const T = input.tables;
	const bySlot: { request: number; table: number }[][] = Array.from({ length: S }, () => []);
	for (const pin of pb.pins) bySlot[pin.slot].push({ request: pin.request, table: pin.table });
	for (let p = 0; p < pb.P; p++) if (board.slotOf[p] >= 0) bySlot[board.slotOf[p]].push({ request: pb.preq[p], table: 0 });
	let previous = new Int32Array(n);
	const out: { request: number; slot: number; table: number }[] = [];
	for (let s = 0; s < S; s++) {
		const here = bySlot[s].sort((a, b) => a.request - b.request);
		const used = new Uint8Array(T + 1);
		for (const m of here) if (m.table) used[m.table] = 1;
		for (const who of [pb.reqTo, pb.reqFrom]) {
			for (const m of here) {
				if (m.table) continue;
				const t = previous[who[m.request]];
				if (t && !used[t]) {
					m.table = t;
					used[t] = 1;
				}
			}
		}
		let next = 1;
		for (const m of here) {
			if (m.table) continue;
			while (used[next]) next++;
			m.table = next;
			used[next] = 1;
		}
		const now = new Int32Array(n);
		for (const m of here) {
			now[pb.reqFrom[m.request]] = m.table;
			now[pb.reqTo[m.request]] = m.table;
			out.push({ request: m.request, slot: s, table: m.table });
		}
		previous = now;
	}
	out.sort((a, b) => a.slot - b.slot || a.table - b.table);
	return out;
}

// ————— The scheduler —————

/** Schedules the meetings of a valid input (see validateScheduleInput); throws ScheduleInputError otherwise. */
export function schedule(raw: ScheduleInput, options: ScheduleOptions = {}): ScheduleOutput {
	const started = performance.now();
	const checked = validateScheduleInput(raw);
	if (!checked.ok) throw new ScheduleInputError(checked.issues);
	const input = checked.value;
	const pb = prepare(input);
	const deadline = started + (options.timeLimitMs ?? 30_000);
	const effort = options.effort ?? 1;
	let maxW = 1;
	for (let p = 0; p < pb.P; p++) maxW = Math.max(maxW, pb.pw[p]);
	const eps = 1e-9 * maxW;
	// The target: the bound, rounded down when the weights are integers (the optimum is then an integer).
	const targetOf = (bd: Bound) => (pb.integral ? Math.floor(bd.value + pb.pinnedWeight + 1e-6) - pb.pinnedWeight : bd.value);

	// 1. The b-matching bound, and a greedy schedule in the order of its prices: sometimes optimal already.
	let bound = matchingBound(pb);
	let target = targetOf(bound);
	let board = new Board(pb);
	greedy(board, bound, eps);
	let iterations = 0;
	let timedOut = false;
	if (board.W < target - eps) {
		// A short annealing run on what these prices allow: often enough when this bound is tight.
		const r = anneal(board, { moves: boundMoves(pb, bound, eps), bound, target, iterations: Math.round(effort * Math.min(300_000, Math.max(30_000, 30 * pb.P))), mode: 'weight', seed: 9, deadline, eps });
		iterations += r.iterations;
		timedOut ||= r.timedOut;
	}
	if (board.W < target - eps) {
		// 2. The finer bound, per participant and slot (never above the first), and a new greedy schedule
		// in the order of its prices to start from (its per-slot prices make a better start; the first
		// schedule stays in reserve).
		const finer = slotBound(pb);
		bound = finer.value <= bound.value ? finer : { ...finer, value: bound.value };
		target = targetOf(bound);
		const second = new Board(pb);
		greedy(second, bound, eps);
		const first = board;
		board = second;
		// 3. Annealing sweeps on the pair-slots the prices allow, then on all of them; ejection chains
		// after each sweep. Each stops as soon as the bound is met.
		const sweep = Math.round(effort * Math.min(1_500_000, Math.max(300_000, 150 * pb.P)));
		const allowed = boundMoves(pb, bound, eps);
		const every = allMoves(pb);
		// Six sweeps: on the allowed pair-slots without and with Kempe swaps, then from three fresh starts
		// (greedy with ties broken at random), then on every pair-slot from the best schedule so far.
		const sweeps: { moves: Moves; kempe: number; restart: boolean }[] = [
			{ moves: allowed, kempe: 0, restart: false },
			{ moves: allowed, kempe: 0.3, restart: false },
			{ moves: allowed, kempe: 0, restart: true },
			{ moves: allowed, kempe: 0.3, restart: true },
			{ moves: allowed, kempe: 0, restart: true },
			{ moves: every, kempe: 0.3, restart: false }
		];
		let best = board;
		for (const [i, { moves, kempe, restart }] of sweeps.entries()) {
			const seed = i + 1;
			if (best.W >= target - eps || timedOut) break;
			if (board.W > best.W) best = board;
			if (restart) {
				board = new Board(pb);
				greedy(board, bound, eps, 1000 + i);
			} else board = best;
			const r = anneal(board, { moves, bound, target, iterations: sweep, mode: 'weight', seed, deadline, eps, kempe });
			iterations += r.iterations;
			timedOut ||= r.timedOut;
			while (board.W < target - eps && performance.now() < deadline && chains(board, moves, bound, eps, 2000, 6, deadline) > eps);
			if (board.W > best.W) best = board;
		}
		board = best;
		if (first.W > board.W) board = first;
	}
	// 4. Fewer participants without a meeting, then fewer gaps, at the same weight.
	if (!timedOut) {
		// When the weight equals the bound's value, every optimal schedule keeps to the pair-slots it allows.
		const polishMoves = board.W >= bound.value - eps ? boundMoves(pb, bound, eps) : allMoves(pb);
		const r = anneal(board, {
			moves: polishMoves, bound, target, mode: 'polish', seed: 5, deadline, eps,
			iterations: Math.round(effort * Math.min(1_000_000, Math.max(50_000, 100 * pb.P)))
		});
		iterations += r.iterations;
		timedOut ||= r.timedOut;
	}

	const optimal = board.W >= target - eps;
	const seated = assignTables(pb, input, board);
	const meetings = seated.map((m) => ({ request: input.requests[m.request].id, slot: input.slots[pb.slotOrder[m.slot]].id, table: m.table }));
	const scheduledIds = new Set(meetings.map((m) => m.request));
	const unscheduled = input.requests.filter((r) => !scheduledIds.has(r.id)).map((r) => r.id);
	let without = 0;
	let gaps = 0;
	for (let u = 0; u < pb.n; u++) {
		if (pb.asked[u] && board.deg[u] + pb.pinnedDegree[u] === 0) without++;
		gaps += board.gaps(u);
	}
	const weight = board.W + pb.pinnedWeight;
	const upperBound = pb.integral ? target + pb.pinnedWeight : bound.value + pb.pinnedWeight;
	let tablesTotal = 0;
	for (let s = 0; s < pb.S; s++) tablesTotal += input.tables;
	return {
		meetings,
		unscheduled,
		stats: {
			weight: round(weight),
			upperBound: round(Math.max(upperBound, weight)),
			gap: round(Math.max(0, upperBound - weight)),
			optimal,
			bound: bound.kind,
			scheduled: meetings.length,
			pinned: pb.pins.length,
			requests: input.requests.length,
			samePairRequests: pb.samePair,
			noCommonSlotRequests: pb.noCommonSlot,
			participantsWithoutMeeting: without,
			idleGaps: gaps,
			tablesUsed: meetings.length,
			tablesTotal,
			iterations,
			stoppedBy: optimal ? 'optimal' : timedOut ? 'time' : 'budget',
			ms: Math.round(performance.now() - started)
		}
	};
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;
