#pragma once

#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace gov {

// One row of a GB/T 2260 administrative division code list.
struct DivisionEntry {
    QString code;     // 6 ASCII digits
    QString name;     // as the list spells it, e.g. 大名县
    QString revision; // list date as YYYYMM ("201904", "198012"), or a label:
                      // "builtin" (shipped list), "nbs" (NBS statistical CSV),
                      // "local" (plain list without a revision column)
};

// In-memory registry of administrative division codes (GB/T 2260), holding
// current and historical revisions side by side. An ID number keeps the
// address code under which it was issued, so a code abolished decades ago
// (1980's 132121 大名县, today 130425) is still valid as its first six digits.
//
// Depth rule: a code is checked only as deep as the registry can judge. The
// province (first two digits + 0000) must always be known. If the registry
// holds any prefecture-level code of that province, the prefecture (first
// four digits + 00) must be known too. If it holds any county-level code of
// that province, the full code must be known in some revision. The shipped
// list has every province and Hebei's prefectures, so without an imported
// full list a code is checked down to its province (Hebei: its prefecture).
class DivisionCodes {
public:
    // Loads the list compiled in as :/gov/divisions-base.tsv (revision
    // "builtin").
    static Result<DivisionCodes> shipped();

    // Parses a division code list. Accepted forms, UTF-8 with an optional BOM:
    //  (a) MCA/GB2260 TSV with the header "Source\tRevision\tCode\tName";
    //  (b) CSV or TSV with a header whose first two columns are "code,name"
    //      (the NBS export: codes of 2, 4 or 6 digits are padded to 6 digits
    //      with zeros, 9- and 12-digit township and village codes are
    //      skipped, further columns are ignored unless one is "revision");
    //  (c) header-less "code,name[,revision]" or tab-separated lines with
    //      6-digit codes.
    // Names may be double-quoted in (b) and (c). Blank lines and lines that
    // start with '#' are skipped. Rows without a revision get "nbs" in (b) and
    // "local" in (c). A malformed line fails the whole file with an error
    // that names the line number and the fault, so a file is never partially
    // accepted. A file with no division code at all is an error too.
    static Result<QList<DivisionEntry>> parseFile(const QString &path);
    // Same as parseFile; sourceName names the input in error messages.
    static Result<QList<DivisionEntry>> parseBytes(const QByteArray &data,
                                                   const QString &sourceName);

    // Adds entries. An entry with the code and revision of an existing entry
    // replaces its name. Entries whose code is not 6 digits with a province
    // part other than 00 are skipped with a warning in the log.
    void addEntries(const QList<DivisionEntry> &entries);
    QList<DivisionEntry> entries() const { return m_entries; }
    int size() const { return int(m_entries.size()); }

    // Returns the entry of the newest revision that lists the code. Dated
    // revisions (YYYYMM) rank by date and above labels such as "builtin";
    // between two labels the later added wins.
    std::optional<DivisionEntry> find(const QString &code) const;
    // Returns every revision's entry for the code, newest first.
    QList<DivisionEntry> findAll(const QString &code) const;

    // Checks the address code (first six digits) of a citizen ID number by
    // the depth rule. The address codes 810000, 820000 and 830000 of the
    // residence permits for Hong Kong, Macao and Taiwan residents are
    // accepted although 830000 is no division code. Returns the entry of the
    // deepest level that was checked. The error names the unknown level.
    Result<DivisionEntry> checkIdRegion(const QString &sixDigits) const;

    // Checks a division code entered as such (govctl validate division): 6
    // digits, then the depth rule. Unlike checkIdRegion it rejects 830000.
    Result<DivisionEntry> validateCode(const QString &code) const;

private:
    Result<DivisionEntry> checkDepth(int code, const QString &input) const;
    void insertEntry(const DivisionEntry &entry, int code);
    const DivisionEntry *newest(int code) const;

    QList<DivisionEntry> m_entries;
    // Code as an integer -> indexes into m_entries, newest revision first.
    QHash<int, QList<qsizetype>> m_byCode;
    // Indexed by the two-digit province number.
    std::array<bool, 100> m_hasPrefectures{};
    std::array<bool, 100> m_hasCounties{};
};

} // namespace gov
