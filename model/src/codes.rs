//! Enums whose values travel as fixed text codes (in JSON, in the database, in URLs, in report batches): one
//! list of variants and codes gives `ALL` (in declaration order), `as_str`, `parse` and `expected` (for error
//! messages), so no code is written twice. The caller gives the derives (serde's names, a schema). Used here and
//! by the server's report vocabulary (`server/src/domain/records.rs`).

#[macro_export]
macro_rules! codes {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The allowed values, for error messages.
            pub fn expected() -> String {
                [$($text),+].join(", ")
            }
        }
    };
}
