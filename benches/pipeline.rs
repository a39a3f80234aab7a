//! Benchmarks of each pipeline stage and of the whole `analyze()` (filled in below).
fn main() {}
