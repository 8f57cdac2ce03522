//! How much memory the process holds, for `quorum build --timings` and the benchmarks:
//! read from `/proc/self/status` where there is one (Linux), else unknown.

/// The process's resident memory now and its peak so far, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resident {
    pub(crate) now: u64,
    pub(crate) peak: u64,
}

/// The process's resident memory (`VmRSS`) and its peak (`VmHWM`), or `None` where the
/// system does not say.
pub(crate) fn resident() -> Option<Resident> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    Some(Resident {
        now: kilobytes(&status, "VmRSS:")? * 1024,
        peak: kilobytes(&status, "VmHWM:")? * 1024,
    })
}

/// The value of a `Name:   1234 kB` line of `/proc/<pid>/status`.
fn kilobytes(status: &str, name: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(name))?;
    line[name.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_status_line_in_kilobytes() {
        let status = "Name:\tquorum\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n";
        assert_eq!(kilobytes(status, "VmRSS:"), Some(102_400));
        assert_eq!(kilobytes(status, "VmHWM:"), Some(204_800));
        assert_eq!(kilobytes(status, "VmSwap:"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_holds_some_memory_and_its_peak_is_no_lower() {
        let resident = resident().expect("Linux has /proc/self/status");
        assert!(resident.now > 0);
        assert!(resident.peak >= resident.now);
    }
}
