#!/bin/sh
# Writing where it cannot be done, with the real binary: `record`, `train --out` and `lesson --save-policies` when
# the disk fills mid-write (a file-size limit: prlimit --fsize with SIGXFSZ ignored, so a write past it fails with
# EFBIG as one on a full disk fails with ENOSPC; no root or mount needed), into a read-only folder (root writes
# through chmod, so as root a read-only bind mount in a private mount namespace, `unshare -m`; chmod 555 for other
# users), and under paths with spaces and non-ASCII characters. Each refusal: exit 2, one stderr line naming the
# file, no signal, the previous file byte-identical, every episode already recorded still in the file.
# Usage: unwritable_places_test.sh ILDRIVE WORKDIR
set -u
ILDRIVE=$1
WORK=$2
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
. "$(dirname "$0")/../cli_test_lib.sh"  # fail

# limited BYTES cmd...: runs cmd with files limited to BYTES.
limited() {
  bytes=$1
  shift
  sh -c 'trap "" XFSZ; exec prlimit --fsize="$0" "$@"' "$bytes" "$@"
}

# read_only DIR cmd...: runs cmd while DIR is read-only for it; status 77 when this user cannot make it so.
read_only() {
  dir=$1
  shift
  if [ "$(id -u)" -ne 0 ]; then
    chmod 555 "$dir" && "$@"
    status=$?
    chmod 755 "$dir"
    return $status
  fi
  unshare -m sh -c 'd=$0; mount --bind "$d" "$d" && mount -o remount,bind,ro "$d" || exit 77
                    touch "$d/.probe" 2> /dev/null && exit 77; exec "$@"' "$dir" "$@"
}

# refused WHAT FILE STATUS ERRFILE: exit 2 and one stderr line (after the progress bar's \r lines) naming FILE.
refused() {
  [ "$3" -eq 2 ] || fail "$1: exit status $3, expected 2 (>128 is a signal)"
  last=$(tr '\r' '\n' < "$4" | grep -v '^$' | tail -n 1)
  case "$last" in
    "ildrive: $2: "*) ;;
    *) fail "$1: the error does not name $2 first: $last" ;;
  esac
  errors=$(tr '\r' '\n' < "$4" | grep -c '^ildrive: ')
  [ "$errors" -eq 1 ] || fail "$1: $errors error lines: $(cat "$4")"
  ! grep -q "H5File\|HDF5-DIAG" "$4" || fail "$1: HDF5 printed its own errors: $(cat "$4")"
}

episodes_in() { "$ILDRIVE" info "$1" 2> /dev/null | sed -n 's/^ *episodes *\([0-9]*\)$/\1/p'; }

REC="record --scenario highway --driver expert --seed 21"
"$ILDRIVE" $REC --episodes 2 --out "$WORK/previous.h5" > /dev/null 2>&1 || { echo "setup record failed"; exit 1; }
"$ILDRIVE" train --data "$WORK/previous.h5" --policy mse --steps 20 --out "$WORK/previous_policy.h5" > /dev/null 2>&1 \
  || { echo "setup train failed"; exit 1; }
EPISODE_BYTES=$(( $(stat -c %s "$WORK/previous.h5") / 2 ))

# 1. The disk fills while recording: the episodes written before stay, the run stops with one line.
cp "$WORK/previous.h5" "$WORK/full.h5"
limited $((EPISODE_BYTES * 9 / 2)) "$ILDRIVE" $REC --episodes 8 --out "$WORK/full.h5" > "$WORK/full.out" 2> "$WORK/full.err"
refused "record, disk full" "$WORK/full.h5" $? "$WORK/full.err"
held=$(episodes_in "$WORK/full.h5")
reported=$(tr '\r' '\n' < "$WORK/full.err" | sed -n 's/^record highway \([0-9]*\)\/8.*/\1/p' | tail -n 1)
echo "record, disk full: $(tail -n 1 "$WORK/full.err")"
echo "record, disk full: progress reported ${reported:-0} episodes, the file holds ${held:-none}"
[ -n "$held" ] && [ "$held" -ge 1 ] && [ "$held" -lt 8 ] || fail "record, disk full: the file holds '${held:-}' episodes"
[ "$held" = "${reported:-0}" ] || fail "record, disk full: $held episodes on file, ${reported:-0} reported"
ls "$WORK" | grep -q '\.tmp\.' && fail "record, disk full: a temporary file was left: $(ls "$WORK")"

# 2. A save that does not fit from the first episode: the previous file stays as it was.
cp "$WORK/previous.h5" "$WORK/tiny.h5"
limited 100000 "$ILDRIVE" $REC --episodes 2 --out "$WORK/tiny.h5" > /dev/null 2> "$WORK/tiny.err"
refused "record, no room at all" "$WORK/tiny.h5" $? "$WORK/tiny.err"
cmp -s "$WORK/previous.h5" "$WORK/tiny.h5" || fail "record, no room at all: the previous file changed"

