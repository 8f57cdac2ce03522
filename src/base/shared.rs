//! Views shared by many pages. The site graph builds a decision, a meeting reference or an
//! organisation link once and puts it on every page that shows it, as a [`Shared`] (an
//! `Arc`). Rendering turns each page's data into a Tera context; inside a render pass
//! ([`RenderPass`]) a shared view is converted into a Tera value the first time a thread
//! meets it, and later pages reuse that value (Tera keeps maps and lists behind `Arc`s,
//! so reusing one is a reference count, not a copy). Outside a render pass (archive.json,
//! tests) a `Shared<T>` serialises exactly like `T`.
//!
//! Why: most of the data in the page contexts is the same few thousand views repeated on
//! list pages; converting each once per pass instead of once per appearance is the largest
//! single saving in rendering.
//!
//! `serve` goes further: its passes carry the cache over ([`RenderPass::carried_over`]),
//! so a rebuild converts only the views the edit made anew (a year's decisions page shows
//! 3,000 decisions, and converting them was a third of its time). A cached value holds its
//! view, so a view's address cannot be taken by another while the cache knows it.

use std::any::Any;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};

/// A view shared between pages: an `Arc<T>` whose conversion into a template value is
/// cached for the length of a render pass.
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub(crate) fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }

    pub(crate) fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// Identifies the view while it is alive: its address.
    fn key(&self) -> usize {
        Arc::as_ptr(&self.0) as *const () as usize
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize + Send + Sync + 'static> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match cached_value(self) {
            // Tera's serializer recognises its own values and takes them as they are.
            Some(value) => value.serialize(serializer),
            None => self.0.serialize(serializer),
        }
    }
}

/// Bumped by every render pass of its own: a thread's cache from another pass is dropped
/// on first use.
static PASS: AtomicU64 = AtomicU64::new(0);

/// The id of the passes that carry the cache over ([`RenderPass::carried_over`]).
const CARRIED_OVER: u64 = u64::MAX;

/// A view's value in the cache, and the view itself: while the cache holds it, no other
/// view can be made at its address.
#[derive(Clone)]
struct Cached {
    value: tera::Value,
    _view: Arc<dyn Any + Send + Sync>,
}

/// A thread's values for one pass, in two generations: when the newer holds
/// [`GENERATION`] values, the older is let go and the newer takes its place. A value met
/// again is moved to the newer, so the views a run of pages shares stay, while a large
/// site's cache stays within two generations (at 100,000 meetings it would otherwise hold
/// every decision of the archive, on each thread).
struct ThreadCache {
    pass: u64,
    values: FxHashMap<usize, Cached>,
    older: FxHashMap<usize, Cached>,
}

/// Values a cache generation holds. The views a run of pages shares (the meetings a
/// person's page lists, the decisions of a year's page) are met again within a few
/// thousand values; a view met again only after tens of thousands (a decision on its
/// meeting's page, then on its year's) is converted again. With both cores, 100,000 values
/// a generation held about 350 MB more at 10,000 meetings, and at 100,000 meetings the
/// build took longer than with 25,000 (bench/RESULTS.md, 2026-12-07).
const GENERATION: usize = 25_000;

impl ThreadCache {
    fn get(&mut self, key: usize) -> Option<tera::Value> {
        if let Some(cached) = self.values.get(&key) {
            return Some(cached.value.clone());
        }
        let cached = self.older.remove(&key)?;
        let value = cached.value.clone();
        self.insert(key, cached);
        Some(value)
    }

    fn insert(&mut self, key: usize, value: Cached) {
        if self.values.len() >= GENERATION {
            let newer = std::mem::take(&mut self.values);
            free_in_background(std::mem::replace(&mut self.older, newer));
        }
        self.values.insert(key, value);
    }

    /// Lets every value go (on a thread of its own).
    fn release(&mut self) {
        free_in_background(std::mem::take(&mut self.values));
        free_in_background(std::mem::take(&mut self.older));
    }
}

