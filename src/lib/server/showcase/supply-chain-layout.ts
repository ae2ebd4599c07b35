// The layout of the materials supply-chain map ("cartographie des filières"): value-chain stages as columns,
// declared supply links aggregated into ribbons between stages, coloured by material. Pure geometry.

export interface SupplyChainInput {
	stages: { id: string; name: string; position: number }[];
	organizations: { id: string; name: string; slug: string; stageIds: string[] }[];
	links: { supplierId: string; customerId: string; material: string }[];
}

export interface SupplyChainOptions {
	/** Width of the drawing in px (the viewBox; the SVG scales). */
	width?: number;
	/** Height of the tallest stage column in px. */
	maxNodeHeight?: number;
}

export interface StageMember {
	id: string;
	name: string;
	slug: string;
}

export interface StageNode {
	id: string;
	name: string;
	position: number;
	x: number;
	y: number;
	width: number;
	height: number;
	/** Members on this stage (an organization on several stages counts in each). */
	memberCount: number;
	/** Sorted by name, for the caller to list as links to their pages. */
	members: StageMember[];
	/**
	 * The name wrapped to the column's width, to print centred at label.x, the first line's baseline at
	 * label.y and the next ones lineHeight apart; countY is the baseline of a line for the member count.
	 */
	label: { x: number; y: number; lineHeight: number; lines: string[]; countY: number };
}

export type FlowDirection = 'forward' | 'backward' | 'self';

export interface FlowRibbon {
	id: string;
	fromStageId: string;
	toStageId: string;
	fromStageName: string;
	toStageName: string;
	material: string;
	colour: string;
	/** Number of supply links aggregated in this ribbon. */
	count: number;
	/** Stroke width of `path` in px: count × linkUnit. */
	thickness: number;
	/** Centre line of the ribbon, to stroke with `thickness` (no fill). */
	path: string;
	direction: FlowDirection;
	/** Where the ribbon leaves the supplier stage (its right side) and reaches the customer stage (its left side). */
	from: { x: number; y0: number; y1: number };
	to: { x: number; y0: number; y1: number };
}

export interface MaterialColour {
	material: string;
	colour: string;
	count: number;
}

export interface SupplyChainLayout {
	width: number;
	height: number;
	viewBox: string;
	nodeWidth: number;
	/** Thickness in px of one supply link. */
	linkUnit: number;
	stages: StageNode[];
	flows: FlowRibbon[];
	/** By decreasing number of links: the legend. */
	materials: MaterialColour[];
	/** Links drawn; links whose supplier or customer is unknown or on no stage are left out and counted. */
	placedLinks: number;
	unplacedLinks: number;
}

/** Okabe–Ito's colour-blind-safe qualitative palette (its yellow and black replaced), then grey for the rest. */
export const MATERIAL_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#8C6D31', '#999933'] as const;
export const OTHER_MATERIAL_COLOUR = '#8c8c8c';

const NODE_WIDTH = 14;
const LINE_HEIGHT = 15;
const CHAR_WIDTH = 7.6; // px per character of the 12px bold labels, generous so neighbours never touch
const MAX_LABEL_LINES = 3;
const MIN_NODE_HEIGHT = 6;
const MAX_MEMBER_UNIT = 28;
const MAX_LINK_UNIT = 8;
const MIN_LINK_UNIT = 1.5;
const GAP = 4;

const round = (n: number) => Math.round(n * 10) / 10;

function materialKey(material: string): string {
	return material.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');
}

/** Greedy word wrap to `max` characters a line, at most MAX_LABEL_LINES lines (the last one cut with "…"). */
export function wrapLabel(text: string, max: number): string[] {
	const words = text.trim().split(/\s+/).filter(Boolean);
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		if (!line) line = word;
		else if (line.length + 1 + word.length <= max) line += ` ${word}`;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	const cut = (s: string) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
	if (lines.length <= MAX_LABEL_LINES) return lines.map(cut);
	const kept = lines.slice(0, MAX_LABEL_LINES).map(cut);
	const last = kept[MAX_LABEL_LINES - 1].replace(/…$/, '');
	kept[MAX_LABEL_LINES - 1] = `${(last.length >= max ? last.slice(0, max - 1) : last).trimEnd()}…`;
	return kept;
}

