//! The server's log lines, written to stderr by a thread of their own.
//!
//! A request hands its line over and goes on; the thread writes whatever has gathered in one
//! call, so a busy server makes one write for many lines instead of one each, and no request
//! waits on a slow terminal or disk. Nothing waits to be written longer than the thread takes
//! to wake, and [`Flush`] writes the rest when the server stops. If the thread falls a whole
//! buffer behind, requests wait for it rather than drop lines.

use std::io::{self, Write};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use tracing_subscriber::fmt::MakeWriter;

/// Past this many bytes waiting, writers wait for the thread.
const MAX_WAITING: usize = 1 << 20;

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    /// Lines arrived, or the end.
    more: Condvar,
    /// The thread took what was waiting.
    room: Condvar,
}

#[derive(Debug, Default)]
struct State {
    waiting: Vec<u8>,
    /// Set by [`Flush`]: write what is left, then stop; later lines go straight to stderr.
    closing: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves only bytes behind, still fit to write.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Where the log subscriber writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lines(&'static Shared);

/// Writes what is left and stops the thread when dropped.
#[derive(Debug)]
pub(crate) struct Flush {
    shared: &'static Shared,
    thread: Option<JoinHandle<()>>,
}

/// Starts the writing thread. The buffer lives as long as the process, as the global log
/// subscriber that writes to it does.
pub(crate) fn start() -> (Lines, Flush) {
    start_to(io::stderr)
}

fn start_to<W: Write + 'static>(out: impl FnOnce() -> W + Send + 'static) -> (Lines, Flush) {
    let shared: &'static Shared = Box::leak(Box::default());
    let thread = std::thread::Builder::new()
        .name("rungs-logs".into())
        .spawn(move || write_lines(shared, out()))
        .ok();
    if thread.is_none() {
        // No thread: every line is written as it comes.
        shared.lock().closing = true;
    }
    (Lines(shared), Flush { shared, thread })
}

fn write_lines(shared: &Shared, mut out: impl Write) {
    loop {
        let mut state = shared.lock();
        while state.waiting.is_empty() && !state.closing {
            state = shared
                .more
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let lines = std::mem::take(&mut state.waiting);
        let closing = state.closing;
        drop(state);
        shared.room.notify_all();
        if lines.is_empty() && closing {
            let _ = out.flush();
            return;
        }
        // Nowhere to report a failed log write; the next lines try again.
        let _ = out.write_all(&lines);
    }
}

impl Drop for Flush {
    fn drop(&mut self) {
        self.shared.lock().closing = true;
        self.shared.more.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One log line on its way.
#[derive(Debug)]
pub(crate) struct Line(&'static Shared);

impl Write for Line {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut state = self.0.lock();
        while state.waiting.len() >= MAX_WAITING && !state.closing {
            state = self
                .0
                .room
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if state.closing {
            // The thread is gone or going; keep the order by writing under the lock.
            return io::stderr().write(buf);
        }
        let wake = state.waiting.is_empty();
        state.waiting.extend_from_slice(buf);
        drop(state);
        if wake {
            self.0.more.notify_one();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Lines {
    type Writer = Line;

    fn make_writer(&'a self) -> Line {
        Line(self.0)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// A stand-in for stderr that keeps what it is given and counts the writes.
    #[derive(Clone, Default)]
    struct Kept(Arc<Mutex<(Vec<u8>, usize)>>);

    impl Write for Kept {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let mut k = self.0.lock().expect("kept");
            k.0.extend_from_slice(buf);
            k.1 += 1;
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_is_written_in_order_by_the_time_the_server_stops() {
        let kept = Kept::default();
        let into = kept.clone();
        let (lines, flush) = start_to(move || into);
        let writers: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || {
                    for i in 0..5_000 {
                        let mut line = lines.make_writer();
                        line.write_all(format!("{t} {i}\n").as_bytes())
                            .expect("written");
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().expect("joined");
        }
        drop(flush);
        let (bytes, writes) = kept.0.lock().expect("kept").clone();
        let text = String::from_utf8(bytes).expect("text");
        assert_eq!(text.lines().count(), 20_000);
        // Each writer's lines come out in the order it wrote them.
        for t in 0..4 {
            let mine: Vec<usize> = text
                .lines()
                .filter_map(|l| l.strip_prefix(&format!("{t} ")))
                .map(|n| n.parse().expect("a number"))
                .collect();
            assert_eq!(mine, (0..5_000).collect::<Vec<_>>());
        }
        assert!((1..=20_000).contains(&writes), "{writes}");
    }

    #[test]
    fn a_line_is_written_without_waiting_for_more() {
        let kept = Kept::default();
        let into = kept.clone();
        let (lines, _flush) = start_to(move || into);
        lines
            .make_writer()
            .write_all(b"one line\n")
            .expect("written");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while kept.0.lock().expect("kept").0.is_empty() {
            assert!(std::time::Instant::now() < deadline, "never written");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert_eq!(kept.0.lock().expect("kept").0, b"one line\n");
    }
}
