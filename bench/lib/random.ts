// Deterministic randomness for the benchmark data set: the same seed gives the same 10,000 organizations.

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

export class Random {
	private next: () => number;
	constructor(seed: number) {
		this.next = mulberry32(seed);
	}
	float(): number {
		return this.next();
	}
	/** An integer in [min, max]. */
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
	/** n distinct items (fewer when the list is shorter). */
	sample<T>(list: readonly T[], n: number): T[] {
		const copy = [...list];
		const k = Math.min(n, copy.length);
		for (let i = 0; i < k; i++) {
			const j = i + Math.floor(this.next() * (copy.length - i));
			[copy[i], copy[j]] = [copy[j], copy[i]];
		}
		return copy.slice(0, k);
	}
	/** A version-4-shaped UUID drawn from the seed (ids stay stable from one run to the next). */
	uuid(): string {
		const hex = (n: number) =>
			Array.from({ length: n }, () => Math.floor(this.next() * 16).toString(16)).join('');
		const variant = (8 + Math.floor(this.next() * 4)).toString(16);
		return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
	}
}

/**
 * Draws from a large weighted list in O(log n) (cumulative weights + binary search),
 * for the 35,000 communes weighted by population.
 */
export class WeightedTable<T> {
	private cumulative: Float64Array;
	private total: number;
	constructor(
		private items: readonly T[],
		weight: (item: T) => number
	) {
		this.cumulative = new Float64Array(items.length);
		let sum = 0;
		items.forEach((item, i) => {
			sum += Math.max(0, weight(item));
			this.cumulative[i] = sum;
		});
		this.total = sum;
	}
	draw(rng: Random): T {
		const r = rng.float() * this.total;
		let lo = 0;
		let hi = this.cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.cumulative[mid] > r) hi = mid;
			else lo = mid + 1;
		}
		return this.items[lo];
	}
}

/** Zipf-like weights by rank: the first items of a list are the most frequent. */
export function zipf<T>(list: readonly T[], offset = 3): [T, number][] {
	return list.map((item, rank) => [item, 1 / (rank + offset)]);
}
