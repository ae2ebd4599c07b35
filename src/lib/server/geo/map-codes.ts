// The map data names overseas départements by ISO letters; INSEE numbers them.
const OVERSEAS: Record<string, string> = { GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976' };

/** The INSEE code of a département of fr-departements.topo.json. */
export function inseeDepartementCode(topoId: string): string {
	return OVERSEAS[topoId] ?? topoId;
}
