//! One thread that acts at deadlines: cancels running queries, stops worker
//! processes.
//!
//! Oxigraph's evaluator stops when its [`CancellationToken`] is cancelled
//! (it looks at it whenever it reads the store). Each query registers its
//! token with a deadline and holds a [`Guard`]; the watchdog cancels the
//! tokens whose deadline has passed, and a guard dropped earlier takes its
//! token off the list. Any other action (killing a worker process) is
//! registered the same way with [`Watchdog::at`]. One thread serves every
//! request, instead of a timer thread per request.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use oxigraph::sparql::CancellationToken;

/// What to do at a deadline.
type Action = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct Shared {
    /// Actions by (deadline, registration number).
    pending: Mutex<BTreeMap<(Instant, u64), Action>>,
    wake: Condvar,
    next: AtomicU64,
    stopped: AtomicBool,
}

/// Cancels registered tokens at their deadlines; stops its thread on drop.
pub struct Watchdog {
    shared: Arc<Shared>,
}

/// A registration: dropping it takes the action off the watchdog's list.
pub struct Guard {
    shared: Arc<Shared>,
    key: (Instant, u64),
    /// The token, cancelled at the deadline.
    pub token: CancellationToken,
    /// When it is (or was) cancelled.
    pub deadline: Instant,
}

/// A registered action: dropping it takes the action off the list.
pub struct Scheduled {
    shared: Arc<Shared>,
    key: (Instant, u64),
}

impl Drop for Scheduled {
    fn drop(&mut self) {
        self.shared.pending.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.key);
    }
}

impl Guard {
    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        Instant::now() >= self.deadline
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared.pending.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.key);
    }
}

impl Watchdog {
    /// Starts the watchdog thread.
    pub fn start() -> Self {
        let shared = Arc::new(Shared::default());
        let thread_shared = Arc::clone(&shared);
        // If the thread cannot start, queries still end by themselves; only
        // their timeout is lost, which `Guard::expired` checks still catch.
        let _ = std::thread::Builder::new().name("newskg query watchdog".into()).spawn(move || run(&thread_shared));
        Self { shared }
    }

    /// Registers a new token, to be cancelled after `timeout`.
    pub fn guard(&self, timeout: Duration) -> Guard {
        let token = CancellationToken::new();
        let deadline = Instant::now() + timeout;
        let cancel = token.clone();
        let key = self.register(deadline, Box::new(move || cancel.cancel()));
        Guard { shared: Arc::clone(&self.shared), key, token, deadline }
    }

    /// Registers an action to run at `deadline`, unless the returned
    /// registration is dropped before.
    pub fn at(&self, deadline: Instant, action: impl FnOnce() + Send + 'static) -> Scheduled {
        let key = self.register(deadline, Box::new(action));
        Scheduled { shared: Arc::clone(&self.shared), key }
    }

    fn register(&self, deadline: Instant, action: Action) -> (Instant, u64) {
        let key = (deadline, self.shared.next.fetch_add(1, Ordering::Relaxed));
        self.shared.pending.lock().unwrap_or_else(PoisonError::into_inner).insert(key, action);
        self.shared.wake.notify_one();
        key
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        self.shared.wake.notify_one();
    }
}

fn run(shared: &Shared) {
    let mut pending = shared.pending.lock().unwrap_or_else(PoisonError::into_inner);
    while !shared.stopped.load(Ordering::SeqCst) {
        let now = Instant::now();
        let mut due = Vec::new();
        while let Some(entry) = pending.first_entry() {
            if entry.key().0 > now {
                break;
            }
            due.push(entry.remove());
        }
        if !due.is_empty() {
            // Acting may take a moment (killing a process): not under the lock.
            drop(pending);
            for action in due {
                action();
            }
            pending = shared.pending.lock().unwrap_or_else(PoisonError::into_inner);
            continue;
        }
        let wait = pending.keys().next().map_or(Duration::from_secs(3600), |(deadline, _)| *deadline - now);
        pending = shared.wake.wait_timeout(pending, wait).unwrap_or_else(PoisonError::into_inner).0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_cancelled_at_their_deadline_and_not_before() {
        let watchdog = Watchdog::start();
        let late = watchdog.guard(Duration::from_secs(60));
        let soon = watchdog.guard(Duration::from_millis(50));
        assert!(!soon.token.is_cancelled());
        let start = Instant::now();
        while !soon.token.is_cancelled() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(soon.token.is_cancelled() && soon.expired());
        assert!(!late.token.is_cancelled() && !late.expired());
    }

    #[test]
    fn actions_run_at_their_deadline_unless_dropped() {
        let watchdog = Watchdog::start();
        let (sender, receiver) = std::sync::mpsc::channel();
        let kept_sender = sender.clone();
        let _kept = watchdog.at(Instant::now() + Duration::from_millis(20), move || {
            let _ = kept_sender.send("kept");
        });
        drop(watchdog.at(Instant::now() + Duration::from_millis(10), move || {
            let _ = sender.send("dropped");
        }));
        assert_eq!(receiver.recv_timeout(Duration::from_secs(10)), Ok("kept"));
        assert!(receiver.recv_timeout(Duration::from_millis(100)).is_err());
    }

    #[test]
    fn a_dropped_guard_leaves_the_list() {
        let watchdog = Watchdog::start();
        drop(watchdog.guard(Duration::from_secs(60)));
        assert!(watchdog.shared.pending.lock().unwrap_or_else(PoisonError::into_inner).is_empty());
    }
}