thread_local! {
    /// The pass this thread is rendering for, 0 outside a render pass.
    static ACTIVE_PASS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    static CACHE: RefCell<ThreadCache> = RefCell::new(ThreadCache {
        pass: 0,
        values: FxHashMap::default(),
        older: FxHashMap::default(),
    });
}

/// One render pass: while it is alive, the views it renders must stay alive and unchanged
/// (the caller borrows the graph for as long as it renders).
pub struct RenderPass {
    id: u64,
}

impl RenderPass {
    /// A pass of its own: it converts every view it meets once, and lets the values go
    /// when it ends.
    pub fn begin() -> Self {
        RenderPass {
            id: PASS.fetch_add(1, Ordering::Relaxed) + 1,
        }
    }

    /// A pass that takes over the values the last such pass left in the cache, and leaves
    /// its own there (`serve`: most views of a rebuild were met by the passes before it).
    /// A view made anew has a new address, so it is converted anew.
    pub fn carried_over() -> Self {
        RenderPass { id: CARRIED_OVER }
    }

    /// Runs `f` on this thread with the pass's cache switched on.
    pub fn within<R>(&self, f: impl FnOnce() -> R) -> R {
        let previous = ACTIVE_PASS.with(|a| a.replace(self.id));
        let result = f();
        ACTIVE_PASS.with(|a| a.set(previous));
        result
    }
}

impl Drop for RenderPass {
    /// Releases the values cached for this pass, on this thread now and on rayon's threads
    /// as soon as each is idle (without waiting for them: a thread busy with other work,
    /// such as the search index, releases its cache when it gets to it).
    fn drop(&mut self) {
        let id = self.id;
        if id == CARRIED_OVER {
            return;
        }
        release_cache_of(id);
        rayon::spawn_broadcast(move |_| release_cache_of(id));
    }
}

fn release_cache_of(pass: u64) {
    CACHE.with(|c| {
        if let Ok(mut cache) = c.try_borrow_mut() {
            if cache.pass == pass {
                cache.release();
            }
        }
    });
}

/// Frees a thread's cached values on a thread of their own: in a large build a cache holds
/// hundreds of thousands of values, and freeing them in line kept the other core waiting.
/// (`quorum build` exits without waiting for that thread: the memory goes back to the
/// system with the process.)
fn free_in_background(values: FxHashMap<usize, Cached>) {
    if values.is_empty() {
        return;
    }
    // If no thread can be had, `spawn` drops the closure, and the values with it, here.
    let _ = std::thread::Builder::new()
        .name("quorum-free".into())
        .spawn(move || drop(values));
}

