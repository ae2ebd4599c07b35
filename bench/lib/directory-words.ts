// Word lists for the directory benchmark's showcases: the cluster's competency taxonomy, reference
// kinds, labels, materials, and what each trade makes, sells and says about itself. Invented, except
// the labels (real French labels and certifications) and, elsewhere, the communes and NAF codes.

/** The cluster's competency taxonomy (44 entries), as a wood and building cluster that grew wider would have it. */
export const COMPETENCIES: Record<string, string> = {
	charpente: 'Charpente traditionnelle',
	ossature_bois: 'Construction à ossature bois',
	bois_massif: 'Bois massif et CLT',
	menuiserie_ext: 'Menuiserie extérieure',
	menuiserie_int: 'Menuiserie intérieure et agencement',
	escaliers: 'Escaliers et parquets',
	ebenisterie: 'Ébénisterie et mobilier',
	couverture: 'Couverture et zinguerie',
	bardage: 'Bardage et façades',
	isolation: 'Isolation biosourcée',
	renovation: 'Rénovation énergétique',
	etancheite: 'Étanchéité',
	maconnerie: 'Maçonnerie et gros œuvre',
	terrassement: 'Terrassement et VRD',
	plomberie: 'Plomberie et chauffage',
	electricite: 'Électricité et domotique',
	peinture: 'Peinture et finitions',
	carrelage: 'Carrelage et revêtements de sols',
	paysage: 'Aménagement paysager',
	patrimoine: 'Restauration du patrimoine',
	sciage: 'Sciage et séchage',
	exploitation: 'Exploitation forestière',
	negoce: 'Négoce de bois et matériaux',
	emballages: 'Emballages et palettes',
	tonnellerie: 'Tonnellerie',
	bureau_etudes: "Bureau d'études structure",
	architecture: "Architecture et maîtrise d'œuvre",
	bim: 'BIM et maquette numérique',
	economie: 'Économie de la construction',
	usinage: 'Usinage et mécanique de précision',
	metallerie: 'Métallerie et chaudronnerie',
	automatismes: 'Automatismes et robotique',
	logiciel: 'Développement logiciel',
	cybersecurite: 'Cybersécurité',
	conseil: 'Conseil et stratégie',
	formation: 'Formation professionnelle',
	transport: 'Transport et logistique',
	recyclage: 'Recyclage et valorisation',
	energies: 'Énergies renouvelables',
	design: 'Design et création',
	agroalimentaire: 'Agroalimentaire',
	communication: 'Communication et marketing',
	rd: 'Recherche et développement',
	hotellerie: 'Hôtellerie et restauration'
};

export const REFERENCE_KINDS = ['Construction neuve', 'Réhabilitation et rénovation', 'Aménagement intérieur', 'Espaces publics et paysage'];

/** What a reference (réalisation) is called; {c} is its commune. Weighted towards building work. */
export const REFERENCE_TITLES: [string, number, number][] = [
	// [title, kind index, weight]
	['Groupe scolaire de {c}', 0, 3],
	['Maison individuelle à {c}', 0, 6],
	['Médiathèque de {c}', 0, 2],
	['Gymnase intercommunal de {c}', 0, 2],
	['Résidence de 24 logements à {c}', 0, 3],
	['Extension d’un chai à {c}', 0, 1],
	['Bureaux d’une PME à {c}', 0, 2],
	['Crèche municipale de {c}', 0, 2],
	['Réhabilitation de la mairie de {c}', 1, 2],
	['Rénovation énergétique d’un collège à {c}', 1, 3],
	['Surélévation d’un immeuble à {c}', 1, 2],
	['Restauration de l’église de {c}', 1, 1],
	['Rénovation d’une longère à {c}', 1, 2],
	['Agencement d’une boutique à {c}', 2, 2],
	['Aménagement d’un restaurant à {c}', 2, 2],
	['Cuisine et dressing sur mesure à {c}', 2, 2],
	['Salle du conseil de {c}', 2, 1],
	['Passerelle piétonne à {c}', 3, 1],
	['Aire de jeux en bois à {c}', 3, 1],
	['Place du marché de {c}', 3, 1],
	['Parcours de santé à {c}', 3, 1]
];

