// The exact optimum of a scheduling instance, for the tests and the benchmark only: the problem as a
// mixed-integer program in CPLEX LP format, solved by HiGHS (the `highs` dev dependency, WebAssembly).
// The application never loads this file: its scheduler is scheduler.ts.
//
//   maximise  Σ w_r x[r,s]      x[r,s] ∈ {0,1} for each request r and each slot s both its participants attend
//   each pair of participants     Σ over its requests and slots ≤ 1   (a pair meets once)
//   each participant and slot     Σ x ≤ 1
//   each slot                     Σ x ≤ tables
//   each pinned meeting           x[r,s] = 1
import loadHighs from 'highs';
import type { ScheduleInput } from './scheduler';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | undefined;

/** The WebAssembly solver, loaded once per process. */
export function highs(): Promise<Highs> {
	return (highsPromise ??= loadHighs());
}

export interface ExactResult {
	/** 'optimal' when proved; otherwise the solve stopped at the time limit. */
	status: 'optimal' | 'time-limit' | 'other';
	/** The best schedule's weight HiGHS found (the optimum when status is 'optimal'). */
	weight: number;
	/** HiGHS's proven upper bound on the optimum. */
	bound: number;
	/** The slot of each scheduled request of the best solution found. */
	assignment: Map<string, string>;
	variables: number;
	constraints: number;
	ms: number;
}

export interface ExactOptions {
	/** Seconds HiGHS may spend (default 600). */
	timeLimit?: number;
	/** Solve the linear relaxation (x between 0 and 1) instead: its value bounds the optimum. */
	relaxation?: boolean;
}

/** Builds the model in CPLEX LP format, with the request and slot of each variable. */
export function buildModel(input: ScheduleInput, relaxation = false) {
	const slotIndex = new Map(input.slots.map((s, i) => [s.id, i]));
	const all = input.slots.map((_, i) => i);
	const availability = new Map(input.participants.map((p) => [p.id, p.available ? p.available.map((id) => slotIndex.get(id)!) : all]));
	const pinned = new Map((input.fixed ?? []).map((f) => [f.request, slotIndex.get(f.slot)!]));
	const vars: { request: number; slot: number }[] = [];
	const objective: string[] = [];
	const pairRows = new Map<string, number[]>();
	const personRows = new Map<string, number[]>();
	const slotRows: number[][] = input.slots.map(() => []);
	const fixedVars: number[] = [];
	input.requests.forEach((r, ri) => {
		const b = new Set(availability.get(r.to));
		const pin = pinned.get(r.id);
		const slots = pin !== undefined ? [pin] : availability.get(r.from)!.filter((s) => b.has(s));
		const pair = r.from < r.to ? `${r.from}\t${r.to}` : `${r.to}\t${r.from}`;
		for (const s of slots) {
			const v = vars.length;
			vars.push({ request: ri, slot: s });
			objective.push(`${r.weight ?? 1} x${v}`);
			if (!pairRows.has(pair)) pairRows.set(pair, []);
			pairRows.get(pair)!.push(v);
			for (const p of [r.from, r.to]) {
				const key = `${p}\t${s}`;
				if (!personRows.has(key)) personRows.set(key, []);
				personRows.get(key)!.push(v);
			}
			slotRows[s].push(v);
			if (pin !== undefined) fixedVars.push(v);
		}
	});
	const lines: string[] = ['Maximize', ' obj:'];
	const terms = (list: string[]) => {
		for (let i = 0; i < list.length; i += 12) lines.push('  ' + (i ? '+ ' : '') + list.slice(i, i + 12).join(' + '));
	};
	terms(objective.length ? objective : ['0 x0']);
	lines.push('Subject To');
	let constraints = 0;
	const row = (vs: number[], rhs: number) => {
		if (vs.length <= rhs) return;
		lines.push(` c${constraints++}:`);
		terms(vs.map((v) => `x${v}`));
		lines.push(`  <= ${rhs}`);
	};
	for (const vs of pairRows.values()) row(vs, 1);
	for (const vs of personRows.values()) row(vs, 1);
	for (const vs of slotRows) row(vs, input.tables);
	if (!constraints) lines.push(' c0: x0 >= 0');
	lines.push('Bounds');
	const fixed = new Set(fixedVars);
	for (let v = 0; v < Math.max(1, vars.length); v++) lines.push(fixed.has(v) ? ` x${v} = 1` : ` 0 <= x${v} <= 1`);
	if (!relaxation && vars.length) {
		lines.push('General');
		for (let v = 0; v < vars.length; v += 20) lines.push(' ' + vars.slice(v, v + 20).map((_, i) => `x${v + i}`).join(' '));
	}
	lines.push('End');
	return { text: lines.join('\n') + '\n', vars, constraints };
}

/** Solves the instance exactly (or its relaxation) with HiGHS. */
export async function solveExact(input: ScheduleInput, options: ExactOptions = {}): Promise<ExactResult> {
	const started = performance.now();
	const h = await highs();
	const { text, vars, constraints } = buildModel(input, options.relaxation);
	const integral = input.requests.every((r) => Number.isInteger(r.weight ?? 1));
	const model = h.createModel({ format: 'lp', data: text });
	try {
		model.options.set({
			output_flag: false,
			time_limit: options.timeLimit ?? 600,
			mip_rel_gap: 0,
			// With integer weights the optimum is an integer: a gap below 1 proves it.
			mip_abs_gap: integral ? 0.999 : 1e-6
		});
		model.run();
		const code = model.getModelStatus();
		const status = code === h.constants.modelStatus.optimal ? 'optimal' : code === h.constants.modelStatus.timeLimit ? 'time-limit' : 'other';
		const solution = model.getSolution();
		const assignment = new Map<string, string>();
		const values = solution.colValue;
		let weight = 0;
		for (let v = 0; v < vars.length; v++) {
			if (values[v] > 0.5) {
				const r = input.requests[vars[v].request];
				assignment.set(r.id, input.slots[vars[v].slot].id);
				weight += r.weight ?? 1;
			}
		}
		let bound = model.getObjectiveValue();
		if (options.relaxation) weight = bound;
		else {
			const dual = Number(model.info.get('mip_dual_bound'));
			if (Number.isFinite(dual)) bound = dual;
			if (status === 'optimal') bound = Math.min(bound, weight + (integral ? 0.999 : 1e-6));
		}
		return { status, weight, bound, assignment, variables: vars.length, constraints, ms: performance.now() - started };
	} finally {
		model.dispose();
	}
}
