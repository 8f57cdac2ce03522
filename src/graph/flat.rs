//! Views that show a shared reference's fields as their own: a meeting page's `meeting`
//! has `title` and `date` (from its [`MeetingRef`](super::MeetingRef)) beside `items`.
//!
//! serde's `#[serde(flatten)]` does this, but serializes the view as a map with owned keys
//! and no size hint, so Tera's serializer allocates every key and grows the map as it
//! goes: for a meeting page's items that was about a third of the time of turning the
//! page's data into a template context. These macros write the same fields into a struct
//! of known size with static keys. Each destructures the type without `..`, so a field
//! added to a view but not to its macro call does not compile.

use serde::ser::SerializeStruct;

/// A reference whose fields can be written into another struct.
pub(crate) trait Flat {
    /// How many fields [`Flat::serialize_fields`] writes.
    const FIELDS: usize;
    fn serialize_fields<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error>;
}

impl<T: Flat> Flat for crate::base::shared::Shared<T> {
    const FIELDS: usize = T::FIELDS;
    fn serialize_fields<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error> {
        (**self).serialize_fields(state)
    }
}

/// `flat_ref!(BodyRef { key, path, name })`: implements [`Flat`] and `Serialize` (a
/// struct with these fields, in this order) for a reference type.
macro_rules! flat_ref {
    ($type:ident { $($field:ident),+ $(,)? }) => {
        impl $crate::graph::flat::Flat for $type {
            const FIELDS: usize = [$(stringify!($field)),+].len();
            fn serialize_fields<S: serde::ser::SerializeStruct>(
                &self,
                state: &mut S,
            ) -> Result<(), S::Error> {
                let $type { $($field),+ } = self;
                $(state.serialize_field(stringify!($field), $field)?;)+
                Ok(())
            }
        }

        $crate::graph::flat::flat_struct!($type);
    };
}

/// `flat_struct!(ItemRef)`: implements `Serialize` for a type that implements [`Flat`]
/// (by hand, when a field is derived), as a struct of its fields.
macro_rules! flat_struct {
    ($type:ident) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut state = serializer.serialize_struct(
                    stringify!($type),
                    <Self as $crate::graph::flat::Flat>::FIELDS,
                )?;
                $crate::graph::flat::Flat::serialize_fields(self, &mut state)?;
                state.end()
            }
        }
    };
}

/// `flat_view!(BodySummary { body; meeting_count, first_date })`: implements `Serialize`
/// for a view as the fields of its reference `body` followed by its own fields.
macro_rules! flat_view {
    ($type:ident { $flat:ident; $($field:ident),+ $(,)? }) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                use $crate::graph::flat::Flat;
                let $type { $flat, $($field),+ } = self;
                let own = [$(stringify!($field)),+].len();
                let mut state = serializer.serialize_struct(
                    stringify!($type),
                    $crate::graph::flat::field_count($flat) + own,
                )?;
                $flat.serialize_fields(&mut state)?;
                $(state.serialize_field(stringify!($field), $field)?;)+
                state.end()
            }
        }
    };
}

/// The number of fields of a [`Flat`] value, for [`flat_view!`] (which names the value,
/// not its type).
pub(crate) fn field_count<T: Flat>(_: &T) -> usize {
    T::FIELDS
}

pub(crate) use {flat_ref, flat_struct, flat_view};

#[cfg(test)]
mod tests {
    use crate::base::shared::Shared;

    struct Org {
        key: String,
        short: Option<String>,
    }
    flat_ref!(Org { key, short });

    struct OrgPage {
        org: Shared<Org>,
        people: Vec<&'static str>,
        count: usize,
    }
    flat_view!(OrgPage { org; people, count });

    #[test]
    fn a_view_shows_its_reference_fields_then_its_own_as_one_struct() {
        let page = OrgPage {
            org: Shared::new(Org {
                key: "skr".into(),
                short: None,
            }),
            people: vec!["Anna"],
            count: 2,
        };
        assert_eq!(
            serde_json::to_string(&page).unwrap(),
            r#"{"key":"skr","short":null,"people":["Anna"],"count":2}"#
        );
        assert_eq!(
            serde_json::to_string(&*page.org).unwrap(),
            r#"{"key":"skr","short":null}"#
        );
        let value = tera::Value::from_serializable(&page);
        let map = value.as_map().expect("a struct becomes a map");
        assert_eq!(map.len(), 4);
    }
}