export const CLIENT_TYPES = ['public', 'private_company', 'individual', 'other'];

/** Real labels and certifications; the building ones come first and most often. */
export const LABEL_NAMES = [
	'RGE', 'Qualibat', 'PEFC', 'FSC', 'Bois de France', 'Qualibois', 'Qualifelec', 'QualiPAC', 'QualiPV',
	'ISO 9001', 'ISO 14001', 'Entreprise du Patrimoine Vivant', "Imprim'Vert", 'Origine France Garantie', 'Lucie 26000'
];

export interface Trade {
	competencies: string[];
	materials: string[];
	labels: string[];
	/** Products and services; an entry starting with "~" is rare (drawn with 4 % of the usual chance). */
	products: string[];
	/** How the portrait names the company: "une entreprise de menuiserie". */
	what: string;
}

const BUILDING_LABELS = ['RGE', 'Qualibat'];

/** By the first label of an ACTIVITIES entry (bench/lib/words.ts). */
export const TRADES: Record<string, Trade> = {
	Menuiserie: {
		competencies: ['menuiserie_ext', 'menuiserie_int', 'escaliers', 'renovation'],
		materials: ['chêne', 'douglas', 'pin maritime', 'mélèze', 'aluminium', 'PVC', 'hêtre', 'frêne'],
		labels: [...BUILDING_LABELS, 'PEFC', 'Bois de France'],
		products: ['fenêtres bois et bois-aluminium', 'portes d’entrée sur mesure', 'volets battants', 'escaliers', 'placards et dressings', 'parquets massifs', 'agencement de magasins', '~marqueterie', 'verrières d’atelier'],
		what: 'une entreprise de menuiserie'
	},
	Charpente: {
		competencies: ['charpente', 'ossature_bois', 'bardage', 'couverture', 'patrimoine'],
		materials: ['douglas', 'chêne', 'épicéa', 'lamellé-collé', 'CLT', 'mélèze', 'sapin'],
		labels: [...BUILDING_LABELS, 'Bois de France', 'PEFC', 'Qualibois'],
		products: ['charpentes traditionnelles', 'charpentes industrielles', 'extensions à ossature bois', 'carports et préaux', 'surélévations', '~colombages', '~gloriettes', 'terrasses en bois'],
		what: 'une entreprise de charpente'
	},
	Couverture: {
		competencies: ['couverture', 'etancheite', 'renovation', 'patrimoine'],
		materials: ['zinc', 'ardoise', 'tuile', 'cuivre'],
		labels: BUILDING_LABELS,
		products: ['couvertures en ardoise', 'couvertures en tuiles', 'zinguerie', 'gouttières', 'fenêtres de toit', '~toits de chaume', '~lauzes', 'démoussage'],
		what: 'une entreprise de couverture'
	},
	Scierie: {
		competencies: ['sciage', 'exploitation', 'negoce'],
		materials: ['douglas', 'pin maritime', 'chêne', 'épicéa', 'peuplier', 'hêtre'],
		labels: ['PEFC', 'FSC', 'Bois de France'],
		products: ['bois de charpente', 'bois de coffrage', 'plots de chêne', '~merrains', 'bois séché', 'bardages rabotés', '~tavaillons'],
		what: 'une scierie'
	},
	Ébénisterie: {
		competencies: ['ebenisterie', 'menuiserie_int', 'design', 'patrimoine'],
		materials: ['noyer', 'chêne', 'merisier', 'hêtre', 'frêne'],
		labels: ['Entreprise du Patrimoine Vivant', 'Bois de France'],
		products: ['mobilier sur mesure', 'restauration de meubles anciens', 'marqueterie', 'tables et bibliothèques', 'cuisines en bois massif'],
		what: 'un atelier d’ébénisterie'
	},
	Maçonnerie: {
		competencies: ['maconnerie', 'terrassement', 'renovation', 'patrimoine'],
		materials: ['pierre', 'béton', 'brique', 'chaux', 'terre crue'],
		labels: BUILDING_LABELS,
		products: ['maisons individuelles', 'murs en pierre', 'dallages', 'enduits à la chaux', '~torchis', 'ouvertures de murs porteurs'],
		what: 'une entreprise de maçonnerie'
	},
	Plomberie: {
		competencies: ['plomberie', 'energies', 'renovation'],
		materials: ['cuivre', 'inox'],
		labels: ['RGE', 'QualiPAC', 'Qualibat'],
		products: ['pompes à chaleur', 'chaudières à granulés', 'salles de bains', 'chauffe-eau solaires', 'planchers chauffants', 'dépannage'],
		what: 'une entreprise de plomberie et de chauffage'
	},
	Électricité: {
		competencies: ['electricite', 'energies', 'renovation'],
		materials: ['cuivre'],
		labels: ['Qualifelec', 'RGE', 'QualiPV'],
		products: ['installations électriques', 'bornes de recharge', 'domotique', 'éclairage LED', 'panneaux photovoltaïques', 'mises aux normes'],
		what: 'une entreprise d’électricité'
	},
	Peinture: {
		competencies: ['peinture', 'carrelage', 'renovation'],
		materials: ['chaux', 'peintures biosourcées'],
		labels: ['Qualibat'],
		products: ['peinture intérieure', 'ravalement de façades', 'papiers peints', 'enduits décoratifs', 'revêtements muraux'],
		what: 'une entreprise de peinture'
	},
	Carrelage: {
		competencies: ['carrelage', 'peinture'],
		materials: ['grès cérame', 'pierre', 'terre cuite'],
		labels: ['Qualibat'],
		products: ['carrelage', 'faïence', 'mosaïque', 'parquets flottants', 'chapes'],
		what: 'une entreprise de carrelage'
	},
	Isolation: {
		competencies: ['isolation', 'renovation', 'bardage'],
		materials: ['fibre de bois', 'ouate de cellulose', 'chanvre', 'paille', 'liège', 'laine de bois'],
		labels: ['RGE', 'Qualibat'],
		products: ['isolation des combles', 'isolation thermique par l’extérieur', 'soufflage de ouate de cellulose', 'isolation en bottes de paille', 'audits énergétiques'],
		what: 'une entreprise d’isolation'
	},
	Étanchéité: {
		competencies: ['etancheite', 'couverture'],
		materials: ['bitume', 'EPDM', 'zinc'],
		labels: ['Qualibat'],
		products: ['toitures-terrasses', 'toitures végétalisées', 'cuvelage', 'bardages étanches'],
		what: 'une entreprise d’étanchéité'
	},
	Terrassement: {
		competencies: ['terrassement', 'paysage'],
		materials: ['béton', 'enrobé', 'pierre'],
		labels: ['Qualibat', 'ISO 14001'],
		products: ['voiries et réseaux divers', 'assainissement', 'plateformes', 'démolition', 'enrochements'],
		what: 'une entreprise de travaux publics'
	},
	Construction: {
		competencies: ['maconnerie', 'ossature_bois', 'bim', 'economie'],
		materials: ['béton', 'bois', 'acier', 'CLT'],
		labels: ['Qualibat', 'ISO 9001', 'RGE'],
		products: ['logements collectifs', 'bâtiments tertiaires', 'maisons individuelles', 'extensions', 'bâtiments agricoles'],
		what: 'une entreprise générale de construction'
	},
	'Maisons Bois': {
		competencies: ['ossature_bois', 'bois_massif', 'charpente', 'isolation'],
		materials: ['douglas', 'épicéa', 'CLT', 'fibre de bois', 'mélèze'],
		labels: ['Bois de France', 'PEFC', 'RGE', 'Qualibat'],
		products: ['maisons à ossature bois', 'maisons en bois massif', 'extensions bois', 'chalets', '~kiosques', 'bâtiments passifs'],
		what: 'un constructeur de maisons en bois'
	},
	'Négoce Bois': {
		competencies: ['negoce', 'sciage'],
		materials: ['douglas', 'chêne', 'pin maritime', 'OSB', 'contreplaqué', 'fibre de bois'],
		labels: ['PEFC', 'FSC', 'Bois de France'],
		products: ['panneaux', 'bois de construction', 'lames de terrasse', 'bardages', 'isolants biosourcés', 'quincaillerie'],
		what: 'un négoce de bois et de matériaux'
	},
	Palettes: {
		competencies: ['emballages', 'recyclage'],
		materials: ['pin maritime', 'peuplier', 'épicéa'],
		labels: ['PEFC', 'FSC'],
		products: ['palettes sur mesure', 'caisses', 'emballages industriels', 'reconditionnement de palettes'],
		what: 'un fabricant de palettes et d’emballages'
	},
	Tonnellerie: {
		competencies: ['tonnellerie', 'ebenisterie'],
		materials: ['chêne'],
		labels: ['Entreprise du Patrimoine Vivant', 'PEFC'],
		products: ['fûts de chêne', 'barriques', 'foudres', 'merrains'],
		what: 'une tonnellerie'
	},
	'Exploitation Forestière': {
		competencies: ['exploitation', 'sciage'],
		materials: ['pin maritime', 'douglas', 'chêne', 'hêtre', 'peuplier', 'châtaignier'],
		labels: ['PEFC', 'FSC'],
		products: ['abattage', 'débardage', 'bois énergie', 'plaquettes forestières', 'reboisement'],
		what: 'une entreprise de travaux forestiers'
	},
	Transports: { competencies: ['transport'], materials: [], labels: ['ISO 9001', 'ISO 14001'], products: ['transport de bois ronds', 'transport de matériaux', 'messagerie', 'logistique', 'stockage'], what: 'une entreprise de transport' },
	Messagerie: { competencies: ['transport'], materials: [], labels: ['ISO 9001'], products: ['messagerie express', 'fret', 'entreposage'], what: 'une entreprise de messagerie' },
	Imprimerie: { competencies: ['communication', 'design'], materials: ['papier', 'carton'], labels: ["Imprim'Vert", 'PEFC', 'FSC'], products: ['impression offset', 'signalétique', 'packaging', 'édition'], what: 'une imprimerie' },
	Boulangerie: { competencies: ['agroalimentaire'], materials: [], labels: [], products: ['pains au levain', 'viennoiseries', 'pâtisseries'], what: 'une boulangerie artisanale' },
	Garage: { competencies: ['transport'], materials: [], labels: [], products: ['entretien de véhicules', 'carrosserie', 'véhicules utilitaires'], what: 'un garage' },
	Mécanique: { competencies: ['usinage', 'automatismes'], materials: ['acier', 'aluminium', 'inox', 'titane'], labels: ['ISO 9001'], products: ['pièces usinées', 'outillage', 'prototypes', 'petites séries'], what: 'un atelier de mécanique de précision' },
	Métallerie: { competencies: ['metallerie'], materials: ['acier', 'inox', 'aluminium'], labels: ['Qualibat', 'ISO 9001'], products: ['charpentes métalliques', 'garde-corps', 'escaliers métalliques', 'serrurerie', '~ferronnerie d’art'], what: 'une métallerie' },
	Chaudronnerie: { competencies: ['metallerie', 'usinage'], materials: ['acier', 'inox', 'aluminium'], labels: ['ISO 9001'], products: ['cuves', 'tuyauterie industrielle', 'pièces chaudronnées'], what: 'une chaudronnerie' },
	Plasturgie: { competencies: ['usinage', 'recyclage'], materials: ['plastiques recyclés', 'polypropylène'], labels: ['ISO 9001', 'ISO 14001'], products: ['injection plastique', 'thermoformage', 'pièces techniques'], what: 'une entreprise de plasturgie' },
	Informatique: { competencies: ['logiciel', 'cybersecurite'], materials: [], labels: ['ISO 9001'], products: ['infogérance', 'réseaux', 'sauvegarde', 'sécurité informatique'], what: 'une société de services informatiques' },
	Logiciels: { competencies: ['logiciel', 'bim'], materials: [], labels: [], products: ['logiciels métiers', 'applications mobiles', 'logiciels en ligne'], what: 'un éditeur de logiciels' },
	'Développement Web': { competencies: ['logiciel', 'communication'], materials: [], labels: [], products: ['sites internet', 'boutiques en ligne', 'applications web'], what: 'un studio numérique' },
	'Data Center': { competencies: ['logiciel', 'cybersecurite'], materials: [], labels: ['ISO 14001'], products: ['hébergement', 'cloud souverain'], what: 'un hébergeur' },
	Conseil: { competencies: ['conseil', 'formation'], materials: [], labels: ['Lucie 26000'], products: ['stratégie', 'accompagnement RSE', 'organisation'], what: 'un cabinet de conseil' },
	Ingénierie: { competencies: ['bureau_etudes', 'bim', 'economie'], materials: ['bois', 'béton', 'acier', 'CLT'], labels: ['ISO 9001'], products: ['études de structure', 'thermique du bâtiment', 'calculs de structures bois', 'diagnostics'], what: 'un bureau d’études' },
	Architecture: { competencies: ['architecture', 'bim'], materials: ['bois', 'pierre', 'terre crue', 'paille'], labels: [], products: ['maîtrise d’œuvre', 'permis de construire', 'réhabilitation', 'logements bioclimatiques'], what: 'une agence d’architecture' },
	Paysages: { competencies: ['paysage', 'terrassement'], materials: ['bois', 'pierre', 'châtaignier'], labels: ['ISO 14001'], products: ['jardins', 'terrasses en bois', 'clôtures', 'élagage'], what: 'une entreprise du paysage' },
	Nettoyage: { competencies: [], materials: [], labels: ['ISO 9001'], products: ['nettoyage de bureaux', 'nettoyage de chantiers'], what: 'une entreprise de propreté' },
	Traiteur: { competencies: ['agroalimentaire', 'hotellerie'], materials: [], labels: [], products: ['buffets', 'cocktails', 'repas d’entreprise'], what: 'un traiteur' },
	Restaurant: { competencies: ['hotellerie'], materials: [], labels: [], products: ['cuisine du marché', 'repas de groupe'], what: 'un restaurant' },
	Hôtel: { competencies: ['hotellerie'], materials: [], labels: [], products: ['séminaires', 'hébergement'], what: 'un hôtel' },
	Laboratoire: { competencies: ['rd'], materials: [], labels: ['ISO 9001'], products: ['essais', 'analyses', 'R&D collaborative'], what: 'un laboratoire' },
	Biotech: { competencies: ['rd'], materials: [], labels: [], products: ['biotechnologies', 'essais précliniques'], what: 'une entreprise de biotechnologies' },
	Communication: { competencies: ['communication', 'design'], materials: [], labels: [], products: ['identité visuelle', 'campagnes', 'réseaux sociaux'], what: 'une agence de communication' },
	Formation: { competencies: ['formation'], materials: [], labels: [], products: ['formations certifiantes', 'apprentissage', 'sécurité sur les chantiers'], what: 'un organisme de formation' },
	'Expertise Comptable': { competencies: ['conseil'], materials: [], labels: [], products: ['comptabilité', 'paie', 'audit'], what: 'un cabinet d’expertise comptable' },
	Vignobles: { competencies: ['agroalimentaire'], materials: ['chêne'], labels: [], products: ['vins', 'oenotourisme'], what: 'un domaine viticole' },
	Fromagerie: { competencies: ['agroalimentaire'], materials: [], labels: ['Origine France Garantie'], products: ['fromages', 'produits laitiers'], what: 'une fromagerie' },
	Conserverie: { competencies: ['agroalimentaire'], materials: [], labels: ['Origine France Garantie'], products: ['conserves', 'plats cuisinés'], what: 'une conserverie' },
	'Énergies Solaires': { competencies: ['energies', 'electricite'], materials: [], labels: ['RGE', 'QualiPV'], products: ['centrales photovoltaïques', 'autoconsommation', 'ombrières'], what: 'un installateur solaire' },
	Recyclage: { competencies: ['recyclage'], materials: ['bois', 'métaux', 'plastiques recyclés'], labels: ['ISO 14001'], products: ['collecte de déchets de chantier', 'broyage', 'bois recyclé'], what: 'une entreprise de recyclage' },
	Textiles: { competencies: ['design'], materials: ['lin', 'laine', 'coton'], labels: ['Origine France Garantie'], products: ['tissus techniques', 'linge de maison'], what: 'une entreprise textile' },
	Robotique: { competencies: ['automatismes', 'logiciel'], materials: [], labels: ['ISO 9001'], products: ['robots', 'lignes automatisées', 'vision industrielle'], what: 'un intégrateur de robotique' },
	Électronique: { competencies: ['automatismes', 'rd'], materials: [], labels: ['ISO 9001'], products: ['cartes électroniques', 'capteurs'], what: 'une entreprise d’électronique' },
	Optique: { competencies: ['rd'], materials: ['verre'], labels: [], products: ['lasers', 'capteurs optiques'], what: 'une entreprise d’optique' },
	Cosmétiques: { competencies: ['rd'], materials: [], labels: ['Origine France Garantie'], products: ['soins', 'parfums'], what: 'un fabricant de cosmétiques' },
	Design: { competencies: ['design'], materials: ['bois', 'métal'], labels: [], products: ['mobilier', 'design produit', 'scénographie'], what: 'un studio de design' },
	Intérim: { competencies: ['formation'], materials: [], labels: [], products: ['intérim', 'recrutement'], what: 'une agence d’emploi' },
	Aéronautique: { competencies: ['usinage', 'metallerie'], materials: ['aluminium', 'titane', 'composites'], labels: ['ISO 9001'], products: ['aérostructures', 'pièces de précision'], what: 'un sous-traitant aéronautique' },
	'Location Matériel': { competencies: ['terrassement'], materials: [], labels: [], products: ['location de nacelles', 'location d’engins'], what: 'un loueur de matériel' },
	Sécurité: { competencies: [], materials: [], labels: [], products: ['gardiennage', 'télésurveillance'], what: 'une société de sécurité' },
	Événements: { competencies: ['communication'], materials: [], labels: [], products: ['salons', 'stands', 'séminaires'], what: 'une agence événementielle' }
};

