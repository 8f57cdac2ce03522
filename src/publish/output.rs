//! Output: writes a rendered site into a staging folder beside the output folder and
//! swaps it in (in one atomic step where the system can), so a failed build never leaves
//! a half-written or empty site behind.
//! Also refuses output folders that would destroy the site itself.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::diagnostic::{Error, Result};

/// One file of the built site: a site path and its bytes.
pub enum OutputFile {
    Text { path: String, text: String },
    Copy { path: String, source: PathBuf },
    Bytes { path: String, bytes: Vec<u8> },
}

impl OutputFile {
    pub(crate) fn path(&self) -> &str {
        match self {
            OutputFile::Text { path, .. }
            | OutputFile::Copy { path, .. }
            | OutputFile::Bytes { path, .. } => path,
        }
    }

    /// The bytes the file holds, when they are in memory (not for a copied file).
    pub(crate) fn contents(&self) -> Option<&[u8]> {
        match self {
            OutputFile::Text { text, .. } => Some(text.as_bytes()),
            OutputFile::Bytes { bytes, .. } => Some(bytes),
            OutputFile::Copy { .. } => None,
        }
    }
}

/// The file a site path is written to: `/a/` → `a/index.html`, `/404.html` → `404.html`.
pub(crate) fn file_for(site_path: &str) -> PathBuf {
    let relative = site_path.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        PathBuf::from(relative).join("index.html")
    } else {
        PathBuf::from(relative)
    }
}

/// Refuses an output folder that is `/`, the site root, an ancestor of it, or inside
/// `content/` (the build replaces the output folder wholesale).
pub(crate) fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let root = absolute(root);
    let output = absolute(output);
    let content = root.join(crate::content::load::CONTENT_DIR);
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to use {} as the output folder: {why}; choose a folder of its own, e.g. {}",
            output.display(),
            root.join("public").display()
        )))
    };
    if output.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if root.starts_with(&output) {
        return refuse("it is the site folder or contains it, and would be replaced");
    }
    if output.starts_with(&content) {
        return refuse("it is inside content/");
    }
    for kept in ["themes", "templates", "static"] {
        if output.starts_with(root.join(kept)) {
            return refuse(&format!("it is inside {kept}/"));
        }
    }
    Ok(())
}

/// The absolute, normalised form of a path (symlinks resolved where the path exists).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve the existing part, so that a symlinked parent compares equal.
    match (
        out.parent().and_then(|p| p.canonicalize().ok()),
        out.file_name(),
    ) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => out,
    }
}

/// Writes `files` to a staging folder and swaps it in place of `output`.
#[cfg(test)]
pub(crate) fn write_site(output: &Path, files: Vec<OutputFile>) -> Result<()> {
    stage_and_swap(output, |staging| {
        files
            .into_par_iter()
            .try_for_each(|file| staging.write(file))
    })
}

/// The folder a new site is written to before it is swapped in, and the site it replaces.
pub(crate) struct Staging {
    dir: PathBuf,
    previous: Option<PathBuf>,
}

impl Staging {
    /// Writes one file of the new site. When the site being replaced has the same bytes at
    /// the same path, that file is hard-linked instead of written again: a rebuild writes
    /// only what changed, removing the old site frees no data, and unchanged files keep
    /// their modification time, so `rsync` or `robocopy` publish only what changed. (Where
    /// links are not possible, e.g. on some network shares, the file is written.)
    pub(crate) fn write(&self, file: OutputFile) -> Result<()> {
        let relative = file_for(file.path());
        let target = prepared_target(&self.dir, &relative)?;
        if let Some(previous) = &self.previous {
            let old = previous.join(&relative);
            if same_content(&old, &file) && std::fs::hard_link(&old, &target).is_ok() {
                return Ok(());
            }
        }
        write_file(&target, file)
    }
}

