// Word lists for the benchmark's French companies and contacts. Everything here is invented except
// the NAF codes (real sub-classes, checked at start-up) and, elsewhere, the communes and postal codes.

export interface Activity {
	/** Ways a company name says it: "Menuiserie", "Menuiseries"… */
	labels: string[];
	naf: string;
	/** Relative frequency among companies. */
	weight: number;
	/** Tags this trade tends to carry (besides the common ones). */
	tags: string[];
}

// "tonnellerie" is deliberately rare: the benchmark's rare search term.
export const ACTIVITIES: Activity[] = [
	{ labels: ['Menuiserie', 'Menuiseries'], naf: '43.32A', weight: 6, tags: ['bois', 'artisanat', 'label RGE'] },
	{ labels: ['Charpente', 'Charpentes', 'Charpente Bois'], naf: '43.91A', weight: 4, tags: ['bois', 'construction bois'] },
	{ labels: ['Couverture', 'Toitures'], naf: '43.91B', weight: 3, tags: ['label RGE', 'artisanat'] },
	{ labels: ['Scierie', 'Sciages'], naf: '16.10A', weight: 1.5, tags: ['bois', 'bois local', 'PEFC'] },
	{ labels: ['Ébénisterie', 'Ameublement'], naf: '31.09B', weight: 1.5, tags: ['bois', 'artisanat', 'design'] },
	{ labels: ['Maçonnerie', 'Bâtiment'], naf: '43.99C', weight: 5, tags: ['construction', 'artisanat'] },
	{ labels: ['Plomberie', 'Plomberie Chauffage'], naf: '43.22A', weight: 4, tags: ['label RGE', 'énergie'] },
	{ labels: ['Électricité', 'Électricité Générale'], naf: '43.21A', weight: 4, tags: ['label RGE', 'énergie'] },
	{ labels: ['Peinture', 'Peinture et Décoration'], naf: '43.34Z', weight: 3, tags: ['artisanat'] },
	{ labels: ['Carrelage', 'Revêtements'], naf: '43.33Z', weight: 2, tags: ['artisanat'] },
	{ labels: ['Isolation', 'Isolation Thermique'], naf: '43.29A', weight: 2, tags: ['label RGE', 'bas carbone', 'énergie'] },
	{ labels: ['Étanchéité'], naf: '43.99A', weight: 1, tags: ['construction'] },
	{ labels: ['Terrassement', 'Travaux Publics'], naf: '43.12A', weight: 2.5, tags: ['construction', 'BTP'] },
	{ labels: ['Construction', 'Constructions'], naf: '41.20B', weight: 3, tags: ['construction', 'BTP', 'BIM'] },
	{ labels: ['Maisons Bois', 'Maisons Ossature Bois'], naf: '41.20A', weight: 1.5, tags: ['bois', 'construction bois', 'bas carbone'] },
	{ labels: ['Négoce Bois', 'Bois et Matériaux'], naf: '46.73A', weight: 1.2, tags: ['bois', 'négoce'] },
	{ labels: ['Palettes', 'Emballages Bois'], naf: '16.24Z', weight: 0.8, tags: ['bois', 'économie circulaire', 'logistique'] },
	{ labels: ['Tonnellerie'], naf: '16.24Z', weight: 0.04, tags: ['bois', 'viticulture', 'export'] },
	{ labels: ['Exploitation Forestière', 'Travaux Forestiers'], naf: '02.20Z', weight: 1, tags: ['bois', 'forêt', 'PEFC'] },
	{ labels: ['Transports', 'Transports Routiers'], naf: '49.41A', weight: 4, tags: ['logistique', 'mobilité'] },
	{ labels: ['Messagerie', 'Express Fret'], naf: '52.29A', weight: 1, tags: ['logistique'] },
	{ labels: ['Imprimerie', 'Arts Graphiques'], naf: '18.12Z', weight: 1.5, tags: ['communication', 'imprimerie'] },
	{ labels: ['Boulangerie', 'Boulangerie Pâtisserie'], naf: '10.71C', weight: 2, tags: ['agroalimentaire', 'artisanat'] },
	{ labels: ['Garage', 'Automobiles'], naf: '45.20A', weight: 2.5, tags: ['mobilité'] },
	{ labels: ['Mécanique', 'Mécanique de Précision', 'Usinage'], naf: '25.62B', weight: 3, tags: ['industrie du futur', 'sous-traitance'] },
	{ labels: ['Métallerie', 'Constructions Métalliques'], naf: '25.11Z', weight: 2, tags: ['industrie', 'sous-traitance'] },
	{ labels: ['Chaudronnerie'], naf: '25.29Z', weight: 1.2, tags: ['industrie', 'sous-traitance'] },
	{ labels: ['Plasturgie', 'Plastiques Techniques'], naf: '22.29A', weight: 1.2, tags: ['industrie', 'économie circulaire'] },
	{ labels: ['Informatique', 'Services Informatiques'], naf: '62.02A', weight: 3.5, tags: ['numérique', 'cybersécurité'] },
	{ labels: ['Logiciels', 'Software'], naf: '58.29C', weight: 1.5, tags: ['numérique', 'start-up', 'French Tech'] },
	{ labels: ['Développement Web', 'Studio Numérique'], naf: '62.01Z', weight: 2, tags: ['numérique', 'start-up'] },
	{ labels: ['Data Center', 'Hébergement Cloud'], naf: '63.11Z', weight: 0.5, tags: ['numérique', 'cybersécurité'] },
	{ labels: ['Conseil', 'Consulting'], naf: '70.22Z', weight: 4, tags: ['conseil', 'RSE'] },
	{ labels: ['Ingénierie', "Bureau d'Études"], naf: '71.12B', weight: 3, tags: ['ingénierie', 'BIM', 'R&D'] },
	{ labels: ['Architecture', 'Architectes'], naf: '71.11Z', weight: 1.5, tags: ['architecture', 'BIM'] },
	{ labels: ['Paysages', 'Espaces Verts'], naf: '81.30Z', weight: 2, tags: ['environnement'] },
	{ labels: ['Nettoyage', 'Propreté'], naf: '81.21Z', weight: 2, tags: ['services'] },
	{ labels: ['Traiteur', 'Réceptions'], naf: '56.21Z', weight: 1, tags: ['agroalimentaire', 'tourisme'] },
	{ labels: ['Restaurant', 'Brasserie'], naf: '56.10A', weight: 1.5, tags: ['tourisme'] },
	{ labels: ['Hôtel', 'Hôtellerie'], naf: '55.10Z', weight: 1, tags: ['tourisme'] },
	{ labels: ['Laboratoire', 'Labo'], naf: '72.19Z', weight: 1, tags: ['R&D', 'innovation'] },
	{ labels: ['Biotech', 'Biotechnologies'], naf: '72.11Z', weight: 0.6, tags: ['R&D', 'santé', 'start-up'] },
	{ labels: ['Communication', 'Agence Conseil'], naf: '73.11Z', weight: 2, tags: ['communication', 'numérique'] },
	{ labels: ['Formation', 'Formations'], naf: '85.59A', weight: 1.5, tags: ['formation', 'apprentissage'] },
	{ labels: ['Expertise Comptable', 'Audit et Conseil'], naf: '69.20Z', weight: 2, tags: ['conseil'] },
	{ labels: ['Vignobles', 'Domaine'], naf: '01.21Z', weight: 1, tags: ['viticulture', 'export', 'agroalimentaire'] },
	{ labels: ['Fromagerie', 'Laiterie'], naf: '10.51C', weight: 0.7, tags: ['agroalimentaire', 'export'] },
	{ labels: ['Conserverie', 'Saveurs'], naf: '10.89Z', weight: 0.8, tags: ['agroalimentaire'] },
	{ labels: ['Énergies Solaires', 'Photovoltaïque'], naf: '35.11Z', weight: 1, tags: ['énergie', 'bas carbone', 'label RGE'] },
	{ labels: ['Recyclage', 'Valorisation'], naf: '38.32Z', weight: 1, tags: ['économie circulaire', 'environnement'] },
	{ labels: ['Textiles', 'Tissages'], naf: '13.92Z', weight: 0.7, tags: ['industrie', 'export'] },
	{ labels: ['Robotique', 'Automatismes'], naf: '28.99B', weight: 1, tags: ['industrie du futur', 'innovation', 'R&D'] },
	{ labels: ['Électronique', 'Composants'], naf: '26.11Z', weight: 0.7, tags: ['industrie', 'R&D'] },
	{ labels: ['Optique', 'Photonique'], naf: '26.70Z', weight: 0.5, tags: ['R&D', 'innovation'] },
	{ labels: ['Cosmétiques', 'Parfums'], naf: '20.42Z', weight: 0.6, tags: ['export', 'santé'] },
	{ labels: ['Design', 'Studio Design'], naf: '74.10Z', weight: 0.8, tags: ['design'] },
	{ labels: ['Intérim', 'Recrutement'], naf: '78.10Z', weight: 0.8, tags: ['recrutement', 'emploi'] },
	{ labels: ['Aéronautique', 'Aérostructures'], naf: '30.30Z', weight: 0.5, tags: ['industrie', 'export', 'sous-traitance'] },
	{ labels: ['Location Matériel'], naf: '77.32Z', weight: 0.8, tags: ['BTP'] },
	{ labels: ['Sécurité', 'Gardiennage'], naf: '80.10Z', weight: 0.8, tags: ['services'] },
	{ labels: ['Événements', 'Salons'], naf: '82.30Z', weight: 0.5, tags: ['communication', 'tourisme'] }
];

