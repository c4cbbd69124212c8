//! The `[rapport]` section of `synergies.toml`: who signs the annual report. The two directeurs
//! généraux draft it together; their names and titles close it, above room to sign. An absent
//! name is shown as "à compléter", never invented.

use toml::de::DeValue;

use crate::diagnostic::Diagnostics;
use crate::toml_fields::{Source, Spanned};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rapport {
    /// Name and title of the commune's directeur général ("Prénom Nom, directeur général").
    pub dg_ville: Option<String>,
    /// Name and title of the CPAS's directeur général.
    pub dg_cpas: Option<String>,
}

pub const KEYS: [&str; 2] = ["dg_ville", "dg_cpas"];

/// Reads the `[rapport]` table; every problem is pushed, and the default stands in for it.
pub fn parse(
    source: &Source,
    name: &str,
    value: &Spanned<DeValue>,
    diagnostics: &mut Diagnostics,
) -> Rapport {
    let mut out = Rapport::default();
    let DeValue::Table(table) = value.get_ref() else {
        diagnostics.push(
            source
                .wrong_type(name, value, "une section [rapport]")
                .help("écrivez [rapport] sur une ligne, puis dg_ville = \"…\" et dg_cpas = \"…\""),
        );
        return out;
    };
    for (key, value) in table.iter() {
        let key_name = key.get_ref().as_ref();
        match key_name {
            "dg_ville" => out.dg_ville = source.string(key_name, value, diagnostics),
            "dg_cpas" => out.dg_cpas = source.string(key_name, value, diagnostics),
            _ => diagnostics.push(source.unknown_key(key_name, key.span(), &KEYS)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::config::parse;
    use crate::diagnostic::Diagnostics;

    #[test]
    fn reads_the_two_directeurs_generaux() {
        let mut diagnostics = Diagnostics::default();
        let config = parse(
            "[rapport]\ndg_ville = \"Anne Dupont, directrice générale\"\n",
            &mut diagnostics,
        );
        assert!(diagnostics.is_empty(), "{diagnostics}");
        assert_eq!(
            config.rapport.dg_ville.as_deref(),
            Some("Anne Dupont, directrice générale")
        );
        assert_eq!(config.rapport.dg_cpas, None);
    }

    #[test]
    fn an_unknown_key_is_reported() {
        let mut diagnostics = Diagnostics::default();
        parse("[rapport]\ndg_vile = \"A\"\n", &mut diagnostics);
        let messages: Vec<_> = diagnostics.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            messages,
            ["`dg_vile` : clé inconnue — vouliez-vous dire `dg_ville` ?"]
        );
    }
}
