#!/bin/sh
# End-to-end: `ildrive export` as a user runs it. A noisy-expert recording exported to robomimic and Minari and
# read back the way those tools' loaders read (check_interop.py, h5py only: the real loaders are not run), `info`
# saying whether a file has next_obs, a file written before next_obs, and every bad input answered with one line
# and exit status 2, leaving no output behind. Usage: cli_export_test.sh ILDRIVE CHECK_INTEROP OLD_DATASET WORKDIR
set -u
ILDRIVE=$1
CHECK=$2
OLD=$3
WORK=$4
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
. "$(dirname "$0")/../cli_test_lib.sh"  # fail, expect_error

"$ILDRIVE" record --scenario brake_light --driver noisy-expert --episodes 3 --seed 5 --valid-fraction 0.34 \
  --out "$WORK/demos.h5" > /dev/null 2>&1 || fail "record"
"$ILDRIVE" info "$WORK/demos.h5" > "$WORK/info.out" 2>&1 || fail "info exited $?"
grep -Eq "^ +next_obs +yes " "$WORK/info.out" || fail "info next_obs: $(cat "$WORK/info.out")"

"$ILDRIVE" export --format robomimic --out "$WORK/robomimic.h5" "$WORK/demos.h5" > "$WORK/export.out" 2>&1 ||
  fail "export robomimic: $(cat "$WORK/export.out")"
grep -q "^exported 3 episodes .* actions are the labels" "$WORK/export.out" || fail "export line: $(cat "$WORK/export.out")"
"$ILDRIVE" export --format minari --out "$WORK/minari" "$WORK/demos.h5" > "$WORK/export.out" 2>&1 ||
  fail "export minari: $(cat "$WORK/export.out")"
grep -q "dataset id ildrive/brake_light/noisy-expert-v0" "$WORK/export.out" || fail "minari id: $(cat "$WORK/export.out")"
/usr/bin/python3 "$CHECK" "$WORK/demos.h5" "$WORK/robomimic.h5" "$WORK/minari" || fail "interop check"
"$ILDRIVE" info "$WORK/robomimic.h5" > "$WORK/info_export.out" 2>&1 || fail "info on the export exited $?"
grep -q "HDF5 file (not a dataset)" "$WORK/info_export.out" || fail "info on the export: $(head -3 "$WORK/info_export.out")"
grep -Eq "^ +/data/demo_0/next_obs/ego +virtual dataset" "$WORK/info_export.out" ||
  fail "info lists next_obs: $(grep next_obs "$WORK/info_export.out" | head -3)"

# --- a file written before next_obs: info says so; export needs --drop-last-step
"$ILDRIVE" info "$OLD" > "$WORK/old.out" 2>&1 || fail "info old"
grep -Eq "^ +next_obs +no " "$WORK/old.out" || fail "info old next_obs: $(cat "$WORK/old.out")"
expect_error "data/demo_0 has no final observation" export --format robomimic --out "$WORK/old.h5" "$OLD"
[ ! -e "$WORK/old.h5" ] || fail "a refused export wrote old.h5"
"$ILDRIVE" export --format robomimic --drop-last-step --out "$WORK/old.h5" "$OLD" > /dev/null 2>&1 ||
  fail "export --drop-last-step"

# --- bad input: one line, exit 2, nothing written or replaced
expect_error "--format" export --format lerobot --out "$WORK/x.h5" "$WORK/demos.h5"
expect_error "--out" export --format robomimic "$WORK/demos.h5"
expect_error "no such file" export --format robomimic --out "$WORK/x.h5" "$WORK/missing.h5"
echo "not hdf5" > "$WORK/text.h5"
expect_error "not a readable HDF5 file" export --format minari --out "$WORK/x" "$WORK/text.h5"
expect_error "robomimic.h5: not an ildrive dataset" export --format robomimic --out "$WORK/x.h5" "$WORK/robomimic.h5"
expect_error "is the input file" export --format robomimic --force --out "$WORK/demos.h5" "$WORK/demos.h5"
expect_error "exists (pass --force" export --format robomimic --out "$WORK/robomimic.h5" "$WORK/demos.h5"
expect_error "folder is not empty (pass --force" export --format minari --out "$WORK/minari" "$WORK/demos.h5"
expect_error "is not a Minari id" export --format minari --dataset-id "bad id" --out "$WORK/y" "$WORK/demos.h5"
expect_error "--dataset-id only applies to --format minari" export --format robomimic --dataset-id a-v0 \
  --out "$WORK/y.h5" "$WORK/demos.h5"
expect_error "/nonexistent-ildrive-dir" export --format robomimic --out /nonexistent-ildrive-dir/x.h5 "$WORK/demos.h5"
[ ! -e "$WORK/x.h5" ] && [ ! -e "$WORK/x" ] && [ ! -e "$WORK/y" ] && [ ! -e "$WORK/y.h5" ] || fail "a refused export wrote"
ls "$WORK" | grep -q "\.tmp\." && fail "temporary files left: $(ls "$WORK")"
/usr/bin/python3 "$CHECK" "$WORK/demos.h5" "$WORK/robomimic.h5" "$WORK/minari" > /dev/null || fail "outputs changed"
"$ILDRIVE" export --format minari --force --dataset-id ildrive/brake/again-v1 --out "$WORK/minari" "$WORK/demos.h5" \
  > /dev/null 2>&1 || fail "export --force"
grep -q '"dataset_id": "ildrive/brake/again-v1"' "$WORK/minari/data/metadata.json" || fail "--force did not replace"

[ $FAILED -eq 0 ] && echo "cli_export_test: ok"
exit $FAILED
