"""A local RFC 3161 time-stamping server for the tests: pyHanko's DummyTimeStamper (its
testing helper) behind http.server on 127.0.0.1, with a certificate of the test CA."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

from asn1crypto import tsp
from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
from pyhanko.sign.timestamps import DummyTimeStamper
from testca import TestCA


@contextmanager
def tsa_server(ca: TestCA) -> Iterator[str]:
    issued = ca.issue("TSA thử nghiệm", "tsa", timestamping=True)
    stamper = DummyTimeStamper(
        tsa_cert=load_cert_from_pemder(str(issued.pem)),
        tsa_key=load_private_key_from_pemder(str(issued.key_pem), passphrase=None),
        certs_to_embed=[load_cert_from_pemder(str(ca.root_pem))],
    )
    served: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            served.append(len(answer))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
        assert served, "the timestamp server was never asked"
