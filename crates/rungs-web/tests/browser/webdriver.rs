//! Just enough of the W3C WebDriver protocol to drive Debian's Chromium through chromedriver:
//! JSON over HTTP/1.1 to a local port, with no client library.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The key codes WebDriver uses for keys that are not characters.
pub(crate) const TAB: &str = "\u{E004}";
pub(crate) const ENTER: &str = "\u{E007}";
pub(crate) const SPACE: &str = "\u{E00D}";

/// A running chromedriver, stopped when dropped.
pub(crate) struct Driver {
    port: u16,
    child: Child,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP request to chromedriver; the JSON answer's `value`.
async fn call(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    // Read the head, then exactly the body it announces: the driver may keep the line open.
    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the driver closed the line early".into());
        }
        raw.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    loop {
        let body = &raw[head_end..];
        let done = match length {
            Some(n) => body.len() >= n,
            None if chunked => body.windows(5).any(|w| w == b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&chunk[..n]);
    }
    let rest = String::from_utf8_lossy(&raw[head_end..]).into_owned();
    let json_text = if chunked { dechunk(&rest) } else { rest };
    let v: Value = serde_json::from_str(&json_text).map_err(|e| format!("{e}: {json_text}"))?;
    let value = v.get("value").cloned().unwrap_or(Value::Null);
    if let Some(err) = value.get("error").and_then(Value::as_str) {
        return Err(format!(
            "{err}: {}",
            value
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_default()
        ));
    }
    Ok(value)
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&after[..n.min(after.len())]);
        rest = after.get(n + 2..).unwrap_or("");
    }
    out
}

impl Driver {
    /// Starts chromedriver on a free port and waits until it answers.
    pub(crate) async fn start(chromedriver: &str) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        // Owned at once, so it is stopped and waited for on every path (see `Drop`).
        let driver = Driver { port, child };
        for _ in 0..100 {
            if call(port, "GET", "/status", None).await.is_ok() {
                return driver;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not answer on port {}", driver.port);
    }

    /// A new headless Chromium, with a profile of its own and nothing fetched from elsewhere.
    pub(crate) async fn session(&self, chromium: &str, profile: &std::path::Path) -> Session {
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--window-size=1280,1600",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        } } });
        let v = call(self.port, "POST", "/session", Some(&caps))
            .await
            .expect("a browser session");
        Session {
            port: self.port,
            id: v["sessionId"].as_str().expect("a session id").to_owned(),
        }
    }
}

pub(crate) struct Session {
    port: u16,
    id: String,
}

impl Session {
    pub(crate) async fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let full = format!("/session/{}{path}", self.id);
        call(self.port, method, &full, body.as_ref())
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub(crate) async fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url }))).await;
    }

    pub(crate) async fn source(&self) -> String {
        self.cmd("GET", "/source", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub(crate) async fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Runs script in the page and returns its value.
    pub(crate) async fn run(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
        .await
    }

    /// Runs script that calls `arguments[0]` with its result when done.
    pub(crate) async fn run_async(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": [] })),
        )
        .await
    }

    /// Presses keys, one after another, on whatever has the focus: the keyboard alone.
    pub(crate) async fn keys(&self, keys: &str) {
        let mut actions = Vec::new();
        for k in keys.chars() {
            actions.push(json!({ "type": "keyDown", "value": k.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": k.to_string() }));
        }
        self.cmd(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        )
        .await;
    }

    /// Puts a file in a file input, as choosing it in the browser's file dialog does.
    pub(crate) async fn choose_file(&self, selector: &str, path: &std::path::Path) {
        let found = self
            .cmd(
                "POST",
                "/element",
                Some(json!({ "using": "css selector", "value": selector })),
            )
            .await;
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no {selector}: {found}"))
            .to_owned();
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": path.display().to_string() })),
        )
        .await;
    }

    /// Presses Tab until the focused element matches a CSS selector (at most `limit` times).
    pub(crate) async fn tab_to(&self, selector: &str, limit: usize) {
        let check = format!(
            "return !!document.activeElement && document.activeElement.matches({});",
            serde_json::to_string(selector).unwrap_or_default()
        );
        for _ in 0..limit {
            if self.run(&check).await == Value::Bool(true) {
                return;
            }
            self.keys(TAB).await;
        }
        panic!("Tab never reached {selector}");
    }

    /// The page as a PDF, as the browser prints it.
    pub(crate) async fn print(&self) -> Vec<u8> {
        let v = self
            .cmd("POST", "/print", Some(json!({ "background": false })))
            .await;
        base64_decode(v.as_str().unwrap_or_default())
    }

    /// The viewport as a PNG.
    pub(crate) async fn screenshot(&self) -> Vec<u8> {
        let v = self.cmd("GET", "/screenshot", None).await;
        base64_decode(v.as_str().unwrap_or_default())
    }

    /// Lays the page out as a screen `width` pixels wide would, through Chromium's DevTools.
    /// Not as a "mobile" device, which would widen the layout to fit a page too wide for it
    /// and so hide the very sideways scroll the tour looks for.
    pub(crate) async fn width(&self, width: u32) {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(
                json!({ "cmd": "Emulation.setDeviceMetricsOverride", "params": {
                "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false,
            } }),
            ),
        )
        .await;
    }

    /// The whole page as a PNG, beyond what the window shows.
    pub(crate) async fn full_screenshot(&self) -> Vec<u8> {
        let v = self
            .cmd(
                "POST",
                "/goog/cdp/execute",
                Some(json!({ "cmd": "Page.captureScreenshot", "params": {
                    "format": "png", "captureBeyondViewport": true,
                } })),
            )
            .await;
        base64_decode(v["data"].as_str().unwrap_or_default())
    }

    /// Forgets the session's cookies: signed out, as a new visitor.
    pub(crate) async fn forget_cookies(&self) {
        self.cmd("DELETE", "/cookie", None).await;
    }

    pub(crate) async fn close(&self) {
        let _ = call(self.port, "DELETE", &format!("/session/{}", self.id), None).await;
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buf = 0u32;
    let mut bits = 0;
    for b in text.bytes() {
        let Some(v) = ALPHABET.iter().position(|&a| a == b) else {
            continue;
        };
        buf = (buf << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    out
}