/// Whether `old` is a regular file holding exactly what `file` would write.
fn same_content(old: &Path, file: &OutputFile) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(old) else {
        return false;
    };
    let same_bytes = |new: &[u8]| meta.len() == new.len() as u64 && file_equals(old, new);
    meta.is_file()
        && match file {
            OutputFile::Text { text, .. } => same_bytes(text.as_bytes()),
            OutputFile::Bytes { bytes, .. } => same_bytes(bytes),
            OutputFile::Copy { source, .. } => {
                std::fs::metadata(source).is_ok_and(|m| m.len() == meta.len())
                    && std::fs::read(source).is_ok_and(|bytes| same_bytes(&bytes))
            }
        }
}

/// Whether the file at `path` holds exactly `expected` (whose length the caller checked),
/// read in blocks into a buffer each thread keeps: no buffer is allocated, or zeroed, for
/// each comparison (zeroing a fresh block per file showed up in a rebuild's profile).
fn file_equals(path: &Path, expected: &[u8]) -> bool {
    thread_local! {
        static BLOCK: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 64 * 1024]);
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    BLOCK.with_borrow_mut(|block| reads_the_same(file, expected, block))
}

/// Whether reading `file` to its end gives exactly `expected`.
fn reads_the_same(mut file: std::fs::File, mut expected: &[u8], block: &mut [u8]) -> bool {
    use std::io::Read;
    loop {
        match file.read(block) {
            Ok(0) => return expected.is_empty(),
            Ok(n) if n <= expected.len() && block[..n] == expected[..n] => {
                expected = &expected[n..];
            }
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Lets `fill` write the new site into an empty staging folder, then swaps it in place of
/// `output`. If `fill` fails, the staging folder is removed and `output` is untouched.
pub(crate) fn stage_and_swap(
    output: &Path,
    fill: impl FnOnce(&Staging) -> Result<()>,
) -> Result<()> {
    let output = &folder_behind_link(output);
    let staging = Staging {
        dir: sibling(output, "staging"),
        previous: output.is_dir().then(|| output.to_path_buf()),
    };
    remove_dir(&staging.dir)?;
    std::fs::create_dir_all(&staging.dir).map_err(|e| Error::io(&staging.dir, e))?;
    if let Err(e) = fill(&staging) {
        let _ = std::fs::remove_dir_all(&staging.dir);
        return Err(e);
    }
    swap_in(&staging.dir, output).map(|_| ())
}

/// The folder a symlinked output folder points to (`public` → `/srv/www/minutes`), or the
/// output folder itself. The site is swapped in beside the folder the link points to, so
/// the link stays and keeps pointing at the site; swapping the link itself would replace
/// it with a plain folder and empty the one the web server serves.
fn folder_behind_link(output: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
    match is_link.then(|| std::fs::canonicalize(output)) {
        Some(Ok(target)) => target,
        _ => output.to_path_buf(),
    }
}

/// Writes one file into `folder` (the live output folder: `serve`'s small updates), the
/// one writer for files written while serving. Atomic: the bytes go to a temporary file
/// beside the target, which is then renamed over it, so a browser reading the page at
/// that moment gets the old page or the new one, never an empty or half-written one (and
/// a file hard-linked into an older site keeps its bytes).
pub(crate) fn write_one(folder: &Path, file: OutputFile) -> Result<()> {
    let target = prepared_target(folder, &file_for(file.path()))?;
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temporary = target.with_file_name(format!(".{name}.quorum-new"));
    if let Err(e) = write_file(&temporary, file) {
        let _ = std::fs::remove_file(&temporary);
        return Err(e);
    }
    std::fs::rename(&temporary, &target).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::io(&target, e)
    })
}

/// Writes one file into `folder` over the file already there, in place: `serve`'s
/// writer for feeds, archive.json and the search index, of which an edit can change
/// thousands of files at once. Creating a new file and freeing the old one for each (what
/// [`write_one`]'s rename does) cost 0.45-2 s for the 3,302 search files an added
/// decision changes at 10,000 meetings on the benchmark machine; rewriting them in place,
/// 0.14-0.19 s. A browser loading one of them at that moment may read it half written:
/// these files are loaded only by a search, which a later search loads again (the page
/// reloaded after an edit is written by [`write_one`]). A file with other links (an older
/// site's, or a copy made with `cp -al`) keeps its bytes: it is replaced as
/// [`write_one`] does, as is a file not yet there.
pub(crate) fn overwrite_one(folder: &Path, file: OutputFile) -> Result<()> {
    let bytes: &[u8] = match &file {
        OutputFile::Text { text, .. } => text.as_bytes(),
        OutputFile::Bytes { bytes, .. } => bytes,
        OutputFile::Copy { .. } => return write_one(folder, file),
    };
    let target = folder.join(file_for(file.path()));
    let Some(mut existing) = open_unshared(&target) else {
        return write_one(folder, file);
    };
    use std::io::Write;
    existing
        .write_all(bytes)
        .and_then(|()| existing.set_len(bytes.len() as u64))
        .map_err(|e| Error::io(&target, e))
}

/// The file at `path` opened for writing (not truncated), if it is there and has no
/// other link.
fn open_unshared(path: &Path) -> Option<std::fs::File> {
    let file = std::fs::OpenOptions::new().write(true).open(path).ok()?;
    let meta = file.metadata().ok()?;
    #[cfg(unix)]
    let unshared = {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() == 1
    };
    // Elsewhere the number of links is not known cheaply: every file is renamed over.
    #[cfg(not(unix))]
    let unshared = false;
    (meta.is_file() && unshared).then_some(file)
}

/// `folder/relative`, with its parent folders created.
fn prepared_target(folder: &Path, relative: &Path) -> Result<PathBuf> {
    let target = folder.join(relative);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    Ok(target)
}

fn write_file(target: &Path, file: OutputFile) -> Result<()> {
    match file {
        OutputFile::Text { text, .. } => std::fs::write(target, text),
        OutputFile::Bytes { bytes, .. } => std::fs::write(target, bytes),
        OutputFile::Copy { source, .. } => {
            // A source that cannot be read is named, not the staging path it was going to.
            let mut from = std::fs::File::open(&source).map_err(|e| Error::io(&source, e))?;
            std::fs::File::create(target)
                .and_then(|mut to| std::io::copy(&mut from, &mut to).map(|_| ()))
        }
    }
    .map_err(|e| Error::io(target, e))
}

/// `public` → `.public.<what>` in the same folder (same file system, so renames are atomic).
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{what}"))
}

