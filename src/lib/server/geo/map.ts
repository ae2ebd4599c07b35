// Choropleth maps of France (départements or régions) computed on the server as plain SVG path data:
// overseas départements sit in insets (d3-composite-projections' geoConicConformalFrance).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as d3Geo from 'd3-geo';
import { geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo';
import { feature, merge } from 'topojson-client';
import type { Topology, GeometryCollection, Polygon, MultiPolygon } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import topology from './data/fr-departements.topo.json' with { type: 'json' };
import { allDepartements, allRegions } from './communes';
import { inseeDepartementCode } from './map-codes';

const require = createRequire(import.meta.url);

export type MapLevel = 'departement' | 'region';

export interface MapArea {
	/** INSEE code: département (`33`, `2A`, `971`) or région (`75`). */
	code: string;
	name: string;
	/** SVG path data in the map's viewBox. */
	path: string;
	count: number;
	fill: string;
	/** Text colour legible on `fill` (for a count printed at cx, cy). */
	textColor: string;
	cx: number;
	cy: number;
	/** Whether a short number printed at (cx, cy) fits inside the area. */
	labelFits: boolean;
}

export interface MapPoint {
	x: number;
	y: number;
	r: number;
	count: number;
	label: string;
}

export interface LegendClass {
	from: number;
	to: number;
	fill: string;
}

export interface FranceMapData {
	width: number;
	height: number;
	viewBox: string;
	areas: MapArea[];
	points: MapPoint[];
	/** Zero first (when an area has none), then the classes in increasing order. */
	legend: LegendClass[];
	/** Path data of the frames around the overseas insets. */
	insetFrames?: string;
}

export interface FranceMapInput {
	level: MapLevel;
	/** Count per INSEE code of the level (département or région); missing codes count 0. */
	counts: Map<string, number>;
	points?: { lon: number; lat: number; count: number; label: string }[];
	width?: number;
}

/** ColorBrewer YlGnBu (6 classes, the palest dropped so it stays distinct from the zero grey), light to dark. */
export const MAP_PALETTE = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'] as const;
export const MAP_ZERO_FILL = '#e4e7ec';
const DARK_TEXT = '#1f2430';
const LIGHT_TEXT = '#ffffff';
const PADDING = 4;
/** Pixels a simplified border may stray from the original. */
const SIMPLIFY_TOLERANCE = 0.4;

type DepartementProps = { name: string };
type DepartementsTopology = Topology<{ departements: GeometryCollection<DepartementProps> }>;
const topo = topology as unknown as DepartementsTopology;

let composite: (() => GeoProjection) | undefined;

/**
 * d3-composite-projections ships an ESM entry whose imports Node cannot resolve and a UMD build inside a
 * `"type": "module"` package, which Node therefore loads as ESM, where it exports nothing. So the UMD
 * source is evaluated as CommonJS with our own d3-geo: this works the same under Vite (dev, tests) and in
 * plain Node after `vite build` (node_modules external). d3-path only serves getCompositionBorders.
 */
function geoConicConformalFrance(): GeoProjection {
	if (!composite) {
		const file = require.resolve('d3-composite-projections/d3-composite-projections.js');
		const mod = { exports: {} as Record<string, unknown> };
		const deps: Record<string, unknown> = {
			'd3-geo': d3Geo,
			'd3-path': {
				get path() {
					return (require('d3-path') as { path: unknown }).path;
				}
			}
		};
		const load = new Function('exports', 'module', 'require', 'define', readFileSync(file, 'utf8'));
		load(mod.exports, mod, (id: string) => deps[id], undefined);
		const make = mod.exports.geoConicConformalFrance;
		if (typeof make !== 'function') throw new Error('d3-composite-projections: geoConicConformalFrance not found');
		composite = make as () => GeoProjection;
	}
	return composite();
}

/**
 * The insets of geoConicConformalFrance used by our départements, as [x0, y0, x1, y1] in units of the
 * projection's scale around its translate (the clip extents in the library's conicConformalFrance.js).
 */
const INSETS: Record<string, [number, number, number, number]> = {
	'971': [-0.14, -0.032, -0.0996, 0],
	'972': [-0.14, 0, -0.0996, 0.029],
	'973': [-0.14, 0.029, -0.0996, 0.0864],
	'974': [0.0967, -0.052, 0.1371, -0.02],
	'976': [0.0967, -0.076, 0.1371, -0.052]
};

interface Shape {
	code: string;
	name: string;
	geometry: Feature<Geometry>;
}

function departementShapes(topo: DepartementsTopology): Shape[] {
	const names = new Map(allDepartements().map((d) => [d.code, d.nom]));
	return feature(topo, topo.objects.departements)
		.features.map((f) => {
			const code = inseeDepartementCode(String(f.id));
			return { code, name: names.get(code) ?? f.properties.name, geometry: f as Feature<Geometry> };
		})
		.sort((a, b) => a.code.localeCompare(b.code)); // the order keyboard users tab through
}

function regionShapes(topo: DepartementsTopology): Shape[] {
	const regionOf = new Map(allDepartements().map((d) => [d.code, d.region]));
	const groups = new Map<string, (Polygon | MultiPolygon)[]>();
	for (const g of topo.objects.departements.geometries) {
		const region = regionOf.get(inseeDepartementCode(String(g.id)));
		if (!region) throw new Error(`No région for département ${g.id}`);
		const list = groups.get(region) ?? [];
		list.push(g as Polygon | MultiPolygon);
		groups.set(region, list);
	}
	return allRegions()
		.filter((r) => groups.has(r.code))
		.map((r) => ({
			code: r.code,
			name: r.nom,
			geometry: { type: 'Feature', properties: {}, geometry: merge(topo, groups.get(r.code)!) } as Feature<Geometry>
		}));
}

/** The arcs in absolute [lon, lat] (the file's are quantized and delta-encoded). */
let decodedArcs: [number, number][][] | undefined;
function absoluteArcs(): [number, number][][] {
	if (decodedArcs) return decodedArcs;
	const t = topo.transform;
	decodedArcs = topo.arcs.map((arc) => {
		let x = 0;
		let y = 0;
		return arc.map(([dx, dy]) => {
			if (!t) return [dx, dy] as [number, number];
			x += dx;
			y += dy;
			return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] as [number, number];
		});
	});
	return decodedArcs;
}

