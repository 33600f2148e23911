"""TLS settings for a TCP daemon (docker's --tls and --tlsverify)."""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass


@dataclass(frozen=True)
class TLSConfig:
    """Certificates to show and to trust. ``verify`` checks the daemon's
    certificate against ``ca_cert`` (or the system's authorities)."""

    verify: bool = True
    ca_cert: str | None = None
    client_cert: str | None = None
    client_key: str | None = None

    def ssl_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(
            cafile=self.ca_cert if self.verify else None
        )
        if not self.verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        if self.client_cert and self.client_key:
            context.load_cert_chain(self.client_cert, self.client_key)
        return context

    def missing_file(self) -> str | None:
        """The first certificate or key file named that does not exist."""
        for path in (self.ca_cert, self.client_cert, self.client_key):
            if path and not os.path.isfile(path):
                return path
        return None

    def requests_verify(self) -> bool | str:
        """What requests' ``verify`` takes: a CA file, True, or False."""
        if not self.verify:
            return False
        return self.ca_cert or True

    def requests_cert(self) -> tuple[str, str] | None:
        if self.client_cert and self.client_key:
            return self.client_cert, self.client_key
        return None
