#!/usr/bin/env bash
# Fault runs against the packaged jar (see docs/BENCHMARKS.md, "Crash safety"): N customers chat with the bot through
# the public API (scripts/FaultClient.java, JDK only) while the JVM is killed with SIGKILL, alone ("jvm": the embedded
# PostgreSQL outlives it) or together with PostgreSQL ("jvm+postgres": a power cut, an OOM kill of the container).
# Every run: chat, kill at a random moment, restart at once, let the customers' outboxes resend, then check every
# acknowledged message is stored once and answered (bot reply or hand-off). Restart seconds are counted from the kill
# to the restarted server healthy (/actuator/health UP: healthy_seconds) and answering (a new customer's question got
# its bot reply: restart_seconds, the figure the issue's "healthy within 20 s" is held to).
#
#   scripts/fault.sh                      # 10 runs of each kill, 8 customers
#   RUNS=3 MODES=jvm CUSTOMERS=4 scripts/fault.sh
#
# Prints one line per run and a summary per mode; the working directory (logs, journals) is kept under /tmp.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-10}
MODES=${MODES:-"jvm+postgres jvm"}
CUSTOMERS=${CUSTOMERS:-8}
CHAT_SECONDS=${CHAT_SECONDS:-45}
PORT=${PORT:-18480}
JAR=${JAR:-$ROOT/target/parley.jar}
# retrieval plays no part in crash safety: BM25 only (no in-process embedding model) keeps start-ups short on a
# small machine; EMBEDDING=bge-small-en-v15-q runs with the default model
EMBEDDING=${EMBEDDING:-none}
WORK=${WORK:-$(mktemp -d /tmp/parley-fault.XXXXXX)}
# how the application is started: "cds" through scripts/parley.sh (the documented default: extracted jar with a class
# data sharing archive, made once per jar by a training run before the first start), "jar" plainly with java -jar
LAUNCH=${LAUNCH:-cds}
# the launcher keeps the extracted jar and its archive here (shared by the modes: the archive is made once)
CDS_DIR=${CDS_DIR:-$WORK/cds}
BASE=http://127.0.0.1:$PORT
APP_PID=

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -o -q -DskipTests package)
mkdir -p "$WORK/client"
javac -d "$WORK/client" "$ROOT/scripts/FaultClient.java"
client() { java -cp "$WORK/client" FaultClient "$@"; }

