//! Every kind of problem the tool reports, declared once: its stable code (printed as
//! `erreur[code]`), a short French title and a longer explanation (`synergies explique CODE`).
//!
//! A new diagnostic gets its variant here, with an explanation that says what the code means,
//! shows an example of the mistake and gives the fix.

use std::fmt;

macro_rules! codes {
    ($($variant:ident = $code:literal, $title:literal, $explanation:literal;)*) => {
        /// A kind of problem. `Display` prints its stable code (`valeur-inconnue`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable identifier printed in diagnostics.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// A short French title.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$variant => $title,)*
                }
            }

            /// What it means, an example of the mistake and the fix, in French.
            pub fn explanation(self) -> &'static str {
                match self {
                    $(Code::$variant => $explanation,)*
                }
            }
        }
    };
}

codes! {
    AvancementHorsLimites = "avancement-hors-limites",
    "avancement hors de 0 à 100",
    "L'avancement est un pourcentage : un nombre entier de 0 à 100, écrit sans le signe %.

Exemple de l'erreur :
    avancement = 120

Correction :
    avancement = 100";

    CleInconnue = "cle-inconnue",
    "clé inconnue dans l'en-tête",
    "L'en-tête de la fiche contient un nom de champ que l'outil ne connaît pas. Souvent une faute \
de frappe, un accent ou un espace dans le nom du champ.

Exemple de l'erreur :
    Mis à jour = 2026-11-15

Correction (les noms de champs s'écrivent sans accent ni espace) :
    mis_a_jour = 2026-11-15";

    ContenuAbsent = "contenu-absent",
    "dossier content/ introuvable",
    "Le dossier du registre doit contenir un dossier `content`, avec un sous-dossier par domaine.

Exemple de l'erreur : la commande est lancée depuis un autre dossier.

Correction : lancez la commande depuis le dossier du registre, ou indiquez-le avec
    --root DOSSIER";

    CorpsVide = "corps-vide",
    "réalisation vide",
    "La fiche n'a pas de texte sous la deuxième ligne `+++` : la réalisation / le résultat \
obtenu n'est pas décrit. C'est un avertissement : la fiche est publiée quand même.

Correction : écrivez sous la deuxième ligne `+++` ce qui a été réalisé.";

    CsvIllisible = "csv-illisible",
    "tableau illisible",
    "Le fichier donné à `import` ne peut pas être lu : une ligne est mal formée, le fichier est \
abîmé, ou ce n'est pas un format lu (Word .docx, Excel .xlsx ou .xls, LibreOffice .ods, CSV).

Exemple de l'erreur : un ancien document Word .doc, ou un .xlsx renommé qui n'en est pas un.

Correction : ouvrez le fichier dans Word, Excel ou LibreOffice et enregistrez-le de nouveau en \
.docx, .xlsx, .ods ou « CSV (séparateur : point-virgule) », puis relancez l'import.";

    ColonneTitreAbsente = "colonne-titre-absente",
    "aucune colonne de titre",
    "Le tableau donné à `import` n'a aucune colonne qui donne le nom des synergies.

Exemple de l'erreur : la colonne des synergies s'appelle « Projet commun », un nom que `import` \
ne connaît pas, ou la ligne des titres de colonnes est plus bas que la 10e ligne du tableau.

Correction : dans une des 10 premières lignes du tableau, la ligne des titres de colonnes doit \
nommer la colonne des synergies « Synergie », « Synergie ou groupe de synergies », « Intitulé » ou \
« Titre ». La note du message montre la ligne prise pour celle des titres, et sa feuille.";

    Ecriture = "ecriture",
    "écriture impossible",
    "Un fichier ou un dossier n'a pas pu être écrit : disque plein, droits insuffisants ou \
partage réseau indisponible. (Un dossier de sortie refusé a le code `sortie-refusee`, un dossier \
ouvert par un autre programme le code `fichier-occupe`.)

Correction : lisez le message, choisissez un autre dossier de sortie (--output) ou fermez le \
programme qui tient le fichier, puis relancez. Le site précédent reste en place.";

    Encodage = "encodage",
    "fichier pas en UTF-8",
    "Le fichier n'est pas enregistré en UTF-8 : les lettres accentuées seraient mal lues.

Correction : dans le Bloc-notes, « Fichier > Enregistrer sous… », choisissez « Encodage : UTF-8 », \
puis enregistrez.";

    EnTeteAbsent = "en-tete-absent",
    "en-tête absent",
    "Une fiche commence par une ligne `+++`, puis ses champs, puis une autre ligne `+++`.

Exemple de l'erreur :
    titre = \"Plan de formation\"

Correction :
    +++
    titre = \"Plan de formation\"
    +++";

    EnTeteNonFerme = "en-tete-non-ferme",
    "en-tête jamais fermé",
    "L'en-tête ouvert par la première ligne `+++` doit être fermé par une seconde ligne `+++`, \
avant le texte de la réalisation. Cette ligne `+++` est seule sur sa ligne : `+++ 100%` ne ferme \
pas l'en-tête (des espaces avant ou après `+++` sont admises).

Correction : ajoutez une ligne `+++` après le dernier champ, ou mettez le texte écrit après \
`+++` sur la ligne suivante.";

    FicheExistante = "fiche-existante",
    "fiche déjà existante",
    "`new` ne remplace jamais une fiche : un fichier de ce nom existe déjà dans ce domaine.

Correction : choisissez un autre titre, ou modifiez la fiche existante.";

    FichierIgnore = "fichier-ignore",
    "fichier ignoré",
    "Un fichier du dossier `content` n'est pas une fiche (son nom ne finit pas par .md) : il \
n'est pas publié. C'est un avertissement.

Correction : si c'est une fiche, renommez-la pour que son nom finisse par .md.";

    Gabarit = "gabarit",
    "erreur dans un gabarit du thème",
    "Un gabarit du dossier `theme/templates` ne peut pas être utilisé : erreur de syntaxe Tera, \
variable inconnue, ou emplacement des lignes (`{{ lignes | safe }}`) perdu.

Correction : corrigez le gabarit d'après le message, ou supprimez-le de `theme/` pour revenir \
au thème d'origine.";

    GabaritInvalide = "gabarit-invalide",
    "gabarit pas en UTF-8",
    "Un gabarit du dossier `theme/templates` n'est pas enregistré en UTF-8.

Correction : enregistrez-le en UTF-8.";

    HorsDomaine = "hors-domaine",
    "fiche hors d'un dossier de domaine",
    "Chaque fiche est rangée directement dans le dossier de son domaine : \
`content/<domaine>/<fiche>.md`.

Exemple de l'erreur : content/plan.md ou content/grh/2026/plan.md

Correction : déplacez la fiche dans content/grh/plan.md.";

    Incomplet = "incomplet",
    "champs non renseignés",
    "Des champs facultatifs de la fiche sont vides ; ils s'affichent « Non renseigné ». C'est un \
avertissement : la fiche est publiée quand même.

Correction : complétez les champs nommés quand l'information est connue.";

    Interne = "interne",
    "erreur interne",
    "Une erreur interne de synergies, qui ne vient pas des fiches.

Correction : relancez la commande ; si l'erreur revient, signalez-la au service informatique \
avec le message complet.";

    LectureImpossible = "lecture-impossible",
    "lecture impossible",
    "Un fichier ou un dossier n'a pas pu être lu : droits insuffisants, fichier supprimé ou \
partage réseau indisponible.

Correction : vérifiez que le fichier existe et peut être ouvert, puis relancez.";

    NouvelleFiche = "nouvelle-fiche",
    "fiche à créer incomplète",
    "`new` a besoin d'un domaine et d'un titre pour créer une fiche.

Exemple :
    synergies new --domaine grh --titre \"Plan de formation\"";

    PageEnDouble = "page-en-double",
    "deux fichiers pour une même page",
    "Deux fichiers ou deux dossiers donneraient la même page du site : leurs noms ne diffèrent que \
par les majuscules, les accents ou la ponctuation.

Exemple de l'erreur : content/grh/Plan de formation.md et content/grh/plan-de-formation.md

Le message nomme les deux fichiers et montre celui dont le nom n'est pas celui de la page \
(souvent une copie enregistrée plus tard) ; `synergies check` de l'un ou l'autre fichier le \
signale.

Correction : si l'un est une copie de l'autre, comparez-les, gardez la bonne version sous le nom \
plan-de-formation.md et supprimez l'autre ; sinon, renommez ou fusionnez l'un des deux.";

    RenvoiInconnu = "renvoi-inconnu",
    "renvoi vers une fiche inconnue",
    "`voir_aussi` nomme une fiche qui n'existe pas. Une fiche se nomme « domaine/fiche », le nom \
du dossier et celui du fichier sans .md.

Exemple de l'erreur :
    voir_aussi = [\"grh/plan-formation\"]

Correction :
    voir_aussi = [\"grh/plan-de-formation\"]";

    RenvoiVersSoi = "renvoi-vers-soi",
    "renvoi vers la fiche elle-même",
    "`voir_aussi` nomme la fiche elle-même. C'est un avertissement.

Correction : retirez ce renvoi de `voir_aussi`.";

    Syntaxe = "syntaxe",
    "en-tête de la fiche mal écrit",
    "Une ligne de l'en-tête de la fiche (entre les deux lignes `+++`) n'est pas écrite comme il \
faut : chaque ligne est « nom = valeur », un texte entre guillemets droits \"…\", une liste \
entre crochets [\"…\", \"…\"], un nombre ou une date sans guillemets, et chaque champ n'est \
écrit qu'une fois. Les erreurs les plus courantes ont leur propre code (guillemets, \
liste-mal-ecrite, signe-egal, date-mal-ecrite, cle-en-double…) : celui-ci est pour les autres, \
comme une ligne sans signe =.

Exemple de l'erreur :
    titre \"Plan de formation\"

Correction : écrivez le signe = entre le nom du champ et sa valeur :
    titre = \"Plan de formation\"";

    ThemeIllisible = "theme-illisible",
    "thème illisible",
    "Un fichier du dossier `theme` n'a pas pu être lu.

Correction : vérifiez les droits du dossier `theme`, ou supprimez le fichier pour revenir au \
thème d'origine.";

    TitreAbsent = "titre-absent",
    "titre absent",
    "Le titre est le seul champ obligatoire d'une fiche.

Correction : ajoutez au début de l'en-tête une ligne
    titre = \"Plan de formation\"";

    TitreVide = "titre-vide",
    "titre vide",
    "Le titre de la fiche est vide, ou rien n'est écrit après `titre =`.

Exemple de l'erreur :
    titre = \"\"

Correction :
    titre = \"Plan de formation\"";

    TypeInvalide = "type-invalide",
    "valeur du mauvais type",
    "Un champ attend un autre genre de valeur : un texte entre guillemets, une liste entre \
crochets, un nombre ou une date.

Exemple de l'erreur :
    pilote = [\"Ville\"]

Correction (un seul pilote, sans crochets) :
    pilote = \"Ville\"";

    ValeurInconnue = "valeur-inconnue",
    "valeur hors de la liste admise",
    "Certains champs n'acceptent qu'une liste de valeurs (statut, pilote, modes…). Les majuscules \
et les accents ne comptent pas, mais le mot doit être l'une des valeurs admises ; une précision \
va dans le champ `_note` qui accompagne le champ.

Exemple de l'erreur :
    modes = [\"Délégatif (la Ville exécute)\"]

Correction :
    modes = [\"Délégatif\"]
    modes_note = \"la Ville exécute\"";

    ArchiveInvalide = "archive-invalide",
    "archive illisible ou invalide",
    "Le dossier archives/ garde le registre tel qu'il était chaque année, un fichier par année \
(archives/2025.json), écrit par `synergies archiver` au format de synergies.json. Un fichier de ce \
dossier ne peut pas être lu : il n'est pas du JSON valide (souvent après une modification à la \
main), il lui manque un champ, ou son nom n'est pas une année. Le rapport compare le registre \
avec ces archives : tant qu'une archive est illisible, rien n'est publié.

Exemple de l'erreur :
    archives/2025.json modifié dans le Bloc-notes, une virgule en trop à la ligne 12
    archives/ancien.json (le nom doit être l'année : 2025.json)

Correction : reprenez le fichier tel que `synergies archiver` l'a écrit (depuis la copie de \
sauvegarde ou l'historique du dépôt), corrigez la ligne indiquée, ou renommez-le d'après son \
année. Un fichier qui n'est pas une archive n'a pas sa place dans ce dossier.";

    ArchiveExistante = "archive-existante",
    "archive de l'année déjà écrite",
    "`synergies archiver` garde le registre de l'année dans archives/<année>.json. L'archive de \
cette année existe déjà : elle n'est jamais remplacée sans que vous le décidiez, car elle est la \
référence du rapport de l'année suivante.

Exemple de l'erreur :
    synergies archiver   (alors que archives/2026.json existe déjà)

Correction : pour remplacer l'archive volontairement (par exemple après une correction du \
registre avant le conseil), supprimez ou renommez d'abord archives/2026.json, puis relancez \
`synergies archiver`. Pour archiver une autre année, changez `annee` dans synergies.toml.";

    ArchiveSansAnnee = "archive-sans-annee",
    "année de l'archive inconnue",
    "`synergies archiver` écrit archives/<année>.json pour l'année du rapport : `annee` de \
synergies.toml, sinon l'année de `situation_au`, sinon celle de la mise à jour la plus récente \
des fiches (`mis_a_jour`). Aucune de ces valeurs n'est indiquée.

Correction : ajoutez dans synergies.toml une ligne
    annee = 2026";
    SortieRefusee = "sortie-refusee",
    "dossier de sortie refusé",
    "`build` remplace le dossier de sortie tout entier à chaque publication. Il refuse donc un \
dossier dont le remplacement effacerait autre chose que le site : le dossier du registre ou l'un \
de ses parents, `content/` (les fiches), `theme/`, le dossier personnel, ou un dossier qui contient \
déjà d'autres fichiers sans venir d'une publication. Le chemin est d'abord résolu (`..`, `.` et \
raccourcis suivis) : c'est le dossier qui serait vraiment écrit qui est vérifié.

Exemple de l'erreur :
    synergies build --output public/../content

Correction : laissez le dossier par défaut (`public` dans le dossier du registre), ou choisissez \
un dossier vide réservé au site.";

    FichierOccupe = "fichier-occupe",
    "dossier utilisé par un autre programme",
    "Pour publier, l'outil renomme le dossier du site précédent puis met le nouveau à sa place. \
Sous Windows, un antivirus, l'indexation ou une fenêtre de l'Explorateur ouverte sur ce dossier \
l'empêchent parfois un instant (« accès refusé »). L'outil réessaie pendant quelques secondes ; \
si le dossier reste occupé, rien n'est publié et le site précédent reste en place.

Correction : fermez les fenêtres de l'Explorateur, du navigateur ou les documents ouverts depuis \
le dossier nommé, puis relancez la publication.";

    FichierAjoute = "fichier-ajoute",
    "fichier déposé à la main dans le site",
    "Un fichier a été déposé à la main dans le dossier du site (il ne vient pas d'une \
publication). L'outil le garde à chaque publication, sauf si la publication doit écrire un \
fichier du même nom : il refuse alors de publier plutôt que de l'écraser.

Exemple de l'erreur : public/index.html remplacé à la main par une autre page.

Correction : déplacez ce fichier hors du dossier du site (un fichier à publier tel quel va dans \
theme/static/, publié dans assets/), puis relancez.";

    LienHorsRegistre = "lien-hors-registre",
    "lien vers un fichier hors du registre",
    "Un fichier ou un dossier de `content/` est un lien symbolique (un raccourci) vers un \
endroit hors du dossier du registre. L'outil ne le lit pas : il pourrait publier un fichier qui \
n'a rien à faire sur le site.

Correction : copiez la fiche dans le dossier de son domaine au lieu d'y mettre un lien, ou \
supprimez le lien.";

    FichierSpecial = "fichier-special",
    "pas un fichier ordinaire",
    "Un élément de `content/` n'est ni un fichier ordinaire ni un dossier (un tube nommé, une \
prise ou un périphérique). L'outil ne l'ouvre pas : le lire pourrait le bloquer indéfiniment. \
Dans `content/`, il est ignoré (un avertissement) ; à la place de `synergies.toml`, c'est une \
erreur.

Correction : supprimez-le ; une fiche ou synergies.toml est un simple fichier texte.";

    NomReserve = "nom-reserve",
    "nom réservé par le site",
    "Le nom de ce fichier donnerait une page que le site écrit déjà : la page d'un domaine est \
`index.html` dans le dossier du domaine, une fiche nommée `index.md` la remplacerait.

Exemple de l'erreur : content/grh/index.md

Correction : renommez la fiche, par exemple content/grh/index-grh.md ; la description du \
domaine va dans content/grh/_index.md.";

    NomWindows = "nom-windows",
    "nom impossible sous Windows",
    "Le registre et le site doivent pouvoir être copiés sur un partage Windows. Windows refuse \
les noms `con`, `prn`, `aux`, `nul`, `com1` à `com9` et `lpt1` à `lpt9` (avec n'importe quelle \
extension, en majuscules ou non), les noms qui finissent par un point ou une espace, et les \
caractères < > : \" / \\ | ? * dans un nom.

Exemple de l'erreur : content/grh/aux.md ou content/grh/Plan : 2026.md

Correction : renommez le fichier ou le dossier comme le propose l'aide, par exemple \
content/grh/aux-fiche.md ou content/grh/Plan - 2026.md.";

    NomIllisible = "nom-illisible",
    "nom de fichier illisible",
    "Le nom de ce fichier ou de ce dossier n'est pas de l'Unicode valide (souvent un nom venu \
d'un vieux système ou d'une archive mal décompressée) : il serait publié sous un nom abîmé. Le \
nom est montré avec � à la place des caractères illisibles.

Correction : renommez le fichier ou le dossier en retapant ses lettres accentuées.";

    DateMalEcrite = "date-mal-ecrite",
    "date mal écrite",
    "Une date de l'en-tête de la fiche s'écrit année-mois-jour (AAAA-MM-JJ), avec des tirets, \
sans guillemets : c'est la seule forme reconnue.

Exemple de l'erreur :
    mis_a_jour = 15/11/2026

Correction :
    mis_a_jour = 2026-11-15";

    DateImpossible = "date-impossible",
    "date qui n'existe pas",
    "La date est bien écrite mais n'existe pas dans le calendrier (un 31 novembre, un 29 février \
d'une année non bissextile, un mois 13).

Exemple de l'erreur :
    mis_a_jour = 2026-11-31

Correction (vérifiez le jour et le mois) :
    mis_a_jour = 2026-11-30";

    NombreMalEcrit = "nombre-mal-ecrit",
    "nombre mal écrit",
    "Un nombre de l'en-tête de la fiche (avancement, ordre) s'écrit en chiffres, sans \
guillemets, sans le signe % et sans virgule. Un pourcentage écrit dans le statut va dans \
`avancement`.

Exemple de l'erreur :
    avancement = 80%

Correction :
    avancement = 80";

    Guillemets = "guillemets",
    "texte sans guillemets droits",
    "Un texte de l'en-tête de la fiche s'écrit entre guillemets droits \"…\" (la touche 3 du \
clavier belge). Les guillemets français « », les guillemets courbes “ ” ‘ ’ que Word met \
tout seuls ne comptent pas, et il faut un guillemet au début et un à la fin.

Exemple de l'erreur :
    pilote = « Les deux »

Correction :
    pilote = \"Les deux\"";

    ListeMalEcrite = "liste-mal-ecrite",
    "liste mal écrite",
    "Les champs `objectifs`, `modes` et `voir_aussi` sont des listes : entre crochets [ ], chaque \
valeur entre guillemets droits, les valeurs séparées par des virgules. Une liste ouverte par [ \
doit être fermée par ] ; deux valeurs ne se réunissent pas dans un seul texte.

Exemple de l'erreur :
    modes = [\"Coopératif + délégatif\"]

Correction :
    modes = [\"Coopératif\", \"Délégatif\"]";

    SigneEgal = "signe-egal",
    "deux-points au lieu du signe =",
    "Chaque ligne de l'en-tête de la fiche s'écrit « nom = valeur », avec le signe égal, pas \
avec deux-points.

Exemple de l'erreur :
    pilote : \"Ville\"

Correction :
    pilote = \"Ville\"";

    GuillemetNonFerme = "guillemet-non-ferme",
    "guillemet jamais fermé dans le tableau",
    "Dans un fichier CSV, un texte qui commence par un guillemet droit \" continue jusqu'au \
guillemet suivant, même sur plusieurs lignes. Un guillemet jamais fermé avalerait toutes les \
lignes suivantes dans une seule cellule : l'import s'arrête et n'écrit rien.

Exemple de l'erreur :
    \"Plan de formation;Moyens;Coopératif

Correction : fermez le texte par un guillemet (\"Plan de formation\";Moyens;Coopératif), écrivez \
un guillemet dans une cellule en le doublant (\"\"), ou enregistrez de nouveau le tableau depuis \
Excel.";

    FeuilleInconnue = "feuille-inconnue",
    "feuille absente du classeur",
    "`import --feuille NOM` nomme une feuille que le classeur n'a pas.

Correction : reprenez le nom de la feuille tel qu'il s'affiche sur son onglet dans Excel (la \
note du message les liste), ou retirez --feuille : la première feuille dont une ligne nomme les \
colonnes est lue.";

    LigneInvalide = "ligne-invalide",
    "ligne du tableau impossible à importer",
    "Une ligne du tableau donnerait une fiche que `check` refuserait. L'import écrit tout ou rien : \
aucune fiche n'a été écrite.

Correction : lisez la note (le problème de la fiche), corrigez la ligne dans le tableau, puis \
relancez l'import.";

    RacineExistante = "racine-existante",
    "registre déjà présent",
    "`init` crée un nouveau registre et ne remplace jamais rien : le dossier contient déjà un \
fichier synergies.toml ou un dossier content.

Correction : choisissez un dossier vide (synergies init AUTRE-DOSSIER), ou modifiez le fichier \
synergies.toml existant dans le Bloc-notes.";

    ReglagesParDefaut = "reglages-par-defaut",
    "noms de Mons publiés par défaut",
    "Le site publierait les noms ou l'adresse de la Ville de Mons et du CPAS de Mons, les valeurs \
par défaut de l'outil, pour un registre qui n'est pas celui de Mons. C'est un avertissement.

Exemple : synergies.toml donne commune = \"Commune de Quaregnon\" mais pas de cpas, ou pas de \
contact_adresse dans [accessibilite].

Correction : dans synergies.toml, indiquez commune, cpas et, dans la section [accessibilite], \
contact_adresse (synergies init écrit un fichier complet à remplir).";

    AccessibiliteIncomplete = "accessibilite-incomplete",
    "déclaration d'accessibilité incomplète",
    "La déclaration d'accessibilité, obligatoire pour les organismes publics wallons (décret du \
2 mai 2019), doit dire quand elle a été établie et comment contacter l'administration. Un \
réglage manque : la page affiche « à compléter ». C'est un avertissement.

Correction : dans synergies.toml, section [accessibilite], indiquez date = AAAA-MM-JJ et au \
moins un contact : contact_courriel, contact_telephone ou contact_adresse.";

    CaractereDeControle = "caractere-de-controle",
    "caractère invisible interdit dans l'en-tête",
    "L'en-tête contient un caractère invisible qui n'a rien à faire dans un texte : un caractère \
de contrôle (nul, échappement, effacement… souvent collé depuis un autre logiciel ou un terminal) \
ou une marque de direction du texte (U+202A à U+202E, U+2066 à U+2069), qui peut faire lire \
une ligne autrement qu'elle n'est écrite. Il est refusé, qu'il soit tapé tel quel ou écrit \
`\\u001b`. Un saut de ligne n'est admis que dans un texte sur plusieurs lignes, entre trois \
guillemets `\"\"\"`.

Exemple de l'erreur :
    titre = \"Plan\\u001b[31m de formation\"
    pilote_note = \"Ville\\nCPAS\"

Correction : retirez le caractère (le message indique sa ligne et sa colonne) ; au besoin, \
retapez le texte à la main. Pour un texte sur plusieurs lignes :
    pilote_note = \"\"\"Ville
    CPAS\"\"\"";

    ImbricationTropProfonde = "imbrication-trop-profonde",
    "texte imbriqué trop profondément",
    "Le texte de la fiche (sous la deuxième ligne `+++`) contient du HTML qui imbrique plus de 64 \
éléments les uns dans les autres, ou qui laisse plus de 4 balises de mise en forme (<b>, <i>, \
<a>…) sans leur balise de fin à la fin du bloc qui les contient. Aucun texte écrit à la main n'en a besoin ; un tel texte rendrait la \
construction du site très lente. Les listes et citations Markdown comptent aussi dès que le \
texte contient du HTML.

Exemple de l'erreur :
    <div><div><div> … (des centaines de <div> jamais fermés)

Correction : fermez chaque balise là où son contenu finit (<div> … </div>, <b> … </b>), \
supprimez les balises inutiles, ou écrivez le texte en Markdown simple.";

    CopieTxt = "copie-txt",
    "copie .txt d'une fiche existante",
    "Un fichier du dossier `content` porte le nom d'une fiche suivi de « .txt » \
(`plan.md.txt`), alors que la fiche `plan.md` existe à côté. C'est d'ordinaire une copie que \
le Bloc-notes a enregistrée en ajoutant « .txt » : elle n'est pas publiée, et c'est l'ancienne \
fiche qui l'est. Si les dernières modifications sont dans la copie, elles seraient perdues sans \
un mot : c'est donc une erreur, et rien n'est publié tant qu'elle reste.

Exemple de l'erreur : dans content/grh/, les fichiers
    plan.md
    plan.md.txt

Correction : ouvrez les deux fichiers et comparez-les. Si la copie est la bonne, supprimez (ou \
renommez) l'ancienne fiche `plan.md`, puis renommez la copie `plan.md` (dans l'Explorateur, \
cochez Affichage > Extensions de noms de fichiers pour voir le « .txt »). Sinon, supprimez la \
copie.";

    BarreObliqueInverse = "barre-oblique-inverse",
    "barre oblique inverse \\ non doublée dans un texte",
    "Dans un texte entre guillemets droits, une barre oblique inverse \\ commence un caractère \
spécial : \\t est lu comme une tabulation, \\n comme un saut de ligne, \\f ou \\b comme un \
caractère invisible, et \\D ou \\ suivi d'une espace ne se lisent pas. Un chemin Windows \
copié tel quel (S:\\Dossiers\\RH) ou une barre entre deux mots en sont le plus souvent la cause. \
C'est une erreur quand le texte ne peut pas être lu ou reçoit un caractère interdit, un \
avertissement quand un chemin reçoit seulement une tabulation (« S:\\temp »).

Exemple de l'erreur :
    responsable_note = \"S:\\Dossiers\\RH\"

Correction : doublez chaque barre oblique inverse :
    responsable_note = \"S:\\\\Dossiers\\\\RH\"

Autre solution : écrivez le texte entre apostrophes, où la barre n'a rien de spécial \
(responsable_note = 'S:\\Dossiers\\RH'), s'il ne contient pas lui-même d'apostrophe.";

    TexteCoupe = "texte-coupe",
    "texte coupé par un passage à la ligne",
    "Un texte entre deux guillemets droits \" s'écrit sur une seule ligne. Si l'on appuie sur \
Entrée au milieu du texte, la ligne suivante n'est plus lue comme la suite du texte.

Exemple de l'erreur :
    titre = \"Formations bureautiques
    des agents\"

Correction : remettez le texte sur une seule ligne :
    titre = \"Formations bureautiques des agents\"

Une précision (`pilote_note`, `modes_note`…) ou `economies` peut tenir sur plusieurs lignes : \
entourez-la alors de trois guillemets droits :
    pilote_note = \"\"\"Ville pour les agents,
    CPAS pour les bénéficiaires\"\"\"";

    ChampDansLeTexte = "champ-dans-le-texte",
    "champ écrit sous l'en-tête",
    "Une ligne du texte de la fiche, sous la deuxième ligne `+++`, s'écrit comme un champ de \
l'en-tête (`statut = \"Effectif\"`). Sous cette ligne `+++`, elle n'est pas lue comme un champ : \
la fiche resterait « non renseigné » pour ce champ, et la ligne s'afficherait telle quelle dans \
la réalisation. Le code entre ``` ou en retrait de quatre espaces n'est pas vérifié.

Exemple de l'erreur :
    avancement = 100
    +++
    statut = \"Effectif\"
    Formations organisées pour les deux administrations.

Correction : montez la ligne au-dessus de la deuxième ligne `+++` :
    avancement = 100
    statut = \"Effectif\"
    +++
    Formations organisées pour les deux administrations.";

    PasUnRegistre = "pas-un-registre",
    "dossier qui n'est pas un registre",
    "`import` et `new` écrivent des fiches dans un registre : un dossier qui contient \
synergies.toml ou un dossier content. Le dossier indiqué (par --root, ou le dossier courant) \
n'a ni l'un ni l'autre : c'est souvent une faute de frappe dans --root. Rien n'a été écrit : des \
fiches écrites là formeraient un nouveau registre, publié avec les réglages par défaut (ceux de \
Mons).

Exemple de l'erreur :
    synergies import registre.docx --root registre-quaregon

Correction : vérifiez le dossier donné à --root ; pour commencer le registre d'une autre \
commune, créez-le d'abord :
    synergies init registre-quaregnon --commune \"Commune de Quaregnon\" --cpas \"CPAS de Quaregnon\"";
    AnneeArchivee = "annee-archivee",
    "année du rapport déjà archivée",
    "Le registre de l'année du rapport est déjà gardé dans archives/<année>.json : cette année \
est close. Après `synergies archiver`, le rapport suivant est celui de l'année d'après ; s'il \
garde l'ancienne année, il porte « rapport 2026 » sur chaque page, et sa section « Évolution » \
manque, puisqu'il n'y a pas d'archive d'une année antérieure à comparer. C'est un \
avertissement : le site est publié quand même.

Exemple de l'erreur : archives/2026.json existe, et synergies.toml dit toujours
    annee = 2026
    situation_au = 2026-11-29

Correction : dans synergies.toml, passez à l'année suivante et au jour où son registre est \
arrêté :
    annee = 2027
    situation_au = 2027-11-29
Pour refaire volontairement l'archive de 2026 (après une correction avant le conseil), \
supprimez ou renommez d'abord archives/2026.json, puis relancez `synergies archiver`.";

    SituationAutreAnnee = "situation-autre-annee",
    "date « situation au » d'une autre année",
    "La date `situation_au` de synergies.toml (le jour où le registre est arrêté) n'est pas de \
l'année du rapport (`annee`). Chaque page imprimée du rapport porterait les deux, par exemple \
« rapport 2027 » en haut à gauche et « Situation au 29 novembre 2026 » en haut à droite : \
souvent, l'une des deux lignes n'a pas été changée en passant à l'année suivante. C'est un \
avertissement : le site est publié quand même.

Exemple de l'erreur :
    annee = 2027
    situation_au = 2026-11-29

Correction : indiquez le jour où le registre de l'année du rapport est arrêté :
    situation_au = 2027-11-29
ou, si c'est l'année qui est restée en arrière, corrigez `annee`.";

    SignaturesACompleter = "signatures-a-completer",
    "signataires du rapport à compléter",
    "Le rapport annuel se termine par les signatures des deux directeurs généraux, qui l'établissent \
ensemble : sous « Pour la Ville de … » et « Pour le CPAS de … », leur nom et leur titre. Ils se \
règlent dans la section [rapport] de synergies.toml ; tant que l'un manque, le rapport imprime \
« Nom et titre : à compléter ». C'est un avertissement : le site est publié quand même.

Exemple de l'erreur :
    [rapport]
    # dg_ville = \"Prénom Nom, directeur général de la Ville de Mons\"

Correction (la ligne sans le # du début, avec le vrai nom) :
    [rapport]
    dg_ville = \"Anne Dupont, directrice générale de la Ville de Mons\"
    dg_cpas = \"Marc Leroy, directeur général du CPAS de Mons\"";

    TexteApresGuillemet = "texte-apres-guillemet",
    "texte écrit après le guillemet de fin",
    "Un texte entre guillemets droits \" se termine à son deuxième guillemet : rien ne s'écrit \
après sur la ligne, sauf un commentaire qui commence par #. Une virgule en fin de ligne, un \
pourcentage ou une précision entre parenthèses après le texte rendent la ligne illisible.

Exemple de l'erreur :
    pilote = \"Ville\" (RH)

Correction : la valeur seule entre les guillemets ; la précision d'un champ à valeurs imposées \
(`pilote`, `responsable`, `modes`…) va dans son champ `_note`, un pourcentage dans `avancement` :
    pilote = \"Ville\"
    pilote_note = \"RH\"
Une virgule après le texte (`pilote = \"Ville\",`) se retire simplement.";

    EspaceInsecable = "espace-insecable",
    "espace insécable dans une ligne de l'en-tête",
    "Une ligne de l'en-tête contient, hors des guillemets, une espace spéciale qui ne se voit \
pas : le plus souvent une espace insécable, que Word met avant « : » ou « % » et qui vient avec \
un texte copié depuis Word ou depuis un courriel. Le nom du champ, le signe = et la valeur ne \
se séparent que par des espaces ordinaires (entre guillemets, dans le texte, toutes les \
espaces sont admises).

Exemple de l'erreur (l'espace après le = est insécable) :
    mis_a_jour =\u{a0}2026-11-15

Correction : effacez l'espace invisible et tapez une espace ordinaire, ou remplacez la ligne \
par celle que propose le message :
    mis_a_jour = 2026-11-15";

    CleEnDouble = "cle-en-double",
    "champ écrit deux fois",
    "Le même champ est écrit sur deux lignes de l'en-tête. L'outil ne choisit pas entre les deux : \
aucune n'est lue, et la fiche n'est pas publiée tant que l'une reste en trop. Le message montre \
la deuxième ligne et donne le numéro de la première.

Exemple de l'erreur :
    pilote = \"Ville\"
    pilote = \"CPAS\"

Correction : gardez la ligne juste et supprimez l'autre :
    pilote = \"CPAS\"
Une précision sur la valeur va dans le champ `_note` (`pilote_note = \"…\"`).";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    /// Reads a code as printed (`valeur-inconnue`), in any case and with spaces around it, or
    /// copied with what surrounds it in a message: `[valeur-inconnue]`,
    /// `erreur[valeur-inconnue] :`.
    fn from_str(text: &str) -> Result<Code, ()> {
        let text = text.trim();
        let inside = match (text.find('['), text.rfind(']')) {
            (Some(open), Some(close)) if open < close => &text[open + 1..close],
            _ => text,
        };
        let wanted = inside.trim().to_lowercase();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == wanted)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
            assert!(
                !code.title().is_empty() && code.explanation().len() > 40,
                "{code}"
            );
        }
        assert_eq!("VALEUR-INCONNUE".parse::<Code>(), Ok(Code::ValeurInconnue));
        assert!("pas-un-code".parse::<Code>().is_err());
    }

    #[test]
    fn a_code_copied_with_its_brackets_reads_back() {
        for shown in [
            "[valeur-inconnue]",
            " erreur[valeur-inconnue] : ",
            "avertissement[valeur-inconnue]",
            "[ Valeur-Inconnue ]",
        ] {
            assert_eq!(shown.parse::<Code>(), Ok(Code::ValeurInconnue), "{shown:?}");
        }
        for wrong in ["[]", "erreur[pas-un-code]", "]valeur-inconnue[", "erreur"] {
            assert!(wrong.parse::<Code>().is_err(), "{wrong:?}");
        }
    }
}

/// Each explanation's example of a front-matter mistake, put in an otherwise valid fiche,
/// yields that code: the example shows the mistake the code is about.
#[cfg(test)]
mod examples {
    use super::*;

    /// The indented lines after « Exemple de l'erreur : », when they are front-matter lines
    /// (`key = value`, `key : value`, or the continuation of a value).
    fn example(code: Code) -> Option<Vec<&'static str>> {
        let text = code.explanation();
        let at = text.find("Exemple de l'erreur :\n")?;
        let lines: Vec<&str> = text[at..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("    "))
            .map(|l| &l[4..])
            .collect();
        let first = lines.first()?;
        let key = first.split(['=', ':']).next()?.trim();
        let looks_like_field = first.contains(['=', ':'])
            && !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || " _'".contains(c));
        looks_like_field.then_some(lines)
    }

    #[test]
    fn each_front_matter_example_yields_its_code() {
        use crate::load::SourceFile;
        let mut checked = Vec::new();
        let mut wrong = Vec::new();
        for code in Code::ALL.iter().copied() {
            // Examples that are not a line of one fiche: a file without its `+++` lines, a
            // reference to a fiche that is not there (checked across the register).
            if matches!(code, Code::EnTeteAbsent | Code::RenvoiInconnu) {
                continue;
            }
            let Some(lines) = example(code) else { continue };
            // A line of synergies.toml (`annee = 2027`), not of a fiche.
            if lines
                .iter()
                .filter_map(|l| l.split(['=', ':']).next())
                .map(str::trim)
                .any(|k| {
                    crate::config::SETTINGS.contains(&k)
                        && crate::fields::Key::from_key(k).is_none()
                })
            {
                continue;
            }
            // A fiche valid without the example, holding none of its keys.
            let keys: Vec<&str> = lines
                .iter()
                .filter_map(|l| l.split(['=', ':']).next())
                .map(str::trim)
                .collect();
            let mut text = "+++\n".to_owned();
            for base in [
                "titre = \"Plan\"",
                "objectifs = [\"Moyens\"]",
                "modes = [\"Délégatif\"]",
                "pilote = \"Ville\"",
                "responsable = \"DG Ville\"",
                "statut = \"En cours\"",
            ] {
                if !keys.iter().any(|k| base.starts_with(&format!("{k} "))) {
                    text.push_str(base);
                    text.push('\n');
                }
            }
            for line in &lines {
                text.push_str(line);
                text.push('\n');
            }
            text.push_str("+++\nFait.\n");
            let file = SourceFile::plan(text.clone());
            let mut diagnostics = crate::Diagnostics::default();
            let vocab = crate::vocab::Vocabularies::default();
            crate::fiche::fiche(&file, &vocab, &mut diagnostics);
            let codes: Vec<Code> = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.code)
                .collect();
            if codes.is_empty() || codes.iter().any(|c| *c != code) {
                wrong.push(format!("{code}: {codes:?}\n{text}"));
            }
            checked.push(code);
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        assert!(checked.len() >= 15, "{checked:?}");
    }
}