/// How the new site took the place of the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Swap {
    /// In one step (`renameat2(RENAME_EXCHANGE)` on Linux, `RENAME_SWAP` on macOS):
    /// readers see the old site or the new one, and never a missing folder.
    Exchanged,
    /// In two renames (no old site, or a system or file system without an exchange):
    /// for the moment between them there is no output folder.
    Renamed,
}

/// Puts the staging folder in place of `output`, then removes the old site.
fn swap_in(staging: &Path, output: &Path) -> Result<Swap> {
    if std::fs::symlink_metadata(output).is_ok() && exchange(staging, output).is_ok() {
        // The staging folder's name now holds the old site.
        remove_tree_in_parallel(staging)?;
        return Ok(Swap::Exchanged);
    }
    let old = sibling(output, "old");
    remove_dir(&old)?;
    if output.exists() {
        std::fs::rename(output, &old).map_err(|e| Error::io(output, e))?;
    }
    if let Err(e) = std::fs::rename(staging, output) {
        if old.exists() {
            let _ = std::fs::rename(&old, output);
        }
        return Err(Error::io(output, e));
    }
    remove_tree_in_parallel(&old)?;
    Ok(Swap::Renamed)
}

/// Whether [`exchange`] can swap two folders here (the systems `rustix` is a dependency on).
#[cfg(test)]
const CAN_EXCHANGE: bool = cfg!(any(
    target_os = "linux",
    target_os = "android",
    target_vendor = "apple"
));

/// Swaps two paths in one atomic step, where the system can.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Removes a folder and everything in it, the entries of its subfolders in parallel: a
/// site is mostly thousands of small files two levels down (`meetings/<slug>/index.html`),
/// and unlinking them one at a time leaves the disk's queue and the other core idle.
fn remove_tree_in_parallel(dir: &Path) -> Result<()> {
    let top = match list_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let second: Vec<PathBuf> = top
        .par_iter()
        .filter(|p| is_real_dir(p))
        .flat_map_iter(|p| list_dir(p).unwrap_or_default())
        .collect();
    second.par_iter().try_for_each(|p| remove_any(p))?;
    // What is left: the top-level files and the emptied folders.
    remove_dir(dir)
}

