"""dkr over TCP with TLS: a loopback TLS endpoint in front of the engine
that demands a client certificate, as ``dockerd --tlsverify`` does."""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import Engine, Runner

OPENSSL = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]


def _make_certificates(folder: Path) -> None:
    """A CA, a server certificate for 127.0.0.1 and a client certificate."""

    def run(*args: str) -> None:
        subprocess.run(args, check=True, capture_output=True, cwd=folder)

    run(*OPENSSL, "-keyout", "ca-key.pem", "-out", "ca.pem", "-subj", "/CN=dkr-ca")
    for name, extra in (("server", "subjectAltName=IP:127.0.0.1"), ("client", "")):
        run(
            "openssl",
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            f"{name}-key.pem",
            "-out",
            f"{name}.csr",
            "-subj",
            f"/CN={name}",
        )
        extension = folder / f"{name}.ext"
        extension.write_text(extra + "\n" if extra else "basicConstraints=CA:FALSE\n")
        run(
            "openssl",
            "x509",
            "-req",
            "-in",
            f"{name}.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-CAcreateserial",
            "-days",
            "2",
            "-out",
            f"{name}.pem",
            "-extfile",
            extension.name,
        )
    (folder / "cert.pem").write_bytes((folder / "client.pem").read_bytes())
    (folder / "key.pem").write_bytes((folder / "client-key.pem").read_bytes())


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
        # A TLS peer gets a plain close: Python cannot half-close TLS.
        how = socket.SHUT_RDWR if isinstance(target, ssl.SSLSocket) else socket.SHUT_WR
        target.shutdown(how)
    except OSError:
        pass


def _serve(listener: socket.socket, context: ssl.SSLContext, path: str) -> None:
    while True:
        try:
            raw, _ = listener.accept()
        except OSError:
            return
        try:
            client = context.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError):
            raw.close()
            continue
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        upstream.connect(path)
        for source, target in ((client, upstream), (upstream, client)):
            threading.Thread(target=_pipe, args=(source, target), daemon=True).start()


@pytest.fixture(scope="module")
def tls_endpoint(engine: Engine, tmp_path_factory: pytest.TempPathFactory):
    """tcp://127.0.0.1:PORT speaking TLS, and the folder of certificates."""
    folder = tmp_path_factory.mktemp("certs")
    _make_certificates(folder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "server.pem", folder / "server-key.pem")
    context.load_verify_locations(folder / "ca.pem")
    context.verify_mode = ssl.CERT_REQUIRED
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    path = urlsplit(engine.host).path
    threading.Thread(target=_serve, args=(listener, context, path), daemon=True).start()
    try:
        yield f"tcp://127.0.0.1:{listener.getsockname()[1]}", folder
    finally:
        listener.close()


def _tls_flags(folder: Path) -> list[str]:
    return [
        "--tlsverify",
        f"--tlscacert={folder / 'ca.pem'}",
        f"--tlscert={folder / 'cert.pem'}",
        f"--tlskey={folder / 'key.pem'}",
    ]


def test_ps_with_tlsverify_flags(dkr: Runner, tls_endpoint) -> None:
    """--tlsverify with the three certificate flags reaches the engine."""
    host, folder = tls_endpoint

    result = dkr(*_tls_flags(folder), "-H", host, "ps", "-a")

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"CONTAINER ID")


def test_run_over_tls_with_environment(
    dkr: Runner, tls_endpoint, pulled_image: str, name: str
) -> None:
    """DOCKER_TLS_VERIFY and DOCKER_CERT_PATH work, and so does the attach
    stream, stdin included, inside TLS."""
    host, folder = tls_endpoint
    env = {
        "DOCKER_HOST": host,
        "DOCKER_TLS_VERIFY": "1",
        "DOCKER_CERT_PATH": str(folder),
    }

    result = dkr(
        "run",
        "--rm",
        "-i",
        "--name",
        name,
        pulled_image,
        "sh",
        "-c",
        "cat; exit 2",
        input=b"secure\n",
        environ=env,
    )

    assert (result.returncode, result.stdout) == (2, b"secure\n"), result.stderr


def test_untrusted_daemon_certificate(dkr: Runner, tls_endpoint, tmp_path) -> None:
    """A daemon certificate from another CA is refused with one clear line."""
    host, folder = tls_endpoint
    other = tmp_path / "other"
    other.mkdir()
    _make_certificates(other)
    flags = _tls_flags(folder)
    flags[1] = f"--tlscacert={other / 'ca.pem'}"

    result = dkr(*flags, "-H", host, "ps")

    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error during connect: TLS handshake failed")


def test_tls_without_verification_is_quiet(dkr: Runner, tls_endpoint) -> None:
    """--tls alone skips checking the daemon, and says nothing about it."""
    host, folder = tls_endpoint
    flags = [
        "--tls",
        f"--tlscert={folder / 'cert.pem'}",
        f"--tlskey={folder / 'key.pem'}",
    ]

    result = dkr(*flags, "-H", host, "ps")

    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
