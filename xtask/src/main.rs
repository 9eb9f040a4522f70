// mimalloc: the generator allocates millions of small token trees, and
// glibc's malloc was a third of its time on the 2026 whole spec (`perf`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    xtask::cli::main()
}
