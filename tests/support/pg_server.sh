#!/bin/sh
# A private PostgreSQL server for tests, on a free loopback port with its
# own socket folder, so that nothing else on the machine is touched.
#
#   pg_server.sh start DIR   initdb's DIR/data, starts the server and prints
#                            its port; also writes DIR/port, DIR/user and
#                            DIR/password (scram-sha-256 login over TCP)
#   pg_server.sh stop DIR    stops it and removes DIR
#
# Without the server binaries, `start` writes DIR/unavailable and exits 0,
# and the tests that need the server skip with that reason.
# initdb refuses to run as root: under root the server runs as `postgres`,
# which gets DIR.
set -eu

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

# GOV_PG_BINDIR names the server binaries; by default the newest Debian
# postgresql-NN package.
bindir=${GOV_PG_BINDIR:-}
if [ -z "$bindir" ]; then
    for candidate in /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/initdb" ] && bindir=$candidate
    done
fi
[ -n "$bindir" ] && [ ! -x "$bindir/initdb" ] && bindir=

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        # runuser keeps no terminal and needs no password.
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ -z "$bindir" ]; then
        echo "PostgreSQL server binaries not found (Debian package postgresql)" > "$dir/unavailable"
        echo "pg_server.sh: no PostgreSQL server binaries, tests that need them will skip" >&2
        exit 0
    fi
    if [ "$(id -u)" = 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            echo "pg_server.sh: running as root needs the user postgres" >&2
            exit 1
        fi
        chown postgres "$dir"
        # The server user must be able to reach DIR through its parents.
        parent=$(dirname "$(readlink -f "$dir")")
        while [ "$parent" != / ]; do
            chmod o+x "$parent" 2>/dev/null || true
            parent=$(dirname "$parent")
        done
    fi

    user=govtest
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" > "$dir/password"
    printf '%s\n' "$user" > "$dir/user"
    chmod 0644 "$dir/password" "$dir/user"
    mkdir -p "$dir/socket"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/socket" "$dir/password"

    as_owner "$bindir/initdb" -D "$dir/data" -U "$user" --pwfile="$dir/password" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }

    # A port taken between the check and the start makes pg_ctl fail; a
    # few tries cover that race.
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=off -c max_connections=200" \
            start > /dev/null; then
            printf '%s\n' "$port" > "$dir/port"
            echo "$port"
            return 0
        fi
    done
    cat "$dir/server.log" >&2
    exit 1
}

stop() {
    if [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null || true
    fi
    rm -rf "$dir"
}

case "$command" in
start) start ;;
stop) stop ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
