mod first_screen;