/** Portrait sentences: {name} {what} {commune} {year} {n} (employees) {material} {product}. */
export const PORTRAIT_OPENINGS = [
	'{name} est {what} de {commune}, créée en {year}.',
	'À {commune} depuis {year}, {name} est {what} de {n} personnes.',
	'{name} : {what} de {commune}, {n} salariés, un savoir-faire reconnu.',
	'Depuis {year}, {name} sert ses clients depuis {commune} : {product}, conseil et suivi.'
];
export const PORTRAIT_MORE = [
	'Matériau de prédilection : {material}, acheté au plus près.',
	'L’équipe intervient chez les particuliers comme pour les collectivités.',
	'Nous accueillons chaque année des apprentis et formons nos équipes.',
	'Notre bureau d’études conçoit chaque projet avec le client.',
	'Spécialistes des {product}, nous livrons dans toute la région.',
	'Nous privilégions les circuits courts et les matériaux biosourcés.',
	'Entreprise engagée dans une démarche RSE et bas carbone.',
	'Nos chantiers sont menés avec des partenaires du cluster.'
];

export const TERRITORIES = ['{departement}', '{departement} et départements voisins', '{region}', 'Grand Ouest', 'France entière', 'France et export', 'Sud-Ouest', 'Rhône-Alpes'];
