//! One module per page of the app.

pub mod account;
pub mod agencies;
pub mod agency;
pub mod audit;
pub mod cases;
pub mod compliance_parts;
pub mod home;
pub mod merit;
pub mod neutrality;
pub mod not_found;
pub mod outbox;
pub mod parameters;
pub mod province;
pub mod public_parts;
pub mod recommendation_parts;
pub mod recommendations;
pub mod registry;
pub mod review_pack;
pub mod scorecard;
pub mod signin;
pub mod staff_parts;
pub mod upload;
pub mod users;
pub mod violation;
pub mod violations;
