//! Twilio: `send_sms` and `send_whatsapp` create a Message resource
//! (`POST /Accounts/{AccountSid}/Messages.json`, form `To`, `From`, `Body`) with the Account SID
//! and Auth Token as HTTP basic auth. WhatsApp numbers carry the `whatsapp:` prefix on both
//! ends; Patchbay adds it where the user left it out. A send is never repeated once it may have
//! reached Twilio. Twilio's `code` and `more_info` become the sentence.

use super::call::{self, Peer, Repeat};
use super::{Ctx, text};
use crate::error::{Error, Result};
use serde_json::{Value, json};

const PEER: Peer<'static> = Peer {
    platform: "Twilio",
    check: "Monitor → Messaging logs in the Twilio Console",
};

fn whatsapp(number: &str) -> String {
    if number.starts_with("whatsapp:") {
        number.to_owned()
    } else {
        format!("whatsapp:{number}")
    }
}

pub(super) async fn run(ctx: &Ctx<'_>, action: &str, input: &Value) -> Result<Value> {
    let to = text(input, "to").unwrap_or_default();
    let from = ctx
        .config_text("from_number")
        .ok_or_else(|| Error::InvalidInput("Set the connection's sender number first.".into()))?;
    let (to, from) = match action {
        "send_sms" => (to.to_owned(), from),
        "send_whatsapp" => (whatsapp(to), whatsapp(&from)),
        _ => return Err(ctx.unavailable(action)),
    };
    let sid = ctx
        .config_text("account_sid")
        .ok_or_else(|| Error::InvalidInput("Set the connection's Account SID first.".into()))?;
    let body = text(input, "body").unwrap_or_default();
    let request = ctx
        .request(
            reqwest::Method::POST,
            &format!("/Accounts/{sid}/Messages.json"),
        )?
        .form(&[("To", to.as_str()), ("From", from.as_str()), ("Body", body)]);
    let reply = call::send(ctx.ws, request, Repeat::Never, PEER).await?;
    if reply.status == 429 {
        return Err(call::rate_limited("Twilio", &reply));
    }
    if !reply.ok() {
        return Err(Error::ActionRefused {
            platform: "Twilio".into(),
            message: sentence(reply.status, &reply.body),
        });
    }
    Ok(json!({"sid": reply.body["sid"], "status": reply.body["status"]}))
}

fn sentence(status: u16, body: &Value) -> String {
    let code = body["code"].as_u64().unwrap_or(0);
    let more = body["more_info"]
        .as_str()
        .map(|m| format!(" More: {m}"))
        .unwrap_or_default();
    let what = match (status, code) {
        (401, _) | (_, 20003) => "it rejected the Account SID and Auth Token. Copy both again from the Console".to_owned(),
        (_, 21211) => "the recipient is not a valid phone number. Use E.164 form: +14155550100".to_owned(),
        (_, 21212 | 21606) => "the sender number cannot send this message. Check the connection's From number in the Console".to_owned(),
        (_, 21408) => "sending to that country is not enabled. Turn it on under Messaging → Settings → Geo permissions".to_owned(),
        (_, 21610) => "the recipient replied STOP and has unsubscribed from this number".to_owned(),
        (_, 21614) => "the recipient is not a mobile number".to_owned(),
        (_, 21617) => "the message is longer than 1600 characters".to_owned(),
        (_, 63007) => "no WhatsApp sender exists for the From number. Register it, or join the WhatsApp sandbox".to_owned(),
        (_, 63016) => "the recipient has not written in the last 24 hours, so WhatsApp allows only an approved template".to_owned(),
        _ => format!(
            "it answered {status}: {}",
            body["message"].as_str().unwrap_or("no reason given")
        ),
    };
    format!("{what} (error {code}).{more}")
}
