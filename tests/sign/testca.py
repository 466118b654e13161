"""A throwaway certificate authority for the signing tests (cryptography only): a root,
a signer's certificate, an agency's certificate and a time-stamping certificate, written
as PEM and PKCS#12 files. Nothing leaves the test's temporary folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "mat-khau-thu"


@dataclass(frozen=True)
class Issued:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey
    p12: Path
    pem: Path
    key_pem: Path


def _name(common: str, org: str = "Sở Thử nghiệm") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


class TestCA:
    """Root CA plus leaf certificates issued on demand into ``folder``."""

    __test__ = False

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = _name("CA thử nghiệm vnadmin-docs")
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(self.now)
            .not_valid_after(self.now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        self.root_pem = folder / "root-ca.pem"
        self.root_pem.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, common: str, stem: str, *, timestamping: bool = False) -> Issued:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(self.now)
            .not_valid_after(self.now + dt.timedelta(days=10))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
        )
        if timestamping:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
        else:
            builder = builder.add_extension(
                x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                critical=True,
            )
        cert = builder.sign(self.key, hashes.SHA256())
        p12 = self.folder / f"{stem}.p12"
        p12.write_bytes(
            pkcs12.serialize_key_and_certificates(
                stem.encode(),
                key,
                cert,
                [self.cert],
                serialization.BestAvailableEncryption(PASSWORD.encode()),
            )
        )
        pem = self.folder / f"{stem}.pem"
        pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_pem = self.folder / f"{stem}.key.pem"
        key_pem.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return Issued(cert, key, p12, pem, key_pem)