# 3. train --out when the policy does not fit: the previous policy stays.
cp "$WORK/previous_policy.h5" "$WORK/policy.h5"
limited 30000 "$ILDRIVE" train --data "$WORK/previous.h5" --policy mse --steps 20 --out "$WORK/policy.h5" \
  > /dev/null 2> "$WORK/train.err"
refused "train --out, disk full" "$WORK/policy.h5" $? "$WORK/train.err"
cmp -s "$WORK/previous_policy.h5" "$WORK/policy.h5" || fail "train --out, disk full: the previous policy changed"

# 4. lesson --save-policies when the disk fills: the lesson's tables are printed before, the error names the file.
LP="$WORK/politiques d'été ü"
limited 60000 "$ILDRIVE" lesson causal_confusion --quick --seeds 1 --episodes 4 --threads 2 --save-policies "$LP" \
  > "$WORK/lesson.out" 2> "$WORK/lesson.err"
status=$?
last=$(tr '\r' '\n' < "$WORK/lesson.err" | grep -v '^$' | tail -n 1)
[ $status -eq 2 ] || fail "lesson --save-policies, disk full: exit status $status"
case "$last" in "ildrive: $LP/"*.h5": "*) ;; *) fail "lesson --save-policies, disk full: $last" ;; esac
grep -q "bc + lamp" "$WORK/lesson.out" || fail "lesson --save-policies, disk full: the tables were not printed first"
echo "lesson --save-policies, disk full: $last"

# 5. Read-only folders: record, train --out and lesson --save-policies refuse at once, naming the file.
mkdir -p "$WORK/ro"
cp "$WORK/previous.h5" "$WORK/ro/demos.h5"
cp "$WORK/previous_policy.h5" "$WORK/ro/policy.h5"
read_only "$WORK/ro" "$ILDRIVE" $REC --episodes 1 --out "$WORK/ro/demos.h5" > /dev/null 2> "$WORK/ro_record.err"
status=$?
if [ $status -eq 77 ]; then
  echo "read-only folder: skipped (this user cannot make a folder read-only for itself)"
else
  refused "record, read-only folder" "$WORK/ro/demos.h5" $status "$WORK/ro_record.err"
  read_only "$WORK/ro" "$ILDRIVE" train --data "$WORK/previous.h5" --policy mse --steps 20 --out "$WORK/ro/policy.h5" \
    > /dev/null 2> "$WORK/ro_train.err"
  refused "train --out, read-only folder" "$WORK/ro/policy.h5" $? "$WORK/ro_train.err"
  read_only "$WORK/ro" "$ILDRIVE" lesson causal_confusion --quick --seeds 1 --save-policies "$WORK/ro/lp" \
    > /dev/null 2> "$WORK/ro_lesson.err"
  refused "lesson --save-policies, read-only folder" "$WORK/ro/lp" $? "$WORK/ro_lesson.err"
  cmp -s "$WORK/previous.h5" "$WORK/ro/demos.h5" || fail "read-only folder: the dataset changed"
  cmp -s "$WORK/previous_policy.h5" "$WORK/ro/policy.h5" || fail "read-only folder: the policy changed"
  echo "read-only folder: $(cat "$WORK/ro_record.err")"
fi

# 6. Spaces and non-ASCII characters all the way: record, append by recording again, train, eval, info.
U="$WORK/dossier d'été 日本"
mkdir -p "$U"
"$ILDRIVE" $REC --episodes 2 --out "$U/démos ✓.h5" > /dev/null 2> "$WORK/u.err" || fail "record to $U: $(cat "$WORK/u.err")"
"$ILDRIVE" train --data "$U/démos ✓.h5" --policy mse --steps 20 --out "$U/politique ü.h5" > /dev/null 2> "$WORK/u.err" \
  || fail "train with non-ASCII paths: $(cat "$WORK/u.err")"
"$ILDRIVE" eval --policy "$U/politique ü.h5" --scenario highway --episodes 1 --max-steps 50 > /dev/null 2> "$WORK/u.err" \
  || fail "eval with a non-ASCII path: $(cat "$WORK/u.err")"
[ "$(episodes_in "$U/démos ✓.h5")" = 2 ] || fail "info with a non-ASCII path"
"$ILDRIVE" info "$U/absent é.h5" > /dev/null 2> "$WORK/u.err"
grep -q "^ildrive: $U/absent é.h5: " "$WORK/u.err" || fail "a missing non-ASCII file is not named whole: $(cat "$WORK/u.err")"

[ $FAILED -eq 0 ] && echo "unwritable places: all refusals clean"
exit $FAILED