cleanup() {
  # only what this script started: the application and the postmaster of its own data directory
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  for pidfile in "$WORK"/*/pg/postmaster.pid; do
    [ -f "$pidfile" ] || continue
    pm=$(head -1 "$pidfile"); kill -0 "$pm" 2>/dev/null && kill -INT "$pm" 2>/dev/null || true
  done
}
trap cleanup EXIT

start_app() { # $1 = data root of the mode, $2 = log name
  local launcher=(java -Xmx768m -jar "$JAR")
  [ "$LAUNCH" = cds ] && launcher=(env JAVA_OPTS=-Xmx768m PARLEY_CDS_DIR="$CDS_DIR" "$ROOT/scripts/parley.sh" "$JAR")
  # the launcher exec's the JVM: APP_PID is the application's process either way
  PARLEY_ADMIN_PASSWORD=fault-admin-password "${launcher[@]}" --server.port="$PORT" \
    --parley.database.embedded-data-dir="$1/pg" --parley.knowledge.index-dir="$1/index" \
    --parley.knowledge.knowledge-base-dir="$ROOT/knowledge-base" --parley.knowledge.embedding.model="$EMBEDDING" \
    >"$1/$2.log" 2>&1 &
  APP_PID=$!
}

# seconds (with a decimal) from $1 (a date +%s.%N) until healthy; "failed" if the process died or 120 s passed
wait_healthy() {
  local t0=$1 t1
  for _ in $(seq 1 2400); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo failed; return; fi
    if curl -sf -m 2 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      t1=$(date +%s.%N); echo "$t1 - $t0" | bc | awk '{printf "%.1f", $1}'; return
    fi
    sleep 0.05
  done
  echo failed
}

# seconds from $1 until a new customer's question is answered; "failed" after 60 s
wait_answering() {
  local t0=$1 t1
  if client probe --base "$BASE" --wait 60 >/dev/null 2>&1; then
    t1=$(date +%s.%N); echo "$t1 - $t0" | bc | awk '{printf "%.1f", $1}'
  else
    echo failed
  fi
}

kill_postgres() { # SIGKILL the postmaster and its children, as a power cut would leave them
  local pm=$1 kids
  kids=$(ps -o pid= --ppid "$pm" || true)
  kill -9 "$pm" $kids 2>/dev/null || true
}

echo "work dir $WORK; $(nproc) cores; launch=$LAUNCH; $(uptime)"
for MODE in $MODES; do
  DATA="$WORK/$MODE"; mkdir -p "$DATA"
  start_app "$DATA" "start"
  first=$(wait_healthy "$(date +%s.%N)")
  [ "$first" = failed ] && { echo "$MODE: the first start failed, see $DATA/start.log"; exit 1; }
  echo "$MODE: started in ${first} s"
  : >"$DATA/results.tsv"
  for RUN in $(seq 1 "$RUNS"); do
    RUNDIR="$DATA/run-$RUN"; mkdir -p "$RUNDIR"
    client chat --base "$BASE" --customers "$CUSTOMERS" --seconds "$CHAT_SECONDS" --dir "$RUNDIR" >"$RUNDIR/chat.log" 2>&1 &
    CLIENT=$!
    for _ in $(seq 1 600); do [ -f "$RUNDIR/ready" ] || ! kill -0 "$CLIENT" 2>/dev/null && break; sleep 0.2; done
    sleep $((8 + RANDOM % 10))
    PM=$(head -1 "$DATA/pg/postmaster.pid")
    T_KILL=$(date +%s.%N)
    kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
    [ "$MODE" = "jvm+postgres" ] && kill_postgres "$PM"
    KILLED_AT=$(date +%s%3N)
    start_app "$DATA" "restart-$RUN"
    healthy=$(wait_healthy "$T_KILL")
    restart=failed
    [ "$healthy" = failed ] || restart=$(wait_answering "$T_KILL")
    wait "$CLIENT" || true
    if [ "$healthy" = failed ]; then
      line="acknowledged=? lost=? duplicated=? unanswered=? answered_after_restart=? handed_off=?"
      echo "$MODE run $RUN: restart FAILED (see $DATA/restart-$RUN.log)"
      start_app "$DATA" "recover-$RUN"; wait_healthy "$(date +%s.%N)" >/dev/null
    else
      line=$(client verify --base "$BASE" --dir "$RUNDIR" --wait 90 --since "$KILLED_AT" || true)
    fi
    echo -e "$RUN\t$restart\t$healthy\t$line" >>"$DATA/results.tsv"
    echo "$MODE run $RUN: restart_seconds=$restart healthy_seconds=$healthy $line"
  done
  # a clean stop: SIGTERM must stop the embedded PostgreSQL too (shutdown hook)
  PM=$(head -1 "$DATA/pg/postmaster.pid")
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
  # the JVM has exited; its shutdown hook stopped the postmaster (a dead one may linger as a zombie until reaped)
  stopped=no
  for _ in $(seq 1 100); do
    state=$(ps -o stat= -p "$PM" 2>/dev/null || true)
    if [ -z "$state" ] || [[ "$state" == Z* ]]; then stopped=yes; break; fi
    sleep 0.1
  done
  [ "$stopped" = no ] && kill -INT "$PM"
  awk -F'\t' -v mode="$MODE" -v stopped="$stopped" '
    { n++; split($4, kv, " "); for (i in kv) { split(kv[i], p, "="); s[p[1]] += p[2] }
      if ($2 == "failed") failed++; else { if ($2 + 0 > max) max = $2 + 0; if ($2 + 0 <= 20) within++ }
      if ($3 != "failed" && $3 + 0 > maxh) maxh = $3 + 0 }
    END { printf "%s: runs=%d acknowledged=%d lost=%d duplicated=%d unanswered=%d answered_after_restart=%d handed_off=%d restart_failed=%d answering_within_20s=%d max_restart_seconds=%.1f max_healthy_seconds=%.1f sigterm_stops_postgres=%s\n",
          mode, n, s["acknowledged"], s["lost"], s["duplicated"], s["unanswered"], s["answered_after_restart"], s["handed_off"], failed, within, max, maxh, stopped }' \
    "$DATA/results.tsv" | tee -a "$WORK/summary.txt"
done
echo "summary in $WORK/summary.txt"
