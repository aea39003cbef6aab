mod doctor;
mod help;
