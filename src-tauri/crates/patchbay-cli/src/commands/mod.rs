//! One module per command. Each turns parsed arguments into one call into the core and
//! prints the result; the returned number is the process exit code.

pub mod actions;
pub mod apps;
pub mod attachments;
pub mod compare;
pub mod connect;
pub mod connections;
pub mod connectors;
pub mod demo;
pub mod doctor;
pub mod insights;
pub mod logs;
pub mod records;
pub mod report;
pub mod sandbox;
pub mod sync;
pub mod workflows;
