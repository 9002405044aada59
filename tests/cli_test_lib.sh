# Shared by the command-line end-to-end tests (sourced; expects ILDRIVE and WORK to be set).
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }

# Bad input: exit status 2, exactly one line on stderr naming the problem, nothing on stdout.
expect_error() {  # expect_error "what stderr must contain" args...
  needle=$1
  shift
  "$ILDRIVE" "$@" > "$WORK/bad.out" 2> "$WORK/bad.err"
  status=$?
  [ $status -eq 2 ] || fail "ildrive $*: exit status $status, expected 2"
  [ "$(wc -l < "$WORK/bad.err")" -eq 1 ] || fail "ildrive $*: stderr is not one line: $(cat "$WORK/bad.err")"
  [ ! -s "$WORK/bad.out" ] || fail "ildrive $*: printed to stdout: $(cat "$WORK/bad.out")"
  grep -q -- "$needle" "$WORK/bad.err" || fail "ildrive $*: stderr lacks '$needle': $(cat "$WORK/bad.err")"
}
