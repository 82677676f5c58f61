"""The tests' page server: a client that drops its connection ends its request quietly."""
from __future__ import annotations

import socket
import struct
import time
import urllib.request

from tests.pages_server import serve_pages


def test_a_client_resetting_its_connection_prints_no_traceback(capfd):
    with serve_pages({"/a": (b"page", "text/plain")}) as base:
        port = int(base.rsplit(":", 1)[1])
        for _ in range(3):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
            sock.close()
        time.sleep(0.3)
        with urllib.request.urlopen(f"{base}/a", timeout=10) as reply:  # the server still serves
            assert reply.read() == b"page"
    assert "Traceback" not in capfd.readouterr().err
