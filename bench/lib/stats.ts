// Timing helpers: repeated runs summarised as percentiles (nearest rank), in milliseconds.

export interface Summary {
	/** The very first call, before any warm-up (cold caches, first planning). */
	firstMs: number;
	iterations: number;
	p50: number;
	p95: number;
	max: number;
	min: number;
	mean: number;
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil(p * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	if (s.length === 0) return NaN;
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function measure(fn: () => Promise<unknown>, opts: { warmup: number; iterations: number }): Promise<Summary> {
	let t = performance.now();
	await fn();
	const firstMs = performance.now() - t;
	for (let i = 0; i < opts.warmup; i++) await fn();
	const samples: number[] = [];
	for (let i = 0; i < opts.iterations; i++) {
		t = performance.now();
		await fn();
		samples.push(performance.now() - t);
	}
	samples.sort((a, b) => a - b);
	return {
		firstMs: round(firstMs),
		iterations: samples.length,
		p50: round(percentile(samples, 0.5)),
		p95: round(percentile(samples, 0.95)),
		max: round(samples[samples.length - 1]),
		min: round(samples[0]),
		mean: round(samples.reduce((s, x) => s + x, 0) / samples.length)
	};
}