/** The most frequent French surnames, most frequent first (Zipf-weighted when drawn). */
export const SURNAMES = [
	'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon',
	'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont',
	'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin',
	'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément',
	'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont',
	'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière',
	'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy',
	'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas',
	'Lacroix', 'Olivier', 'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland',
	'Leclercq', 'Guillaume', 'Lecomte', 'Lopez', 'Jean', 'Dupuy', 'Guillot', 'Hubert', 'Berger', 'Carpentier',
	'Sanchez', 'Dupuis', 'Moulin', 'Louis', 'Deschamps', 'Huet', 'Vasseur', 'Perez', 'Boucher', 'Fleury', 'Royer',
	'Klein', 'Jacquet', 'Adam', 'Paris', 'Poirier', 'Marty', 'Aubry', 'Guyot', 'Carré', 'Charles', 'Renault',
	'Charpentier', 'Ménard', 'Maillard', 'Baron', 'Bertin', 'Bailly', 'Hervé', 'Schneider', 'Fernandez', 'Le Gall',
	'Collet', 'Léger', 'Bouvier', 'Julien', 'Prévost', 'Millet', 'Perrot', 'Daniel', 'Le Roux', 'Cousin', 'Germain',
	'Breton', 'Besson', 'Langlois', 'Rémy', 'Le Goff', 'Pelletier', 'Lévêque', 'Perrier', 'Leblanc', 'Barré',
	'Lebrun', 'Marchal', 'Weber', 'Mallet', 'Hamon', 'Boulanger', 'Jacob', 'Monnier', 'Michaud', 'Rodriguez',
	'Guichard', 'Gillet', 'Étienne', 'Grondin', 'Poulain', 'Tessier', 'Chevallier', 'Collin', 'Chauvin', 'Da Silva',
	'Bouchet', 'Gay', 'Lemaître', 'Bénard', 'Maréchal', 'Humbert', 'Reynaud', 'Antoine', 'Hoarau', 'Perret',
	'Barthélemy', 'Cordier', 'Pichon', 'Lejeune', 'Gilbert', 'Lamy', 'Delaunay', 'Pasquier', 'Carlier', 'Laporte',
	'Etcheverry', 'Lafargue', 'Kerboul', 'Le Bihan', 'Quéméner', 'Castaing', 'Lacaze', 'Dartigues', 'Vergnaud',
	'Chassaing', 'Pujol', 'Fourcade', 'Sabatier', 'Bouvet', 'Favre', 'Jacquemin', 'Wagner', 'Hoffmann', 'Zimmermann'
];

