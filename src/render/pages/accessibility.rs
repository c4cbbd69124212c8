//! The accessibility statement `accessibilite/index.html` (*déclaration d'accessibilité*), filled
//! from the `[accessibilite]` section of `synergies.toml`, linked from every page's footer.

use serde::Serialize;
use tera::Context;

use crate::config::Accessibilite;
use crate::diagnostic::Diagnostic;
use crate::render::view::DateView;
use crate::render::{OutputFile, Shared, breadcrumbs};

pub const PATH: &str = "accessibilite/index.html";

#[derive(Serialize)]
struct StatementView {
    /// "partiellement conforme".
    statut: &'static str,
    /// "partielle": which wording of the conformity paragraph applies.
    statut_key: &'static str,
    date: Option<DateView>,
    courriel: Option<String>,
    telephone: Option<String>,
    /// `tel:` link target: the number's digits, with a leading `+` kept.
    telephone_lien: Option<String>,
    adresse: Option<String>,
    non_conformites: Vec<String>,
}

/// `065 40 50 60` → `tel:065405060`; `+32 (0)65 …` → `tel:+3265…`. None when no digit is left.
fn tel_uri(number: &str) -> Option<String> {
    let trimmed = number.trim_start();
    let international = trimmed.starts_with('+');
    // "+32 (0)65": the trunk prefix in brackets is not dialled from abroad.
    let without_trunk = trimmed.replace("(0)", "");
    let digits: String = without_trunk.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    Some(format!(
        "tel:{}{digits}",
        if international { "+" } else { "" }
    ))
}

fn statement(a: &Accessibilite) -> StatementView {
    StatementView {
        statut: a.statut.label(),
        statut_key: a.statut.key(),
        date: a.date.map(DateView::from),
        courriel: a.contact_courriel.clone(),
        telephone_lien: a.contact_telephone.as_deref().and_then(tel_uri),
        telephone: a.contact_telephone.clone(),
        adresse: a.contact_adresse.clone(),
        non_conformites: a.non_conformites.clone(),
    }
}

pub fn pages(shared: &Shared) -> Vec<Result<OutputFile, Diagnostic>> {
    let mut context = Context::new();
    context.insert("declaration", &statement(&shared.site.config.accessibilite));
    context.insert(
        "breadcrumbs",
        &breadcrumbs(&[], "Déclaration d'accessibilité"),
    );
    vec![shared.renderer.page("accessibilite.html", PATH, context)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_become_tel_links() {
        assert_eq!(tel_uri("065 40 50 60").as_deref(), Some("tel:065405060"));
        assert_eq!(
            tel_uri(" +32 (0)65 40.50.60").as_deref(),
            Some("tel:+3265405060")
        );
        assert_eq!(tel_uri("à compléter"), None);
    }

    #[test]
    fn the_view_carries_the_settings() {
        let view = statement(&Accessibilite::default());
        assert_eq!(view.statut, "partiellement conforme");
        assert_eq!(view.statut_key, "partielle");
        assert!(view.date.is_none() && view.courriel.is_none() && view.telephone.is_none());
        assert_eq!(
            view.adresse.as_deref(),
            Some("Ville de Mons, Grand-Place 22, 7000 Mons")
        );
    }
}
