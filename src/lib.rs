//! sscheck: a compliance linter for the service standards of productivity promotion centers.
//!
//! Data flows one way: [`standard`] and [`submission`] load, [`checks`] produce
//! [`finding`]s, [`score`] grades, [`report`] renders.

pub mod audit;
pub mod blobs;
pub mod checks;
pub mod config;
pub mod dates;
pub mod engine;
pub mod expr;
pub mod figures;
pub mod finding;
pub mod i18n;
pub mod ordered;
pub mod report;
pub mod scaffold;
pub mod score;
pub mod select;
pub mod standard;
pub mod submission;
pub mod suggest;
pub mod text;
pub mod yaml;
