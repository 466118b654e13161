"""Signing with a PKCS#11 token: SoftHSM2 (Debian package softhsm2) stands in for the USB
token, with a key and certificate of the test CA put on it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import SIGNATURE_PNG
from testca import TestCA

from vnadmin_docs import api
from vnadmin_docs.sign import Pkcs11Key

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
PIN = "123456"


def _der_integer(value: int) -> bytes:
    body = value.to_bytes((value.bit_length() + 8) // 8, "big")
    return b"\x02" + bytes([len(body)]) + body


@pytest.fixture
def token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ca: TestCA) -> Pkcs11Key:
    if not MODULE.is_file():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("softhsm2 is not installed: CI must install it (make setup)")
        pytest.skip("softhsm2 is not installed")
    pkcs11 = pytest.importorskip("pkcs11")
    store = tmp_path / "tokens"
    store.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {store}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            "token-thu",
            "--so-pin",
            "0000",
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
    )
    issued = ca.issue("Người ký bằng token", "token")
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(issued.key_pem),
            "--token",
            "token-thu",
            "--label",
            "ky-so",
            "--id",
            "01",
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
    )
    from cryptography.hazmat.primitives import serialization

    lib = pkcs11.lib(str(MODULE))
    tok = lib.get_token(token_label="token-thu")
    with tok.open(user_pin=PIN, rw=True) as session:
        session.create_object(
            {
                pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                pkcs11.Attribute.TOKEN: True,
                pkcs11.Attribute.LABEL: "ky-so",
                pkcs11.Attribute.ID: b"\x01",
                pkcs11.Attribute.VALUE: issued.cert.public_bytes(serialization.Encoding.DER),
                pkcs11.Attribute.SUBJECT: issued.cert.subject.public_bytes(),
                pkcs11.Attribute.ISSUER: issued.cert.issuer.public_bytes(),
                pkcs11.Attribute.SERIAL_NUMBER: _der_integer(issued.cert.serial_number),
            }
        )
    return Pkcs11Key(MODULE, "token-thu", PIN, "ky-so")


def test_sign_with_a_pkcs11_token(
    token: Pkcs11Key, signed_set: dict[str, Path], tmp_path: Path
) -> None:
    out, _ = api.sign(
        signed_set["ready"], tmp_path / "token.pdf", role="signer", key=token, image=SIGNATURE_PNG
    )
    [report] = api.verify(out, [signed_set["root"]])
    assert report.ok and "Người ký bằng token" in report.signer
