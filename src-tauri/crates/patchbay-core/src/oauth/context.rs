//! Everything an OAuth step needs about one connection: its manifest's OAuth rules, its client
//! credentials, and the endpoints after overrides.

use crate::connections::{Connection, service};
use crate::error::{Error, Result};
use crate::registry::manifest::{Auth, Manifest, OAuth2};
use crate::vault::Secret;
use crate::workspace::Workspace;

#[derive(Debug)]
pub struct Context {
    pub connection: Connection,
    pub manifest: Manifest,
    pub oauth: OAuth2,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    pub authorize_url: String,
    pub token_url: String,
    pub api_base_url: Option<String>,
}

impl Context {
    pub fn load(ws: &Workspace, id: &str) -> Result<Self> {
        let connection = service::load(ws, id)?;
        let manifest = ws.registry().get(&connection.connector_id)?.clone();
        let Auth::OAuth2(oauth) = manifest.auth.clone() else {
            return Err(Error::NotOAuth {
                connector: manifest.name.clone(),
            });
        };
        let label = |field: &str| {
            manifest
                .config
                .iter()
                .find(|f| f.name == field)
                .map_or(field.to_owned(), |f| f.label.clone())
        };
        let client_id = connection
            .config
            .get(&oauth.client_id_field)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| Error::OAuthMissingClient {
                label: label(&oauth.client_id_field),
            })?;
        let client_secret = match &oauth.client_secret_field {
            Some(field) => service::secret(ws, id, field)?.filter(|s| !s.is_empty()),
            None => None,
        };
        let required = manifest
            .config
            .iter()
            .any(|f| Some(&f.name) == oauth.client_secret_field.as_ref() && f.required);
        if required && client_secret.is_none() {
            return Err(Error::OAuthMissingClient {
                label: label(
                    oauth
                        .client_secret_field
                        .as_deref()
                        .unwrap_or("client_secret"),
                ),
            });
        }
        let endpoints = crate::connections::endpoints::resolve(ws, &connection, &manifest)?;
        let authorize_url = endpoints
            .authorize_url
            .unwrap_or_else(|| oauth.authorize_url.clone());
        let token_url = endpoints
            .token_url
            .unwrap_or_else(|| oauth.token_url.clone());
        let api_base_url = endpoints.api_base_url;
        Ok(Self {
            connection,
            manifest,
            oauth,
            client_id,
            client_secret,
            authorize_url,
            token_url,
            api_base_url,
        })
    }

    pub fn platform(&self) -> &str {
        &self.manifest.name
    }
}
