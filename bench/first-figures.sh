#!/usr/bin/env bash
# First figures: start-up time to healthy, and Open311 reads and writes under load with wrk.
# Needs: a JDK 21+, wrk (Debian: apt-get install wrk). Writes nothing outside ./target/bench.
# Usage: bench/first-figures.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
jar=$(ls target/civic311-*.jar | grep -v plain | head -n 1)
work=target/bench; rm -rf "$work"; mkdir -p "$work"
port=18080
args=(--server.port=$port --civic311.database.embedded.port=15499
      --civic311.database.embedded.data-directory=$work/pg --civic311.media.directory=$work/media
      --civic311.jobs.enabled=false --logging.level.root=WARN)

start() {
  local t0=$(date +%s%N)
  java -jar "$jar" "${args[@]}" > "$work/app.log" 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$port/actuator/health" > /dev/null; do sleep 0.1; done
  echo "$1: $(( ($(date +%s%N) - t0) / 1000000 )) ms to healthy"
}
stop() { kill "$pid"; wait "$pid" || true; }

start "first start (initdb, migrations, demo city with 1,000 requests)"; stop
start "restart on the same data"
base="http://localhost:$port/open311/v2"
echo; echo "== GET requests.json, autumn 2018 window, page of 100, 10 connections, 20 s"
wrk -t2 -c10 -d20s --latency "$base/requests.json?start_date=2018-09-26T00:00:00-04:00&end_date=2018-10-29T00:00:00-04:00&page_size=100" | grep -E 'Latency|50%|99%|Requests/sec'
echo; echo "== GET one request by id, 10 connections, 20 s"
wrk -t2 -c10 -d20s --latency "$base/requests/101005570514.json" | grep -E 'Latency|50%|99%|Requests/sec'
echo; echo "== POST requests.json (full intake path), 32 connections, 20 s"
wrk -t2 -c32 -d20s --latency -s bench/post.lua "$base/requests.json" | grep -E 'Latency|50%|99%|Requests/sec|Non-2xx'
rss=$(ps -o rss= -p "$pid"); echo; echo "RSS after the load: $((rss / 1024)) MB"
stop
