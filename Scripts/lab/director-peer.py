#!/usr/bin/env python3
"""The clients of the director lab (Scripts/lab/director-lab.sh), one role per run; the
servers are real apache2, postfix and named in lab nodes.

  get HOST PORT N        N GETs, each on a new connection; prints each body (or "error: ...")
  greet HOST PORT        prints the NAME of the SMTP greeting, or "none" when nothing greets
  hold HOST PORT FILE    one keep-alive connection, a GET every 0.1 s; appends "ok NAME" or
                         "error: ..." (then exits) to FILE
"""
import http.client
import socket
import sys
import time

TIMEOUT = 3


def get_once(connection):
    connection.request("GET", "/")
    return connection.getresponse().read().decode().strip()


def get(host, port, count):
    for _ in range(count):
        connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        try:
            print(get_once(connection))
        except OSError as error:
            print(f"error: {error}")
        finally:
            connection.close()


def greet(host, port):
    try:
        with socket.create_connection((host, port), timeout=TIMEOUT) as connection:
            line = connection.makefile("rb").readline().decode(errors="replace")
    except OSError:
        line = ""
    words = line.split()
    print(words[1] if len(words) > 1 and words[0] == "220" else "none")


def hold(host, port, path):
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    connection.connect()
    connection.auto_open = 0  # never reconnect: every line is from the first connection
    with open(path, "a", buffering=1) as out:
        while True:
            try:
                out.write(f"ok {get_once(connection)}\n")
            except (OSError, http.client.HTTPException) as error:
                out.write(f"error: {error!r}\n")
                return
            time.sleep(0.1)


def main(role, *args):
    if role == "get":
        get(args[0], int(args[1]), int(args[2]))
    elif role == "greet":
        greet(args[0], int(args[1]))
    elif role == "hold":
        hold(args[0], int(args[1]), args[2])
    else:
        sys.exit(f"unknown role {role}")


if __name__ == "__main__":
    main(*sys.argv[1:])
