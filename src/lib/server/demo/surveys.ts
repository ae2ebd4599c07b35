// The demo's closed satisfaction survey after the HR breakfast: sent to the member companies (one answer
// per organization), 30 of them answered, so the results page, its charts and exports show something.
// Everything goes through the survey service; the invitation e-mails to these fictional people are dropped.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { createSegment } from '../crm/service';
import { MAIL_JOB } from '../mail/service';
import { Random } from './random';
import { closeSurvey, createSurveyFromDefinition, saveAnswers, sendSurvey, submitResponse } from '../surveys/service';
import { surveyInvitations } from '../surveys/schema';
import { eq } from 'drizzle-orm';

const DAY = 86_400_000;

const IDEAS = [
	'Un retour d’expérience sur l’apprentissage dans une petite menuiserie.',
	'Parler de la fidélisation des jeunes compagnons après leur CAP.',
	'Plus de temps pour les échanges entre entreprises, moins de présentations.',
	'Un atelier pratique sur les offres d’emploi : comment rédiger une annonce qui attire.',
	'Inviter France Travail et l’OPCO pour présenter les aides à l’embauche.',
	'La qualité de vie au travail sur les chantiers, notamment l’été.',
	'Comment partager un technicien de bureau d’études entre deux entreprises ?',
	'Très bon moment, à refaire au printemps.',
	'Un horaire un peu plus tôt pour les entreprises qui ont des équipes sur chantier.',
	'Présenter le groupement d’employeurs du cluster plus en détail.'
];
const THEMES = ['Marque employeur', 'Apprentissage', 'Salaires et primes', 'Recrutement de femmes dans le bâtiment', 'Formation au BIM', 'Prévention des risques'];

export async function seedDemoSurveys(db: Db, actor: Actor): Promise<{ responses: number }> {
	const rng = new Random(5005);
	const def = await createSurveyFromDefinition(db, actor, {
		survey: {
			title: 'Satisfaction — petit-déjeuner RH « Recruter et fidéliser »',
			description: 'Merci d’avoir participé au petit-déjeuner RH du cluster. Vos réponses nous aident à préparer les prochaines rencontres : cinq minutes suffisent.',
			kind: 'survey',
			audience: 'organizations',
			closesAt: new Date(Date.now() + 5 * DAY).toISOString(),
			templateKey: 'event-satisfaction',
			thankYou: 'Merci ! Le compte rendu et les supports vous seront envoyés la semaine prochaine.'
		},
		sections: [
			{
				title: 'Votre participation',
				questions: [
					{ key: 'overall', type: 'scale', label: 'Dans l’ensemble, êtes-vous satisfait de cette rencontre ?', required: true, min: 1, max: 5, minLabel: 'Pas du tout satisfait', maxLabel: 'Très satisfait' },
					{ key: 'format', type: 'single', label: 'Le format (1 h 30 autour d’un petit-déjeuner) vous convient-il ?', required: true, choices: ['Tout à fait', 'Plutôt oui', 'Plutôt non', 'Pas du tout'] },
					{ key: 'topics', type: 'multiple', label: 'Quels sujets vous ont été les plus utiles ?', help: 'Plusieurs réponses possibles.', choices: ['Marque employeur', 'Apprentissage', 'Groupement d’employeurs', 'Formation des salariés', 'Rémunération et avantages'], allowOther: true }
				]
			},
			{
				title: 'Qualité de l’organisation',
				questions: [
					{ key: 'quality', type: 'matrix', label: 'Comment jugez-vous…', rows: ['L’accueil', 'Le contenu des interventions', 'Les échanges entre participants', 'L’horaire'], columns: ['Très bien', 'Bien', 'Moyen', 'Insuffisant'] },
					{ key: 'hires', type: 'number', label: 'Combien de recrutements prévoyez-vous dans les douze prochains mois ?', min: 0, max: 500, integer: true, unit: 'personnes' },
					{ key: 'recommend', type: 'single', label: 'Recommanderiez-vous ces rencontres à une autre entreprise ?', required: true, choices: ['Oui', 'Non', 'Je ne sais pas'] }
				]
			},
			{
				title: 'Vos idées',
				questions: [
					{ key: 'ideas', type: 'long_text', label: 'Qu’aimeriez-vous voir lors de la prochaine rencontre ?' },
					{ key: 'theme', type: 'short_text', label: 'Un thème à proposer pour un prochain atelier' }
				]
			}
		]
	});
	const segment = await createSegment(db, actor, { name: 'Adhérents', shared: true, filter: { status: ['member'] } });
	await sendSurvey(db, actor, def.survey.id, { segmentId: segment.id }, { baseUrl: process.env.ORIGIN || 'http://localhost:3000' });
	// Nobody real behind these addresses: drop the invitations' e-mails.
	await db.execute(sql`delete from jobs where kind = ${MAIL_JOB} and payload->>'text' like ${'%/survey/%'}`);
	const invitations = await db.select().from(surveyInvitations).where(eq(surveyInvitations.surveyId, def.survey.id));
	const q = Object.fromEntries(def.sections.flatMap((s) => s.questions).map((x) => [x.key, x]));
	const choiceKeys = (key: string) => (q[key].options.choices ?? []).map((c) => c.key);
	const colKeys = (q.quality.options.columns ?? []).map((c) => c.key);
	let responses = 0;
	for (const inv of invitations.slice(0, 30)) {
		const overall = rng.weighted([[5, 9], [4, 12], [3, 5], [2, 2], [1, 1]] as const);
		const good = overall >= 4;
		const topics = choiceKeys('topics').filter(() => rng.chance(0.4));
		const raw: Record<string, string | string[]> = {
			[`q.${q.overall.id}`]: String(overall),
			[`q.${q.format.id}`]: choiceKeys('format')[good ? rng.weighted([[0, 3], [1, 2]] as const) : rng.weighted([[1, 2], [2, 2], [3, 1]] as const)],
			[`q.${q.topics.id}`]: topics.length ? topics : [choiceKeys('topics')[rng.int(0, 4)]],
			[`q.${q.recommend.id}`]: choiceKeys('recommend')[good ? 0 : rng.weighted([[0, 1], [1, 1], [2, 2]] as const)],
			[`q.${q.hires.id}`]: rng.chance(0.85) ? String(rng.weighted([[0, 3], [1, 5], [2, 4], [3, 3], [5, 2], [8, 1], [12, 1]] as const)) : ''
		};
		for (const row of q.quality.options.rows ?? []) {
			if (rng.chance(0.95)) raw[`q.${q.quality.id}.${row.key}`] = colKeys[good ? rng.weighted([[0, 3], [1, 3], [2, 1]] as const) : rng.weighted([[1, 2], [2, 2], [3, 1]] as const)];
		}
		if (rng.chance(0.45)) raw[`q.${q.ideas.id}`] = rng.pick(IDEAS);
		if (rng.chance(0.3)) raw[`q.${q.theme.id}`] = rng.pick(THEMES);
		await saveAnswers(db, inv.token, Object.values(q).map((x) => x.id), raw);
		await submitResponse(db, inv.token);
		responses++;
	}
	// A few opened the link without answering.
	for (const inv of invitations.slice(30, 34)) await db.update(surveyInvitations).set({ openedAt: new Date(Date.now() - 3 * DAY) }).where(eq(surveyInvitations.id, inv.id));
	await closeSurvey(db, actor, def.survey.id);
	await db.execute(sql`update surveys set closes_at = now() - interval '2 days', sent_at = now() - interval '16 days', closed_at = now() - interval '2 days' where id = ${def.survey.id}`);
	return { responses };
}
