#!/bin/sh
# Stops and starts again a server that pg_server.sh set up, on the same
# port and socket folder, so that tests can take the database away under
# a live connection and bring it back.
#
#   pg_control.sh stop DIR    fast shutdown: open sessions are ended and
#                             their transactions rolled back
#   pg_control.sh start DIR   starts it again and waits until it accepts
#                             connections
set -eu

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ] || [ ! -f "$dir/port" ]; then
    echo "usage: $0 stop|start DIR (a folder made by pg_server.sh start)" >&2
    exit 2
fi

bindir=${GOV_PG_BINDIR:-}
if [ -z "$bindir" ]; then
    for candidate in /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/pg_ctl" ] && bindir=$candidate
    done
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port=$(cat "$dir/port")
case "$command" in
stop)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null
    ;;
start)
    # The same options as pg_server.sh start.
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=off -c max_connections=200" \
        start > /dev/null
    ;;
*)
    echo "usage: $0 stop|start DIR" >&2
    exit 2
    ;;
esac
