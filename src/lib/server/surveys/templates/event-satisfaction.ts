// Satisfaction survey after an event (workshop, breakfast, visit, trade show).
import { b, type SurveyTemplate, type TemplateChoice } from './types';

const satisfaction: TemplateChoice[] = [
	{ key: 'very-satisfied', label: b('Très satisfait', 'Very satisfied') },
	{ key: 'satisfied', label: b('Satisfait', 'Satisfied') },
	{ key: 'unsatisfied', label: b('Peu satisfait', 'Not very satisfied') },
	{ key: 'very-unsatisfied', label: b('Pas satisfait', 'Not satisfied') }
];

export const eventSatisfaction: SurveyTemplate = {
	key: 'event-satisfaction',
	kind: 'survey',
	title: b('Satisfaction après l’événement', 'Satisfaction after the event'),
	summary: b(
		'Questionnaire court envoyé aux participants après un atelier, une visite ou un salon : satisfaction globale, organisation, utilité, recommandation et sujets souhaités.',
		'Short questionnaire sent to participants after a workshop, visit or trade show: overall satisfaction, organisation, usefulness, recommendation and topics wanted.'
	),
	description: b('Votre avis nous aide à améliorer les prochains rendez-vous du cluster. Deux minutes suffisent.', 'Your opinion helps us improve the cluster’s next events. Two minutes are enough.'),
	audience: 'contacts',
	anonymous: true,
	thankYou: b('Merci pour votre retour, à bientôt !', 'Thank you for your feedback, see you soon!'),
	sections: [
		{
			title: b('Votre avis', 'Your opinion'),
			questions: [
				{ key: 'overall', type: 'scale', required: true, min: 1, max: 5, minLabel: b('Pas du tout satisfait', 'Not satisfied at all'), maxLabel: b('Très satisfait', 'Very satisfied'), label: b('Globalement, êtes-vous satisfait de l’événement ?', 'Overall, were you satisfied with the event?') },
				{
					key: 'organisation',
					type: 'matrix',
					label: b('Que pensez-vous de l’organisation ?', 'What did you think of the organisation?'),
					rows: [
						{ key: 'welcome', label: b('Accueil', 'Welcome') },
						{ key: 'venue', label: b('Lieu et accès', 'Venue and access') },
						{ key: 'timing', label: b('Horaires et durée', 'Timing and length') },
						{ key: 'speakers', label: b('Intervenants', 'Speakers') },
						{ key: 'networking', label: b('Temps d’échange entre participants', 'Time to meet other participants') }
					],
					columns: satisfaction
				},
				{
					key: 'usefulness',
					type: 'single',
					label: b('L’événement vous sera-t-il utile dans votre activité ?', 'Will the event be useful in your work?'),
					choices: [
						{ key: 'very', label: b('Oui, tout à fait', 'Yes, very') },
						{ key: 'somewhat', label: b('Plutôt oui', 'Rather yes') },
						{ key: 'little', label: b('Plutôt non', 'Rather not') },
						{ key: 'not', label: b('Non', 'No') }
					]
				},
				{
					key: 'outcomes',
					type: 'multiple',
					label: b('Qu’en retirez-vous ?', 'What did you get out of it?'),
					choices: [
						{ key: 'contacts', label: b('De nouveaux contacts', 'New contacts') },
						{ key: 'business', label: b('Une piste d’affaires ou de partenariat', 'A business or partnership lead') },
						{ key: 'knowledge', label: b('Des connaissances, de la veille', 'Knowledge, market watch') },
						{ key: 'solution', label: b('Une solution à un problème', 'A solution to a problem') }
					],
					allowOther: true
				},
				{ key: 'recommend', type: 'scale', min: 0, max: 10, minLabel: b('Pas du tout probable', 'Not at all likely'), maxLabel: b('Très probable', 'Very likely'), label: b('Recommanderiez-vous cet événement à un confrère ?', 'Would you recommend this event to a peer?') },
				{ key: 'topics', type: 'long_text', label: b('Quels sujets aimeriez-vous voir aborder lors d’un prochain événement ?', 'Which topics would you like at a future event?'), maxLength: 2000 },
				{ key: 'comments', type: 'long_text', label: b('Autres remarques', 'Other comments'), maxLength: 2000 }
			]
		}
	]
};
