#!/usr/bin/env python3
"""A local stand-in for chat webhooks, for the notice tests.

Usage: webhook_server.py LOG_FILE FOLDER
Listens on 127.0.0.1 on a free port and writes the port to FOLDER/port (written whole, then renamed).
Every POST is appended to LOG_FILE as one JSON line: {"path", "content_type", "body"}.
/slack answers 200 "ok" (as Slack does), /json answers 200 "{}", /fail answers 500 until a file
named `fixed` exists in FOLDER, then 200 "ok". Anything else is 404.
"""
import http.server
import json
import os
import sys

LOG, FOLDER = sys.argv[1], sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({"path": self.path, "content_type": self.headers.get("Content-Type"), "body": body}) + "\n")
        if self.path == "/fail" and not os.path.exists(os.path.join(FOLDER, "fixed")):
            status, answer = 500, b"down"
        elif self.path in ("/slack", "/fail"):
            status, answer = 200, b"ok"
        elif self.path == "/json":
            status, answer = 200, b"{}"
        else:
            status, answer = 404, b"no such hook"
        self.send_response(status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(FOLDER, "port.tmp"), "w", encoding="utf-8") as port:
    port.write(str(server.server_address[1]))
os.rename(os.path.join(FOLDER, "port.tmp"), os.path.join(FOLDER, "port"))
server.serve_forever()
