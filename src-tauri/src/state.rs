//! What the shell keeps between commands: the workspace it opened, or why it could not.
//! A failed open still shows a window, whose first screen says what went wrong.

use patchbay_core::{ErrorPayload, Workspace};

#[derive(Debug)]
pub struct Shell {
    workspace: Result<Workspace, ErrorPayload>,
}

impl Shell {
    pub fn new(workspace: Result<Workspace, ErrorPayload>) -> Self {
        Self { workspace }
    }

    /// The open workspace, or the error that kept it closed.
    pub fn workspace(&self) -> Result<&Workspace, ErrorPayload> {
        self.workspace.as_ref().map_err(Clone::clone)
    }
}
