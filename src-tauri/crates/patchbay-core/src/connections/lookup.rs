//! Finding a connection the way a person names it.

use super::Connection;
use crate::error::{Error, Result};
use crate::store::connections as rows;
use crate::workspace::Workspace;

/// The id of the connection `id_or_name` names: an id as it is, else the one connection whose
/// name matches (ignoring case), so a person can type `"Studio Slack"`.
pub fn resolve(ws: &Workspace, id_or_name: &str) -> Result<String> {
    let sql = ws.database().lock();
    if rows::get(&sql, id_or_name)?.is_some() {
        return Ok(id_or_name.to_owned());
    }
    let named: Vec<Connection> = rows::list(&sql, None, None)?
        .into_iter()
        .filter(|c| c.name.eq_ignore_ascii_case(id_or_name.trim()))
        .collect();
    match named.as_slice() {
        [one] => Ok(one.id.clone()),
        [_, _, ..] => Err(Error::InvalidInput(format!(
            "{} connections are called “{id_or_name}”; use the id `patchbay connections list` shows.",
            named.len()
        ))),
        [] => Err(Error::UnknownConnection {
            id: id_or_name.to_owned(),
        }),
    }
}
