//! The standard protocol, on the `oauth2` crate: the authorize URL (state, PKCE S256, scopes),
//! the code exchange, refresh and RFC 7009 revoke, with the client authenticated the way the
//! manifest says (`client_secret_post`, `client_secret_basic`, or none for a public client).
//!
//! Where a platform leaves the standard, the manifest's data bends the request here and
//! `quirks/` adds the steps the standard does not have:
//!
//! | platform | where it leaves the standard | handled by |
//! |---|---|---|
//! | TikTok | `client_key` instead of `client_id`; hex PKCE challenge; comma-separated scopes | `client_id_param`, `pkce = "s256-hex"`, `scope_separator` |
//! | Instagram | short-lived token answer without `token_type`, nested in `data[0]`; long-lived exchange; `ig_refresh_token` | `PlatformTokens`, `quirks/instagram.rs` |
//! | Facebook Pages | `fb_exchange_token`; the Page's own token from `/me/accounts` | `quirks/facebook.rs` |
//! | Reddit | HTTP basic client auth; `duration=permanent` | `token_auth = "client_secret_basic"`, extra authorize params |
//! | Google | `access_type=offline&prompt=consent` for a refresh token | extra authorize params |
//! | X | public client (PKCE, no secret); rotating refresh tokens | `token_auth = "none"`, the token engine |
//! | LinkedIn | no refresh token for most apps | `quirks::renewal` |

use super::context::Context;
use super::failure::Failure;
use super::platform_tokens::PlatformTokens;
use super::tokens::{self, TokenError, TokenSet};
use super::wire::{Transport, Wire, is_loopback};
use crate::registry::manifest::{Pkce, TokenAuth};
use crate::vault::Secret;
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
};
use oauth2::{
    AccessToken, AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    EndpointNotSet, EndpointSet, HttpRequest, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    RefreshToken, RequestTokenError, RevocationUrl, Scope, StandardRevocableToken, TokenUrl,
};
use std::borrow::Cow;

type Client<Auth, Revoke, Token> = oauth2::Client<
    BasicErrorResponse,
    PlatformTokens,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    Auth,
    EndpointNotSet,
    EndpointNotSet,
    Revoke,
    Token,
>;

fn bad_url(url: &str) -> Failure {
    Failure::Transport(crate::Error::InvalidInput(format!(
        "`{url}` is not a valid URL. Check the connection's endpoints."
    )))
}

/// The client for `ctx`, authenticated as its manifest says.
fn client(ctx: &Context) -> Client<EndpointNotSet, EndpointNotSet, EndpointNotSet> {
    let mut client = oauth2::Client::new(ClientId::new(ctx.client_id.clone()));
    let auth = match ctx.oauth.token_auth {
        TokenAuth::ClientSecretBasic => AuthType::BasicAuth,
        TokenAuth::ClientSecretPost | TokenAuth::None => AuthType::RequestBody,
    };
    match (ctx.oauth.token_auth, &ctx.client_secret) {
        (TokenAuth::None, _) => {}
        (_, Some(secret)) => {
            client = client.set_client_secret(ClientSecret::new(secret.expose().to_owned()));
        }
        // An installed app (Reddit) still authenticates with basic auth, its password empty.
        (TokenAuth::ClientSecretBasic, None) => {
            client = client.set_client_secret(ClientSecret::new(String::new()));
        }
        (TokenAuth::ClientSecretPost, None) => {}
    }
    client.set_auth_type(auth)
}

/// The authorize URL for a new attempt with `state`, and PKCE's `verifier`.
pub(crate) fn authorize_url(
    ctx: &Context,
    redirect_uri: &str,
    state: &str,
    verifier: &str,
) -> Result<String, Failure> {
    let client = client(ctx)
        .set_auth_uri(
            AuthUrl::new(ctx.authorize_url.clone()).map_err(|_| bad_url(&ctx.authorize_url))?,
        )
        .set_redirect_uri(
            RedirectUrl::new(redirect_uri.to_owned()).map_err(|_| bad_url(redirect_uri))?,
        );
    let state = state.to_owned();
    let mut request = client
        .authorize_url(move || CsrfToken::new(state))
        // One scope parameter written with the platform's separator (TikTok and Meta use commas).
        .add_scope(Scope::new(
            ctx.oauth.scopes.join(&ctx.oauth.scope_separator),
        ));
    match ctx.oauth.pkce {
        Pkce::S256 => {
            let verifier = PkceCodeVerifier::new(verifier.to_owned());
            request =
                request.set_pkce_challenge(PkceCodeChallenge::from_code_verifier_sha256(&verifier));
        }
        Pkce::S256Hex => {
            request = request
                .add_extra_param("code_challenge", super::pkce::hex_challenge(verifier))
                .add_extra_param("code_challenge_method", "S256");
        }
        Pkce::None => {}
    }
    if let Some((name, value)) = ctx.own_client_param() {
        request = request.add_extra_param(name, value);
    }
    for (k, v) in &ctx.oauth.extra_authorize_params {
        request = request.add_extra_param(k.clone(), v.clone());
    }
    let mut url = request.url().0;
    if ctx.oauth.client_id_param != "client_id" {
        // The platform names the client id otherwise (added above); drop the standard name.
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "client_id")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    Ok(url.to_string())
}

