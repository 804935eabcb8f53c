"""A webhook receiver for trying `santral simulate` and `santral serve`:
prints every POST (campaign reports, call events, the URL checks, what the
gateway delivers with its Idempotency-Key) and answers 200.

    python3 examples/simulate/webhook_receiver.py [PORT]   # default 9000
"""

import http.server
import sys


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        key = self.headers.get("Idempotency-Key")
        key = f" [Idempotency-Key: {key}]" if key else ""
        print(f"{self.path}{key} {body or '(empty: the URL check)'}", flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
