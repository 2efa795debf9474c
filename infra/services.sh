#!/usr/bin/env bash
# Starts (or stops) a private Redis and RabbitMQ for a local cluster, tests and benchmarks: the Debian
# packages' servers, on the given loopback ports, with their data, logs and PIDs under DIR.
#
#   infra/services.sh start DIR REDIS_PORT RABBITMQ_PORT [ERLANG_DIST_PORT]
#                                          prints Farm__Redis=..., Farm__RabbitMq=..., Farm__RabbitMqUser=...
#                                          and Farm__RabbitMqPassword=... (a password each, REDIS_PASSWORD and
#                                          RABBITMQ_PASSWORD or random, kept in DIR/secrets, mode 0600; they
#                                          reach the servers through config files, never a command line)
#   infra/services.sh stop DIR
#   infra/services.sh restart redis|rabbitmq DIR   stops one of them and starts it again on its ports
#                                                  with its data (the chaos test's restarts)
#   infra/services.sh writes refuse|allow DIR      Redis refuses every write, or takes them again
set -euo pipefail
command=${1:?usage: services.sh start DIR REDIS_PORT RABBITMQ_PORT | stop DIR | restart redis|rabbitmq DIR}
if [ "$command" = restart ] || [ "$command" = writes ]; then
  which=${2:?redis or rabbitmq, or refuse or allow}
  dir=${3:?the services folder}
else
  dir=${2:?the services folder}
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

start_redis() {
  (umask 077 && printf 'requirepass "%s"\n' "$redis_password" >"$dir/redis/redis.conf")
  redis-server "$dir/redis/redis.conf" --port "$redis_port" --bind 127.0.0.1 --daemonize yes --appendonly yes --save "" \
    --dir "$dir/redis" --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
  for _ in $(seq 1 50); do
    REDISCLI_AUTH="$redis_password" redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
}

# RabbitMQ runs as its own user: it must own its folders. No plugins; the user renderfarm is made with
# its password when the node's database is first made (default_user), and guest is refused. A render
# holds its command unacknowledged while it runs, so the consumer timeout (30 min by default, after which
# RabbitMQ closes the channel and hands every command it held to another consumer) is a day, past the
# farm's 12 h run timeout; RABBITMQ_CONSUMER_TIMEOUT_MS lowers it for the test that shows what a timeout
# does (the claims keep it harmless).
start_rabbitmq() {
  echo "[]." >"$dir/rabbitmq/plugins"
  (umask 077 && printf 'default_user = renderfarm\ndefault_pass = %s\nloopback_users.guest = true\nconsumer_timeout = %s\n' \
    "$rabbit_password" "${RABBITMQ_CONSUMER_TIMEOUT_MS:-86400000}" >"$dir/rabbitmq/rabbitmq.conf")
  # RabbitMQ looks for timed-out consumers on its channel tick (every minute); a lowered timeout is
  # looked at every second, so the test sees it fire within seconds.
  local advanced=()
  if [ -n "${RABBITMQ_CONSUMER_TIMEOUT_MS:-}" ]; then
    echo "[{rabbit, [{channel_tick_interval, 1000}]}]." >"$dir/rabbitmq/advanced.config"
    advanced=(RABBITMQ_ADVANCED_CONFIG_FILE="$dir/rabbitmq/advanced.config")
  fi
  chown -R rabbitmq:rabbitmq "$dir/rabbitmq" 2>/dev/null || true
  local node="rf$rabbit_port@localhost"
  echo "$node" >"$dir/rabbitmq/node"
  env RABBITMQ_NODENAME="$node" RABBITMQ_NODE_PORT="$rabbit_port" RABBITMQ_DIST_PORT="$dist_port" \
    RABBITMQ_MNESIA_BASE="$dir/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$dir/rabbitmq/log" \
    RABBITMQ_PID_FILE="$dir/rabbitmq/pid" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/rabbitmq/plugins" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq/rabbitmq.conf" "${advanced[@]}" rabbitmq-server -detached
  for _ in $(seq 1 90); do
    if rabbitmqctl -n "$node" -q await_startup --timeout 60 >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  echo "services.sh: RabbitMQ did not start (see $dir/rabbitmq/log)" >&2
  exit 1
}

# Stops the servers whose pidfiles are given and waits for them to go, so their ports are free again.
# Each PID is read once: Redis removes its pidfile as it exits.
stop_pids() {
  local pids=() pid pidfile
  for pidfile in "$@"; do
    if pid=$(cat "$pidfile" 2>/dev/null); then
      pids+=("$pid")
      kill "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
  rm -f "$@"
}

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
  echo "$redis_port $rabbit_port $dist_port" >"$dir/ports"
  redis_password=${REDIS_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')}
  rabbit_password=${RABBITMQ_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')}
  (umask 077 && printf '%s\n%s\n' "$redis_password" "$rabbit_password" >"$dir/secrets")
  # Whatever goes wrong from here, leave nothing running.
  trap 'status=$?; [ "$status" -eq 0 ] || "$0" stop "$dir"' EXIT
  start_redis
  start_rabbitmq
  echo "Farm__Redis=127.0.0.1:$redis_port,password=$redis_password"
  echo "Farm__RabbitMq=rabbitmq://127.0.0.1:$rabbit_port/"
  echo "Farm__RabbitMqUser=renderfarm"
  echo "Farm__RabbitMqPassword=$rabbit_password"
  ;;
restart)
  read -r redis_port rabbit_port dist_port <"$dir/ports"
  { read -r redis_password; read -r rabbit_password; } <"$dir/secrets"
  case "$which" in
  redis) stop_pids "$dir/redis/redis.pid"; start_redis ;;
  rabbitmq) stop_pids "$dir/rabbitmq/pid"; start_rabbitmq ;;
  *) echo "services.sh restart: redis or rabbitmq, not '$which'" >&2; exit 2 ;;
  esac
  ;;
writes)
  # Redis refusing every write (NOREPLICAS: it wants a replica it does not have) or taking them again.
  read -r redis_port _ <"$dir/ports"
  read -r redis_password <"$dir/secrets"
  replicas=$([ "$which" = refuse ] && echo 1 || echo 0)
  REDISCLI_AUTH="$redis_password" redis-cli -p "$redis_port" config set min-replicas-to-write "$replicas" >/dev/null
  ;;
stop)
  stop_pids "$dir/redis/redis.pid" "$dir/rabbitmq/pid"
  ;;
*)
  echo "usage: services.sh start DIR REDIS_PORT RABBITMQ_PORT | stop DIR" >&2
  exit 2
  ;;
esac
