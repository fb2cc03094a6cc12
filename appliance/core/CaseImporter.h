#pragma once

#include "Result.h"

#include <QList>
#include <QString>

#include <functional>

namespace gov {

class CaseService;

// One rejected row: physical line in the file, the column (header name, empty
// for a row-level problem) and the reason, translated.
struct ImportRowError {
    int line = 0;
    QString column;
    QString reason;
};

struct ImportReport {
    QString encoding;
    int rowsRead = 0;     // data rows, including malformed ones
    int imported = 0;
    int invalid = 0;
    int batches = 0;
    QList<ImportRowError> errors;
};

// Imports CSV exports of other government systems (columns in
// docs/case-import-format.md). Each row is validated like a case entered by
// hand; valid rows are stored in batches, one transaction each, and every
// invalid row is reported. A file that cannot be read or decoded at all
// changes nothing.
class CaseImporter {
public:
    using Progress = std::function<void(int rowsDone, int rowsTotal)>;

    explicit CaseImporter(CaseService &service) : m_service(service) {}

    void setBatchSize(int rows) { m_batchSize = rows; }
    void setProgress(Progress progress) { m_progress = std::move(progress); }

    Result<ImportReport> importFile(const QString &path, const QString &encoding, const QString &actor);

private:
    CaseService &m_service;
    int m_batchSize = 500;
    Progress m_progress;
};

} // namespace gov
