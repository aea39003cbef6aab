//! A small W3C WebDriver client: just what the end-to-end tests need to drive the real
//! desktop window through tauri-driver and WebKitWebDriver.

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long to wait for the UI to reach a state before calling it a failure.
const STATE_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct Session {
    base: String,
    id: String,
    agent: ureq::Agent,
}

/// One element in the page.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Session {
    /// Starts the app at `application` with `args` through the driver at `driver_url`.
    pub fn start(driver_url: &str, application: &Path, args: &[String]) -> Result<Self> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "wry",
            "tauri:options": {"application": application, "args": args}
        }}});
        let answer = post(&agent, &format!("{driver_url}/session"), &caps)?;
        let id = answer["sessionId"]
            .as_str()
            .ok_or_else(|| anyhow!("no session id in {answer}"))?
            .to_owned();
        Ok(Self {
            base: format!("{driver_url}/session/{id}"),
            id,
            agent,
        })
    }

    fn post(&self, path: &str, body: &Value) -> Result<Value> {
        post(&self.agent, &format!("{}{path}", self.base), body)
    }

    fn get(&self, path: &str) -> Result<Value> {
        let mut response = self.agent.get(&format!("{}{path}", self.base)).call()?;
        unwrap_value(response.body_mut().read_json()?)
    }

    /// The first element matching a CSS selector, if there is one now.
    pub fn find(&self, css: &str) -> Result<Option<Element>> {
        let found = self.post("/elements", &json!({"using": "css selector", "value": css}))?;
        Ok(found
            .as_array()
            .and_then(|list| list.first())
            .and_then(|el| el[ELEMENT_KEY].as_str())
            .map(|id| Element(id.to_owned())))
    }

    /// Every element matching a CSS selector now.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let found = self.post("/elements", &json!({"using": "css selector", "value": css}))?;
        Ok(found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|el| el[ELEMENT_KEY].as_str())
            .map(|id| Element(id.to_owned()))
            .collect())
    }

    /// Waits until an element matching `css` exists, and returns it.
    pub fn wait_for(&self, css: &str) -> Result<Element> {
        self.wait_until(&format!("an element matching {css}"), || self.find(css))
    }

    /// Polls `probe` until it yields a value, or fails after the state timeout.
    pub fn wait_until<T>(
        &self,
        what: &str,
        mut probe: impl FnMut() -> Result<Option<T>>,
    ) -> Result<T> {
        let deadline = Instant::now() + STATE_TIMEOUT;
        loop {
            match probe() {
                Ok(Some(value)) => return Ok(value),
                Ok(None) => {}
                // The page re-rendered between finding an element and reading it: look again.
                Err(e) if e.to_string().contains("stale element") => {}
                Err(e) => return Err(e),
            }
            if Instant::now() > deadline {
                bail!("the window never showed {what}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits for the element matching `css` and clicks it. A view redrawn between finding and
    /// clicking (a background sync finished) is looked up again, as a user would look again.
    pub fn click_on(&self, css: &str) -> Result<()> {
        for _ in 0..5 {
            let el = self.wait_for(css)?;
            match self.click(&el) {
                Err(e) if stale(&e) => continue,
                other => return other,
            }
        }
        bail!("{css} kept being redrawn under the click")
    }

    /// Waits until the element matching `css` contains `needle`; returns its whole text.
    pub fn wait_for_text(&self, css: &str, needle: &str) -> Result<String> {
        self.wait_until(&format!("{css} containing {needle:?}"), || {
            Ok(match self.find(css)? {
                Some(el) => match self.text(&el) {
                    Ok(text) => Some(text).filter(|t| t.contains(needle)),
                    Err(e) if stale(&e) => None,
                    Err(e) => return Err(e),
                },
                None => None,
            })
        })
    }

    /// Waits for the input matching `css`, empties it and types `value`.
    pub fn fill(&self, css: &str, value: &str) -> Result<()> {
        let el = self.wait_for(css)?;
        self.clear(&el)?;
        self.type_text(&el, value)
    }

    pub fn text(&self, el: &Element) -> Result<String> {
        Ok(self
            .get(&format!("/element/{}/text", el.0))?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    pub fn attribute(&self, el: &Element, name: &str) -> Result<Option<String>> {
        Ok(self
            .get(&format!("/element/{}/attribute/{name}", el.0))?
            .as_str()
            .map(str::to_owned))
    }

    pub fn click(&self, el: &Element) -> Result<()> {
        self.post(&format!("/element/{}/click", el.0), &json!({}))?;
        Ok(())
    }

    pub fn type_text(&self, el: &Element, text: &str) -> Result<()> {
        self.post(&format!("/element/{}/value", el.0), &json!({"text": text}))?;
        Ok(())
    }

    /// Presses keys on the keyboard, one after another, wherever the focus is (WebDriver key
    /// codes: "\u{E004}" Tab, "\u{E007}" Enter, "\u{E014}" ArrowRight).
    pub fn press(&self, keys: &[&str]) -> Result<()> {
        let actions: Vec<Value> = keys
            .iter()
            .flat_map(|k| {
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.post(
            "/actions",
            &json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )?;
        Ok(())
    }

    /// Moves the pointer onto the middle of `el`, as a mouse hovering it.
    pub fn hover(&self, el: &Element) -> Result<()> {
        let origin = json!({ ELEMENT_KEY: el.0 });
        self.post(
            "/actions",
            &json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                "actions": [{"type": "pointerMove", "duration": 0, "origin": origin, "x": 0, "y": 0}]}]}),
        )?;
        Ok(())
    }

    pub fn clear(&self, el: &Element) -> Result<()> {
        self.post(&format!("/element/{}/clear", el.0), &json!({}))?;
        Ok(())
    }

    /// The window's title as the OS shows it.
    pub fn title(&self) -> Result<String> {
        Ok(self.get("/title")?.as_str().unwrap_or_default().to_owned())
    }

    /// Runs `script` in the page and returns its value.
    pub fn execute(&self, script: &str) -> Result<Value> {
        self.post("/execute/sync", &json!({"script": script, "args": []}))
    }

    /// Runs an async `script` (it calls its last argument when done) and returns the value.
    pub fn execute_async(&self, script: &str) -> Result<Value> {
        self.post("/execute/async", &json!({"script": script, "args": []}))
    }

    /// Waits until the page has painted its latest DOM changes (two animation frames).
    pub fn settle_paint(&self) -> Result<()> {
        let script = "const done = arguments[arguments.length - 1]; \
                      requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.post("/execute/async", &json!({"script": script, "args": []}))?;
        Ok(())
    }

    /// Saves a PNG of the window to `path`, once the latest DOM changes are painted.
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        self.settle_paint()?;
        let data = self.get("/screenshot")?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .context("screenshot is not base64")?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Resizes the window (for screenshots at a given size).
    pub fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.post("/window/rect", &json!({"width": width, "height": height}))?;
        self.settle_paint()
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.base).call();
    }
}

fn post(agent: &ureq::Agent, url: &str, body: &Value) -> Result<Value> {
    let mut response = agent.post(url).send_json(body)?;
    unwrap_value(response.body_mut().read_json()?)
}

fn unwrap_value(mut answer: Value) -> Result<Value> {
    let value = answer["value"].take();
    if let Some(error) = value.get("error").and_then(Value::as_str) {
        bail!(
            "WebDriver error {error}: {}",
            value["message"].as_str().unwrap_or_default()
        );
    }
    Ok(value)
}

/// Whether WebDriver said the element is gone from the page (the view was redrawn).
fn stale(e: &anyhow::Error) -> bool {
    e.to_string().contains("stale element")
}