export const FIRST_NAMES: [string, 'f' | 'm'][] = [
	['Marie', 'f'], ['Nathalie', 'f'], ['Isabelle', 'f'], ['Sylvie', 'f'], ['Catherine', 'f'], ['Sophie', 'f'],
	['Christine', 'f'], ['Céline', 'f'], ['Sandrine', 'f'], ['Valérie', 'f'], ['Stéphanie', 'f'], ['Julie', 'f'],
	['Aurélie', 'f'], ['Émilie', 'f'], ['Camille', 'f'], ['Laura', 'f'], ['Élodie', 'f'], ['Caroline', 'f'],
	['Virginie', 'f'], ['Claire', 'f'], ['Anne', 'f'], ['Hélène', 'f'], ['Pauline', 'f'], ['Manon', 'f'],
	['Léa', 'f'], ['Chloé', 'f'], ['Sarah', 'f'], ['Inès', 'f'], ['Margaux', 'f'], ['Lucie', 'f'],
	['Jean', 'm'], ['Philippe', 'm'], ['Michel', 'm'], ['Alain', 'm'], ['Nicolas', 'm'], ['Christophe', 'm'],
	['Pierre', 'm'], ['Patrick', 'm'], ['Laurent', 'm'], ['Stéphane', 'm'], ['Frédéric', 'm'], ['Sébastien', 'm'],
	['Julien', 'm'], ['David', 'm'], ['Olivier', 'm'], ['Thomas', 'm'], ['Éric', 'm'], ['Vincent', 'm'],
	['Guillaume', 'm'], ['Antoine', 'm'], ['Mathieu', 'm'], ['Romain', 'm'], ['Maxime', 'm'], ['Alexandre', 'm'],
	['François', 'm'], ['Jérôme', 'm'], ['Benoît', 'm'], ['Hugo', 'm'], ['Lucas', 'm'], ['Karim', 'm'],
	['Mehdi', 'm'], ['Yann', 'm'], ['Erwan', 'm'], ['Bastien', 'm'], ['Loïc', 'm']
];

