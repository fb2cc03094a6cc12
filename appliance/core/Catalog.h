#pragma once

#include "Matter.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace gov {

// Reader of service-matter catalog files (JSON, format 1). The format is
// described in docs/catalog-format.md.
class Catalog {
public:
    // The only format number this version reads.
    static constexpr int kFormat = 1;

    // Parses a catalog file. Reading stops at the first error, which names
    // the file, the matter index and code, and the field. Nothing partial is
    // returned.
    static Result<QList<Matter>> parseFile(const QString &path);

    // Parses catalog JSON from memory. `sourceName` names the input in
    // errors (a file path, or a description such as "sync batch 42").
    static Result<QList<Matter>> parseBytes(const QByteArray &bytes,
                                            const QString &sourceName = QStringLiteral("(memory)"));
};

} // namespace gov
