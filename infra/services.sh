#!/usr/bin/env bash
# Starts (or stops) a private Redis and RabbitMQ for a local cluster, tests and benchmarks: the Debian
# packages' servers, on the given loopback ports, with their data, logs and PIDs under DIR.
#
#   infra/services.sh start DIR REDIS_PORT RABBITMQ_PORT [ERLANG_DIST_PORT]
#                                          prints Farm__Redis=... and Farm__RabbitMq=...
#   infra/services.sh stop DIR
set -euo pipefail
command=${1:?usage: services.sh start DIR REDIS_PORT RABBITMQ_PORT | stop DIR}
dir=${2:?the services folder}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

case "$command" in
start)
  redis_port=${3:?REDIS_PORT}
  rabbit_port=${4:?RABBITMQ_PORT}
  # RabbitMQ's node also listens for Erlang distribution on a port of its own.
  if [ -n "${5:-}" ]; then
    dist_port=$5
  elif [ $((rabbit_port + 20000)) -le 65535 ]; then
    dist_port=$((rabbit_port + 20000))
  else
    dist_port=$((rabbit_port - 20000))
  fi
  for tool in redis-server rabbitmq-server rabbitmqctl; do
    command -v "$tool" >/dev/null || { echo "services.sh: $tool is missing; run infra/packages.sh" >&2; exit 1; }
  done
  mkdir -p "$dir/redis" "$dir/rabbitmq/mnesia" "$dir/rabbitmq/log"
  # Whatever goes wrong from here, leave nothing running.
  trap 'status=$?; [ "$status" -eq 0 ] || "$0" stop "$dir"' EXIT
  redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --appendonly yes --save "" \
    --dir "$dir/redis" --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"

  # RabbitMQ runs as its own user: it must own its folders. No plugins; the guest user is loopback-only.
  echo "[]." >"$dir/rabbitmq/plugins"
  chown -R rabbitmq:rabbitmq "$dir/rabbitmq" 2>/dev/null || true
  node="rf$rabbit_port@localhost"
  echo "$node" >"$dir/rabbitmq/node"
  export RABBITMQ_NODENAME="$node" RABBITMQ_NODE_PORT="$rabbit_port" RABBITMQ_DIST_PORT="$dist_port" \
    RABBITMQ_MNESIA_BASE="$dir/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$dir/rabbitmq/log" \
    RABBITMQ_PID_FILE="$dir/rabbitmq/pid" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/rabbitmq/plugins"
  rabbitmq-server -detached
  for _ in $(seq 1 90); do
    if rabbitmqctl -n "$node" -q await_startup --timeout 60 >/dev/null 2>&1; then
      break
    fi
    sleep 1
  done
  rabbitmqctl -n "$node" -q await_startup --timeout 5 >/dev/null || { echo "services.sh: RabbitMQ did not start (see $dir/rabbitmq/log)" >&2; exit 1; }
  for _ in $(seq 1 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "Farm__Redis=127.0.0.1:$redis_port"
  echo "Farm__RabbitMq=rabbitmq://127.0.0.1:$rabbit_port/"
  ;;
stop)
  # Read each PID once: Redis removes its pidfile as it exits.
  pids=()
  for pidfile in "$dir/redis/redis.pid" "$dir/rabbitmq/pid"; do
    if pid=$(cat "$pidfile" 2>/dev/null); then
      pids+=("$pid")
      kill "$pid" 2>/dev/null || true
    fi
  done
  # Wait for both to go, so their ports are free again.
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
  rm -f "$dir/redis/redis.pid" "$dir/rabbitmq/pid"
  ;;
*)
  echo "usage: services.sh start DIR REDIS_PORT RABBITMQ_PORT | stop DIR" >&2
  exit 2
  ;;
esac
