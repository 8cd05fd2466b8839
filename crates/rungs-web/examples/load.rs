//! A small HTTP/1.1 load generator for the API benchmark (`scripts/bench-api.sh`).
//!
//! It keeps a number of connections open on one thread and sends the same request on each as
//! soon as the last answer has been read, for a fixed time after a warm-up, then prints the
//! requests per second and the latency spread. One thread is enough to keep the server busy on
//! this machine and leaves the other core to the server.
//!
//! ```text
//! cargo run --release -p rungs-web --example load -- \
//!     --url http://127.0.0.1:8080/healthz [--method POST] [--header 'Name: value']... \
//!     [--body-file F] [--connections 32] [--seconds 10] [--warmup 2]
//! ```

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Args {
    host: String,
    path: String,
    method: String,
    headers: Vec<String>,
    body: Vec<u8>,
    connections: usize,
    seconds: u64,
    warmup: u64,
}

const USAGE: &str = "usage: load --url http://HOST:PORT/PATH [--method M] [--header 'K: V']... \
                     [--body-file F] [--connections N] [--seconds S] [--warmup S]";

fn args() -> Result<Args, String> {
    let mut a = Args {
        host: String::new(),
        path: String::new(),
        method: "GET".into(),
        headers: Vec::new(),
        body: Vec::new(),
        connections: 32,
        seconds: 10,
        warmup: 2,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--url" => {
                let url = value()?;
                let rest = url
                    .strip_prefix("http://")
                    .ok_or("only http:// addresses are supported")?;
                let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                a.host = host.to_owned();
                a.path = if path.is_empty() {
                    "/".into()
                } else {
                    path.into()
                };
            }
            "--method" => a.method = value()?,
            "--header" => a.headers.push(value()?),
            "--body-file" => {
                let f = value()?;
                a.body = std::fs::read(&f).map_err(|e| format!("{f}: {e}"))?;
            }
            "--connections" => a.connections = number(&value()?)?,
            "--seconds" => a.seconds = number(&value()?)?,
            "--warmup" => a.warmup = number(&value()?)?,
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    if a.host.is_empty() {
        return Err(USAGE.into());
    }
    Ok(a)
}

fn number<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("not a number: {s}"))
}

fn request(a: &Args) -> Vec<u8> {
    let mut r = format!(
        "{} {} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n",
        a.method,
        a.path,
        a.host,
        a.body.len()
    );
    for h in &a.headers {
        r.push_str(h);
        r.push_str("\r\n");
    }
    r.push_str("\r\n");
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(&a.body);
    bytes
}

/// What one connection counted while measuring.
#[derive(Default)]
struct Tally {
    ok: u64,
    failed: u64,
    latencies_us: Vec<u32>,
    first_failure: Option<String>,
}

/// Reads one response; returns its status. Only `Content-Length` bodies (what the server sends).
async fn response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<u16, String> {
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = std::str::from_utf8(&buf[..end]).map_err(|e| e.to_string())?;
            let status: u16 = head
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .ok_or("no status line")?;
            let length: usize = head
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.trim().parse().ok())
                .ok_or("a response without Content-Length")?;
            while buf.len() < end + 4 + length {
                let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
                if n == 0 {
                    return Err("the server closed the connection".into());
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Ok(status);
        }
        let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the server closed the connection".into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

async fn connection(
    host: String,
    request: Arc<Vec<u8>>,
    measuring: Arc<AtomicBool>,
    done: Arc<AtomicBool>,
) -> Tally {
    let mut tally = Tally::default();
    let mut stream = match TcpStream::connect(&host).await {
        Ok(s) => s,
        Err(e) => {
            tally.first_failure = Some(format!("cannot connect to {host}: {e}"));
            return tally;
        }
    };
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::with_capacity(64 * 1024);
    while !done.load(Ordering::Relaxed) {
        let started = Instant::now();
        let outcome = match stream.write_all(&request).await {
            Ok(()) => response(&mut stream, &mut buf).await,
            Err(e) => Err(e.to_string()),
        };
        if !measuring.load(Ordering::Relaxed) {
            if outcome.is_err() {
                break;
            }
            continue;
        }
        match outcome {
            Ok(status) if (200..300).contains(&status) => {
                tally.ok += 1;
                let us = started.elapsed().as_micros();
                tally
                    .latencies_us
                    .push(u32::try_from(us).unwrap_or(u32::MAX));
            }
            Ok(status) => {
                tally.failed += 1;
                tally
                    .first_failure
                    .get_or_insert_with(|| format!("status {status}: {}", text(&buf)));
            }
            Err(e) => {
                tally.failed += 1;
                tally.first_failure.get_or_insert(e);
                break;
            }
        }
    }
    tally
}

fn text(buf: &[u8]) -> String {
    String::from_utf8_lossy(&buf[..buf.len().min(400)]).replace("\r\n", " | ")
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(a))
}

async fn run(a: Args) -> ExitCode {
    let request = Arc::new(request(&a));
    let measuring = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = (0..a.connections)
        .map(|_| {
            tokio::spawn(connection(
                a.host.clone(),
                request.clone(),
                measuring.clone(),
                done.clone(),
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(a.warmup)).await;
    measuring.store(true, Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(a.seconds)).await;
    done.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();

    let mut total = Tally::default();
    for t in tasks {
        let Ok(t) = t.await else { continue };
        total.ok += t.ok;
        total.failed += t.failed;
        total.latencies_us.extend(t.latencies_us);
        if total.first_failure.is_none() {
            total.first_failure = t.first_failure;
        }
    }
    total.latencies_us.sort_unstable();
    let at = |q: f64| {
        let n = total.latencies_us.len();
        if n == 0 {
            return 0.0;
        }
        let i = ((n as f64 - 1.0) * q).round() as usize;
        f64::from(total.latencies_us[i]) / 1000.0
    };
    let rps = total.ok as f64 / elapsed;
    println!(
        "{} {}: {:.0} requests/s ({} ok, {} failed in {elapsed:.1} s, {} connections); \
         latency p50 {:.2} ms, p99 {:.2} ms",
        a.method,
        a.path,
        rps,
        total.ok,
        total.failed,
        a.connections,
        at(0.5),
        at(0.99)
    );
    if let Some(f) = total.first_failure {
        eprintln!("first failure: {f}");
    }
    if total.failed > 0 || total.ok == 0 {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