/** Douglas–Peucker: indices of the points to keep so that no dropped point is farther than `tolerance`. */
function keepIndices(points: ([number, number] | null)[], tolerance: number): number[] {
	const keep = new Uint8Array(points.length);
	keep[0] = keep[points.length - 1] = 1;
	const stack: [number, number][] = [[0, points.length - 1]];
	while (stack.length) {
		const [a, b] = stack.pop()!;
		const pa = points[a];
		const pb = points[b];
		let worst = -1;
		let worstDistance = tolerance;
		for (let i = a + 1; i < b; i++) {
			const p = points[i];
			const d = !p || !pa || !pb ? Infinity : segmentDistance(p, pa, pb);
			if (d > worstDistance) {
				worstDistance = d;
				worst = i;
			}
		}
		if (worst >= 0) {
			keep[worst] = 1;
			stack.push([a, worst], [worst, b]);
		}
	}
	const out: number[] = [];
	keep.forEach((k, i) => k && out.push(i));
	return out;
}

function segmentDistance([x, y]: [number, number], [x0, y0]: [number, number], [x1, y1]: [number, number]): number {
	const dx = x1 - x0;
	const dy = y1 - y0;
	const length2 = dx * dx + dy * dy;
	const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length2));
	return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
}

/**
 * The topology with its arcs simplified in screen space for this projection (Natural Earth 1:10m has far
 * more detail than a 600 px map shows). Arcs are shared between neighbours, so borders stay seamless.
 */
