//! Reading an answer without trusting its size: chunks are taken until the cap, and a body
//! past it is refused without being held in memory.

/// The most an answer may weigh. Platform pages are a few hundred kilobytes at most; no
/// platform Patchbay speaks to needs more.
pub const MAX_BODY: usize = 8 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BodyError {
    #[error("the answer was larger than {} MB and was not read", .limit / (1024 * 1024))]
    TooLarge { limit: usize },
    #[error("the answer broke off: {0}")]
    Transport(String),
}

/// The body's bytes, up to `limit`.
pub async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge { limit });
    }
    let mut out = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| BodyError::Transport(e.to_string()))?
    {
        if out.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge { limit });
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// The body as JSON (`Value::Null` when it is not JSON), up to `MAX_BODY`.
pub async fn read_json(response: reqwest::Response) -> Result<serde_json::Value, BodyError> {
    let bytes = read_body(response, MAX_BODY).await?;
    Ok(serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}
