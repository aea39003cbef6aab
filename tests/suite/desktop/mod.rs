mod first_screen;
mod gallery;
