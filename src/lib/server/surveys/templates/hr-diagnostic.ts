// The HR diagnostic (seed 004: "accompagner les entreprises dans leur gestion des ressources
// humaines"): seven dimensions, each question scored per choice, with the actions the animateur
// proposes when a dimension is weak.
import { b, type SurveyTemplate, type TemplateChoice, type TemplateQuestion } from './types';

/** The usual maturity answer: 0 (nothing) to 3 (done and reviewed). */
const maturity: TemplateChoice[] = [
	{ key: 'no', label: b('Non, pas du tout', 'No, not at all') },
	{ key: 'informal', label: b('En partie, de façon informelle', 'Partly, informally') },
	{ key: 'formal', label: b('Oui, c’est formalisé', 'Yes, it is formalised') },
	{ key: 'reviewed', label: b('Oui, formalisé et revu régulièrement', 'Yes, formalised and reviewed regularly') }
];
const maturityPoints = { no: 0, informal: 1, formal: 2, reviewed: 3 };

function mq(key: string, dimension: string, fr: string, en: string): TemplateQuestion {
	return { key, type: 'single', required: true, label: b(fr, en), choices: maturity, scoring: { dimension, points: maturityPoints } };
}

export const hrDiagnostic: SurveyTemplate = {
	key: 'hr-diagnostic',
	kind: 'diagnostic',
	title: b('Diagnostic RH', 'HR diagnostic'),
	summary: b(
		'Questionnaire rempli avec une entreprise adhérente : un score par dimension (recrutement, intégration, compétences, marque employeur, conditions de travail, management, administration RH), des actions proposées et un plan d’actions suivi par l’animateur.',
		'Questionnaire filled in with a member company: a score per dimension (recruitment, onboarding, skills, employer brand, working conditions, management, HR administration), proposed actions and an action plan the animateur follows up.'
	),
	description: b(
		'Ce diagnostic fait le point sur vos pratiques RH en une trentaine de minutes. Il n’y a pas de bonne ou de mauvaise réponse : il sert à repérer vos points forts et les sujets sur lesquels le cluster peut vous accompagner.',
		'This diagnostic reviews your HR practices in about thirty minutes. There are no right or wrong answers: it spots your strengths and the topics on which the cluster can support you.'
	),
	audience: 'organizations',
	anonymous: false,
	thankYou: b('Merci ! Votre animateur revient vers vous avec vos résultats et une proposition de plan d’actions.', 'Thank you! Your animateur will come back to you with your results and a proposed action plan.'),
	dimensions: [
		{
			key: 'recruitment',
			label: b('Recrutement', 'Recruitment'),
			description: b('Anticiper les besoins, définir les postes, trouver et choisir les candidats.', 'Anticipating needs, defining jobs, finding and choosing candidates.'),
			thresholds: { medium: 40, good: 70 },
			recommendations: {
				low: [
					{ title: b('Rédiger les fiches de poste des métiers clés', 'Write job descriptions for the key trades'), detail: b('Missions, compétences attendues, conditions : une base pour les offres, les entretiens et l’intégration.', 'Duties, expected skills, conditions: a basis for offers, interviews and onboarding.') },
					{ title: b('Publier vos offres sur la bourse d’emploi du cluster', 'Post your offers on the cluster’s job board'), detail: b('Et participer au prochain job dating de la filière.', 'And take part in the sector’s next job dating.') }
				],
				medium: [{ title: b('Construire un plan de recrutement à 12 mois', 'Build a 12-month recruitment plan'), detail: b('Départs prévisibles, postes à créer, calendrier et canaux de sourcing.', 'Expected departures, new positions, timing and sourcing channels.') }]
			}
		},
		{
			key: 'onboarding',
			label: b('Intégration', 'Onboarding'),
			description: b('Accueillir et fidéliser les nouveaux salariés et les alternants.', 'Welcoming and keeping new employees and apprentices.'),
			thresholds: { medium: 40, good: 70 },
			recommendations: {
				low: [
					{ title: b('Mettre en place un parcours d’accueil', 'Set up an onboarding path'), detail: b('Livret d’accueil, visite, sécurité le premier jour, tuteur désigné, points à 1 semaine, 1 mois et fin de période d’essai.', 'Welcome booklet, tour, safety on day one, a named mentor, check-ins after one week, one month and at the end of the trial period.') },
					{ title: b('Former un tuteur', 'Train a mentor'), detail: b('Formation de maître d’apprentissage ou de tuteur proposée par les partenaires formation du cluster.', 'Apprenticeship master or mentor training offered by the cluster’s training partners.') }
				],
				medium: [{ title: b('Faire un point d’étonnement avec chaque nouvel arrivant', 'Hold a first-impressions review with each newcomer'), detail: b('Recueillir son regard neuf à un mois pour améliorer l’accueil.', 'Gather their fresh view after a month to improve onboarding.') }]
			}
		},
		{
			key: 'skills',
			label: b('Compétences et formation', 'Skills and training'),
			description: b('Connaître les compétences, les développer, financer la formation.', 'Knowing the skills, developing them, funding training.'),
			thresholds: { medium: 40, good: 70 },
			recommendations: {
				low: [
					{ title: b('Réaliser les entretiens professionnels', 'Hold the professional reviews'), detail: b('Obligatoires tous les deux ans : ils recueillent les souhaits d’évolution et les besoins de formation.', 'Required every two years: they collect wishes for development and training needs.') },
					{ title: b('Construire un plan de développement des compétences', 'Build a skills development plan'), detail: b('Avec l’OPCO : financements mobilisables et formations collectives du cluster.', 'With the skills operator (OPCO): available funding and the cluster’s collective trainings.') }
				],
				medium: [{ title: b('Cartographier les compétences critiques', 'Map the critical skills'), detail: b('Repérer les savoir-faire détenus par une seule personne et organiser leur transmission.', 'Spot know-how held by a single person and organise its transfer.') }]
			}
		},
		{
			key: 'employer-brand',
			label: b('Marque employeur', 'Employer brand'),
			description: b('Faire connaître l’entreprise et ses métiers aux candidats et aux jeunes.', 'Making the company and its trades known to candidates and young people.'),
			thresholds: { medium: 40, good: 70 },
			recommendations: {
				low: [
					{ title: b('Compléter votre vitrine sur l’annuaire du cluster', 'Complete your showcase in the cluster’s directory'), detail: b('Portrait, photos d’équipe et de chantiers, réalisations : ce que voient les candidats.', 'Portrait, team and site photos, references: what candidates see.') },
					{ title: b('Accueillir une classe ou intervenir dans un établissement', 'Host a class or speak at a school'), detail: b('Via les demandes d’intervention des écoles relayées par le cluster.', 'Through the school requests the cluster relays.') }
				],
				medium: [{ title: b('Faire témoigner vos salariés', 'Have your employees tell their story'), detail: b('Courtes vidéos ou portraits métiers pour les offres et les réseaux sociaux.', 'Short videos or trade portraits for offers and social media.') }]
			}
		},
		{
			key: 'working-conditions',
			label: b('Conditions de travail', 'Working conditions'),
			description: b('Santé, sécurité, pénibilité, équilibre des temps, qualité de vie au travail.', 'Health, safety, physical strain, work-life balance, quality of working life.'),
			thresholds: { medium: 45, good: 75 },
			recommendations: {
				low: [
					{ title: b('Mettre à jour le document unique (DUERP)', 'Update the risk assessment document (DUERP)'), detail: b('Avec un plan de prévention : manutention, bruit, poussières de bois, travail en hauteur.', 'With a prevention plan: handling, noise, wood dust, working at height.') },
					{ title: b('Se faire accompagner par le service de prévention', 'Get support from the prevention service'), detail: b('Visite du service de prévention et de santé au travail, aides de la CARSAT aux équipements.', 'Visit from the occupational health service, CARSAT grants for equipment.') }
				],
				medium: [{ title: b('Ouvrir un temps d’échange sur l’organisation du travail', 'Open a discussion on how work is organised'), detail: b('Horaires, déplacements, charge : écouter les équipes et tester une amélioration.', 'Hours, travel, workload: listen to the teams and try one improvement.') }]
			}
		},
		{
			key: 'management',
			label: b('Management', 'Management'),
			description: b('Rôle des encadrants, dialogue, reconnaissance.', 'Role of managers, dialogue, recognition.'),
			thresholds: { medium: 40, good: 70 },
			recommendations: {
				low: [
					{ title: b('Former les chefs d’équipe au management', 'Train team leaders in management'), detail: b('Formation collective « manager de proximité » avec d’autres adhérents.', 'Collective “first-line manager” training with other members.') },
					{ title: b('Instaurer des entretiens annuels', 'Introduce yearly reviews'), detail: b('Un moment dédié pour faire le point sur le travail, les objectifs et la reconnaissance.', 'A dedicated time to review the work, the goals and recognition.') }
				],
				medium: [{ title: b('Rejoindre le groupe de pairs dirigeants du cluster', 'Join the cluster’s peer group of managers'), detail: b('Échanger avec d’autres dirigeants sur les pratiques de management.', 'Share management practices with other company heads.') }]
			}
		},
		{
			key: 'hr-admin',
			label: b('Administration RH et conformité', 'HR administration and compliance'),
			description: b('Obligations légales, affichages, registres, convention collective.', 'Legal obligations, notices, registers, collective agreement.'),
			thresholds: { medium: 50, good: 80 },
			recommendations: {
				low: [
					{ title: b('Faire un audit des obligations sociales', 'Audit the employment-law obligations'), detail: b('Registre du personnel, affichages, DUERP, entretiens professionnels, convention collective applicable.', 'Staff register, notices, risk assessment, professional reviews, applicable collective agreement.') },
					{ title: b('Adhérer au service RH partagé ou au groupement d’employeurs', 'Join the shared HR service or the employer group'), detail: b('Un temps partagé de responsable RH avec d’autres adhérents.', 'A time-shared HR manager with other members.') }
				],
				medium: [{ title: b('Tenir un calendrier des échéances RH', 'Keep a calendar of HR deadlines'), detail: b('Entretiens, visites médicales, habilitations et formations obligatoires.', 'Reviews, medical check-ups, certifications and mandatory trainings.') }]
			}
		}
	],
	sections: [
		{
			title: b('Recrutement', 'Recruitment'),
			questions: [
				mq('rec-planning', 'recruitment', 'Anticipez-vous vos besoins de recrutement (départs, croissance) ?', 'Do you anticipate your hiring needs (departures, growth)?'),
				mq('rec-job-descriptions', 'recruitment', 'Vos postes sont-ils décrits dans des fiches de poste ?', 'Are your jobs described in job descriptions?'),
				{
					key: 'rec-channels',
					type: 'multiple',
					label: b('Quels canaux utilisez-vous pour recruter ?', 'Which channels do you use to recruit?'),
					choices: [
						{ key: 'network', label: b('Bouche-à-oreille, réseau', 'Word of mouth, network') },
						{ key: 'job-boards', label: b('Sites d’emploi, France Travail', 'Job sites, public employment service') },
						{ key: 'schools', label: b('Écoles, CFA', 'Schools, apprentice training centres') },
						{ key: 'social', label: b('Réseaux sociaux', 'Social media') },
						{ key: 'cluster', label: b('Cluster (bourse d’emploi, job dating)', 'Cluster (job board, job dating)') }
					],
					scoring: { dimension: 'recruitment', points: { network: 0, 'job-boards': 1, schools: 1, social: 1, cluster: 1 } }
				}
			]
		},
		{
			title: b('Intégration', 'Onboarding'),
			questions: [
				mq('onb-path', 'onboarding', 'Avez-vous un parcours d’accueil pour les nouveaux arrivants ?', 'Do you have an onboarding path for newcomers?'),
				mq('onb-mentor', 'onboarding', 'Chaque nouvel arrivant ou alternant a-t-il un tuteur désigné ?', 'Does each newcomer or apprentice have a named mentor?')
			]
		},
		{
			title: b('Compétences et formation', 'Skills and training'),
			questions: [
				mq('ski-reviews', 'skills', 'Réalisez-vous les entretiens professionnels tous les deux ans ?', 'Do you hold professional reviews every two years?'),
				mq('ski-plan', 'skills', 'Avez-vous un plan de formation ou de développement des compétences ?', 'Do you have a training or skills development plan?')
			]
		},
		{
			title: b('Marque employeur', 'Employer brand'),
			questions: [
				mq('brand-showcase', 'employer-brand', 'Présentez-vous l’entreprise et ses métiers aux candidats (site, réseaux, vitrine) ?', 'Do you present the company and its trades to candidates (website, social media, showcase)?'),
				mq('brand-schools', 'employer-brand', 'Êtes-vous en lien avec des écoles ou des jeunes (stages, visites, interventions) ?', 'Are you in touch with schools or young people (internships, visits, talks)?')
			]
		},
		{
			title: b('Conditions de travail', 'Working conditions'),
			questions: [
				mq('wc-risks', 'working-conditions', 'Votre document unique d’évaluation des risques est-il à jour et suivi d’actions ?', 'Is your risk assessment document up to date and followed by actions?'),
				{
					key: 'wc-climate',
					type: 'scale',
					required: true,
					min: 1,
					max: 5,
					minLabel: b('Très dégradé', 'Very poor'),
					maxLabel: b('Très bon', 'Very good'),
					label: b('Comment jugez-vous le climat de travail dans l’entreprise ?', 'How would you rate the working climate in the company?'),
					scoring: { dimension: 'working-conditions', points: { '1': 0, '2': 1, '3': 2, '4': 3, '5': 3 } }
				}
			]
		},
		{
			title: b('Management', 'Management'),
			questions: [
				mq('man-reviews', 'management', 'Les salariés ont-ils un entretien annuel avec leur responsable ?', 'Do employees have a yearly review with their manager?'),
				mq('man-training', 'management', 'Les encadrants sont-ils formés au management ?', 'Are managers trained in management?')
			]
		},
		{
			title: b('Administration RH et conformité', 'HR administration and compliance'),
			questions: [
				mq('adm-obligations', 'hr-admin', 'Suivez-vous vos obligations sociales (registres, affichages, visites médicales) ?', 'Do you keep up with your employment-law obligations (registers, notices, medical check-ups)?'),
				{
					key: 'adm-resource',
					type: 'single',
					required: true,
					label: b('Qui s’occupe des RH dans l’entreprise ?', 'Who handles HR in the company?'),
					choices: [
						{ key: 'nobody', label: b('Personne en particulier', 'Nobody in particular') },
						{ key: 'manager', label: b('Le dirigeant, en plus du reste', 'The company head, on top of everything else') },
						{ key: 'assistant', label: b('Une personne à temps partiel (assistante, comptable)', 'Someone part-time (assistant, accountant)') },
						{ key: 'hr', label: b('Un ou une responsable RH (interne ou partagé)', 'An HR manager (in-house or shared)') }
					],
					scoring: { dimension: 'hr-admin', points: { nobody: 0, manager: 1, assistant: 2, hr: 3 } }
				},
				{ key: 'priorities', type: 'long_text', label: b('Quelles sont vos priorités RH pour l’année à venir ?', 'What are your HR priorities for the coming year?'), maxLength: 3000 }
			]
		}
	]
};
