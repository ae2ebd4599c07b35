// Reads the trainings domain's forms: like forms.ts, but fields a form sends several times (checkboxes,
// multi-selects) stay lists.
const LISTS = new Set(['tradeIds', 'fundings']);

export async function trainingFormValues(request: Request): Promise<Record<string, string | string[]>> {
	const form = await request.formData();
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of form) {
		if (typeof v !== 'string') continue;
		if (LISTS.has(k)) out[k] = [...((out[k] as string[] | undefined) ?? []), v];
		else out[k] = v;
	}
	for (const k of LISTS) out[k] ??= [];
	return out;
}
