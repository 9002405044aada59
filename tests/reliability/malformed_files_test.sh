#!/bin/sh
# Malformed files against the commands that read them: records a small good dataset and trains a small policy, then
# make_malformed.py writes truncated, corrupted, wrong-schema, wrong-version, non-finite and empty datasets and policy
# files. `ildrive train` (--data / --init) and `ildrive eval` must reject every one with exit status 2 and one line on
# stderr; `ildrive info` must reject every bad dataset the same way and may describe a policy file that is still a
# readable HDF5 file (info is generic there), but never die on a signal.
# Usage: malformed_files_test.sh ILDRIVE WORKDIR
set -u
ILDRIVE=$1
WORK=$2
HERE=$(dirname "$0")
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }

"$ILDRIVE" record --scenario highway --driver expert --episodes 2 --seed 5 --out "$WORK/good.h5" \
  > /dev/null 2> "$WORK/setup.err" || { echo "setup record failed: $(cat "$WORK/setup.err")"; exit 1; }
"$ILDRIVE" train --data "$WORK/good.h5" --policy mse --width 16 --depth 1 --steps 5 --batch-size 32 \
  --out "$WORK/good_policy.h5" > /dev/null 2> "$WORK/setup.err" || { echo "setup train failed: $(cat "$WORK/setup.err")"; exit 1; }
/usr/bin/python3 "$HERE/make_malformed.py" "$WORK/good.h5" "$WORK/good_policy.h5" "$WORK/bad" > "$WORK/cases.txt" \
  || { echo "make_malformed.py failed"; exit 1; }

# run CASE_DESCRIPTION MODE args...: MODE reject = exit 2 and one stderr line; nosignal = exit 0 or 2.
run() {
  what=$1
  mode=$2
  shift 2
  timeout 120 "$ILDRIVE" "$@" > "$WORK/out.txt" 2> "$WORK/err.txt"
  status=$?
  line=$(head -c 160 "$WORK/err.txt" | head -1)
  echo "  $1 -> exit $status: $line"
  if [ $status -gt 2 ]; then
    fail "$what: ildrive $*: exit status $status (signal or crash): $(cat "$WORK/err.txt")"
  elif [ "$mode" = reject ]; then
    [ $status -eq 2 ] || fail "$what: ildrive $*: exit status $status, expected 2"
    [ "$(wc -l < "$WORK/err.txt")" -eq 1 ] || fail "$what: ildrive $*: stderr is not one line: $(cat "$WORK/err.txt")"
  fi
}

COUNT=0
while read -r kind file what; do
  COUNT=$((COUNT + 1))
  echo "$kind $(basename "$file"): $what"
  train_mode=reject
  case "$(basename "$file")" in
    # Readable HDF5 without the dataset marker: info describes it generically, like any other HDF5 file.
    dataset_no_attrs.h5 | dataset_wrong_format.h5) info_mode=nosignal ;;
    # Flips at a stride through a dataset land in raw float values (HDF5 keeps no checksum of them; they stay
    # finite) unless one happens to hit metadata: loading may succeed. dataset_metaflips.h5 must be refused.
    dataset_bitflips.h5) info_mode=nosignal train_mode=nosignal ;;
    *) info_mode=reject ;;
  esac
  if [ "$kind" = dataset ]; then
    run "$what" $info_mode info "$file"
    out="$WORK/never.h5"
    [ $train_mode = reject ] || out="$WORK/loaded.h5"  # may train: only a crash fails
    run "$what" $train_mode train --data "$file" --policy mse --width 16 --depth 1 --steps 2 --out "$out"
  else
    run "$what" nosignal info "$file"
    run "$what" reject eval --policy "$file" --scenario highway --episodes 1 --max-steps 20 --threads 1
    run "$what" reject train --data "$WORK/good.h5" --init "$file" --steps 2 --out "$WORK/never.h5"
  fi
done < "$WORK/cases.txt"
[ ! -e "$WORK/never.h5" ] || fail "a rejected train wrote its output"
[ $COUNT -ge 20 ] || fail "only $COUNT malformed files were made"
echo "$COUNT malformed files"
exit $FAILED
