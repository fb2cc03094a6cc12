#pragma once

// SM2 keys as OpenSSL EVP_PKEY objects, for the OpenSSL-based code inside
// govcrypto only. Code outside this library uses Sm2Keys, which speaks raw
// bytes and PEM.

#include "Result.h"

#include <QByteArray>

#include <openssl/evp.h>

#include <memory>

namespace gov::crypto::sm2openssl {

struct PkeyFree {
    void operator()(EVP_PKEY *pkey) const { EVP_PKEY_free(pkey); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Raw sizes on the SM2 curve (GB/T 32918.5): the private scalar d and the
// uncompressed point 04||x||y.
constexpr int kPrivateKeySize = 32;
constexpr int kPublicKeySize = 65;

// Builds an "SM2" key pair from the 32-byte private scalar d, computing the
// public point d*G. Returns ErrorCode::InvalidInput unless d is 32 bytes and
// in [1, n-2]: GB/T 32918.1 excludes n-1 because signing inverts 1+d.
Result<PkeyPtr> keyPairFromPrivate(const QByteArray &privateKey);

// Builds an "SM2" public key from 04||x||y or x||y. Returns
// ErrorCode::InvalidInput for another length, a compressed point, the point
// at infinity or a point that is not on the SM2 curve.
Result<PkeyPtr> publicKeyFromPoint(const QByteArray &point);

// A fresh key pair on the SM2 curve.
Result<PkeyPtr> generateKeyPair();

// The 32-byte private scalar of `pkey`, left-padded with zeros.
Result<QByteArray> privateScalar(const EVP_PKEY *pkey);

// The 65-byte uncompressed public point of `pkey`.
Result<QByteArray> publicPoint(const EVP_PKEY *pkey);

} // namespace gov::crypto::sm2openssl
