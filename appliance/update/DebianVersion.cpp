#include "DebianVersion.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace gov::update {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::update::DebianVersion)
};

Error invalidVersion(const QString &text, const QString &problem)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("invalid Debian version \"%1\": %2").arg(text, problem),
                     Text::tr("\"%1\" is not a valid Debian package version (%2). Use the form "
                              "[epoch:]upstream[-revision], for example 1:2.3.4-1.")
                         .arg(text, problem));
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool isAllowed(QChar c, const char *punctuation)
{
    if (isAsciiDigit(c) || isAsciiLetter(c))
        return true;
    for (const char *p = punctuation; *p; ++p) {
        if (c == QLatin1Char(*p))
            return true;
    }
    return false;
}

// The weight of one character in a non-digit run, following dpkg's order():
// "~" sorts before the end of the string, letters before other characters.
int characterWeight(const QString &text, qsizetype index)
{
    if (index >= text.size())
        return 0;
    const QChar c = text.at(index);
    if (isAsciiDigit(c))
        return 0;
    if (isAsciiLetter(c))
        return c.unicode();
    if (c == QLatin1Char('~'))
        return -1;
    return c.unicode() + 256;
}

bool digitAt(const QString &text, qsizetype index)
{
    return index < text.size() && isAsciiDigit(text.at(index));
}

} // namespace

Result<DebianVersion> DebianVersion::parse(const QString &text)
{
    if (text.isEmpty())
        return invalidVersion(text, QStringLiteral("empty"));
    if (text.trimmed() != text || text.contains(QLatin1Char(' ')))
        return invalidVersion(text, QStringLiteral("contains spaces"));

    DebianVersion version;
    version.m_text = text;
    QString rest = text;

    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        const QString epochText = rest.left(colon);
        bool ok = false;
        const qlonglong epoch = epochText.toLongLong(&ok);
        if (epochText.isEmpty() || !ok || epoch < 0 || epoch > std::numeric_limits<int>::max()
            || !std::all_of(epochText.cbegin(), epochText.cend(), isAsciiDigit))
            return invalidVersion(text, QStringLiteral("the epoch is not a number from 0 to 2147483647"));
        version.m_epoch = int(epoch);
        rest = rest.mid(colon + 1);
    }

    const qsizetype hyphen = rest.lastIndexOf(QLatin1Char('-'));
    if (hyphen >= 0) {
        version.m_revision = rest.mid(hyphen + 1);
        rest = rest.left(hyphen);
        if (version.m_revision.isEmpty())
            return invalidVersion(text, QStringLiteral("the revision after the last hyphen is empty"));
    }
    version.m_upstream = rest;

    if (version.m_upstream.isEmpty())
        return invalidVersion(text, QStringLiteral("the upstream version is empty"));
    if (!isAsciiDigit(version.m_upstream.front()))
        return invalidVersion(text, QStringLiteral("the upstream version does not start with a digit"));
    for (const QChar c : std::as_const(version.m_upstream)) {
        if (!isAllowed(c, ".+~-:"))
            return invalidVersion(text, QStringLiteral("the upstream version contains \"%1\"").arg(c));
    }
    for (const QChar c : std::as_const(version.m_revision)) {
        if (!isAllowed(c, ".+~"))
            return invalidVersion(text, QStringLiteral("the revision contains \"%1\"").arg(c));
    }
    return version;
}

int DebianVersion::compare(const DebianVersion &other) const
{
    if (m_epoch != other.m_epoch)
        return m_epoch < other.m_epoch ? -1 : 1;
    if (const int upstream = compareParts(m_upstream, other.m_upstream); upstream != 0)
        return upstream;
    return compareParts(m_revision, other.m_revision);
}

int DebianVersion::compareParts(const QString &left, const QString &right)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < left.size() || j < right.size()) {
        // A run of non-digits, compared character by character. The shorter
        // run is padded with weight 0, which sorts after "~" and before the rest.
        while ((i < left.size() && !digitAt(left, i)) || (j < right.size() && !digitAt(right, j))) {
            const int leftWeight = characterWeight(left, i);
            const int rightWeight = characterWeight(right, j);
            if (leftWeight != rightWeight)
                return leftWeight - rightWeight;
            ++i;
            ++j;
        }

        // A run of digits, compared as a number of any length: leading zeros
        // are skipped, then a longer run is larger, else the first differing digit decides.
        while (i < left.size() && left.at(i) == QLatin1Char('0'))
            ++i;
        while (j < right.size() && right.at(j) == QLatin1Char('0'))
            ++j;
        int firstDifference = 0;
        while (digitAt(left, i) && digitAt(right, j)) {
            if (firstDifference == 0)
                firstDifference = left.at(i).unicode() - right.at(j).unicode();
            ++i;
            ++j;
        }
        if (digitAt(left, i))
            return 1;
        if (digitAt(right, j))
            return -1;
        if (firstDifference != 0)
            return firstDifference;
    }
    return 0;
}

} // namespace gov::update