function simplifiedTopology(projection: GeoProjection, tolerance: number): DepartementsTopology {
	const arcs = absoluteArcs().map((arc) => {
		const kept = keepIndices(
			arc.map((p) => projection(p)),
			tolerance
		).map((i) => arc[i]);
		// A closed arc (a small island) needs four positions to stay a ring.
		return kept.length < 4 && arc.length >= 4 && samePoint(arc[0], arc[arc.length - 1]) ? arc : kept;
	});
	return { type: 'Topology', objects: topo.objects, arcs } as DepartementsTopology;
}

function samePoint(a: [number, number], b: [number, number]): boolean {
	return a[0] === b[0] && a[1] === b[1];
}

interface Frame {
	width: number;
	height: number;
	projection: GeoProjection;
	shapes: { code: string; name: string; path: string; cx: number; cy: number; labelFits: boolean }[];
	insetFrames: string;
}

const frames = new Map<string, Frame>();
const MAX_CACHED_FRAMES = 8;

function insetRects(projection: GeoProjection): [number, number, number, number][] {
	const k = projection.scale();
	const [tx, ty] = projection.translate();
	return Object.values(INSETS).map(([x0, y0, x1, y1]) => [tx + x0 * k, ty + y0 * k, tx + x1 * k, ty + y1 * k]);
}

/** Projected paths of one level at one width: they never change, so they are computed once. */
function frameFor(level: MapLevel, width: number): Frame {
	const key = `${level}:${width}`;
	const cached = frames.get(key);
	if (cached) return cached;
	// Fit the width (the composite's own fitSize fits a given height too): measure at a reference
	// scale, including the inset frames, then scale and translate so the bounds start at the padding.
	const outline = { type: 'FeatureCollection', features: departementShapes(topo).map((s) => s.geometry) } as GeoPermissibleObjects;
	const reference = 1000;
	const projection = geoConicConformalFrance().scale(reference).translate([0, 0]);
	const [[fx0, fy0], [fx1, fy1]] = geoPath(projection).bounds(outline);
	const rects = insetRects(projection);
	const bx0 = Math.min(fx0, ...rects.map((r) => r[0]));
	const by0 = Math.min(fy0, ...rects.map((r) => r[1]));
	const bx1 = Math.max(fx1, ...rects.map((r) => r[2]));
	const by1 = Math.max(fy1, ...rects.map((r) => r[3]));
	const ratio = (width - 2 * PADDING) / (bx1 - bx0);
	projection.scale(reference * ratio).translate([PADDING - bx0 * ratio, PADDING - by0 * ratio]);
	const height = Math.ceil((by1 - by0) * ratio + 2 * PADDING);

	const simplified = simplifiedTopology(projection, SIMPLIFY_TOLERANCE);
	const shapes = level === 'region' ? regionShapes(simplified) : departementShapes(simplified);
	const path = geoPath(projection).digits(1);
	const projected = shapes.map((s) => {
		const [cx, cy] = path.centroid(s.geometry);
		const [[x0, y0], [x1, y1]] = path.bounds(s.geometry);
		return {
			code: s.code,
			name: s.name,
			path: path(s.geometry) ?? '',
			cx: round(cx),
			cy: round(cy),
			labelFits: x1 - x0 >= 22 && y1 - y0 >= 16 && path.area(s.geometry) >= 350
		};
	});
	const insetFrames = insetRects(projection)
		.map(([x0, y0, x1, y1]) => `M${round(x0)},${round(y0)}H${round(x1)}V${round(y1)}H${round(x0)}Z`)
		.join('');
	const frame: Frame = { width, height, projection, shapes: projected, insetFrames };
	// Widths are the callers' constants; should one pass a width from a request, the cache stays small.
	if (frames.size >= MAX_CACHED_FRAMES) frames.delete(frames.keys().next().value!);
	frames.set(key, frame);
	return frame;
}

