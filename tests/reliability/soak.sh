#!/bin/sh
# Soak of the app window: a generated random input script (make_soak_script.py: keys and mouse) while a policy
# drives, training runs, DAgger takeovers/corrections toggle, and the mouse drags, zooms and clicks the panels.
# Prints resident memory at start and end, peak, wall time, frame p99.
# Not part of ctest (minutes long). Usage: soak.sh ILDRIVE DATASET POLICY WORKDIR [FRAMES] [SEED] [SECONDS]
# With SECONDS the run stops after that much wall-clock time (or after FRAMES, whichever comes first).
# The app runs inside WORKDIR with the files named demos.h5 and policy.h5, so the Data panel's Load, Save and
# Load policy buttons (which the random clicks hit) work on them.
set -u
ILDRIVE=$(realpath "$1"); DATA=$2; POLICY=$3; WORK=$4; FRAMES=${5:-36000}; SEED=${6:-1}; SECONDS_LIMIT=${7:-0}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK" || exit 1
cp "$DATA" "$WORK/demos.h5" && cp "$POLICY" "$WORK/policy.h5" || exit 1
cd "$WORK" || exit 1
python3 "$HERE/make_soak_script.py" soak_input.txt "$FRAMES" "$SEED" 1280 720 || exit 1
LIMIT=""
[ "$SECONDS_LIMIT" != 0 ] && LIMIT="--seconds $SECONDS_LIMIT"
rm -f rss.log
START=$(date +%s)
# shellcheck disable=SC2086
SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} /usr/bin/time -v "$ILDRIVE" gui --frames "$FRAMES" $LIMIT \
  --input soak_input.txt --data demos.h5 --policy policy.h5 --drive policy --width 1280 --height 720 \
  --stats --settings settings.json > soak.out 2> soak.err &
TPID=$!
sleep 1
PID=$(pgrep -P $TPID | head -1)
while kill -0 "$PID" 2> /dev/null; do
  echo "$(($(date +%s) - START)) $(awk '/VmRSS/ {print $2}' /proc/"$PID"/status 2> /dev/null)" >> rss.log
  sleep 5
done
wait $TPID
STATUS=$?
END=$(date +%s)
echo "exit status $STATUS, wall $((END - START)) s, script $FRAMES frames, $(grep -c mouse soak_input.txt) mouse lines"
grep "^frame_ms" soak.out
awk 'NF == 2 && $2 != "" {if (!s) s = $2; e = $2} END {print "rss_kb start " s " end " e}' rss.log
grep "Maximum resident" soak.err
grep -v "^\s" soak.err | grep -v "Command being timed" | head -5
exit $STATUS
