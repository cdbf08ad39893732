//! The HTML report in a real browser: Debian's Chromium, headless, driven over the
//! DevTools protocol by a minimal WebSocket client (no browser download, no network).
//!
//! Ignored by default (it needs `chromium`); `.ci/run` installs it and runs
//! `cargo test --release --locked --test browser -- --ignored`. `SSCHECK_CHROMIUM` names
//! another binary.
//!
//! It checks that the console has no errors, that sorting and filtering change the
//! visible rows correctly, that expanding a center shows its findings and that a hostile
//! submission runs no script; it saves screenshots under target/browser/ and prints the
//! time until the table of 3,000 centers is interactive.

mod common;
mod html_common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

// --- A minimal DevTools client ---

/// A WebSocket connection (client side: text frames out, masked; frames in, unmasked).
struct Ws {
    stream: TcpStream,
}

impl Ws {
    fn connect(url: &str) -> Ws {
        let rest = url.strip_prefix("ws://").expect("a ws:// URL");
        let (host, path) = rest.split_at(rest.find('/').unwrap());
        let mut stream = TcpStream::connect(host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: c3NjaGVjay1icm93c2VyLQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        assert!(head.starts_with("HTTP/1.1 101"), "no WebSocket: {head}");
        Ws { stream }
    }

    fn send_frame(&mut self, opcode: u8, payload: &[u8]) {
        let mask = [0x5a, 0x17, 0xc3, 0x81];
        let mut frame = vec![0x80 | opcode];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n < 65536 => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.stream.write_all(&frame).unwrap();
    }

    /// The next text message.
    fn recv(&mut self) -> String {
        let mut message = Vec::new();
        loop {
            let mut h = [0u8; 2];
            self.stream.read_exact(&mut h).unwrap();
            let fin = h[0] & 0x80 != 0;
            let opcode = h[0] & 0x0f;
            let mut len = (h[1] & 0x7f) as u64;
            if len == 126 {
                let mut b = [0u8; 2];
                self.stream.read_exact(&mut b).unwrap();
                len = u16::from_be_bytes(b) as u64;
            } else if len == 127 {
                let mut b = [0u8; 8];
                self.stream.read_exact(&mut b).unwrap();
                len = u64::from_be_bytes(b);
            }
            let mut payload = vec![0u8; len as usize];
            self.stream.read_exact(&mut payload).unwrap();
            match opcode {
                0x9 => self.send_frame(0xA, &payload),
                0x8 => panic!("the browser closed the connection"),
                0x1 | 0x0 => {
                    message.extend_from_slice(&payload);
                    if fin {
                        return String::from_utf8(message).unwrap();
                    }
                }
                _ => {}
            }
        }
    }
}

/// Chromium with a page target, driven over the DevTools protocol.
struct Browser {
    child: Child,
    ws: Ws,
    next_id: u64,
    /// Every event received, in order.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("SSCHECK_CHROMIUM") {
        return PathBuf::from(p);
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("no chromium: install Debian's `chromium` or set SSCHECK_CHROMIUM");
}

impl Browser {
    fn start() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--remote-debugging-port=0",
                "--window-size=1400,1000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        // Chromium says where it listens on stderr; the rest of stderr is drained.
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.split("DevTools listening on ").nth(1) {
                    if let Some(tx) = tx.take() {
                        let _ = tx.send(url.trim().to_string());
                    }
                }
            }
        });
        let browser_url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("chromium prints its DevTools address");
        let host = browser_url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let page_url = page_target(&host);
        let ws = Ws::connect(&page_url);
        let mut b = Browser {
            child,
            ws,
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        };
        b.call("Runtime.enable", json!({}));
        b.call("Log.enable", json!({}));
        b.call("Page.enable", json!({}));
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": false}),
        );
        b
    }

    /// Send a command and wait for its result; events meanwhile are kept.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({"id": id, "method": method, "params": params}).to_string();
        self.ws.send_frame(0x1, msg.as_bytes());
        loop {
            let v: Value = serde_json::from_str(&self.ws.recv()).unwrap();
            if v["id"] == id {
                assert!(v.get("error").is_none(), "{method} failed: {v}");
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    /// Evaluate a JavaScript expression and return its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(
            r.get("exceptionDetails").is_none(),
            "`{expr}` threw: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    /// Open a file and wait until the page's script says the table is ready; the time
    /// from the navigation until then.
    fn open(&mut self, file: &Path) -> Duration {
        let url = format!("file://{}", file.display());
        let t0 = Instant::now();
        self.call("Page.navigate", json!({ "url": url }));
        loop {
            let ready = self.eval("document.readyState !== 'loading' && window.location.href.indexOf('file:') === 0 && !!window.sscheckReady");
            if ready == json!(true) {
                return t0.elapsed();
            }
            assert!(
                t0.elapsed() < Duration::from_secs(60),
                "the page never became interactive"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn screenshot(&mut self, to: &Path) {
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, png).unwrap();
        println!("screenshot: {}", to.display());
    }

    /// Console errors, uncaught exceptions and error log entries (CSP violations among
    /// them) seen so far.
    fn errors(&mut self) -> Vec<String> {
        // A round trip collects the events already sent.
        self.eval("1");
        self.events
            .iter()
            .filter(|e| {
                let m = e["method"].as_str().unwrap_or("");
                m == "Runtime.exceptionThrown"
                    || (m == "Runtime.consoleAPICalled"
                        && matches!(e["params"]["type"].as_str(), Some("error" | "assert")))
                    || (m == "Log.entryAdded" && e["params"]["entry"]["level"] == "error")
            })
            .map(|e| e.to_string())
            .collect()
    }
}

/// The WebSocket address of the first page target, from the browser's HTTP endpoint.
fn page_target(host: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let body = http_get(host, "/json/list");
        let targets: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        if let Some(url) = targets.as_array().and_then(|list| {
            list.iter()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str())
        }) {
            return url.to_string();
        }
        assert!(Instant::now() < deadline, "no page target: {body}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The body of a GET on the browser's HTTP endpoint (it keeps the connection open, so
/// the body is read by its Content-Length).
fn http_get(host: &str, path: &str) -> String {
    let mut s = TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).unwrap();
    String::from_utf8(body).unwrap()
}

// --- The report ---

fn out_dir() -> PathBuf {
    common::repo().join("target").join("browser")
}

/// A generated corpus, its audit as HTML and as JSON.
fn audit(centers: usize, seed: u64, lang: &str, dir: &Path) -> (PathBuf, Value) {
    let root = dir.join(format!("corpus-{centers}"));
    let opts = sscheck_corpus::Options {
        centers,
        seed,
        ..Default::default()
    };
    sscheck_corpus::generate(&opts, &root).expect("the corpus generator writes the corpus");
    let html = dir.join(format!("report-{centers}.html"));
    let json = dir.join(format!("report-{centers}.json"));
    common::sscheck()
        .arg("audit")
        .arg(&root)
        .args(["--lang", lang, "--fail-on", "never"])
        .arg("--output")
        .arg(format!("html={}", html.display()))
        .arg("--output")
        .arg(format!("json={}", json.display()))
        .assert()
        .success();
    let report = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    (html, report)
}

/// The visible rows: for each, the values of column `col` (0-based) as text.
fn column(b: &mut Browser, col: usize) -> Vec<String> {
    let v = b.eval(&format!(
        "Array.from(document.querySelectorAll('#rows tr[data-k]')).map(function (tr) {{ return tr.cells[{col}].textContent; }})"
    ));
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn set_select(b: &mut Browser, id: &str, value: &str) {
    b.eval(&format!(
        "(function () {{ var s = document.getElementById('{id}'); s.value = {v}; s.dispatchEvent(new Event('change')); return s.value; }})()",
        v = json!(value)
    ));
}

fn set_text(b: &mut Browser, value: &str) {
    b.eval(&format!(
        "(function () {{ var s = document.getElementById('f-text'); s.value = {v}; s.dispatchEvent(new Event('input')); }})()",
        v = json!(value)
    ));
    // The search waits for typing to pause.
    b.eval("new Promise(function (r) { setTimeout(r, 400); })");
}

fn parse_score(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

#[test]
#[ignore = "needs chromium; .ci/run runs it"]
fn report_in_chromium() {
    let tmp = tempfile::tempdir().unwrap();
    let (page, report) = audit(3000, 1, "zh", tmp.path());
    let size = std::fs::metadata(&page).unwrap().len();
    println!("page for 3,000 centers: {size} bytes");
    assert!(size < 10 * 1024 * 1024, "{size} bytes");
    let subs = report["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), 3000);

    let mut b = Browser::start();
    let tti = b.open(&page);
    let own = b.eval("window.sscheckReady");
    let script = b.eval("window.sscheckScriptMs");
    println!(
        "time to interactive, 3,000 centers: {} ms from navigation (the page's own clock: {:.0} ms, of which its script: {:.0} ms)",
        tti.as_millis(),
        own.as_f64().unwrap_or(f64::NAN),
        script.as_f64().unwrap_or(f64::NAN)
    );
    let ids = column(&mut b, 0);
    assert_eq!(ids.len(), 200, "the first rows only are drawn");
    // Default order: the report's (path) order.
    let want: Vec<&str> = subs[..200]
        .iter()
        .map(|s| s["center_id"].as_str().unwrap_or("—"))
        .collect();
    let got: Vec<&str> = ids
        .iter()
        .map(|s| s.trim_start_matches(['+', '−']))
        .collect();
    assert_eq!(got, want);
    b.screenshot(&out_dir().join("report-3000.png"));

    // Sorting by overall score: ascending, then descending; centers without a score last.
    b.eval("document.querySelectorAll('#centers-table thead th button')[8].click()");
    let scores: Vec<Option<f64>> = column(&mut b, 8).iter().map(|s| parse_score(s)).collect();
    let mut all: Vec<f64> = subs
        .iter()
        .filter_map(|s| s["score"]["overall"].as_f64())
        .collect();
    all.sort_by(f64::total_cmp);
    let shown: Vec<f64> = scores.iter().flatten().copied().collect();
    assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{shown:?}");
    assert!(
        (shown[0] - all[0]).abs() < 0.051,
        "{} vs {}",
        shown[0],
        all[0]
    );
    b.eval("document.querySelectorAll('#centers-table thead th button')[8].click()");
    let shown: Vec<f64> = column(&mut b, 8)
        .iter()
        .filter_map(|s| parse_score(s))
        .collect();
    assert!(shown.windows(2).all(|w| w[0] >= w[1]), "{shown:?}");
    assert!((shown[0] - all[all.len() - 1]).abs() < 0.051);
    assert_eq!(
        b.eval("document.querySelectorAll('#centers-table thead th')[8].getAttribute('aria-sort')"),
        json!("descending")
    );

    // Filtering by grade: every row has it, and as many as the report has.
    let grade_count = |g: &str| subs.iter().filter(|s| s["score"]["grade"] == g).count();
    for grade in ["D", "B"] {
        set_select(&mut b, "f-grade", grade);
        let grades = column(&mut b, 9);
        assert_eq!(grades.len(), grade_count(grade).min(200), "grade {grade}");
        assert!(grades.iter().all(|g| g == grade), "{grades:?}");
    }
    // And by province, on top of the grade.
    let province = subs
        .iter()
        .find(|s| s["score"]["grade"] == "B")
        .and_then(|s| s["center"]["province"].as_str())
        .unwrap()
        .to_string();
    set_select(&mut b, "f-prov", &province);
    let provinces = column(&mut b, 2);
    let want = subs
        .iter()
        .filter(|s| s["score"]["grade"] == "B" && s["center"]["province"] == province.as_str())
        .count();
    assert_eq!(provinces.len(), want.min(200));
    assert!(provinces.iter().all(|p| *p == province));
    set_select(&mut b, "f-prov", "");
    set_select(&mut b, "f-grade", "");
    assert_eq!(column(&mut b, 0).len(), 200);

    // Text: one center by its id.
    let (k, target) = subs
        .iter()
        .enumerate()
        .find(|(_, s)| s["findings"].as_array().is_some_and(|f| f.len() >= 2))
        .expect("a center with findings");
    let id = target["center_id"].as_str().unwrap();
    set_text(&mut b, id);
    let ids = column(&mut b, 0);
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert!(ids[0].ends_with(id));

    // Expanding it shows its findings, with their messages.
    b.eval(&format!(
        "document.querySelector('#rows tr[data-k=\"{k}\"] button.exp').click()"
    ));
    let items = b.eval(&format!(
        "Array.from(document.querySelectorAll('#rows tr[data-detail=\"{k}\"] li')).map(function (li) {{ return li.textContent; }})"
    ));
    let items = items.as_array().unwrap();
    let findings = target["findings"].as_array().unwrap();
    assert_eq!(items.len(), findings.len());
    for (li, f) in items.iter().zip(findings) {
        let li = li.as_str().unwrap();
        assert!(li.contains(f["message"].as_str().unwrap()), "{li}");
        assert!(li.contains(f["rule"].as_str().unwrap()), "{li}");
        if let (Some(file), Some(line)) = (f["file"].as_str(), f["line"].as_u64()) {
            assert!(li.contains(&format!("{file}:{line}")), "{li}");
        }
    }
    b.eval(&format!(
        "document.querySelector('#rows tr[data-k=\"{k}\"]').scrollIntoView()"
    ));
    b.screenshot(&out_dir().join("report-3000-expanded.png"));
    // Collapsing hides them again.
    b.eval(&format!(
        "document.querySelector('#rows tr[data-k=\"{k}\"] button.exp').click()"
    ));
    assert_eq!(
        b.eval("document.querySelectorAll('#rows tr.detail').length"),
        json!(0)
    );
    set_text(&mut b, "");

    // Scrolling to the end draws more rows.
    b.eval("document.getElementById('sentinel').scrollIntoView()");
    b.eval("new Promise(function (r) { setTimeout(r, 300); })");
    let n = column(&mut b, 0).len();
    assert!(n > 200, "{n} rows after scrolling");

    let errors = b.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");

    // The README's screenshot: a 300-center corpus, in Chinese.
    let (small, _) = audit(300, 1, "zh", tmp.path());
    b.open(&small);
    b.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1300, "height": 2000, "deviceScaleFactor": 1, "mobile": false}),
    );
    b.screenshot(&out_dir().join("report-300.png"));
    // Printing draws every row first, then paginates the sections.
    assert_eq!(column(&mut b, 0).len(), 200);
    let pdf = b.call("Page.printToPDF", json!({"printBackground": false}));
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(pdf["data"].as_str().unwrap())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    std::fs::write(out_dir().join("report-300.pdf"), &pdf).unwrap();
    assert_eq!(column(&mut b, 0).len(), 300, "every row is printed");
    let errors = b.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// A hostile submission: its payloads stay text, no script of theirs runs, and the
/// page's own script still works under the CSP.
#[test]
#[ignore = "needs chromium; .ci/run runs it"]
fn hostile_submission_runs_no_script() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    html_common::hostile_submission(&root);
    let html = tmp.path().join("evil.html");
    common::sscheck()
        .arg("audit")
        .arg(&root)
        .args(["--fail-on", "never"])
        .arg("--output")
        .arg(format!("html={}", html.display()))
        .assert()
        .success();
    let mut b = Browser::start();
    b.open(&html);
    // Expand every row, then look for what the payload would have made.
    b.eval("Array.from(document.querySelectorAll('#rows button.exp')).forEach(function (b) { b.click(); })");
    assert_eq!(b.eval("typeof window.pwned"), json!("undefined"));
    assert_eq!(
        b.eval("document.querySelectorAll('main img, main script, #rows svg, [onerror], [onload]').length"),
        json!(0)
    );
    let name = b.eval("document.querySelector('#rows tr[data-k] td:nth-child(2)').textContent");
    assert_eq!(name, json!(html_common::hostile_name()));
    let errors = b.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}
