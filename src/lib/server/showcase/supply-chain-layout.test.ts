// The supply-chain diagram's layout: columns in stage order sized by members, ribbons that add up to the
// links, backward links looping below, members listed per stage.
import { describe, expect, it } from 'vitest';
import { layoutSupplyChain, MATERIAL_PALETTE, OTHER_MATERIAL_COLOUR, wrapLabel, type SupplyChainInput } from './supply-chain-layout';

const stages = [
	{ id: 'recycling', name: 'Recyclage', position: 4 },
	{ id: 'resource', name: 'Ressource', position: 0 },
	{ id: 'processing', name: 'Transformation', position: 1 },
	{ id: 'building', name: 'Construction', position: 2 }
];

/** The y of every point of path data made of absolute M, C, Q, H and V commands. */
function pathYs(d: string): number[] {
	const ys: number[] = [];
	let y = 0;
	for (const [, command, args] of d.matchAll(/([MCQHV])([^MCQHV]*)/g)) {
		const n = (args.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
		if (command === 'H') ys.push(y);
		else if (command === 'V') ys.push((y = n[0]));
		else for (let i = 1; i < n.length; i += 2) ys.push((y = n[i]));
	}
	return ys;
}

function org(id: string, ...stageIds: string[]) {
	return { id, name: `Société ${id}`, slug: `societe-${id}`, stageIds };
}

const input: SupplyChainInput = {
	stages,
	organizations: [
		org('forest1', 'resource'),
		org('forest2', 'resource'),
		org('mill', 'processing'),
		org('joinery', 'processing', 'building'), // first stage: processing
		org('builder1', 'building'),
		org('builder2', 'building'),
		org('builder3', 'building'),
		org('recycler', 'recycling'),
		org('nowhere')
	],
	links: [
		{ supplierId: 'forest1', customerId: 'mill', material: 'Bois' },
		{ supplierId: 'forest2', customerId: 'mill', material: 'bois ' },
		{ supplierId: 'forest2', customerId: 'joinery', material: 'Bois' },
		{ supplierId: 'mill', customerId: 'builder1', material: 'Bois' },
		{ supplierId: 'joinery', customerId: 'builder2', material: 'Menuiseries' },
		{ supplierId: 'mill', customerId: 'joinery', material: 'Bois' }, // same stage
		{ supplierId: 'builder1', customerId: 'recycler', material: 'Déchets' },
		{ supplierId: 'recycler', customerId: 'forest1', material: 'Broyat' }, // backward, 3 columns back
		{ supplierId: 'recycler', customerId: 'mill', material: 'Broyat' }, // backward, 2 columns back
		{ supplierId: 'nowhere', customerId: 'mill', material: 'Bois' }, // supplier on no stage
		{ supplierId: 'ghost', customerId: 'mill', material: 'Bois' }
	]
};

describe('layoutSupplyChain', () => {
	const layout = layoutSupplyChain(input, { width: 800 });
	const stage = (id: string) => layout.stages.find((s) => s.id === id)!;
	const flow = (from: string, to: string, material?: string) =>
		layout.flows.filter((f) => f.fromStageId === from && f.toStageId === to && (!material || f.material.toLowerCase() === material.toLowerCase()));

	it('puts the stages in columns by position, sized by their members', () => {
		expect(layout.stages.map((s) => s.id)).toEqual(['resource', 'processing', 'building', 'recycling']);
		const xs = layout.stages.map((s) => s.x);
		expect(xs).toEqual([...xs].sort((a, b) => a - b));
		expect(layout.stages.map((s) => s.memberCount)).toEqual([2, 2, 4, 1]);
		// Building has the most members and the tallest column; the heights follow the counts.
		expect(stage('building').height).toBeGreaterThan(stage('resource').height);
		expect(stage('resource').height).toBeGreaterThan(stage('recycling').height);
		for (const s of layout.stages) {
			expect(s.x).toBeGreaterThanOrEqual(0);
			expect(s.x + s.width).toBeLessThanOrEqual(layout.width);
			expect(s.y + s.height).toBeLessThanOrEqual(layout.height);
			expect(s.label.y).toBeLessThan(s.y);
		}
	});

	it('lists each stage members by name, an organization on two stages in both', () => {
		expect(stage('building').members.map((m) => m.slug)).toEqual(['societe-builder1', 'societe-builder2', 'societe-builder3', 'societe-joinery']);
		expect(stage('processing').members.map((m) => m.name)).toEqual(['Société joinery', 'Société mill']);
		expect(layout.stages.flatMap((s) => s.members).some((m) => m.id === 'nowhere')).toBe(false);
	});

	it('aggregates links by stage pair and material, counting an organization on its first stage', () => {
		// "Bois" and "bois " are one material; joinery counts as processing, so mill → joinery stays on processing.
		expect(flow('resource', 'processing').map((f) => [f.material, f.count])).toEqual([['Bois', 3]]);
		expect(flow('processing', 'building').map((f) => [f.material, f.count])).toEqual([
			['Bois', 1],
			['Menuiseries', 1]
		]);
		expect(flow('processing', 'processing').map((f) => [f.direction, f.count])).toEqual([['self', 1]]);
		expect(flow('building', 'recycling').map((f) => f.direction)).toEqual(['forward']);
		expect(layout.placedLinks).toBe(9);
		expect(layout.unplacedLinks).toBe(2);
	});

	it('gives ribbons widths that add up to the links, stacked within each column', () => {
		const total = layout.flows.reduce((sum, f) => sum + f.thickness, 0);
		expect(total).toBeCloseTo(layout.placedLinks * layout.linkUnit, 1);
		for (const f of layout.flows) expect(f.thickness).toBeCloseTo(f.count * layout.linkUnit, 1);
		for (const s of layout.stages) {
			for (const side of ['from', 'to'] as const) {
				const slots = layout.flows
					.filter((f) => (side === 'from' ? f.fromStageId : f.toStageId) === s.id)
					.map((f) => f[side])
					.sort((a, b) => a.y0 - b.y0);
				for (const slot of slots) {
					expect(slot.y0).toBeGreaterThanOrEqual(s.y - 0.1);
					expect(slot.y1).toBeLessThanOrEqual(s.y + s.height + 0.1);
					expect(slot.x).toBeCloseTo(side === 'from' ? s.x + s.width : s.x, 1);
				}
				// Contiguous, without overlaps.
				for (let i = 1; i < slots.length; i++) expect(slots[i].y0).toBeCloseTo(slots[i - 1].y1, 1);
			}
		}
	});

	it('draws backward links as loops below the columns, the longer one outside', () => {
		const back = flow('recycling', 'resource')[0];
		const shorter = flow('recycling', 'processing')[0];
		expect([back.direction, shorter.direction]).toEqual(['backward', 'backward']);
		const lowest = (path: string) => Math.max(...pathYs(path));
		const columnsBottom = Math.max(...layout.stages.map((s) => s.y + s.height));
		expect(lowest(shorter.path)).toBeGreaterThan(columnsBottom);
		expect(lowest(back.path)).toBeGreaterThan(lowest(shorter.path));
		expect(lowest(back.path) + back.thickness / 2).toBeLessThanOrEqual(layout.height);
		// Leaves the supplier rightwards and reaches the customer from its left.
		expect(back.path.startsWith(`M${back.from.x},`)).toBe(true);
		expect(back.path.endsWith(`H${back.to.x}`)).toBe(true);
		// Forward ribbons are single curves between the columns.
		expect(flow('resource', 'processing')[0].path).toMatch(/^M[\d.]+,[\d.]+C/);
	});

	it('loops a link within one stage above its column', () => {
		const self = flow('processing', 'processing')[0];
		const ys = pathYs(self.path);
		expect(Math.min(...ys)).toBeLessThan(stage('processing').y);
		expect(Math.min(...ys) - self.thickness / 2).toBeGreaterThan(stage('processing').label.countY);
	});

	it('colours materials from the most linked, the same colour for every ribbon of a material', () => {
		expect(layout.materials.map((m) => [m.material, m.count])).toEqual([
			['Bois', 5],
			['Broyat', 2],
			['Déchets', 1],
			['Menuiseries', 1]
		]);
		expect(layout.materials.map((m) => m.colour)).toEqual(MATERIAL_PALETTE.slice(0, 4));
		for (const f of layout.flows) expect(f.colour).toBe(layout.materials.find((m) => m.material === f.material)!.colour);
	});

	it('runs out of palette into grey, and lays out stages without links', () => {
		const many = layoutSupplyChain({
			stages: stages.slice(1, 3),
			organizations: [org('a', 'resource'), org('b', 'processing')],
			links: Array.from({ length: 10 }, (_, i) => ({ supplierId: 'a', customerId: 'b', material: `M${i}` }))
		});
		expect(many.materials.filter((m) => m.colour === OTHER_MATERIAL_COLOUR)).toHaveLength(10 - MATERIAL_PALETTE.length);
		const empty = layoutSupplyChain({ stages, organizations: [], links: [] });
		expect(empty.flows).toEqual([]);
		expect(empty.stages.every((s) => s.height > 0 && s.memberCount === 0)).toBe(true);
	});
});

describe('wrapLabel', () => {
	it('wraps on words and cuts what does not fit', () => {
		expect(wrapLabel('Première transformation du bois', 16)).toEqual(['Première', 'transformation', 'du bois']);
		expect(wrapLabel('Conception', 16)).toEqual(['Conception']);
		expect(wrapLabel('a b c d e f g h', 3)).toEqual(['a b', 'c d', 'e…']);
		expect(wrapLabel('Anticonstitutionnellement', 10)).toEqual(['Anticonst…']);
	});
});
