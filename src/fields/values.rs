//! The values of a fiche's fields, held by [`Key`]: the draft, the model and the views read
//! and write them through the field's key and kind, never through a member named after it, so
//! that a new field of [`super::FIELDS`] needs no new member anywhere.

use super::{KEY_COUNT, Key, Kind};
use crate::toml_fields::Date;

/// One field's value, of the field's [`Kind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<R> {
    /// A text or a `_note` ([`Kind::Text`], [`Kind::Note`]).
    Text(Box<str>),
    /// A vocabulary value, as an index into the field's vocabulary ([`Kind::Term`]).
    Term(usize),
    /// Vocabulary values, as indexes into the field's vocabulary, ascending ([`Kind::Terms`]).
    Terms(Box<[usize]>),
    /// [`Kind::Range`], [`Kind::Integer`].
    Integer(i64),
    Date(Date),
    /// Other fiches, as `R`: as written in a draft, as indexes in the model.
    References(Box<[R]>),
}

/// Every field's value, absent ones as `None`, indexed by [`Key`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Values<R> {
    slots: [Option<Value<R>>; KEY_COUNT],
}

impl<R> Default for Values<R> {
    fn default() -> Self {
        Values {
            slots: std::array::from_fn(|_| None),
        }
    }
}

impl<R> Values<R> {
    pub fn get(&self, key: Key) -> Option<&Value<R>> {
        self.slots[key as usize].as_ref()
    }

    /// Sets `key`'s value (`None`: absent).
    pub fn set(&mut self, key: Key, value: Option<Value<R>>) {
        self.slots[key as usize] = value;
    }

    /// The text of a text or note field.
    pub fn text(&self, key: Key) -> Option<&str> {
        match self.get(key) {
            Some(Value::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// The vocabulary values of a vocabulary field, of one value or several (empty when "Non
    /// renseigné").
    pub fn terms(&self, key: Key) -> &[usize] {
        match self.get(key) {
            Some(Value::Terms(terms)) => terms,
            Some(Value::Term(term)) => std::slice::from_ref(term),
            _ => &[],
        }
    }

    /// The value of a one-value vocabulary field.
    pub fn term(&self, key: Key) -> Option<usize> {
        self.terms(key).first().copied()
    }

    pub fn integer(&self, key: Key) -> Option<i64> {
        match self.get(key) {
            Some(Value::Integer(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn date(&self, key: Key) -> Option<Date> {
        match self.get(key) {
            Some(Value::Date(date)) => Some(*date),
            _ => None,
        }
    }

    /// The fiches a references field names.
    pub fn references(&self, key: Key) -> &[R] {
        match self.get(key) {
            Some(Value::References(references)) => references,
            _ => &[],
        }
    }

    /// Every references field of the table with the fiches it names, taken out (none when
    /// absent).
    pub fn take_references(&mut self) -> Vec<(Key, Box<[R]>)> {
        Key::ALL
            .into_iter()
            .filter(|key| key.spec().kind == Kind::References)
            .map(|key| match self.slots[key as usize].take() {
                Some(Value::References(references)) => (key, references),
                other => {
                    self.slots[key as usize] = other;
                    (key, Box::default())
                }
            })
            .collect()
    }

    /// The same values with references held as `S`: `convert` is given each references
    /// field's key and references, and the references are those it returns.
    pub fn map_references<S>(
        self,
        mut convert: impl FnMut(Key, Box<[R]>) -> Box<[S]>,
    ) -> Values<S> {
        let mut slots = self.slots.into_iter().zip(Key::ALL);
        Values {
            slots: std::array::from_fn(|_| {
                let (slot, key) = slots.next()?;
                slot.map(|value| match value {
                    Value::Text(text) => Value::Text(text),
                    Value::Term(term) => Value::Term(term),
                    Value::Terms(terms) => Value::Terms(terms),
                    Value::Integer(n) => Value::Integer(n),
                    Value::Date(date) => Value::Date(date),
                    Value::References(references) => Value::References(convert(key, references)),
                })
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_is_read_back_by_its_kind_and_absent_ones_are_empty() {
        let mut values: Values<&str> = Values::default();
        values.set(Key::Titre, Some(Value::Text("Plan".into())));
        values.set(Key::Modes, Some(Value::Terms([0, 2].into())));
        values.set(Key::Statut, Some(Value::Term(1)));
        values.set(Key::Avancement, Some(Value::Integer(50)));
        values.set(Key::VoirAussi, Some(Value::References(["grh/a"].into())));
        assert_eq!(values.text(Key::Titre), Some("Plan"));
        assert_eq!(values.terms(Key::Modes), [0, 2]);
        assert_eq!(values.term(Key::Statut), Some(1));
        assert_eq!(values.integer(Key::Avancement), Some(50));
        assert_eq!(values.references(Key::VoirAussi), ["grh/a"]);
        // A value is read only by its own kind.
        assert_eq!(values.text(Key::Avancement), None);
        assert_eq!(values.terms(Key::Objectifs), [] as [usize; 0]);
        assert_eq!(values.date(Key::MisAJour), None);
        let lengths = values.map_references(|key, refs| {
            assert_eq!(key, Key::VoirAussi);
            refs.iter().map(|r| r.len()).collect()
        });
        assert_eq!(lengths.references(Key::VoirAussi), [5]);
        assert_eq!(lengths.terms(Key::Modes), [0, 2]);
    }
}
