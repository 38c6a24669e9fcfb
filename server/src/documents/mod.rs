//! What the app writes for people outside it (issue #18): the recommendation letter as a PDF and the texts of
//! the recommendation mail. Pure: built from the data the services load, tested without a database.

pub mod letter;
pub mod mail;
pub mod pdf;
