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
      --civic311.jobs.enabled=false --civic311.demo.enabled=true --logging.level.root=WARN)

start() {
  local t0=$(date +%s%N)
  java -jar "$jar" "${args[@]}" > "$work/app.log" 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$port/actuator/health/readiness" > /dev/null; do sleep 0.1; done
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
echo; echo "== GET knowledge search (staff API, HTTP Basic), 10 connections, 20 s"
auth="Authorization: Basic $(printf 'agent:civic311-demo' | base64)"
wrk -t2 -c10 -d20s --latency -H "$auth" "http://localhost:$port/api/v1/knowledge/search?q=bins%20left%20on%20the%20sidwalk" | grep -E 'Latency|50%|99%|Requests/sec'
echo; echo "== the same search in PostgreSQL alone (EXPLAIN ANALYZE execution time)"
psql_bin=$(ls -d /tmp/embedded-pg/PG-*/bin 2>/dev/null | head -n 1)
if [ -n "$psql_bin" ] && command -v psql > /dev/null; then
  psql -h localhost -p 15499 -U postgres -d civic311 -Atc "explain analyze
    with q as (select replace(websearch_to_tsquery('english', 'bins left on the sidwalk')::text, ' & ', ' | ')::tsquery as tsq)
    select a.id, ts_headline('english', a.body, q.tsq) from knowledge_article a, q
    where a.status = 'PUBLISHED' and (a.search @@ q.tsq or word_similarity('bins left on the sidwalk', a.search_text) >= 0.45)
    order by ts_rank_cd(a.search, q.tsq, 32) desc limit 10" | grep -E 'Execution Time'
fi
rss=$(ps -o rss= -p "$pid"); echo; echo "RSS after the load: $((rss / 1024)) MB"
stop
