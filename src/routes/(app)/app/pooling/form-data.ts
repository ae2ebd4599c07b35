// Reads a pooling form: each field once, and the fields a form repeats (checkbox lists) as arrays.
export async function readForm(request: Request, lists: string[] = []): Promise<Record<string, string | string[]>> {
	const form = await request.formData();
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of form) if (typeof v === 'string' && !lists.includes(k)) out[k] = v;
	for (const k of lists) out[k] = form.getAll(k).filter((v): v is string => typeof v === 'string');
	return out;
}
