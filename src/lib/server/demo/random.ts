// The demo's deterministic random source (mulberry32), shared by the CRM seed and the showcase seed.
function mulberry32(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Seeded random choices, so the demo is the same on every machine. */
export class Random {
	private next: () => number;
	constructor(seed: number) {
		this.next = mulberry32(seed);
	}
	float(): number {
		return this.next();
	}
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.next() * list.length)];
	}
	weighted<T>(entries: readonly (readonly [T, number])[]): T {
		const total = entries.reduce((s, [, w]) => s + w, 0);
		let r = this.next() * total;
		for (const [v, w] of entries) {
			r -= w;
			if (r < 0) return v;
		}
		return entries[entries.length - 1][0];
	}
	/** One item, each with its weight (weights ≤ 0 are never picked unless all are). */
	weightedPick<T>(list: readonly T[], weight: (t: T) => number): T {
		const ws = list.map((t) => Math.max(0, weight(t)));
		const total = ws.reduce((s, w) => s + w, 0);
		if (total <= 0) return this.pick(list);
		let r = this.next() * total;
		for (let i = 0; i < list.length; i++) {
			r -= ws[i];
			if (r < 0) return list[i];
		}
		return list[list.length - 1];
	}
	sample<T>(list: readonly T[], n: number): T[] {
		const copy = [...list];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[copy[i], copy[j]] = [copy[j], copy[i]];
		}
		return copy.slice(0, Math.max(0, Math.min(n, copy.length)));
	}
}
