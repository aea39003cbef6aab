mod connections;
mod first_screen;
mod gallery;
mod oauth;
