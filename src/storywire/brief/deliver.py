"""E-mailing a briefing: one multipart/alternative message (plain text + HTML) over SMTP.

The text part comes first and the HTML part last, so clients that show HTML pick it and the rest
show the text (RFC 2046 order of preference). STARTTLS is used when set; port 465 means TLS from the
start. Failures become one StorywireError line naming the server, never a traceback.
"""
from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..config import Settings
from ..errors import ConfigError, StorywireError
from .model import Briefing
from .render import html, text


class DeliveryError(StorywireError):
    """The SMTP server refused or could not be reached."""


def message(b: Briefing, to: str, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = b.title
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = format_datetime(b.created)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "storywire")
    msg.set_content(text(b))
    msg.add_alternative(html(b), subtype="html")
    return msg


def send(b: Briefing, to: str, settings: Settings, ssl_context: ssl.SSLContext | None = None,
         timeout: float = 30.0) -> None:
    """Send the briefing to ``to`` through settings.smtp_host (raises DeliveryError on failure)."""
    if not settings.smtp_host:
        raise ConfigError("no SMTP server: set smtp_host (and smtp_port, smtp_user, smtp_password) to e-mail briefings")
    if "@" not in to:
        raise ConfigError(f"{to!r} is not an e-mail address")
    msg = message(b, to, settings.smtp_from)
    context = ssl_context or ssl.create_default_context()
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        if settings.smtp_port == 465:
            client: smtplib.SMTP = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=timeout,
                                                    context=context)
        else:
            client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
        with client:
            client.ehlo()
            if settings.smtp_starttls and settings.smtp_port != 465:
                client.starttls(context=context)
                client.ehlo()
            if settings.smtp_user:
                client.login(settings.smtp_user, settings.smtp_password)
            client.send_message(msg)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"SMTP server {where} refused the login for {settings.smtp_user!r}: "
                            f"{exc.smtp_code} {_text(exc.smtp_error)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(f"SMTP server {where}: {exc} (set smtp_starttls = false if it has no TLS)") from None
    except smtplib.SMTPException as exc:
        raise DeliveryError(f"SMTP server {where} did not take the briefing for {to}: {exc}") from None
    except ssl.SSLError as exc:
        raise DeliveryError(f"TLS with SMTP server {where} failed: {exc.reason or exc}") from None
    except OSError as exc:
        raise DeliveryError(f"cannot reach SMTP server {where}: {exc.strerror or exc}") from None


def _text(reply: bytes | str) -> str:
    """An SMTP server's reply as text (smtplib gives bytes)."""
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply
