#!/usr/bin/env bash
# Starts Parley the fast way: from the jar's extracted layout with a class data sharing (AppCDS) archive, which takes
# about a third of the start-up CPU away (docs/BENCHMARKS.md, "Restart time"). `java -jar parley.jar` works the same,
# only slower to start. On Java 17 the JVM cannot make the archive by itself (-XX:+AutoCreateSharedArchive is Java
# 19+), so the first start after an install or upgrade makes it: the jar is extracted (java -Djarmode=tools) and
# trained once (started up to a refreshed context on a throw-away embedded database, then halted). Every start
# afterwards, a restart after a crash above all, maps the archive. If anything in that preparation fails the
# application starts plainly from the jar: the archive is an optimisation, never a reason not to start.
#
#   scripts/parley.sh [path/to/parley.jar] [application arguments...]
#
#   PARLEY_JAR       the jar (default: the first argument if it ends in .jar, else ./parley.jar, else target/parley.jar)
#   PARLEY_CDS_DIR   where the extracted jar and the archive are kept (default ./data/cds); must be writable
#   PARLEY_CDS       off: start plainly from the jar
#   JAVA             the java binary (default: java on PATH);  JAVA_OPTS  JVM options, e.g. "-Xms512m -Xmx2g"
#   PARLEY_JIT       default: the JVM's own JIT thresholds instead of the start-up friendly ones below
#
# The script ends by exec'ing the JVM, so its process id is the application's (systemd, kill, fault.sh rely on it).
set -euo pipefail

JAVA=${JAVA:-java}
if [ $# -gt 0 ] && [[ "$1" == *.jar ]]; then PARLEY_JAR=$1; shift; fi
if [ -z "${PARLEY_JAR:-}" ]; then
  if [ -f parley.jar ]; then PARLEY_JAR=parley.jar; else PARLEY_JAR=$(cd "$(dirname "$0")/.." && pwd)/target/parley.jar; fi
fi
[ -f "$PARLEY_JAR" ] || { echo "parley.sh: no jar at $PARLEY_JAR (build it with ./mvnw -B package -DskipTests)" >&2; exit 1; }
# The optimising JIT (C2) waits for methods that are hot for longer than its default (tier-4 thresholds ~7x
# higher): on a two-core machine its compilations during start-up took a core from the main thread, and a restart
# was 11 s instead of 13.5 s to healthy with them delayed (docs/BENCHMARKS.md, "Crash safety"). Hot paths still
# reach C2 within the first minutes of traffic. JAVA_OPTS come after these, so they can set their own.
JIT_OPTS=(-XX:Tier4InvocationThreshold=100000 -XX:Tier4MinInvocationThreshold=50000 -XX:Tier4CompileThreshold=100000
  -XX:Tier4BackEdgeThreshold=1000000)
[ "${PARLEY_JIT:-startup}" = default ] && JIT_OPTS=()
read -r -a JVM_OPTS <<<"${JAVA_OPTS:-}"
JVM_OPTS=("${JIT_OPTS[@]}" "${JVM_OPTS[@]}")

plain() {
  exec "$JAVA" "${JVM_OPTS[@]}" -jar "$PARLEY_JAR" "$@"
}
[ "${PARLEY_CDS:-on}" = off ] && plain "$@"

log() { echo "parley.sh: $*" >&2; }

# the archive belongs to one jar and one JVM: a new jar (upgrade) or a new JDK gets a new one
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
if [ -f "$java_home/release" ]; then jvm_id=$(cksum <"$java_home/release" | cut -d' ' -f1); else jvm_id=$("$JAVA" -version 2>&1 | cksum | cut -d' ' -f1); fi
key="$(stat -c '%s-%Y' "$PARLEY_JAR")-$jvm_id"
cds_root=$(mkdir -p "${PARLEY_CDS_DIR:-./data/cds}" 2>/dev/null && cd "${PARLEY_CDS_DIR:-./data/cds}" && pwd) \
  || { log "cannot create ${PARLEY_CDS_DIR:-./data/cds}; starting without class data sharing"; plain "$@"; }
app=$cds_root/$key

prepare() {
  # one preparer at a time (two starts at once, or a restart loop); the lock's descriptor is closed before the JVM
  # is exec'd, so a running application holds no lock
  local status=0
  exec 8>"$cds_root/.lock"
  flock 8
  [ -f "$app/parley.jsa" ] || train || status=$?
  exec 8>&-
  return $status
}

train() {
  log "first start of this jar on this JVM: preparing its class data sharing archive in $app (once, about a start's time)"
  find "$cds_root" -mindepth 1 -maxdepth 1 -type d ! -name "$key" -exec rm -rf {} + 2>/dev/null || true
  rm -rf "$app"
  if ! "$JAVA" -Djarmode=tools -jar "$PARLEY_JAR" extract --destination "$app" >/dev/null; then
    log "could not extract $PARLEY_JAR into $app; starting without class data sharing"
    return 1
  fi
  local scratch
  scratch=$(mktemp -d "$cds_root/.training.XXXXXX")
  # the training run: the same jar path as every later start (the archive records it), a database and an index of
  # its own that are thrown away, no production settings (no datasource, no profile); it starts as far as a real
  # start goes (web server, schedulers, listeners, one health check: -Dparley.cds.training), then exits. Ending at
  # refresh instead (-Dspring.context.exit=onRefresh) left ~700 classes a restart loads out of the archive.
  local status=0
  (cd "$scratch" && env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
      -u SPRING_PROFILES_ACTIVE -u SPRING_APPLICATION_JSON \
      timeout 900 "$JAVA" "${JVM_OPTS[@]}" -XX:ArchiveClassesAtExit="$app/parley.jsa.tmp" -Dparley.cds.training=true \
      -jar "$app/parley.jar" --server.port=0 \
      --parley.database.embedded-data-dir="$scratch/pg" --parley.knowledge.index-dir="$scratch/index" \
      --parley.knowledge.import-on-startup=false >"$scratch/training.log" 2>&1) || status=$?
  # a training run that failed or timed out may leave its PostgreSQL behind: stop it, it holds nothing
  if [ -f "$scratch/pg/postmaster.pid" ]; then
    local pm; pm=$(head -1 "$scratch/pg/postmaster.pid")
    kill -QUIT "$pm" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pm" 2>/dev/null || break; sleep 0.1; done
  fi
  if [ "$status" -ne 0 ] || [ ! -s "$app/parley.jsa.tmp" ]; then
    log "the training run failed (exit $status), see $cds_root/training.log; starting without class data sharing"
    cp "$scratch/training.log" "$cds_root/training.log" 2>/dev/null || true
    rm -rf "$scratch"
    return 1
  fi
  mv "$app/parley.jsa.tmp" "$app/parley.jsa"
  rm -rf "$scratch"
  log "class data sharing archive ready"
}

if [ ! -f "$app/parley.jsa" ]; then
  prepare || plain "$@"
fi
exec "$JAVA" "${JVM_OPTS[@]}" -XX:SharedArchiveFile="$app/parley.jsa" -Xshare:auto -jar "$app/parley.jar" "$@"
