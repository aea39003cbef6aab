mod connections;
mod dashboard;
mod first_screen;
mod gallery;
mod oauth;