interface Aggregate {
	from: number;
	to: number;
	key: string;
	count: number;
}

export function layoutSupplyChain(input: SupplyChainInput, options: SupplyChainOptions = {}): SupplyChainLayout {
	const width = Math.max(240, Math.round(options.width ?? 760));
	const maxNodeHeight = Math.max(40, options.maxNodeHeight ?? 300);
	const stages = [...input.stages].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'fr'));
	const indexOf = new Map(stages.map((s, i) => [s.id, i]));

	// Members per stage, and each organization's first stage (the one its links are counted on).
	const members: StageMember[][] = stages.map(() => []);
	const firstStage = new Map<string, number>();
	for (const org of input.organizations) {
		const indices = [...new Set(org.stageIds)].map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined);
		for (const i of indices) members[i].push({ id: org.id, name: org.name, slug: org.slug });
		if (indices.length) firstStage.set(org.id, Math.min(...indices));
	}
	for (const list of members) list.sort((a, b) => a.name.localeCompare(b.name, 'fr'));

	// Links aggregated by supplier stage → customer stage → material.
	const aggregates = new Map<string, Aggregate>();
	const materialTotals = new Map<string, { label: string; count: number }>();
	let placedLinks = 0;
	let unplacedLinks = 0;
	for (const link of input.links) {
		const from = firstStage.get(link.supplierId);
		const to = firstStage.get(link.customerId);
		const key = materialKey(link.material);
		if (from === undefined || to === undefined || !key) {
			unplacedLinks++;
			continue;
		}
		placedLinks++;
		const id = `${from}|${to}|${key}`;
		const agg = aggregates.get(id) ?? { from, to, key, count: 0 };
		agg.count++;
		aggregates.set(id, agg);
		const total = materialTotals.get(key) ?? { label: link.material.trim().replace(/\s+/g, ' '), count: 0 };
		total.count++;
		materialTotals.set(key, total);
	}
	const materialOrder = [...materialTotals.entries()].sort((a, b) => b[1].count - a[1].count || a[1].label.localeCompare(b[1].label, 'fr'));
	const materialRank = new Map(materialOrder.map(([key], i) => [key, i]));
	const colourOf = (key: string) => MATERIAL_PALETTE[materialRank.get(key)!] ?? OTHER_MATERIAL_COLOUR;
	const materials = materialOrder.map(([key, m]) => ({ material: m.label, colour: colourOf(key), count: m.count }));

	// Scales: node height by members; one link's thickness so that every side's ribbons fit its node.
	const maxMembers = Math.max(1, ...members.map((m) => m.length));
	const memberUnit = Math.min(MAX_MEMBER_UNIT, maxNodeHeight / maxMembers);
	const out = stages.map(() => 0);
	const inn = stages.map(() => 0);
	for (const a of aggregates.values()) {
		out[a.from] += a.count;
		inn[a.to] += a.count;
	}
	const memberHeights = members.map((m) => Math.max(MIN_NODE_HEIGHT, m.length * memberUnit));
	let linkUnit = MAX_LINK_UNIT;
	stages.forEach((_, i) => {
		const side = Math.max(out[i], inn[i]);
		if (side > 0) linkUnit = Math.min(linkUnit, memberHeights[i] / side);
	});
	// A stage whose few members have many links grows a little rather than drawing hairlines.
	linkUnit = Math.max(MIN_LINK_UNIT, linkUnit);
	const nodeHeights = memberHeights.map((h, i) => Math.max(h, Math.max(out[i], inn[i]) * linkUnit));

	// Columns: one cell per stage, the node centred in it, the label wrapped to the cell.
	const cell = width / Math.max(1, stages.length);
	const maxChars = Math.max(6, Math.floor((cell - 8) / CHAR_WIDTH));
	const labels = stages.map((s) => wrapLabel(s.name, maxChars));
	const labelLines = Math.max(1, ...labels.map((l) => l.length));
	const labelTop = 14;

	// Flows with geometry to come.
	const flows = [...aggregates.values()].map((a) => ({
		...a,
		direction: (a.from < a.to ? 'forward' : a.from > a.to ? 'backward' : 'self') as FlowDirection,
		thickness: a.count * linkUnit
	}));
	const selfSpace = stages.map((_, i) =>
		flows.filter((f) => f.direction === 'self' && f.from === i).reduce((sum, f) => sum + f.thickness + GAP, 0)
	);
	const loopClearance = 10;
	const topOfPlot = labelTop + (labelLines + 1) * LINE_HEIGHT + 4 + (Math.max(0, ...selfSpace) > 0 ? Math.max(...selfSpace) + loopClearance : 0);
	const plotHeight = Math.max(...nodeHeights);
	const nodes: StageNode[] = stages.map((s, i) => {
		const x = round(cell * i + cell / 2 - NODE_WIDTH / 2);
		const height = round(nodeHeights[i]);
		const y = round(topOfPlot + (plotHeight - nodeHeights[i]) / 2);
		return {
			id: s.id,
			name: s.name,
			position: s.position,
			x,
			y,
			width: NODE_WIDTH,
			height,
			memberCount: members[i].length,
			members: members[i],
			label: { x: round(cell * i + cell / 2), y: labelTop, lineHeight: LINE_HEIGHT, lines: labels[i], countY: labelTop + labelLines * LINE_HEIGHT }
		};
	});

	// Slots along each node's sides. Right side (leaving): self loops on top, forward flows by target,
	// backward flows at the bottom, the longest first (it takes the outermost lane below).
	const byMaterial = (a: { key: string }, b: { key: string }) => materialRank.get(a.key)! - materialRank.get(b.key)!;
	const span = (f: { from: number; to: number }) => Math.abs(f.from - f.to);
	const rank = { self: 0, forward: 1, backward: 2 } as const;
	const outgoing = (i: number) =>
		flows
			.filter((f) => f.from === i)
			.sort((a, b) => rank[a.direction] - rank[b.direction] || (a.direction === 'backward' ? span(b) - span(a) : a.to - b.to) || byMaterial(a, b));
	const incoming = (i: number) =>
		flows
			.filter((f) => f.to === i)
			.sort((a, b) => rank[a.direction] - rank[b.direction] || (a.direction === 'backward' ? span(b) - span(a) : a.from - b.from) || byMaterial(a, b));
	const fromSlot = new Map<(typeof flows)[number], { y0: number; y1: number }>();
	const toSlot = new Map<(typeof flows)[number], { y0: number; y1: number }>();
	nodes.forEach((node, i) => {
		for (const [list, slots] of [
			[outgoing(i), fromSlot],
			[incoming(i), toSlot]
		] as const) {
			const total = list.reduce((sum, f) => sum + f.thickness, 0);
			let y = node.y + (node.height - total) / 2;
			for (const f of list) {
				slots.set(f, { y0: y, y1: y + f.thickness });
				y += f.thickness;
			}
		}
	});

	// Backward flows run in lanes below the columns, the shortest span innermost.
	const bottomOfPlot = topOfPlot + plotHeight;
	// Ties: the flow in the lower slot (later material) turns first, so it takes the inner lane.
	const backward = flows.filter((f) => f.direction === 'backward').sort((a, b) => span(a) - span(b) || a.to - b.to || byMaterial(b, a));
	const laneOf = new Map<(typeof flows)[number], number>();
	let laneY = bottomOfPlot + 14;
	for (const f of backward) {
		laneOf.set(f, laneY + f.thickness / 2);
		laneY += f.thickness + GAP;
	}
	const height = Math.ceil((backward.length ? laneY : bottomOfPlot) + 12);

	// How far a looping ribbon goes out sideways before turning: past the ribbons turning inside it.
	const sideOffset = (f: (typeof flows)[number], side: 'from' | 'to') => {
		const stage = side === 'from' ? f.from : f.to;
		const list = (side === 'from' ? outgoing(stage) : incoming(stage)).filter((g) => g.direction === f.direction);
		// Self loops turn upwards: the top slot is innermost. Backward ones turn down: the bottom slot is.
		const inner = f.direction === 'self' ? list.slice(0, list.indexOf(f)) : list.slice(list.indexOf(f) + 1);
		return 8 + inner.reduce((sum, g) => sum + g.thickness + GAP, 0) + f.thickness / 2;
	};

	const ribbons: FlowRibbon[] = flows
		.sort((a, b) => a.from - b.from || a.to - b.to || byMaterial(a, b))
		.map((f) => {
			const source = nodes[f.from];
			const target = nodes[f.to];
			const fs = fromSlot.get(f)!;
			const ts = toSlot.get(f)!;
			const x0 = source.x + source.width;
			const x1 = target.x;
			const y0 = (fs.y0 + fs.y1) / 2;
			const y1 = (ts.y0 + ts.y1) / 2;
			let path: string;
			if (f.direction === 'forward') {
				const xm = (x0 + x1) / 2;
				path = `M${round(x0)},${round(y0)}C${round(xm)},${round(y0)} ${round(xm)},${round(y1)} ${round(x1)},${round(y1)}`;
			} else {
				const out = x0 + sideOffset(f, 'from');
				const back = x1 - sideOffset(f, 'to');
				let lane: number;
				if (f.direction === 'backward') lane = laneOf.get(f)!;
				else {
					// Self loops nest above their node, the top slot innermost.
					const loops = outgoing(f.from).filter((g) => g.direction === 'self');
					const before = loops.slice(0, loops.indexOf(f)).reduce((sum, g) => sum + g.thickness + GAP, 0);
					lane = source.y - loopClearance - before - f.thickness / 2;
				}
				path = loopPath(x0, y0, out, lane, back, y1, x1);
			}
			return {
				id: `${source.id}>${target.id}>${f.key}`,
				fromStageId: source.id,
				toStageId: target.id,
				fromStageName: source.name,
				toStageName: target.name,
				material: materialTotals.get(f.key)!.label,
				colour: colourOf(f.key),
				count: f.count,
				thickness: round(f.thickness * 100) / 100,
				path,
				direction: f.direction,
				from: { x: round(x0), y0: round(fs.y0), y1: round(fs.y1) },
				to: { x: round(x1), y0: round(ts.y0), y1: round(ts.y1) }
			};
		});

	return {
		width,
		height,
		viewBox: `0 0 ${width} ${height}`,
		nodeWidth: NODE_WIDTH,
		linkUnit: round(linkUnit * 100) / 100,
		stages: nodes,
		flows: ribbons,
		materials,
		placedLinks,
		unplacedLinks
	};
}

/**
 * A ribbon that leaves (x0, y0) rightwards, turns at x = out to the horizontal lane, runs to x = back, and
 * turns again to arrive rightwards at (x1, y1): below the columns for a backward flow, above for a self loop.
 */
function loopPath(x0: number, y0: number, out: number, lane: number, back: number, y1: number, x1: number): string {
	const down = lane > y0 ? 1 : -1;
	const r0 = Math.max(0, Math.min(out - x0, Math.abs(lane - y0) / 2, 14));
	const r1 = Math.max(0, Math.min(x1 - back, Math.abs(lane - y1) / 2, 14));
	const p = (x: number, y: number) => `${round(x)},${round(y)}`;
	return [
		`M${p(x0, y0)}`,
		`H${round(out - r0)}`,
		`Q${p(out, y0)} ${p(out, y0 + down * r0)}`,
		`V${round(lane - down * r0)}`,
		`Q${p(out, lane)} ${p(out - r0, lane)}`,
		`H${round(back + r1)}`,
		`Q${p(back, lane)} ${p(back, lane - down * r1)}`,
		`V${round(y1 + down * r1)}`,
		`Q${p(back, y1)} ${p(back + r1, y1)}`,
		`H${round(x1)}`
	].join('');
}