/// What a token request's failure means to Patchbay.
fn failure<RE: std::error::Error + 'static>(
    e: RequestTokenError<RE, BasicErrorResponse>,
) -> Failure {
    match e {
        RequestTokenError::ServerResponse(r) => Failure::Refused(TokenError {
            error: r.error().as_ref().to_owned(),
            description: r.error_description().cloned(),
        }),
        // A non-standard answer (Instagram's `error_type`, Graph's `error.code`, an error sent
        // with 200): read it the way every platform's answer is read.
        RequestTokenError::Parse(_, body) => {
            let json = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
            Failure::Refused(match tokens::parse(&json, " ") {
                Err(t) => t,
                Ok(_) => TokenError {
                    error: "invalid_response".into(),
                    description: Some("the answer could not be read".into()),
                },
            })
        }
        RequestTokenError::Request(e) => Failure::Transport(transport_of(&e)),
        RequestTokenError::Other(message) => Failure::Refused(TokenError {
            error: "invalid_response".into(),
            description: Some(message),
        }),
    }
}

/// The transport error inside the `oauth2` wrapper around it.
fn transport_of(e: &(dyn std::error::Error + 'static)) -> crate::Error {
    let mut source = Some(e);
    while let Some(err) = source {
        if let Some(Transport(crate::Error::Unreachable { host, reason })) = err.downcast_ref() {
            return crate::Error::Unreachable {
                host: host.clone(),
                reason: reason.clone(),
            };
        }
        source = err.source();
    }
    crate::Error::Unreachable {
        host: "the token endpoint".into(),
        reason: e.to_string(),
    }
}

fn token_client(
    ctx: &Context,
    url: &str,
) -> Result<Client<EndpointNotSet, EndpointNotSet, EndpointSet>, Failure> {
    Ok(client(ctx).set_token_uri(TokenUrl::new(url.to_owned()).map_err(|_| bad_url(url))?))
}

/// Trades the callback's code for tokens.
pub(crate) async fn exchange_code(
    ctx: &Context,
    code: &str,
    redirect_uri: &str,
    verifier: Option<&Secret>,
) -> Result<TokenSet, Failure> {
    let client = token_client(ctx, &ctx.token_url)?;
    let redirect = RedirectUrl::new(redirect_uri.to_owned()).map_err(|_| bad_url(redirect_uri))?;
    let mut request = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .set_redirect_uri(Cow::Owned(redirect));
    if let Some(v) = verifier {
        request = request.set_pkce_verifier(PkceCodeVerifier::new(v.expose().to_owned()));
    }
    let wire = Wire::of(ctx);
    let http = |r: HttpRequest| wire.clone().send(r);
    request
        .request_async(&http)
        .await
        .map(PlatformTokens::into_token_set)
        .map_err(failure)
}

/// Trades a refresh token for fresh tokens (at the manifest's refresh URL when it has one).
pub(crate) async fn refresh(ctx: &Context, refresh_token: &Secret) -> Result<TokenSet, Failure> {
    let url = ctx
        .oauth
        .refresh_url
        .clone()
        .unwrap_or_else(|| ctx.token_url.clone());
    let client = token_client(ctx, &url)?;
    let token = RefreshToken::new(refresh_token.expose().to_owned());
    let request = client.exchange_refresh_token(&token);
    let wire = Wire::of(ctx);
    let http = |r: HttpRequest| wire.clone().send(r);
    request
        .request_async(&http)
        .await
        .map(PlatformTokens::into_token_set)
        .map_err(failure)
}

/// Revokes `token` at `url` (RFC 7009): `Ok(Ok(()))` when the platform confirmed it,
/// `Ok(Err(answer))` with what it said instead.
pub(crate) async fn revoke(
    ctx: &Context,
    url: &str,
    token: &Secret,
    is_refresh: bool,
) -> Result<Result<(), String>, crate::Error> {
    let mut wire = Wire::of(ctx);
    let mut target = url::Url::parse(url)
        .map_err(|_| crate::Error::InvalidInput(format!("`{url}` is not a valid revoke URL.")))?;
    if target.scheme() == "http" && is_loopback(&target) {
        let _ = target.set_scheme("https");
        wire.loopback_http = true;
    }
    let client = client(ctx).set_revocation_url(RevocationUrl::from_url(target));
    let token = if is_refresh {
        StandardRevocableToken::RefreshToken(RefreshToken::new(token.expose().to_owned()))
    } else {
        StandardRevocableToken::AccessToken(AccessToken::new(token.expose().to_owned()))
    };
    let request = client.revoke_token(token).map_err(|e| {
        crate::Error::InvalidInput(format!("The revoke request could not be built: {e}."))
    })?;
    let http = |r: HttpRequest| wire.clone().send(r);
    match request.request_async(&http).await {
        Ok(()) => Ok(Ok(())),
        Err(RequestTokenError::Request(e)) => Err(transport_of(&e)),
        // The platform answered, but not with a confirmation (400 invalid_client, a 503 page):
        // the tokens are still deleted here, and the user is told what the platform said.
        Err(RequestTokenError::ServerResponse(r)) => Ok(Err(match r.error_description() {
            Some(d) => format!("{} ({d})", r.error().as_ref()),
            None => r.error().as_ref().to_owned(),
        })),
        Err(RequestTokenError::Parse(_, body)) => {
            let text: String = String::from_utf8_lossy(&body).chars().take(120).collect();
            Ok(Err(format!("an unexpected answer: {}", text.trim())))
        }
        Err(RequestTokenError::Other(message)) if message.contains("empty") => {
            Ok(Err("an error with no explanation".into()))
        }
        Err(RequestTokenError::Other(message)) => Ok(Err(message)),
    }
}
