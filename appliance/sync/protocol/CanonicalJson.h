#pragma once

#include "ProtocolError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

namespace gov::exchange {

// The canonical byte form of exchange messages: JSON (RFC 8259) in UTF-8
// with no whitespace, object members sorted by their names compared as
// UTF-16 code units, strings escaped minimally, and integers as plain
// decimal numbers. It is the subset of RFC 8785 (JCS) without fractions:
// numbers must be integers within +-(2^53 - 1), which every JSON parser
// reads exactly, so a 64-bit value that may exceed that range travels as a
// string. One value has one canonical form, so a signature over it does not
// depend on the sender's JSON library.
class CanonicalJson {
public:
    // The largest magnitude of a JSON number in a message (2^53 - 1).
    static constexpr qint64 kMaxInteger = (qint64(1) << 53) - 1;

    // Serializes `value`. Fails with MalformedBody for a fraction, a number
    // outside kMaxInteger, or a string with an unpaired surrogate.
    static ProtocolResult<QByteArray> serialize(const QJsonValue &value);
    static ProtocolResult<QByteArray> serialize(const QJsonObject &object);

    // Parses `bytes` as a JSON object that must already be in canonical
    // form. Anything else (whitespace, another member order, a duplicate
    // member, an escape that is not minimal, invalid UTF-8, nesting deeper
    // than kMaxDepth) fails with MalformedBody, so the bytes a signature
    // covers are the bytes that were parsed.
    static ProtocolResult<QJsonObject> parseObject(const QByteArray &bytes);

    static constexpr int kMaxDepth = 32;
};

} // namespace gov::exchange
