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
    "Le tableau donné à `import` ne peut pas être lu : une ligne est mal formée, ou le fichier \
n'est pas un tableau.

Correction : enregistrez le tableau depuis Excel au format « CSV (séparateur : point-virgule) » \
ou « CSV UTF-8 », puis relancez l'import.";

    ColonneTitreAbsente = "colonne-titre-absente",
    "aucune colonne de titre",
    "Le tableau donné à `import` n'a aucune colonne qui donne le nom des synergies.

Exemple de l'erreur : la première ligne du tableau ne contient pas les titres des colonnes.

Correction : la première ligne doit nommer les colonnes, l'une d'elles « Synergie » ou « Titre ».";

    Ecriture = "ecriture",
    "écriture impossible",
    "Un fichier ou un dossier n'a pas pu être écrit : disque plein, droits insuffisants, dossier \
de sortie refusé parce que le remplacer détruirait autre chose, ou fichier ouvert par un autre \
programme.

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
avant le texte de la réalisation.

Correction : ajoutez une ligne `+++` après le dernier champ.";

    FicheExistante = "fiche-existante",
    "fiche déjà existante",
    "`new` ne remplace jamais une fiche : un fichier de ce nom existe déjà dans ce domaine.

Correction : choisissez un autre titre, ou modifiez la fiche existante.";

    FichierIgnore = "fichier-ignore",
    "fichier ignoré",
    "Un fichier du dossier `content` n'est pas une fiche (son nom ne finit pas par .md) : il \
n'est pas publié. C'est un avertissement.

Correction : si c'est une fiche, renommez-la pour que son nom finisse par .md.";

    FichierModifie = "fichier-modifie",
    "fichier modifié pendant la construction",
    "Un fichier a changé pendant que le site était construit : le site n'est pas publié, pour ne \
pas mélanger l'ancienne et la nouvelle version.

Correction : relancez la construction une fois les fichiers enregistrés.";

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

Correction : renommez ou fusionnez l'un des deux.";

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
entre crochets [\"…\", \"…\"], un nombre ou une date sans guillemets.

Exemple de l'erreur :
    pilote = Ville

Correction :
    pilote = \"Ville\"";

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
    "Le titre de la fiche est vide.

Exemple de l'erreur :
    titre = \"\"

Correction :
    titre = \"Plan de formation\"";

    TypeInvalide = "type-invalide",
    "valeur du mauvais type",
    "Un champ attend un autre genre de valeur : un texte entre guillemets, une liste entre \
crochets, un nombre ou une date.

Exemple de l'erreur :
    modes = \"Délégatif\"

Correction :
    modes = [\"Délégatif\"]";

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
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    /// Reads a code as printed (`valeur-inconnue`), also without its dashes' exact case.
    fn from_str(text: &str) -> Result<Code, ()> {
        let wanted = text.trim().to_lowercase();
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
}
