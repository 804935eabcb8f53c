//! The shared library's SONAME on Linux: `libsantral.so.<major>`, so that
//! programs linked against it load that name (scripts/install-c.sh
//! installs `libsantral.so.<major>.<minor>.<patch>` with the usual links).

fn main() {
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libsantral.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
