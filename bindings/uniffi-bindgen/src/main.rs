//! `uniffi-bindgen generate --library target/debug/libsantral_uniffi.so --language kotlin --out-dir OUT`
fn main() {
    uniffi::uniffi_bindgen_main()
}
