#!/usr/bin/env python3
"""The servers and clients of the director lab (Scripts/lab/director-lab.sh), one role per run.

  http ADDR PORT NAME    HTTP/1.1 server (keep-alive); every GET answers 200 with body "NAME"
  smtp ADDR PORT NAME    SMTP responder: "220 NAME ESMTP", HELO/EHLO -> 250, QUIT -> 221
  get HOST PORT N        N GETs, each on a new connection; prints each body (or "error: ...")
  greet HOST PORT        prints the NAME of the SMTP greeting, or "none" when nothing greets
  hold HOST PORT FILE    one keep-alive connection, a GET every 0.1 s; appends "ok NAME" or
                         "error: ..." (then exits) to FILE
"""
import http.client
import http.server
import socket
import socketserver
import sys
import time

TIMEOUT = 3


def serve_http(addr, port, name):
    body = (name + "\n").encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer.allow_reuse_address = True
    http.server.ThreadingHTTPServer((addr, port), Handler).serve_forever()


def serve_smtp(addr, port, name):
    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            self.wfile.write(f"220 {name} ESMTP lab\r\n".encode())
            for line in self.rfile:
                verb = line.decode(errors="replace").strip().upper()[:4]
                if verb == "QUIT":
                    self.wfile.write(b"221 bye\r\n")
                    return
                self.wfile.write(f"250 {name}\r\n".encode() if verb in ("HELO", "EHLO") else b"250 ok\r\n")

    socketserver.ThreadingTCPServer.allow_reuse_address = True
    socketserver.ThreadingTCPServer.daemon_threads = True
    socketserver.ThreadingTCPServer((addr, port), Handler).serve_forever()


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
    if role == "http":
        serve_http(args[0], int(args[1]), args[2])
    elif role == "smtp":
        serve_smtp(args[0], int(args[1]), args[2])
    elif role == "get":
        get(args[0], int(args[1]), int(args[2]))
    elif role == "greet":
        greet(args[0], int(args[1]))
    elif role == "hold":
        hold(args[0], int(args[1]), args[2])
    else:
        sys.exit(f"unknown role {role}")


if __name__ == "__main__":
    main(*sys.argv[1:])
