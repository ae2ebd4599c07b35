// The scheduler's input checked entry by entry: its shape with zod, then what zod cannot see (unknown
// or duplicate ids, a request to oneself, slots ending before they start or overlapping, pins that
// conflict). Every problem is reported, up to MAX_ISSUES, each naming its entry:
//   requests[12] (id "r13"): unknown participant "p999" in "to"
import { z } from 'zod';
import type { FixedMeeting, MeetingRequest, Participant, ScheduleInput, Slot } from './scheduler';

export const MAX_ISSUES = 100;

export interface InputIssue {
	/** Where, as a JSON path: "requests.12.to". */
	path: string;
	/** What, in English, naming the entry. */
	message: string;
}

export type CheckedInput = { ok: true; value: ScheduleInput } | { ok: false; issues: InputIssue[] };

const id = z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(200, { error: 'is longer than 200 characters' });
const dateTime = z
	.string({ error: 'must be an ISO 8601 date-time string' })
	.refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), { error: 'must be an ISO 8601 date-time, e.g. 2026-11-26T09:00:00Z' });

const slotSchema = z.object({ id, start: dateTime, end: dateTime });
const participantSchema = z.object({ id, available: z.array(id, { error: 'must be a list of slot ids' }).optional() });
const requestSchema = z.object({
	id,
	from: id,
	to: id,
	weight: z
		.number({ error: 'must be a number' })
		.refine((w) => Number.isFinite(w) && w > 0, { error: 'must be a positive number' })
		.optional()
});
const fixedSchema = z.object({
	request: id,
	slot: id,
	table: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be 1 or more' }).optional()
});
const topSchema = z.object({
	slots: z.array(z.unknown(), { error: 'must be a list' }).min(1, { error: 'must hold at least one slot' }),
	tables: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be 1 or more' }),
	participants: z.array(z.unknown(), { error: 'must be a list' }),
	requests: z.array(z.unknown(), { error: 'must be a list' }),
	fixed: z.array(z.unknown(), { error: 'must be a list' }).optional()
});

