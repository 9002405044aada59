#!/bin/sh
# Soak of the app window: a generated random key script (make_soak_script.py) while a policy drives, training runs
# and DAgger takeovers/corrections toggle. Prints resident memory at start and end, peak, wall time, frame p99.
# Not part of ctest (minutes long). Usage: soak.sh ILDRIVE DATASET POLICY WORKDIR [FRAMES] [SEED]
set -u
ILDRIVE=$1; DATA=$2; POLICY=$3; WORK=$4; FRAMES=${5:-36000}; SEED=${6:-1}
HERE=$(dirname "$0")
mkdir -p "$WORK" || exit 1
cp "$DATA" "$WORK/soak_demos.h5" && cp "$POLICY" "$WORK/soak_policy.h5" || exit 1
python3 "$HERE/make_soak_script.py" "$WORK/soak_input.txt" "$FRAMES" "$SEED" || exit 1
rm -f "$WORK/rss.log"
START=$(date +%s)
SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} /usr/bin/time -v "$ILDRIVE" gui --frames "$FRAMES" \
  --input "$WORK/soak_input.txt" --data "$WORK/soak_demos.h5" --policy "$WORK/soak_policy.h5" --drive policy \
  --stats --settings "$WORK/settings.json" > "$WORK/soak.out" 2> "$WORK/soak.err" &
TPID=$!
sleep 1
PID=$(pgrep -P $TPID | head -1)
while kill -0 "$PID" 2> /dev/null; do
  echo "$(($(date +%s) - START)) $(awk '/VmRSS/ {print $2}' /proc/"$PID"/status 2> /dev/null)" >> "$WORK/rss.log"
  sleep 5
done
wait $TPID
STATUS=$?
END=$(date +%s)
echo "exit status $STATUS, wall $((END - START)) s, frames $FRAMES (scripted 1/60 s each: $((FRAMES / 60)) s of app time)"
grep "^frame_ms" "$WORK/soak.out"
awk 'NF == 2 && $2 != "" {if (!s) s = $2; e = $2} END {print "rss_kb start " s " end " e}' "$WORK/rss.log"
grep "Maximum resident" "$WORK/soak.err"
grep -v "^\s" "$WORK/soak.err" | grep -v "Command being timed" | head -5
exit $STATUS
