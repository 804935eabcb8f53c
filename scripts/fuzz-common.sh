# Shared by scripts/fuzz.sh (smoke) and scripts/fuzz-long.sh (recorded
# run): the target list, each target's corpus, and its dictionary.
# Source it from the repository root.

# Every target of fuzz/Cargo.toml.
fuzz_targets() {
  sed -n 's/^name = "\(.*\)"/\1/p' fuzz/Cargo.toml | grep -v santral-fuzz
}

# target/fuzz-corpus/<target>, created and topped up with the seeds.
fuzz_corpus() {
  local corpus=target/fuzz-corpus/$1
  mkdir -p "$corpus"
  [ -d "fuzz/seeds/$1" ] && cp -n "fuzz/seeds/$1"/* "$corpus"/ 2>/dev/null || true
  echo "$corpus"
}

# libFuzzer's -dict option for the targets that read JSON, else nothing.
fuzz_dict() {
  case $1 in
    campaign|advisory_response|crm_settings|logo_crm|cdr_list|cdr_detail|json|check|opencart|operations) echo "-dict=json.dict" ;;
  esac
}