export const TITLES = {
	lead: { f: ['Gérante', 'Présidente', 'Directrice générale', 'Co-gérante', 'Fondatrice'], m: ['Gérant', 'Président', 'Directeur général', 'Co-gérant', 'Fondateur'] },
	other: {
		f: ['Responsable RH', 'Responsable commerciale', 'Directrice administrative et financière', 'Responsable QSE', 'Assistante de direction', "Chargée d'affaires", 'Responsable production', 'Responsable export', 'Conductrice de travaux', 'Responsable R&D'],
		m: ['Responsable RH', 'Responsable commercial', 'Directeur administratif et financier', 'Responsable QSE', 'Assistant de direction', "Chargé d'affaires", 'Responsable production', 'Responsable export', 'Conducteur de travaux', 'Responsable R&D']
	}
};

/** Words of brand-like names: "Nova Habitat", "Bois & Concept", "Synergie Industrie". */
export const THEMES = [
	'Bois', 'Habitat', 'Énergie', 'Éco', 'Nova', 'Horizon', 'Concept', 'Solutions', 'Services', 'Innovation',
	'Systèmes', 'Technologies', 'Environnement', 'Développement', 'Structures', 'Avenir', 'Pôle', 'Design',
	'Industrie', 'Confort', 'Lumière', 'Terre', 'Pierre', 'Métal', 'Verre', 'Nature', 'Synergie', 'Alliance',
	'Évolution', 'Expertise', 'Process', 'Data', 'Digital', 'Réseau', 'Matériaux', 'Rénov', 'Bâti', 'Cap', 'Azur',
	'Océan', 'Vallée', 'Forêt', 'Chêne', 'Hêtre', 'Granit', 'Atlas', 'Origine', 'Tandem', 'Équilibre', 'Vision'
];

