mod actions;
mod background;
mod connections;
mod dashboard;
mod first_screen;
mod gallery;
mod live;
mod oauth;
