//! `serve`'s thread for what covers the whole archive — feeds, sitemap, archive.json and
//! the search index — after an edit: they take seconds in a large archive, and the next
//! edit must not wait for them. One job runs at a time; a job waiting to run is replaced by
//! a newer one, which describes a later state of the site.

use std::sync::{Condvar, Mutex};
use std::time::Instant;

use crate::base::diagnostic::Result;

/// A job: [`crate::commands::rebuild::DerivedJob::run`] in `serve`; it returns how many
/// files it wrote.
type Job = Box<dyn FnOnce() -> Result<usize> + Send>;

/// The jobs handed to the thread, and whether one is running.
#[derive(Default)]
pub(crate) struct DerivedWorker {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    waiting: Option<Job>,
    running: bool,
    stopping: bool,
}

impl DerivedWorker {
    /// Runs the jobs as they come until [`DerivedWorker::stop`]; `log` gets a line for
    /// each job done (or its error).
    pub(crate) fn run(&self, log: &(dyn Fn(&str) + Sync)) {
        while let Some(job) = self.next_job() {
            let started = Instant::now();
            let line = match job() {
                Ok(files) => format!(
                    "updated feeds and the search index in {} ms ({files} files written)",
                    started.elapsed().as_millis()
                ),
                Err(e) => format!("feeds and the search index: {e}"),
            };
            self.finished();
            log(&line);
        }
    }

    /// Hands a job to the thread, in place of one still waiting.
    pub(crate) fn submit(&self, job: impl FnOnce() -> Result<usize> + Send + 'static) {
        self.lock().waiting = Some(Box::new(job));
        self.changed.notify_all();
    }

    /// Drops the job waiting and waits for the one running to end: what a full rebuild
    /// does first, since it swaps the output folder a job writes into.
    pub(crate) fn wait_idle(&self) {
        let mut state = self.lock();
        state.waiting = None;
        while state.running {
            state = self.changed.wait(state).expect("no job panics holding it");
        }
    }

    /// Ends [`DerivedWorker::run`] once the job running (if any) is done.
    pub(crate) fn stop(&self) {
        let mut state = self.lock();
        state.waiting = None;
        state.stopping = true;
        self.changed.notify_all();
    }

    fn next_job(&self) -> Option<Job> {
        let mut state = self.lock();
        loop {
            if state.stopping {
                return None;
            }
            if let Some(job) = state.waiting.take() {
                state.running = true;
                return Some(job);
            }
            state = self.changed.wait(state).expect("no job panics holding it");
        }
    }

    fn finished(&self) {
        self.lock().running = false;
        self.changed.notify_all();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("no job panics holding it")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// A job that reports `name` when it runs, after `gate` lets it go.
    fn job(
        name: &'static str,
        ran: &mpsc::Sender<&'static str>,
        gate: Option<mpsc::Receiver<()>>,
    ) -> impl FnOnce() -> Result<usize> + Send + 'static {
        let ran = ran.clone();
        move || {
            if let Some(gate) = gate {
                gate.recv().unwrap();
            }
            ran.send(name).unwrap();
            Ok(1)
        }
    }

    #[test]
    fn a_job_waiting_is_replaced_by_a_newer_one_and_wait_idle_waits_for_the_running_one() {
        let worker = DerivedWorker::default();
        let (ran, done) = mpsc::channel();
        let (open, gate) = mpsc::channel();
        let lines = Mutex::new(Vec::new());
        let log = |line: &str| lines.lock().unwrap().push(line.to_string());
        std::thread::scope(|scope| {
            scope.spawn(|| worker.run(&log));
            worker.submit(job("running", &ran, Some(gate)));
            while !worker.lock().running {
                std::thread::yield_now();
            }
            // While the first runs, two more come: the second replaces the first of them.
            worker.submit(job("replaced", &ran, None));
            worker.submit(job("newest", &ran, None));
            open.send(()).unwrap();
            assert_eq!(done.recv().unwrap(), "running");
            assert_eq!(done.recv().unwrap(), "newest");
            worker.wait_idle();
            assert!(!worker.lock().running);
            worker.stop();
        });
        assert!(done.try_recv().is_err(), "the replaced job never ran");
        let lines = lines.into_inner().unwrap();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("updated feeds and the search index in"));
    }
}
