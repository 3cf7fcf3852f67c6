# Shared by the bench scripts that drive the published app over HTTP. Source it from the repository root.
# publish_app <out>: sets $app to $APP (an already published app, to compare builds) or publishes ReadyToRun into <out>/app.
# start_app <port> <log> <setting...>: starts $app on 127.0.0.1:<port>, sets $pid, stops it on exit, waits for /healthz.

publish_app() {
  app=${APP:-$1/app}
  if [ -z "${APP:-}" ]; then
    dotnet publish src/Volunteer96345 -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$app" >/dev/null
  fi
}

start_app() {
  local port=$1 log=$2
  shift 2
  dotnet "$app/Volunteer96345.dll" --urls "http://127.0.0.1:$port" "$@" >"$log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; exit 1; fi
    sleep 0.1
  done
}
