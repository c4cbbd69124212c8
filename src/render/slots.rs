//! Shells: a template rendered once with a marker in each slot (`{{ lignes | safe }}`) and cut
//! there, so that the rows that go in the slots are written one by one, never all in memory
//! (ARCHITECTURE.md, "Rows and slots").

use tera::Context;

use super::{Renderer, root_of, theme};
use crate::diagnostic::{Code, Diagnostic, Location};

impl Renderer<'_> {
    /// Renders a template that has slots, `{{ lignes | safe }}`, where rows rendered one by one
    /// go: the text around the slots (one more part than slots). The rows themselves never have to
    /// be in memory all at once. A slot marked required must appear once, in the given order; an
    /// optional one (a table with no rows) may be left out, and its rows then go nowhere.
    pub fn shell(
        &self,
        template: &str,
        path: &str,
        mut context: Context,
        slots: &[(&str, bool)],
    ) -> Result<Vec<String>, Diagnostic> {
        for (name, _) in slots {
            context.insert(name.to_string(), &slot_marker(name));
        }
        self.add_menu(&root_of(path), &mut context)?;
        let mut rest = self.fragment(template, path, context)?;
        let mut parts = Vec::with_capacity(slots.len() + 1);
        for (name, required) in slots {
            let marker = slot_marker(name);
            match rest.find(&marker) {
                Some(at) => {
                    let after = rest.split_off(at);
                    parts.push(std::mem::replace(
                        &mut rest,
                        after[marker.len()..].to_owned(),
                    ));
                }
                None if !required => parts.push(String::new()),
                None => return Err(missing_slot(template, name)),
            }
        }
        if slots
            .iter()
            .any(|(name, _)| rest.contains(&slot_marker(name)))
        {
            return Err(missing_slot(template, slots[0].0));
        }
        parts.push(rest);
        Ok(parts)
    }
}

impl Renderer<'_> {
    /// [`Self::shell`] with the one slot `lignes`: the text before it and the text after it.
    pub fn shell_around(
        &self,
        template: &str,
        path: &str,
        context: Context,
        required: bool,
    ) -> Result<(String, String), Diagnostic> {
        let mut parts = self
            .shell(template, path, context, &[("lignes", required)])?
            .into_iter();
        Ok((
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        ))
    }
}

fn missing_slot(template: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Gabarit,
        format!(
            "le gabarit {template} doit afficher `{{{{ {name} | safe }}}}` une fois, à l'endroit \
             où vont les lignes, dans l'ordre du gabarit d'origine"
        ),
    )
    .at(Location::file(format!(
        "{}/templates/{template}",
        theme::THEME_DIR
    )))
    .help(format!(
        "ajoutez `{{{{ {name} | safe }}}}` dans ce gabarit, ou supprimez-le de theme/templates/ \
         pour revenir au gabarit d'origine"
    ))
}

/// What a shell's slot is rendered as, then cut at: control characters around the slot's name,
/// which no editor types (a title would need TOML's `\u0001` escape to hold one).
fn slot_marker(name: &str) -> String {
    format!("\u{1}synergies:{name}\u{1}")
}
