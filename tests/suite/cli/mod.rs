mod connectors;
mod doctor;
mod help;
