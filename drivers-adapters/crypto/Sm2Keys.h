#pragma once

#include "Result.h"

#include <QByteArray>

namespace gov::crypto {

// Reading and writing SM2 keys (curve sm2p256v1, GB/T 32918.5) in the forms
// that CAs, USB-key tools and GmSSL/OpenSSL use. Every function returns
// the raw form that CryptoProvider takes: a private key as the 32-byte
// scalar d, a public key as the 65-byte uncompressed point 04||x||y.
//
// Every import checks the key: a private scalar must lie in [1, n-2]
// (GB/T 32918.1 excludes n-1 because signing inverts 1+d), and a public
// point must be on the curve. Failures return ErrorCode::InvalidInput with a
// userText that names the problem and the fix but never the key bytes.
class Sm2Keys {
public:
    // Reads an unencrypted PEM private key: PKCS#8 "PRIVATE KEY" or SEC1
    // "EC PRIVATE KEY", on the SM2 curve. When the file also contains the
    // public key, it must match the private scalar.
    static Result<QByteArray> privateKeyFromPem(const QByteArray &pem);

    // Reads a private scalar given as 32 raw bytes or as 64 hexadecimal
    // digits (surrounding whitespace is ignored).
    static Result<QByteArray> privateKeyFromRaw(const QByteArray &key);

    // Reads a PEM SubjectPublicKeyInfo ("PUBLIC KEY") on the SM2 curve.
    static Result<QByteArray> publicKeyFromPem(const QByteArray &pem);

    // Reads a public point given as 65 bytes 04||x||y, 64 bytes x||y, or
    // their 130 or 128 hexadecimal digits (surrounding whitespace is ignored).
    static Result<QByteArray> publicKeyFromRaw(const QByteArray &key);

    // Computes the public point d*G of a 32-byte private scalar.
    static Result<QByteArray> publicKeyOf(const QByteArray &privateKey);

    // Writes a 32-byte private scalar as an unencrypted PKCS#8 PEM
    // ("BEGIN PRIVATE KEY", id-ecPublicKey with the SM2 curve).
    static Result<QByteArray> privateKeyToPem(const QByteArray &privateKey);

    // Writes a public point (65 or 64 bytes) as a PEM SubjectPublicKeyInfo.
    static Result<QByteArray> publicKeyToPem(const QByteArray &publicKey);
};

} // namespace gov::crypto