/// The view as a Tera value, from this thread's cache or converted now; `None` outside a
/// render pass.
fn cached_value<T: Serialize + Send + Sync + 'static>(view: &Shared<T>) -> Option<tera::Value> {
    let pass = ACTIVE_PASS.with(std::cell::Cell::get);
    if pass == 0 {
        return None;
    }
    let key = view.key();
    let hit = CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.pass != pass {
            cache.pass = pass;
            cache.release();
        }
        cache.get(key)
    });
    if hit.is_some() {
        return hit;
    }
    // Converting may meet nested shared views, which use the cache too: no borrow is held.
    let value = tera::Value::from_serializable(&*view.0);
    let cached = Cached {
        value: value.clone(),
        _view: view.0.clone(),
    };
    CACHE.with(|c| c.borrow_mut().insert(key, cached));
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// Counts how often it is serialised.
    struct Org {
        name: &'static str,
        serialised: AtomicUsize,
    }

    impl Serialize for Org {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.serialised.fetch_add(1, Ordering::Relaxed);
            self.name.serialize(serializer)
        }
    }

    fn org() -> Shared<Org> {
        Shared::new(Org {
            name: "SKR",
            serialised: AtomicUsize::new(0),
        })
    }

    fn times_serialised(org: &Shared<Org>) -> usize {
        org.serialised.load(Ordering::Relaxed)
    }

    #[test]
    fn outside_a_render_pass_a_shared_view_serialises_as_itself_every_time() {
        let skr = org();
        let json = serde_json::to_string(&vec![skr.clone(), skr.clone()]).unwrap();
        assert_eq!(json, r#"["SKR","SKR"]"#);
        tera::Value::from_serializable(&vec![skr.clone(), skr.clone()]);
        assert_eq!(times_serialised(&skr), 4);
    }

    #[test]
    fn within_a_pass_a_view_is_converted_once_and_reused() {
        let skr = org();
        let page = vec![skr.clone(), skr.clone(), skr.clone()];
        let pass = RenderPass::begin();
        let value = pass.within(|| tera::Value::from_serializable(&page));
        let again = pass.within(|| tera::Value::from_serializable(&page));
        assert_eq!(times_serialised(&skr), 1);
        assert_eq!(value, again);
        assert_eq!(
            value,
            tera::Value::from_serializable(&["SKR", "SKR", "SKR"])
        );
    }

    #[test]
    fn a_new_pass_converts_again() {
        let skr = org();
        let first = RenderPass::begin();
        first.within(|| tera::Value::from_serializable(&skr));
        drop(first);
        let second = RenderPass::begin();
        second.within(|| tera::Value::from_serializable(&skr));
        second.within(|| tera::Value::from_serializable(&skr));
        assert_eq!(times_serialised(&skr), 2);
    }

    #[test]
    fn a_carried_over_pass_reuses_the_last_ones_values_and_converts_new_views() {
        let skr = org();
        let first = RenderPass::carried_over();
        first.within(|| tera::Value::from_serializable(&skr));
        drop(first);
        let second = RenderPass::carried_over();
        let again = second.within(|| tera::Value::from_serializable(&skr));
        assert_eq!(times_serialised(&skr), 1);
        assert_eq!(again, tera::Value::from("SKR"));
        // A view made anew is converted, even if it is equal to one the cache knows.
        let fresh = org();
        second.within(|| tera::Value::from_serializable(&fresh));
        assert_eq!(times_serialised(&fresh), 1);
        // A pass of its own starts from nothing.
        drop(second);
        let own = RenderPass::begin();
        own.within(|| tera::Value::from_serializable(&skr));
        assert_eq!(times_serialised(&skr), 2);
    }

    #[test]
    fn a_cached_value_keeps_its_view_alive() {
        let skr = org();
        let weak = Arc::downgrade(&skr.0);
        let pass = RenderPass::carried_over();
        pass.within(|| tera::Value::from_serializable(&skr));
        drop(skr);
        drop(pass);
        assert!(weak.upgrade().is_some(), "its address cannot be reused");
    }

    #[test]
    fn the_cache_keeps_two_generations_and_what_is_met_again() {
        let mut cache = ThreadCache {
            pass: 1,
            values: FxHashMap::default(),
            older: FxHashMap::default(),
        };
        let cached = |n: usize| Cached {
            value: tera::Value::from(n),
            _view: Arc::new(()),
        };
        let value = |n: usize| tera::Value::from(n);
        for key in 0..GENERATION {
            cache.insert(key, cached(key));
        }
        // A full generation: the next value starts a new one, the full one is kept.
        cache.insert(GENERATION, cached(GENERATION));
        assert_eq!(cache.values.len(), 1);
        assert_eq!(
            cache.get(1),
            Some(value(1)),
            "moved to the newer generation"
        );
        for key in GENERATION + 1..2 * GENERATION {
            cache.insert(key, cached(key));
        }
        // Another generation is full: the oldest goes, but for the value met again.
        assert_eq!(cache.get(0), None);
        assert_eq!(cache.get(2), None);
        assert_eq!(cache.get(1), Some(value(1)));
        assert_eq!(cache.get(GENERATION), Some(value(GENERATION)));
        assert!(cache.values.len() + cache.older.len() <= 2 * GENERATION);
    }
}
