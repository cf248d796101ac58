# Sourced by the bench scripts (compare-vlc.sh, hostile.sh, on-demand.sh): the server under test,
# started in the background with its PID in $server_pid, waited for and stopped the same way by all.

raise_fd_limit() { # one descriptor per player on each side; the hard limit where 200,000 is refused
  if ! ulimit -n 200000 2>/dev/null; then
    ulimit -n "$(ulimit -Hn)"
  fi
}

wait_port() { # PORT: until something listens on 127.0.0.1:PORT; bounded: 60 s
  local p="$1" i
  for i in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $p after 60 s" >&2
  return 1
}

stop_server_pid() { # $server_pid: TERM, up to 10 s, then KILL; then no server
  [ -n "${server_pid:-}" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

stop_server() { # the default: the server process alone (compare-vlc.sh also stops VLC's player user)
  stop_server_pid
}
