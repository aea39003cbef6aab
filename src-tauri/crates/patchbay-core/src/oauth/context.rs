//! Everything an OAuth step needs about one connection: its manifest's OAuth rules, its client
//! credentials, and the endpoints after overrides.

use crate::connections::{Connection, service};
use crate::error::{Error, Result};
use crate::registry::manifest::{Auth, Manifest, OAuth2};
use crate::vault::Secret;
use crate::workspace::Workspace;

/// The client ID and secret a connection signs in and refreshes with: its developer app's, or
/// its own fields'.
pub fn credentials(ws: &Workspace, connection_id: &str) -> Result<(String, Option<Secret>)> {
    let ctx = Context::load(ws, connection_id)?;
    Ok((ctx.client_id, ctx.client_secret))
}

#[derive(Debug)]
pub struct Context {
    pub connection: Connection,
    pub manifest: Manifest,
    pub oauth: OAuth2,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    /// The developer app whose credentials these are, when the connection uses one.
    pub app_id: Option<String>,
    /// The workspace's HTTP client.
    pub http: reqwest::Client,
    pub authorize_url: String,
    pub token_url: String,
    pub api_base_url: Option<String>,
}

impl Context {
    /// The context with the client secret decrypted, for a flow or a refresh that sends it.
    pub fn load(ws: &Workspace, id: &str) -> Result<Self> {
        let mut ctx = Self::load_sealed(ws, id)?;
        ctx.unseal(ws)?;
        Ok(ctx)
    }

    /// Decrypts the client secret, if the connector has one and it is not decrypted yet.
    pub fn unseal(&mut self, ws: &Workspace) -> Result<()> {
        if self.client_secret.is_none()
            && let Some(field) = &self.oauth.client_secret_field
        {
            self.client_secret = match &self.app_id {
                Some(app) => crate::apps::secret_of(ws, app)?,
                None => service::secret(ws, &self.connection.id, field)?,
            }
            .filter(|s| !s.is_empty());
        }
        Ok(())
    }

    /// The context without decrypting anything: enough to decide whether a token needs work.
    pub fn load_sealed(ws: &Workspace, id: &str) -> Result<Self> {
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
        // A connection that names a developer app signs in with the app's credentials.
        let app = crate::apps::client_of(ws, id)?;
        let client_id = match &app {
            Some(app) => Some(app.client_id.clone()),
            None => connection
                .config
                .get(&oauth.client_id_field)
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        }
        .ok_or_else(|| Error::OAuthMissingClient {
            label: label(&oauth.client_id_field),
        })?;
        let stored = match (&app, &oauth.client_secret_field) {
            (Some(app), _) => app.has_secret,
            (None, Some(field)) => crate::store::secrets::fields(&ws.database().lock(), id)?
                .iter()
                .any(|f| f == field),
            (None, None) => false,
        };
        let required = manifest
            .config
            .iter()
            .any(|f| Some(&f.name) == oauth.client_secret_field.as_ref() && f.required);
        if required && !stored {
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
            client_secret: None,
            app_id: app.map(|a| a.id),
            http: ws.http().strict().clone(),
            authorize_url,
            token_url,
            api_base_url,
        })
    }

    pub fn platform(&self) -> &str {
        &self.manifest.name
    }

    /// The platform's own name for the client id, when it is not `client_id` (TikTok's
    /// `client_key`), with the value.
    pub(crate) fn own_client_param(&self) -> Option<(String, String)> {
        (self.oauth.client_id_param != "client_id")
            .then(|| (self.oauth.client_id_param.clone(), self.client_id.clone()))
    }
}
