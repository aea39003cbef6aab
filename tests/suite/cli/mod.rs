mod charts;
mod connections;
mod connectors;
mod doctor;
mod help;
mod logs;
mod routes;
mod smtp;
