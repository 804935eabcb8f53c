//! Writes one method per API operation for `client::Client` and
//! `client::BlockingClient` from the core's operation table
//! (`santral::api::operations`): named as the operation, its required
//! parameters as arguments, the optional ones as `(name, value)` pairs.
use std::fmt::Write as _;

fn main() {
    use santral::api::{Operation, Place};
    let mut out = String::new();
    for blocking in [false, true] {
        let (ty, kw, wait) = if blocking {
            ("BlockingClient", "", "")
        } else {
            ("Client", "async ", ".await")
        };
        let _ = writeln!(out, "impl {ty} {{");
        for op in Operation::ALL {
            let s = op.spec();
            let mut required: Vec<_> = s
                .params
                .iter()
                .filter(|p| p.required && p.name != "key")
                .collect();
            required.sort_by_key(|p| p.place != Place::Path);
            let has_optional = s.params.iter().any(|p| !p.required && p.name != "key");
            let mut args: Vec<String> = required
                .iter()
                .map(|p| format!("{}: &str", p.name))
                .collect();
            if has_optional {
                args.push("optional: &[(&str, &str)]".into());
            }
            let pairs: Vec<String> = required
                .iter()
                .map(|p| format!("(\"{0}\", {0})", p.name))
                .collect();
            let optional: Vec<&str> = s
                .params
                .iter()
                .filter(|p| !p.required && p.name != "key")
                .map(|p| p.name)
                .collect();
            let _ = writeln!(
                out,
                "    /// {} `{} {}`{}\n    pub {kw}fn {}(&self{}{}) -> Result<Reply, ClientError> {{\n        let {}params: Vec<(&str, &str)> = vec![{}];",
                s.summary,
                s.method.as_str(),
                s.path,
                if optional.is_empty() {
                    String::new()
                } else {
                    format!("\n    ///\n    /// Optional: {}.", optional.join(", "))
                },
                op.as_str(),
                if args.is_empty() { "" } else { ", " },
                args.join(", "),
                if has_optional { "mut " } else { "" },
                pairs.join(", "),
            );
            if has_optional {
                let _ = writeln!(out, "        params.extend_from_slice(optional);");
            }
            let _ = writeln!(
                out,
                "        self.call(Operation::{:?}, &params){wait}\n    }}\n",
                op
            );
        }
        let _ = writeln!(out, "}}\n");
    }
    let dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let _ = std::fs::write(std::path::Path::new(&dir).join("operations.rs"), out);
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../core/src/api/operations.rs");
}