/** Regions and pays as company names use them: "Transports Bretagne", "Charpentes Atlantique". */
export const AREAS = [
	'Atlantique', 'Méditerranée', 'Provence', 'Bretagne', 'Normandie', 'Occitanie', 'Auvergne', 'Aquitaine',
	'Vosges', 'Jura', 'Savoie', 'Armor', 'Loire', 'Garonne', 'Rhône', 'Val de Loire', 'Sud-Ouest', 'Grand Est',
	'Île-de-France', 'Flandres', 'Pyrénées', 'Cévennes', 'Morvan', 'Limousin', 'Périgord', 'Berry', 'Vendée',
	'Anjou', 'Touraine', 'Champagne', 'Lorraine', 'Alsace', 'Dauphiné', 'Beaujolais', 'Quercy', 'Landes',
	'Gascogne', 'Bourgogne', 'Picardie', 'Artois', 'Cotentin', 'Sologne', 'Velay', 'Forez', 'Luberon', 'Charente'
];

export const LEGAL_FORMS: [string, number][] = [
	['SAS', 40], ['SARL', 35], ['EURL', 10], ['SASU', 7], ['SA', 6], ['SCOP', 2]
];

/** Tags, most frequent first (Zipf-weighted); trades add their own. */
export const COMMON_TAGS = [
	'export', 'innovation', 'RSE', 'numérique', 'formation', 'recrutement', 'bas carbone', 'industrie du futur',
	'international', 'économie circulaire', 'achats groupés', 'apprentissage', 'qualité', 'ISO 9001', 'ISO 14001',
	'R&D', 'ESS', 'start-up', 'French Tech', 'cybersécurité', 'mobilité', 'santé', 'tourisme', 'énergie',
	'sous-traitance', 'BIM', 'mécénat', 'made in France', 'silver économie', 'hydrogène'
];

export const STREETS = [
	'rue de la République', 'avenue Jean-Jaurès', 'rue Victor-Hugo', 'rue Pasteur', 'avenue de la Gare',
	'rue du Général-de-Gaulle', 'place de la Mairie', "rue de l'Église", 'chemin du Moulin', 'route Nationale',
	'rue des Artisans', "zone d'activités des Prés", 'rue de la Paix', 'avenue du Maréchal-Foch', 'rue Gambetta',
	'boulevard de la Liberté', 'rue des Écoles', 'impasse des Tilleuls', 'allée des Chênes', 'rue du Stade',
	'parc d’activités du Lac', 'rue de l’Industrie', 'avenue de l’Europe', 'rue des Forges', 'chemin des Vignes'
];

export const DESCRIPTIONS = [
	'Entreprise familiale fondée il y a plus de trente ans, reconnue pour la qualité de ses réalisations.',
	'PME en croissance qui investit dans la formation de ses équipes et la modernisation de son outil de production.',
	'Travaille principalement pour des clients professionnels de la région ; développe une activité à l’export.',
	'Engagée dans une démarche RSE : réduction des déchets, achats locaux, bilan carbone annuel.',
	'Recherche des partenaires pour un projet collaboratif de R&D soutenu par la Région.',
	'Membre actif des commissions du cluster ; accueille régulièrement des apprentis.',
	'Jeune entreprise innovante issue d’un laboratoire universitaire.',
	'Sous-traitant de rang 1 pour plusieurs donneurs d’ordre nationaux.',
	'Reprise en 2021 par ses salariés, constituée en société coopérative.',
	'Atelier équipé de machines à commande numérique ; bureau d’études intégré.'
];
