//! URL-safe names of files and folders, shared by every stage that names a page: `load` (names
//! that would collide with a page), `model` (ids and pages), `new` and `import` (file names).

/// URL-safe name of a file or folder: "Égalité des chances" → `egalite-des-chances`; a name
/// with nothing to keep gives `sans-nom`.
pub fn slugify(name: &str) -> String {
    let slug = slug::slugify(name);
    if slug.is_empty() {
        "sans-nom".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_url_safe_and_never_empty() {
        assert_eq!(slugify("Égalité des chances"), "egalite-des-chances");
        assert_eq!(slugify("plan-de-formation"), "plan-de-formation");
        assert_eq!(slugify("GRH / Plan"), "grh-plan");
        assert_eq!(slugify("…"), "sans-nom");
    }
}
