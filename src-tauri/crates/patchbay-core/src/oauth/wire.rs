//! The last step of a token request: `oauth2` built it, the workspace's strict client sends it,
//! reading at most `MAX_BODY` of the answer, after the platform's departures on the wire.

use super::context::Context;
use super::failure::unreachable;
use oauth2::{HttpRequest, HttpResponse};

/// How a request leaves Patchbay after `oauth2` built it: the platform's name for the client id
/// in form bodies (TikTok's `client_key`), and whether a loopback server may be reached over
/// plain http (the sandbox and local test servers; `oauth2` insists on https for revocation,
/// so the request is built for https and sent to the loopback address as it was given).
#[derive(Debug, Clone)]
pub(crate) struct Wire {
    http: reqwest::Client,
    client_param: Option<String>,
    pub loopback_http: bool,
}

impl Wire {
    pub fn of(ctx: &Context) -> Self {
        Self {
            http: ctx.http.clone(),
            client_param: ctx.own_client_param().map(|(name, _)| name),
            loopback_http: false,
        }
    }

    /// Sends one request, reading at most `MAX_BODY` of the answer.
    pub async fn send(self, request: HttpRequest) -> Result<HttpResponse, Transport> {
        let (parts, mut body) = request.into_parts();
        let mut url = url::Url::parse(&parts.uri.to_string()).map_err(|e| {
            Transport(crate::Error::InvalidInput(format!(
                "bad token endpoint: {e}"
            )))
        })?;
        if self.loopback_http && is_loopback(&url) {
            let _ = url.set_scheme("http");
        }
        if let Some(name) = &self.client_param {
            body = rename_client_id(&body, name);
        }
        let response = self
            .http
            .request(parts.method, url.as_str())
            .headers(parts.headers)
            .body(body)
            .send()
            .await
            .map_err(|e| Transport(unreachable(url.as_str(), &e)))?;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = crate::http::read_body(response, crate::http::MAX_BODY)
            .await
            .map_err(|e| {
                Transport(crate::Error::Unreachable {
                    host: url.host_str().unwrap_or_default().to_owned(),
                    reason: e.to_string(),
                })
            })?;
        let mut out = HttpResponse::new(bytes);
        *out.status_mut() = status;
        *out.headers_mut() = headers;
        Ok(out)
    }
}

pub(crate) fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    }
}

/// A form body with `client_id` written under the platform's own name.
fn rename_client_id(body: &[u8], name: &str) -> Vec<u8> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body)
        .map(|(k, v)| {
            let k = if k == "client_id" {
                name.to_owned()
            } else {
                k.into_owned()
            };
            (k, v.into_owned())
        })
        .collect();
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
        .into_bytes()
}

/// The transport failure, carried through `oauth2` as its HTTP client error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Transport(pub crate::Error);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiktok_reads_its_client_key_where_the_standard_writes_client_id() {
        let body = b"grant_type=refresh_token&client_id=ck-1&client_secret=s&refresh_token=r";
        let renamed = String::from_utf8(rename_client_id(body, "client_key")).unwrap();
        assert_eq!(
            renamed,
            "grant_type=refresh_token&client_key=ck-1&client_secret=s&refresh_token=r"
        );
    }

    #[test]
    fn only_loopback_addresses_may_be_reached_over_plain_http() {
        let u = |s: &str| url::Url::parse(s).unwrap();
        assert!(is_loopback(&u("http://127.0.0.1:8080/revoke")));
        assert!(is_loopback(&u("http://[::1]:8080/revoke")));
        assert!(is_loopback(&u("http://localhost/revoke")));
        assert!(!is_loopback(&u("http://oauth2.googleapis.com/revoke")));
        assert!(!is_loopback(&u("http://10.0.0.1/revoke")));
    }
}
