#!/bin/bash
# Two nodes against one on this machine (issue #14): starts Debian's RabbitMQ with rabbitmq_stomp when nothing
# listens on localhost:61613 (and stops it again afterwards), then runs TwoNodesLoadBenchmark: one PostgreSQL (the
# embedded test server), one RabbitMQ, two application nodes; N customers across both, each conversation watched
# from the other node; prints lost / duplicated deliveries and answers/s for one node and for two.
#   CUSTOMERS=20 QUESTIONS=10 scripts/two-nodes-load.sh
set -u
cd "$(dirname "$0")/.."
started=""
if ! (exec 3<>/dev/tcp/localhost/61613) 2>/dev/null; then
  rabbitmq-plugins enable --offline rabbitmq_stomp >/dev/null
  setsid rabbitmq-server >/tmp/parley-bench-rabbitmq.log 2>&1 &
  started=yes
  for _ in $(seq 1 60); do
    (exec 3<>/dev/tcp/localhost/61613) 2>/dev/null && break
    sleep 1
  done
fi
./mvnw -B -o -Pbench test -Dtest=TwoNodesLoadBenchmark -Dbench.customers="${CUSTOMERS:-20}" -Dbench.questions="${QUESTIONS:-10}"
rc=$?
if [ -n "$started" ]; then
  rabbitmqctl -q stop >/dev/null 2>&1 || true
fi
exit $rc
