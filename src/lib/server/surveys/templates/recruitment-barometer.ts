// The recruitment-needs barometer (seed 004: "analyser les métiers et anticiper les besoins en
// compétences"), run once a year with the same keys so editions compare.
import { b, type SurveyTemplate, type TemplateChoice } from './types';

const difficulty: TemplateChoice[] = [
	{ key: 'no-need', label: b('Pas de besoin', 'No need') },
	{ key: 'none', label: b('Sans difficulté', 'No difficulty') },
	{ key: 'moderate', label: b('Difficultés modérées', 'Some difficulty') },
	{ key: 'strong', label: b('Fortes difficultés', 'Serious difficulty') }
];

export const recruitmentBarometer: SurveyTemplate = {
	key: 'recruitment-barometer',
	kind: 'barometer',
	title: b('Baromètre des besoins en recrutement', 'Recruitment needs barometer'),
	summary: b(
		'Enquête annuelle auprès des entreprises : intentions d’embauche à 12 mois par type de contrat, métiers en tension et raisons des difficultés, alternance et besoins en compétences. Comparable d’une année sur l’autre.',
		'Yearly survey of the companies: hiring intentions for the next 12 months by contract type, hard-to-fill trades and why, apprenticeships and skills needs. Comparable year on year.'
	),
	description: b(
		'Ce baromètre annuel aide le cluster à anticiper les besoins en recrutement et en compétences de la filière, à orienter les actions emploi-formation et à porter vos besoins auprès des partenaires (Région, France Travail, organismes de formation). Comptez 10 minutes ; une réponse par entreprise.',
		'This yearly barometer helps the cluster anticipate the sector’s recruitment and skills needs, steer its employment and training actions and carry your needs to partners (Region, public employment service, training providers). About 10 minutes; one answer per company.'
	),
	audience: 'organizations',
	anonymous: false,
	thankYou: b(
		'Merci ! Les résultats consolidés seront présentés aux adhérents et comparés à l’édition précédente.',
		'Thank you! The consolidated results will be presented to members and compared with the previous edition.'
	),
	sections: [
		{
			title: b('Votre entreprise', 'Your company'),
			questions: [
				{ key: 'headcount', type: 'number', label: b('Effectif salarié actuel', 'Current number of employees'), integer: true, min: 0, max: 100000, unit: b('salariés', 'employees'), required: true },
				{
					key: 'activity-outlook',
					type: 'single',
					label: b('Comment voyez-vous votre activité dans les 12 prochains mois ?', 'How do you see your business over the next 12 months?'),
					choices: [
						{ key: 'growth', label: b('En hausse', 'Growing') },
						{ key: 'stable', label: b('Stable', 'Stable') },
						{ key: 'decline', label: b('En baisse', 'Declining') },
						{ key: 'unknown', label: b('Ne sait pas', 'Don’t know') }
					]
				}
			]
		},
		{
			title: b('Intentions de recrutement à 12 mois', 'Hiring intentions for the next 12 months'),
			questions: [
				{
					key: 'hiring-intention',
					type: 'single',
					required: true,
					label: b('Prévoyez-vous de recruter dans les 12 prochains mois ?', 'Do you plan to hire in the next 12 months?'),
					choices: [
						{ key: 'yes-certain', label: b('Oui, c’est certain', 'Yes, certainly') },
						{ key: 'yes-probable', label: b('Oui, probablement', 'Yes, probably') },
						{ key: 'no', label: b('Non', 'No') },
						{ key: 'unknown', label: b('Ne sait pas encore', 'Not sure yet') }
					]
				},
				{
					key: 'hires-planned',
					type: 'number',
					integer: true,
					min: 0,
					max: 1000,
					unit: b('recrutements', 'hires'),
					label: b('Combien de recrutements prévoyez-vous (tous contrats) ?', 'How many hires do you plan (all contracts)?'),
					help: b('Une estimation suffit ; 0 si aucun.', 'An estimate is enough; 0 if none.')
				},
				{
					key: 'contract-types',
					type: 'multiple',
					label: b('Avec quels types de contrat ?', 'With which types of contract?'),
					choices: [
						{ key: 'cdi', label: b('CDI', 'Permanent contract') },
						{ key: 'cdd', label: b('CDD', 'Fixed-term contract') },
						{ key: 'apprenticeship', label: b('Alternance (apprentissage, professionnalisation)', 'Work-study (apprenticeship, professionalisation)') },
						{ key: 'temp', label: b('Intérim', 'Temporary agency work') },
						{ key: 'seasonal', label: b('Saisonnier', 'Seasonal') },
						{ key: 'shared', label: b('Temps partagé / groupement d’employeurs', 'Time-share / employer group') },
						{ key: 'internship', label: b('Stage', 'Internship') }
					]
				},
				{
					key: 'hiring-reasons',
					type: 'multiple',
					label: b('Pourquoi recrutez-vous ?', 'Why are you hiring?'),
					choices: [
						{ key: 'growth', label: b('Hausse de l’activité', 'More business') },
						{ key: 'retirement', label: b('Départs en retraite à remplacer', 'Retirements to replace') },
						{ key: 'turnover', label: b('Départs (démissions, fins de contrat)', 'Leavers (resignations, ends of contract)') },
						{ key: 'new-skills', label: b('Nouvelles compétences (numérique, nouveaux produits)', 'New skills (digital, new products)') },
						{ key: 'diversification', label: b('Nouveaux marchés ou nouvelle activité', 'New markets or a new activity') }
					],
					allowOther: true
				}
			]
		},
		{
			title: b('Difficultés de recrutement', 'Recruitment difficulties'),
			questions: [
				{
					key: 'hard-to-fill-trades',
					type: 'multiple',
					label: b('Quels métiers sont les plus difficiles à pourvoir pour vous ?', 'Which trades are the hardest for you to fill?'),
					help: b('Trois au plus.', 'Three at most.'),
					choices: 'trades',
					allowOther: true,
					maxChoices: 3
				},
				{
					key: 'difficulty-by-trade',
					type: 'matrix',
					label: b('Pour chaque métier, quel est votre niveau de difficulté à recruter ?', 'For each trade, how hard is it for you to hire?'),
					rows: 'trades',
					columns: difficulty
				},
				{
					key: 'difficulty-reasons',
					type: 'multiple',
					label: b('Quelles sont les principales raisons de ces difficultés ?', 'What are the main reasons for these difficulties?'),
					choices: [
						{ key: 'few-candidates', label: b('Pas assez de candidats', 'Not enough candidates') },
						{ key: 'skills-gap', label: b('Candidats sans la qualification attendue', 'Candidates lack the expected qualification') },
						{ key: 'experience', label: b('Manque d’expérience des candidats', 'Candidates lack experience') },
						{ key: 'working-conditions', label: b('Conditions de travail (pénibilité, horaires, chantiers)', 'Working conditions (physical strain, hours, sites)') },
						{ key: 'pay', label: b('Niveau de rémunération', 'Pay level') },
						{ key: 'image', label: b('Image du métier ou de la filière', 'Image of the trade or the sector') },
						{ key: 'mobility', label: b('Localisation, transport, logement', 'Location, transport, housing') },
						{ key: 'competition', label: b('Concurrence d’autres secteurs ou de grands groupes', 'Competition from other sectors or large groups') }
					],
					allowOther: true
				},
				{
					key: 'time-to-hire',
					type: 'single',
					label: b('Combien de temps vous a pris votre dernier recrutement ?', 'How long did your last hire take?'),
					choices: [
						{ key: 'lt1', label: b('Moins d’un mois', 'Less than a month') },
						{ key: '1-3', label: b('1 à 3 mois', '1 to 3 months') },
						{ key: '3-6', label: b('3 à 6 mois', '3 to 6 months') },
						{ key: 'gt6', label: b('Plus de 6 mois', 'More than 6 months') },
						{ key: 'abandoned', label: b('Recrutement abandonné', 'Gave up') }
					]
				}
			]
		},
		{
			title: b('Alternance et compétences', 'Apprenticeships and skills'),
			questions: [
				{
					key: 'apprenticeship-intention',
					type: 'single',
					label: b('Accueillerez-vous un ou des alternants à la prochaine rentrée ?', 'Will you take on apprentices at the next intake?'),
					choices: [
						{ key: 'yes', label: b('Oui', 'Yes') },
						{ key: 'maybe', label: b('Peut-être', 'Maybe') },
						{ key: 'no', label: b('Non', 'No') }
					]
				},
				{ key: 'apprentices-planned', type: 'number', integer: true, min: 0, max: 200, unit: b('alternants', 'apprentices'), label: b('Combien d’alternants ?', 'How many apprentices?') },
				{
					key: 'skills-needs',
					type: 'multiple',
					label: b('Quelles compétences devez-vous renforcer dans les deux ans ?', 'Which skills must you strengthen within two years?'),
					choices: [
						{ key: 'digital-design', label: b('Conception numérique (CAO, BIM)', 'Digital design (CAD, BIM)') },
						{ key: 'cnc', label: b('Conduite et programmation de machines à commande numérique', 'Running and programming CNC machines') },
						{ key: 'timber-construction', label: b('Construction bois et matériaux biosourcés', 'Timber construction and bio-based materials') },
						{ key: 'energy-renovation', label: b('Rénovation énergétique', 'Energy renovation') },
						{ key: 'management', label: b('Encadrement d’équipe et de chantier', 'Team and site management') },
						{ key: 'sales', label: b('Commercial et relation client', 'Sales and customer relations') },
						{ key: 'safety', label: b('Santé, sécurité et prévention', 'Health, safety and prevention') },
						{ key: 'maintenance', label: b('Maintenance des équipements', 'Equipment maintenance') }
					],
					allowOther: true
				},
				{
					key: 'cluster-support',
					type: 'multiple',
					label: b('Quelles actions du cluster vous aideraient le plus ?', 'Which cluster actions would help you most?'),
					choices: [
						{ key: 'job-dating', label: b('Job dating et forums de recrutement', 'Job dating and recruitment fairs') },
						{ key: 'talent-pool', label: b('Vivier de candidats partagé', 'Shared pool of candidates') },
						{ key: 'schools', label: b('Promotion des métiers dans les collèges et lycées', 'Promoting trades in schools') },
						{ key: 'collective-training', label: b('Formations collectives entre adhérents', 'Collective training among members') },
						{ key: 'employer-group', label: b('Groupement d’employeurs, temps partagé', 'Employer group, time-share') },
						{ key: 'hr-diagnostic', label: b('Diagnostic RH et accompagnement', 'HR diagnostic and support') }
					]
				},
				{ key: 'comments', type: 'long_text', label: b('Un commentaire, un besoin particulier ?', 'Any comment or particular need?'), maxLength: 3000 }
			]
		}
	]
};
