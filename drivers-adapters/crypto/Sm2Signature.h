#pragma once

#include "Result.h"

#include <QByteArray>

namespace gov::crypto {

// Conversion between the two encodings of an SM2 signature (r, s): the DER
// SEQUENCE { INTEGER r, INTEGER s } of GM/T 0009, which OpenSSL and
// certificates use, and the 64-byte r||s (each left-padded to 32 bytes) that
// GmSSL-style tools and USB keys emit.
class Sm2Signature {
public:
    // Converts strict DER to r||s. Returns ErrorCode::InvalidInput for
    // anything but one minimal DER encoding: trailing bytes, non-minimal
    // integers or lengths, and negative or zero values are rejected, as are
    // values longer than 32 bytes.
    static Result<QByteArray> derToRaw(const QByteArray &der);

    // Converts a 64-byte r||s to DER. Returns ErrorCode::InvalidInput for
    // another length or for r or s equal to zero.
    static Result<QByteArray> rawToDer(const QByteArray &raw);

    // True when `signature` is one strict DER encoding as derToRaw accepts.
    static bool isStrictDer(const QByteArray &signature);
};

} // namespace gov::crypto