/** Checks a parsed JSON value; returns the input or every problem found. */
export function validateScheduleInput(raw: unknown): CheckedInput {
	const issues: InputIssue[] = [];
	let dropped = 0;
	const add = (path: string, message: string) => {
		if (issues.length < MAX_ISSUES) issues.push({ path, message });
		else dropped++;
	};
	const finish = (): CheckedInput => {
		// In the order of the input: slots, tables, participants, requests, fixed; entry by entry.
		const rank = (path: string) => {
			const [list, i] = path.split('.');
			return ['slots', 'tables', 'participants', 'requests', 'fixed'].indexOf(list) * 1e9 + (Number(i) || 0);
		};
		issues.sort((a, b) => rank(a.path) - rank(b.path));
		if (dropped) issues.push({ path: '', message: `… and ${dropped} more problems` });
		return { ok: false, issues };
	};
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		add('', 'the input must be a JSON object with "slots", "tables", "participants" and "requests"');
		return finish();
	}
	const top = topSchema.safeParse(raw);
	if (!top.success) {
		for (const i of top.error.issues) add(i.path.join('.'), `"${i.path.join('.') || 'input'}" ${i.message}`);
		return finish();
	}
	const input = top.data;

	/** "requests[12] (id "r13")": the entry, with its id when it has a readable one. */
	const entry = (list: string, i: number, value: unknown) => {
		const v = (value as { id?: unknown; request?: unknown } | null) ?? {};
		const name = list === 'fixed' ? v.request : v.id;
		return typeof name === 'string' && name ? `${list}[${i}] (${list === 'fixed' ? 'request' : 'id'} ${JSON.stringify(name)})` : `${list}[${i}]`;
	};
	function parseEach<T>(list: 'slots' | 'participants' | 'requests' | 'fixed', values: unknown[], schema: z.ZodType<T>): (T | undefined)[] {
		return values.map((value, i) => {
			const r = schema.safeParse(value);
			if (r.success) return r.data;
			for (const issue of r.error.issues) {
				const field = issue.path.join('.');
				let at: unknown = value;
				for (const key of issue.path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
				const message = !field && (typeof value !== 'object' || value === null || Array.isArray(value)) ? 'must be an object' : `${field ? `"${field}" ` : ''}${at === undefined ? 'is missing' : issue.message}`;
				add(`${list}.${i}${field ? `.${field}` : ''}`, `${entry(list, i, value)}: ${message}`);
			}
			return undefined;
		});
	}
	const slots = parseEach<Slot>('slots', input.slots, slotSchema);
	const participants = parseEach<Participant>('participants', input.participants, participantSchema);
	const requests = parseEach<MeetingRequest>('requests', input.requests, requestSchema);
	const fixed = parseEach<FixedMeeting>('fixed', input.fixed ?? [], fixedSchema);

	/** Index of each id (of the entries that have a string id); a repeated id is reported on its later entries. */
	function index(list: 'slots' | 'participants' | 'requests', values: unknown[]): Map<string, number> {
		const seen = new Map<string, number>();
		values.forEach((v, i) => {
			const key = (v as { id?: unknown } | null)?.id;
			if (typeof key !== 'string' || !key) return;
			const first = seen.get(key);
			if (first !== undefined) add(`${list}.${i}.id`, `${entry(list, i, v)}: duplicate id, already used by ${list}[${first}]`);
			else seen.set(key, i);
		});
		return seen;
	}
	const slotIndex = index('slots', input.slots);
	const personIndex = index('participants', input.participants);
	const requestIndex = index('requests', input.requests);

	const times = slots.map((s) => (s ? { start: Date.parse(s.start), end: Date.parse(s.end) } : undefined));
	slots.forEach((s, i) => {
		if (s && times[i]!.end <= times[i]!.start) add(`slots.${i}.end`, `${entry('slots', i, s)}: "end" is not after "start"`);
	});
	const byStart = slots.map((_, i) => i).filter((i) => slots[i] && times[i]!.end > times[i]!.start).sort((a, b) => times[a]!.start - times[b]!.start || a - b);
	for (let k = 1; k < byStart.length; k++) {
		const a = byStart[k - 1];
		const b = byStart[k];
		if (times[b]!.start < times[a]!.end) add(`slots.${b}`, `${entry('slots', b, slots[b])}: overlaps slots[${a}] (id ${JSON.stringify(slots[a]!.id)})`);
	}

	const availability = new Map<string, Set<string> | undefined>();
	participants.forEach((p, i) => {
		if (!p) return;
		availability.set(p.id, p.available ? new Set(p.available) : undefined);
		p.available?.forEach((sid, k) => {
			if (!slotIndex.has(sid)) add(`participants.${i}.available.${k}`, `${entry('participants', i, p)}: unknown slot ${JSON.stringify(sid)} in "available"`);
		});
	});
	const attends = (person: string, slot: string) => {
		const a = availability.get(person);
		return !a || a.has(slot);
	};

	requests.forEach((r, i) => {
		if (!r) return;
		let known = true;
		for (const field of ['from', 'to'] as const) {
			if (!personIndex.has(r[field])) {
				add(`requests.${i}.${field}`, `${entry('requests', i, r)}: unknown participant ${JSON.stringify(r[field])} in "${field}"`);
				known = false;
			}
		}
		if (known && r.from === r.to) add(`requests.${i}.to`, `${entry('requests', i, r)}: a participant cannot meet itself ("from" and "to" are both ${JSON.stringify(r.to)})`);
	});

	// Pins: each valid alone, then no two in conflict.
	const pinnedRequest = new Map<string, number>();
	const pinnedPair = new Map<string, number>();
	const busy = new Map<string, number>();
	const tableTaken = new Map<string, number>();
	const perSlot = new Map<string, number>();
	fixed.forEach((f, i) => {
		if (!f) return;
		const where = entry('fixed', i, f);
		const ri = requestIndex.get(f.request);
		const r = ri === undefined ? undefined : requests[ri];
		let ok = true;
		if (ri === undefined) {
			add(`fixed.${i}.request`, `${where}: unknown request ${JSON.stringify(f.request)}`);
			ok = false;
		}
		if (!slotIndex.has(f.slot)) {
			add(`fixed.${i}.slot`, `${where}: unknown slot ${JSON.stringify(f.slot)}`);
			ok = false;
		}
		if (f.table !== undefined && f.table > input.tables) {
			add(`fixed.${i}.table`, `${where}: table ${f.table} does not exist (there ${input.tables === 1 ? 'is 1 table' : `are ${input.tables} tables`})`);
			ok = false;
		}
		if (!ok || !r || r.from === r.to || !personIndex.has(r.from) || !personIndex.has(r.to)) return;
		for (const person of [r.from, r.to]) {
			if (!attends(person, f.slot)) add(`fixed.${i}.slot`, `${where}: participant ${JSON.stringify(person)} is not available in slot ${JSON.stringify(f.slot)}`);
		}
		const again = pinnedRequest.get(f.request);
		if (again !== undefined) {
			add(`fixed.${i}.request`, `${where}: request already pinned by fixed[${again}]`);
			return;
		}
		pinnedRequest.set(f.request, i);
		const pair = r.from < r.to ? `${r.from}\u0000${r.to}` : `${r.to}\u0000${r.from}`;
		const samePair = pinnedPair.get(pair);
		if (samePair !== undefined) add(`fixed.${i}.request`, `${where}: ${JSON.stringify(r.from)} and ${JSON.stringify(r.to)} already meet in fixed[${samePair}] (a pair meets once)`);
		else pinnedPair.set(pair, i);
		for (const person of [r.from, r.to]) {
			const key = `${person}\u0000${f.slot}`;
			const other = busy.get(key);
			if (other !== undefined) add(`fixed.${i}.slot`, `${where}: participant ${JSON.stringify(person)} already has fixed[${other}] in slot ${JSON.stringify(f.slot)}`);
			else busy.set(key, i);
		}
		if (f.table !== undefined) {
			const key = `${f.slot}\u0000${f.table}`;
			const other = tableTaken.get(key);
			if (other !== undefined) add(`fixed.${i}.table`, `${where}: table ${f.table} of slot ${JSON.stringify(f.slot)} is already taken by fixed[${other}]`);
			else tableTaken.set(key, i);
		}
		const n = (perSlot.get(f.slot) ?? 0) + 1;
		perSlot.set(f.slot, n);
		if (n === input.tables + 1) add(`fixed.${i}.slot`, `${where}: more meetings pinned in slot ${JSON.stringify(f.slot)} than there are tables (${input.tables})`);
	});

	if (issues.length) return finish();
	return {
		ok: true,
		value: {
			slots: slots as Slot[],
			tables: input.tables,
			participants: participants as Participant[],
			requests: requests as MeetingRequest[],
			...(input.fixed ? { fixed: fixed as FixedMeeting[] } : {})
		}
	};
}
