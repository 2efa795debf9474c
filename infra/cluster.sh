#!/usr/bin/env bash
# A local cluster on one machine: a private Redis and RabbitMQ (infra/services.sh) and N RenderFarm.Host
# silos on loopback ports, sharing one media folder. State, logs and PIDs live under DIR.
#
#   infra/cluster.sh start N DIR MEDIA   silo i's API at http://127.0.0.1:$((5180 + i))
#                                        (FARM_WORKERS=K: K renders at once per silo; default one per core)
#                                        the account admin's password in DIR/admin-password (from
#                                        RENDERFARM_ADMIN_PASSWORD, else random) and an API token in DIR/token
#   infra/cluster.sh stop DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
command=${1:?usage: cluster.sh start N DIR MEDIA | stop DIR}

case "$command" in
start)
  count=${2:?N silos}
  dir=${3:?the cluster folder}
  media=${4:?the shared media folder}
  mkdir -p "$dir" "$media"
  dir=$(cd "$dir" && pwd)
  media=$(cd "$media" && pwd)
  host="$root/src/RenderFarm.Host/bin/Release/net10.0/RenderFarm.Host.dll"
  [ -f "$host" ] || dotnet build "$root/src/RenderFarm.Host" -c Release -v quiet -nologo >/dev/null
  mapfile -t settings < <("$here/services.sh" start "$dir/services" 6479 5772)
  (umask 077 && printf '%s\n' "${RENDERFARM_ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')}" >"$dir/admin-password")
  password=$(cat "$dir/admin-password")
  : >"$dir/silos.pid"
  for i in $(seq 1 "$count"); do
    Farm__AdminPassword="$password" env "${settings[@]}" ${FARM_WORKERS:+Farm__Workers=$FARM_WORKERS} Farm__MediaRoot="$media" Farm__Name="silo-$i" Farm__ClusterId=local \
      Farm__SiloPort=$((11200 + i)) ASPNETCORE_URLS="http://127.0.0.1:$((5180 + i))" \
      Logging__LogLevel__Default=Warning nohup dotnet "$host" >"$dir/silo-$i.log" 2>&1 &
    echo $! >>"$dir/silos.pid"
  done
  for i in $(seq 1 "$count"); do
    for _ in $(seq 1 300); do
      curl -sf "http://127.0.0.1:$((5180 + i))/healthz" >/dev/null && break
      sleep 0.2
    done
    echo "silo-$i: http://127.0.0.1:$((5180 + i))"
  done
  # An API token for scripts (the password goes on standard input, not the command line).
  (umask 077 && printf '{"account":"admin","password":"%s","label":"cluster.sh"}' "$password" |
    curl -sf -H 'content-type: application/json' --data-binary @- "http://127.0.0.1:5181/api/signin/token" |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p' >"$dir/token")
  echo "account admin: password in $dir/admin-password; API token in $dir/token (export RENDERFARM_TOKEN=\$(cat $dir/token))"
  ;;
stop)
  dir=${2:?the cluster folder}
  if [ -f "$dir/silos.pid" ]; then
    mapfile -t pids <"$dir/silos.pid"
    # SIGTERM: each silo lets its renders finish (Farm:ShutdownGraceSeconds, 60 s by default) and leaves
    # the cluster in good order; one still there after two minutes is killed.
    kill "${pids[@]}" 2>/dev/null || true
    for pid in "${pids[@]}"; do
      for _ in $(seq 1 1200); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    done
    rm -f "$dir/silos.pid"
  fi
  "$here/services.sh" stop "$dir/services"
  ;;
*)
  echo "usage: cluster.sh start N DIR MEDIA | stop DIR" >&2
  exit 2
  ;;
esac
