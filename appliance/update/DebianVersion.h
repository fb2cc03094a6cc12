#pragma once

#include "Result.h"

#include <QString>

namespace gov::update {

// A Debian package version, [epoch:]upstream_version[-debian_revision], as
// deb-version(7) of dpkg 1.21 defines it, compared the way
// `dpkg --compare-versions` compares. Update bundles carry such a version,
// and rollback protection compares it with the installed package's.
class DebianVersion {
public:
    // Parses `text` strictly: the epoch is a decimal number up to INT_MAX,
    // the upstream version starts with a digit and contains only
    // alphanumerics and . + ~ - : (a hyphen only when a revision follows,
    // which the last hyphen introduces), and the revision contains only
    // alphanumerics and . + ~. Returns InvalidInput naming the problem.
    static Result<DebianVersion> parse(const QString &text);

    int epoch() const { return m_epoch; }
    QString upstream() const { return m_upstream; }
    QString revision() const { return m_revision; }
    QString toString() const { return m_text; }

    // Returns a negative number, zero or a positive number as this version
    // sorts before, equal to or after `other`. The epochs compare as numbers,
    // then the upstream versions and then the revisions with dpkg's
    // algorithm: non-digit runs compare character by character, where "~"
    // sorts before everything (even the end of the string) and letters
    // before other characters, and digit runs compare as numbers. A missing
    // revision equals "0", so 1.0 equals 1.0-0.
    int compare(const DebianVersion &other) const;

    bool operator<(const DebianVersion &other) const { return compare(other) < 0; }
    bool operator==(const DebianVersion &other) const { return compare(other) == 0; }

private:
    DebianVersion() = default;

    static int compareParts(const QString &left, const QString &right);

    int m_epoch = 0;
    QString m_upstream;
    QString m_revision;
    QString m_text;
};

} // namespace gov::update