fn list_dir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect())
}

/// A folder, not a symlink to one (a symlink is removed, never followed).
fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

fn remove_any(path: &Path) -> Result<()> {
    if is_real_dir(path) {
        remove_dir(path)
    } else {
        missing_is_fine(path, std::fs::remove_file(path))
    }
}

fn remove_dir(path: &Path) -> Result<()> {
    missing_is_fine(path, std::fs::remove_dir_all(path))
}

/// A removal succeeds when there was nothing to remove.
fn missing_is_fine(path: &Path, result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text file of the site at `path`.
    fn text_file(path: &str, text: &str) -> OutputFile {
        OutputFile::Text {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The names of what `dir` holds.
    fn names_in(dir: &Path) -> Vec<std::ffi::OsString> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect()
    }

    /// Creates `folder` holding one file, `name`, with `text` in it.
    fn folder_with(folder: &Path, name: &str, text: &str) {
        std::fs::create_dir_all(folder).unwrap();
        std::fs::write(folder.join(name), text).unwrap();
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn serving_writes_a_page_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("meetings/a/index.html");
        write_one(dir.path(), text_file("/meetings/a/", "old page")).unwrap();
        // A reader with the page open, and an older site sharing the file by a hard link,
        // both keep the old bytes whole: the new page is a new file renamed into place
        // (in-place writing truncated the shared file first).
        let mut open = std::fs::File::open(&page).unwrap();
        let linked = dir.path().join("older.html");
        std::fs::hard_link(&page, &linked).unwrap();
        write_one(dir.path(), text_file("/meetings/a/", "new page")).unwrap();
        assert_eq!(read(&page), "new page");
        assert_eq!(read(&linked), "old page");
        let mut seen = String::new();
        std::io::Read::read_to_string(&mut open, &mut seen).unwrap();
        assert_eq!(seen, "old page");
        assert_eq!(names_in(&dir.path().join("meetings/a")), ["index.html"]);
    }

    #[test]
    #[cfg(unix)]
    fn serving_rewrites_derived_files_in_place_unless_they_are_shared() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("search/p-0.js");
        // Not there yet: made as write_one makes it.
        overwrite_one(
            dir.path(),
            text_file("/search/p-0.js", "a longer first text"),
        )
        .unwrap();
        assert_eq!(read(&index), "a longer first text");
        // Shorter, then longer: the same file (inode), cut or grown to the new bytes.
        let inode = || std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&index).unwrap());
        let first = inode();
        overwrite_one(dir.path(), text_file("/search/p-0.js", "short")).unwrap();
        assert_eq!(read(&index), "short");
        overwrite_one(
            dir.path(),
            text_file("/search/p-0.js", "longer than before"),
        )
        .unwrap();
        assert_eq!(read(&index), "longer than before");
        assert_eq!(inode(), first);
        // Shared by a hard link (an older site, a `cp -al` copy): the other name keeps its
        // bytes, and the file is replaced instead.
        let linked = dir.path().join("copy.js");
        std::fs::hard_link(&index, &linked).unwrap();
        overwrite_one(dir.path(), text_file("/search/p-0.js", "new")).unwrap();
        assert_eq!(read(&index), "new");
        assert_eq!(read(&linked), "longer than before");
        assert_eq!(names_in(&dir.path().join("search")), ["p-0.js"]);
    }

    #[test]
    fn site_paths_map_to_files() {
        assert_eq!(file_for("/"), PathBuf::from("index.html"));
        assert_eq!(
            file_for("/meetings/2020/"),
            PathBuf::from("meetings/2020/index.html")
        );
        assert_eq!(file_for("/404.html"), PathBuf::from("404.html"));
    }

    #[test]
    fn dangerous_output_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(root, Path::new("/")).is_err());
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("..")).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        assert!(check_output_dir(root, &root.join("content/public")).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
        assert!(check_output_dir(root, &root.join("x/../public")).is_ok());
    }

    #[test]
    fn writing_replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        folder_with(&out, "stale.html", "old");
        write_site(&out, vec![text_file("/a/", "new")]).unwrap();
        assert_eq!(read(&out.join("a/index.html")), "new");
        assert!(!out.join("stale.html").exists());
        let leftovers = names_in(dir.path());
        assert_eq!(leftovers.len(), 1, "staging and old folders are cleaned up");
    }

    #[test]
    fn an_existing_site_is_exchanged_for_the_new_one_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = sibling(&out, "staging");
        folder_with(&out, "index.html", "old");
        folder_with(&staging, "index.html", "new");
        let swap = swap_in(&staging, &out).unwrap();
        if CAN_EXCHANGE {
            assert_eq!(swap, Swap::Exchanged, "the folder is never missing");
        }
        assert_eq!(read(&out.join("index.html")), "new");
        assert_eq!(names_in(dir.path()), ["public"], "the old site is removed");
    }

    #[test]
    fn a_first_build_renames_the_staging_folder_into_place() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = sibling(&out, "staging");
        folder_with(&staging, "index.html", "new");
        assert_eq!(swap_in(&staging, &out).unwrap(), Swap::Renamed);
        assert!(out.join("index.html").exists());
        assert!(!staging.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_folder_stays_a_link_to_the_new_site() {
        let dir = tempfile::tempdir().unwrap();
        let served = dir.path().join("www/minutes");
        folder_with(&served, "stale.html", "old");
        let link = dir.path().join("public");
        std::os::unix::fs::symlink(&served, &link).unwrap();
        write_site(&link, vec![text_file("/", "new")]).unwrap();
        let link_meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(link_meta.file_type().is_symlink(), "the link stays");
        assert_eq!(read(&served.join("index.html")), "new");
        assert!(!served.join("stale.html").exists());
        let beside = names_in(&dir.path().join("www"));
        assert_eq!(beside, ["minutes"], "no staging folder is left");
    }

    #[test]
    fn removing_a_tree_removes_everything_and_follows_no_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        folder_with(&outside, "keep.txt", "keep");
        let tree = dir.path().join("old");
        for path in ["a/b/c/index.html", "a/index.html", "top.html", "d/e.js"] {
            let file = tree.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, "x").unwrap();
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, tree.join("link")).unwrap();
            std::os::unix::fs::symlink(&outside, tree.join("a/link")).unwrap();
        }
        remove_tree_in_parallel(&tree).unwrap();
        assert!(!tree.exists());
        assert!(
            outside.join("keep.txt").exists(),
            "symlinks are not followed"
        );
        remove_tree_in_parallel(&tree).unwrap();
    }

    #[test]
    fn a_rebuild_reuses_unchanged_files_and_writes_changed_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let text = text_file;
        write_site(
            &out,
            vec![text("/a/", "same"), text("/b/", "old"), text("/c/", "gone")],
        )
        .unwrap();
        let before = std::fs::metadata(out.join("a/index.html")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_site(&out, vec![text("/a/", "same"), text("/b/", "new!")]).unwrap();
        let after = std::fs::metadata(out.join("a/index.html")).unwrap();
        assert_eq!(
            before.modified().unwrap(),
            after.modified().unwrap(),
            "unchanged file kept"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            assert_eq!(before.ino(), after.ino(), "the same file, linked");
            assert_eq!(after.nlink(), 1, "the old site's name for it is gone");
        }
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "same"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "new!"
        );
        assert!(!out.join("c").exists());
    }

    #[test]
    fn a_file_of_the_same_size_but_other_bytes_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let file = |text: &str| text_file("/x.txt", text);
        write_site(&out, vec![file("abc")]).unwrap();
        write_site(&out, vec![file("abd")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("x.txt")).unwrap(), "abd");
    }

    #[test]
    fn files_are_compared_block_by_block() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert!(file_equals(&path, &bytes));
        let mut changed = bytes.clone();
        changed[150_000] ^= 1; // in the third block
        assert!(!file_equals(&path, &changed));
        assert!(!file_equals(&path, &bytes[..100_000]));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(!file_equals(&path, &longer));
        assert!(!file_equals(&dir.path().join("missing"), b""));
    }
}
