// The server-side map of France: every département and région drawn inside the picture, overseas ones in
// their insets, colours that grow with the counts, points where they belong.
import { describe, expect, it } from 'vitest';
import { countClasses, franceMap, MAP_PALETTE, MAP_ZERO_FILL, projectLonLat, type FranceMapData } from './map';
import { allRegions } from './communes';

type Box = [number, number, number, number];

/** Bounds of path data made of absolute commands (what d3-geo's geoPath writes). */
function pathBounds(d: string): Box {
	const numbers = (d.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
	const xs = numbers.filter((_, i) => i % 2 === 0);
	const ys = numbers.filter((_, i) => i % 2 === 1);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function insideBox([x0, y0, x1, y1]: Box, [bx0, by0, bx1, by1]: Box, slack = 0.5): boolean {
	return x0 >= bx0 - slack && y0 >= by0 - slack && x1 <= bx1 + slack && y1 <= by1 + slack;
}

function expectAllInside(map: FranceMapData) {
	const view: Box = [0, 0, map.width, map.height];
	for (const area of map.areas) {
		expect(area.path, area.code).toMatch(/^M/);
		expect([area.code, insideBox(pathBounds(area.path), view)]).toEqual([area.code, true]);
		// An inverted ring would cover the whole picture: no area is more than a quarter of it.
		const [x0, y0, x1, y1] = pathBounds(area.path);
		expect((x1 - x0) * (y1 - y0), area.code).toBeLessThan((map.width * map.height) / 4);
	}
}

const overseas = ['971', '972', '973', '974', '976'];

describe('franceMap by département', () => {
	const map = franceMap({ level: 'departement', counts: new Map() });

	it('draws the 101 départements inside the viewBox', () => {
		expect(map.areas).toHaveLength(101);
		expect(new Set(map.areas.map((a) => a.code)).size).toBe(101);
		expect(map.areas.map((a) => a.code)).toEqual(expect.arrayContaining(['01', '2A', '2B', '33', '75', '95', ...overseas]));
		expect(map.viewBox).toBe(`0 0 ${map.width} ${map.height}`);
		expect(map.width).toBe(600);
		expect(map.height).toBeGreaterThan(250);
		expectAllInside(map);
	});

	it('names départements as INSEE does', () => {
		const byCode = new Map(map.areas.map((a) => [a.code, a.name]));
		expect(byCode.get('33')).toBe('Gironde');
		expect(byCode.get('974')).toBe('La Réunion');
		expect(byCode.get('2A')).toBe('Corse-du-Sud');
	});

	it('draws the overseas départements in insets apart from the mainland', () => {
		const frames = [...(map.insetFrames ?? '').matchAll(/M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)H[\d.]+Z/g)].map(
			(m) => [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as Box
		);
		expect(frames).toHaveLength(5);
		const mainland = map.areas.filter((a) => !overseas.includes(a.code)).map((a) => pathBounds(a.path));
		const mainlandBox: Box = [
			Math.min(...mainland.map((b) => b[0])),
			Math.min(...mainland.map((b) => b[1])),
			Math.max(...mainland.map((b) => b[2])),
			Math.max(...mainland.map((b) => b[3]))
		];
		for (const code of overseas) {
			const area = map.areas.find((a) => a.code === code)!;
			const box = pathBounds(area.path);
			expect([code, frames.filter((f) => insideBox(box, f)).length]).toEqual([code, 1]);
			// Legible: at least a few pixels across.
			expect(Math.max(box[2] - box[0], box[3] - box[1]), code).toBeGreaterThan(8);
			const overlapsMainland = box[0] < mainlandBox[2] && box[2] > mainlandBox[0] && box[1] < mainlandBox[3] && box[3] > mainlandBox[1];
			expect([code, overlapsMainland]).toEqual([code, false]);
		}
	});

	it('projects Bordeaux into the Gironde', () => {
		const withPoint = franceMap({ level: 'departement', counts: new Map(), points: [{ lon: -0.58, lat: 44.84, count: 3, label: 'Bordeaux' }] });
		expect(withPoint.points).toHaveLength(1);
		const { x, y, label } = withPoint.points[0];
		expect(label).toBe('Bordeaux');
		const gironde = pathBounds(withPoint.areas.find((a) => a.code === '33')!.path);
		expect(insideBox([x, y, x, y], gironde, 0)).toBe(true);
		for (const other of ['24', '40', '47', '17']) {
			expect([other, insideBox([x, y, x, y], pathBounds(withPoint.areas.find((a) => a.code === other)!.path), 0)]).not.toEqual([other, true]);
		}
		expect(projectLonLat(-0.58, 44.84)).toEqual([expect.closeTo(x, 0), expect.closeTo(y, 0)]);
	});

	it('sizes circles by the square root of the count, within bounds, and drops places off the map', () => {
		const { points } = franceMap({
			level: 'departement',
			counts: new Map(),
			points: [
				{ lon: 2.35, lat: 48.85, count: 100, label: 'Paris' },
				{ lon: 4.83, lat: 45.76, count: 25, label: 'Lyon' },
				{ lon: 5.37, lat: 43.3, count: 1, label: 'Marseille' },
				{ lon: -74, lat: 40.7, count: 50, label: 'New York' },
				{ lon: 1.44, lat: 43.6, count: 0, label: 'Toulouse' }
			]
		});
		expect(points.map((p) => p.label)).toEqual(['Paris', 'Lyon', 'Marseille']);
		const [paris, lyon, marseille] = points;
		expect(paris.r / lyon.r).toBeCloseTo(2, 1);
		expect(paris.r).toBeLessThanOrEqual(20);
		expect(marseille.r).toBeGreaterThanOrEqual(2.5);
	});

	it('computes the paths once per level and width', () => {
		const again = franceMap({ level: 'departement', counts: new Map([['33', 4]]) });
		expect(again.areas.map((a) => a.path)).toEqual(map.areas.map((a) => a.path));
		const wider = franceMap({ level: 'departement', counts: new Map(), width: 900 });
		expect(wider.width).toBe(900);
		expect(wider.height / wider.width).toBeCloseTo(map.height / map.width, 1);
		expectAllInside(wider);
	});
});

describe('franceMap by région', () => {
	it('merges the départements into the 18 régions', () => {
		const map = franceMap({ level: 'region', counts: new Map([['75', 3]]) });
		expect(map.areas).toHaveLength(18);
		const expected = allRegions()
			.map((r) => r.code)
			.filter((c) => c.length === 2);
		expect(map.areas.map((a) => a.code).sort()).toEqual(expected.sort());
		expectAllInside(map);
		const nouvelleAquitaine = map.areas.find((a) => a.code === '75')!;
		expect(nouvelleAquitaine.name).toBe('Nouvelle-Aquitaine');
		expect(nouvelleAquitaine.count).toBe(3);
		// A merged région is drawn as one outline, smaller than its départements' paths put together.
		const deps = franceMap({ level: 'departement', counts: new Map() }).areas.filter((a) => ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'].includes(a.code));
		expect(nouvelleAquitaine.path.length).toBeLessThan(deps.reduce((sum, a) => sum + a.path.length, 0));
	});
});

describe('colours', () => {
	const rank = (fill: string) => (fill === MAP_ZERO_FILL ? -1 : MAP_PALETTE.indexOf(fill as (typeof MAP_PALETTE)[number]));

	it('darkens with the count: zero grey, then the palette in order', () => {
		const codes = franceMap({ level: 'departement', counts: new Map() }).areas.map((a) => a.code);
		// A skewed spread of counts, as member counts are.
		const counts = new Map(codes.map((c, i) => [c, i % 3 === 0 ? 0 : Math.floor(1.07 ** i)]));
		const map = franceMap({ level: 'departement', counts });
		const sorted = [...map.areas].sort((a, b) => a.count - b.count);
		for (let i = 1; i < sorted.length; i++) expect(rank(sorted[i].fill)).toBeGreaterThanOrEqual(rank(sorted[i - 1].fill));
		expect(new Set(map.areas.filter((a) => a.count > 0).map((a) => a.fill)).size).toBe(5);
		expect(map.areas.filter((a) => a.count === 0).every((a) => a.fill === MAP_ZERO_FILL)).toBe(true);
		// The legend: zero, then contiguous classes covering every count.
		expect(map.legend[0]).toEqual({ from: 0, to: 0, fill: MAP_ZERO_FILL });
		for (let i = 2; i < map.legend.length; i++) expect(map.legend[i].from).toBe(map.legend[i - 1].to + 1);
		expect(map.legend.at(-1)!.to).toBe(Math.max(...counts.values()));
		for (const area of map.areas) {
			const entry = map.legend.find((l) => area.count >= l.from && area.count <= l.to);
			expect([area.code, entry?.fill]).toEqual([area.code, area.fill]);
		}
	});

	it('writes counts in a colour legible on their fill', () => {
		const map = franceMap({ level: 'region', counts: new Map([['75', 1], ['11', 2], ['84', 3], ['93', 4], ['76', 50]]) });
		const byCode = new Map(map.areas.map((a) => [a.code, a]));
		expect(byCode.get('76')!.fill).toBe(MAP_PALETTE[4]);
		expect(byCode.get('76')!.textColor).toBe('#ffffff');
		expect(byCode.get('75')!.textColor).toBe('#1f2430');
		expect(byCode.get('53')!.textColor).toBe('#1f2430');
	});

	it('makes fewer classes when there are few distinct counts, keeping the largest dark', () => {
		expect(countClasses([])).toEqual([]);
		expect(countClasses([0, 0])).toEqual([]);
		expect(countClasses([2, 2, 2])).toEqual([{ from: 2, to: 2, fill: MAP_PALETTE[2] }]);
		expect(countClasses([1, 1, 1, 1, 5])).toEqual([
			{ from: 1, to: 1, fill: MAP_PALETTE[1] },
			{ from: 2, to: 5, fill: MAP_PALETTE[3] }
		]);
		const five = countClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(five.map((c) => [c.from, c.to])).toEqual([
			[1, 2],
			[3, 4],
			[5, 6],
			[7, 8],
			[9, 10]
		]);
		expect(five.map((c) => c.fill)).toEqual([...MAP_PALETTE]);
	});
});