function round(n: number): number {
	return Math.round(n * 10) / 10;
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Dark or white, whichever contrasts more with the background. */
export function textColorOn(fill: string): string {
	const l = luminance(fill);
	const dark = luminance(DARK_TEXT);
	return (l + 0.05) / (dark + 0.05) >= 1.05 / (l + 0.05) ? DARK_TEXT : LIGHT_TEXT;
}

/** Which palette entries to use for fewer than five classes: spread, so that the top class stays dark. */
const SPREAD: Record<number, number[]> = { 1: [2], 2: [1, 3], 3: [0, 2, 4], 4: [0, 1, 3, 4], 5: [0, 1, 2, 3, 4] };

/**
 * Up to five classes of positive counts: the upper bounds are the quintiles of the counts (ties
 * collapse, so few distinct values give fewer classes), and the classes are contiguous integer ranges.
 */
export function countClasses(values: number[]): LegendClass[] {
	const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
	if (sorted.length === 0) return [];
	const uppers: number[] = [];
	for (let i = 1; i <= 5; i++) {
		const upper = sorted[Math.max(0, Math.ceil((i / 5) * sorted.length) - 1)];
		if (uppers.length === 0 || upper > uppers[uppers.length - 1]) uppers.push(upper);
	}
	const fills = SPREAD[uppers.length].map((i) => MAP_PALETTE[i]);
	return uppers.map((to, i) => ({ from: i === 0 ? sorted[0] : Math.floor(uppers[i - 1]) + 1, to, fill: fills[i] }));
}

function fillFor(count: number, classes: LegendClass[]): string {
	if (!(count > 0)) return MAP_ZERO_FILL;
	return (classes.find((c) => count <= c.to) ?? classes[classes.length - 1]).fill;
}

/** Projects [lon, lat] on the map of this width (null outside France and its insets). */
export function projectLonLat(lon: number, lat: number, width = 600): [number, number] | null {
	// Both levels share the projection (fitted to the départements).
	return frameFor('departement', normalizeWidth(width)).projection([lon, lat]);
}

function normalizeWidth(width: number): number {
	if (!Number.isFinite(width)) return 600;
	return Math.min(2400, Math.max(200, Math.round(width)));
}

/** A choropleth of France by département or région, with optional proportional circles. */
export function franceMap({ level, counts, points = [], width = 600 }: FranceMapInput): FranceMapData {
	const frame = frameFor(level, normalizeWidth(width));
	const countOf = (code: string) => Math.max(0, counts.get(code) ?? 0);
	const classes = countClasses(frame.shapes.map((s) => countOf(s.code)));
	const areas = frame.shapes.map((s) => {
		const count = countOf(s.code);
		const fill = fillFor(count, classes);
		return { ...s, count, fill, textColor: textColorOn(fill) };
	});
	const legend = areas.some((a) => a.count === 0) ? [{ from: 0, to: 0, fill: MAP_ZERO_FILL }, ...classes] : classes;

	const shown = points.filter((p) => p.count > 0 && Number.isFinite(p.lon) && Number.isFinite(p.lat));
	const max = Math.max(0, ...shown.map((p) => p.count));
	const rMax = Math.max(8, frame.width / 30);
	const rMin = 2.5;
	const projected: MapPoint[] = [];
	for (const p of shown) {
		const at = frame.projection([p.lon, p.lat]);
		if (!at) continue;
		// Area proportional to the count: one organization is a small dot, the largest place at most rMax
		// (relative to the largest point only once it is large, so a map of single members stays light).
		const r = Math.min(rMax, Math.max(rMin, 3 * Math.sqrt(p.count) * Math.min(1, (rMax / 3) / Math.sqrt(Math.max(1, max)))));
		projected.push({ x: round(at[0]), y: round(at[1]), r: round(r), count: p.count, label: p.label });
	}
	// Largest first, so the small circles are drawn on top.
	projected.sort((a, b) => b.r - a.r);

	return {
		width: frame.width,
		height: frame.height,
		viewBox: `0 0 ${frame.width} ${frame.height}`,
		areas,
		points: projected,
		legend,
		insetFrames: frame.insetFrames
	};
}
