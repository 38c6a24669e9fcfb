//! One module per page of the app.

pub mod agencies;
pub mod agency;
pub mod home;
pub mod placeholder;
pub mod signin;
pub mod upload;
