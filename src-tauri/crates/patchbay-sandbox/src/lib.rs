//! Local emulators of the platforms Patchbay connects to. Each one speaks its platform's
//! documented wire format on a loopback port, so every connector has a mode that works offline.
