// Link as a static, freestanding executable: no crt, no libc.
fn main() {
    for arg in ["-nostartfiles", "-nostdlib", "-static", "-Wl,--gc-sections"] {
        println!("cargo:rustc-link-arg-bin=nostd-check={arg}");
    }
}
