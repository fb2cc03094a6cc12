#include "CitizenId.h"

#include <QCoreApplication>

#include <array>

namespace gov {

namespace {

// ISO 7064 MOD 11-2 as GB 11643 writes it: weight of position i (1-based,
// from the left) is 2^(18-i) mod 11, and the check character is looked up
// by the weighted sum mod 11.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::array<char16_t, 11> kCheckCharacters = {u'1', u'0', u'X', u'9', u'8', u'7',
                                                       u'6', u'5', u'4', u'3', u'2'};

constexpr qsizetype kLength = 18;
constexpr qsizetype kLegacyLength = 15;

const QDate kEarliestBirthDate(1900, 1, 1);

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

int digitsValue(QStringView digits)
{
    int value = 0;
    for (QChar c : digits)
        value = value * 10 + (c.unicode() - u'0');
    return value;
}

Error lengthError(const QString &masked, qsizetype length)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("length: citizen ID %1 has %2 characters").arg(masked).arg(length),
                     QCoreApplication::translate("gov::CitizenId",
                                                 "The ID number %1 has %2 characters. A citizen ID "
                                                 "number has 18 characters (or 15 digits in the "
                                                 "old form).")
                         .arg(masked)
                         .arg(length));
}

Error characterError(const QString &masked, qsizetype position)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("characters: citizen ID %1 has an invalid character at position %2")
                         .arg(masked)
                         .arg(position),
                     QCoreApplication::translate("gov::CitizenId",
                                                 "The ID number %1 has an invalid character at "
                                                 "position %2. Only digits are allowed, and X as "
                                                 "the last of 18 characters.")
                         .arg(masked)
                         .arg(position));
}

Error regionError(const QString &masked, const Error &divisionError)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("region: citizen ID %1: %2").arg(masked, divisionError.detail),
                     QCoreApplication::translate("gov::CitizenId",
                                                 "The address code (first 6 digits) of the ID "
                                                 "number %1 failed the division code check. %2")
                         .arg(masked, divisionError.userText));
}

Error birthDateError(const QString &masked, const char *reason, const QString &userReason)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("birth date: citizen ID %1: %2").arg(masked, QLatin1StringView(reason)),
                     userReason);
}

Error checkCharacterError(const QString &masked)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("check character: citizen ID %1 does not match its first 17 digits")
                         .arg(masked),
                     QCoreApplication::translate("gov::CitizenId",
                                                 "The check character (last character) of the ID "
                                                 "number %1 does not match the first 17 digits. "
                                                 "Check the number for typing errors.")
                         .arg(masked));
}

// Returns the 1-based position of the first character that breaks the
// character rule, or 0.
qsizetype invalidCharacterPosition(QStringView id)
{
    const qsizetype digitsEnd = id.size() == kLength ? kLength - 1 : id.size();
    for (qsizetype i = 0; i < digitsEnd; ++i) {
        if (!isDigit(id[i]))
            return i + 1;
    }
    if (id.size() == kLength) {
        const QChar last = id[kLength - 1];
        if (!isDigit(last) && last != u'X' && last != u'x')
            return kLength;
    }
    return 0;
}

std::optional<Error> checkBirthDate(QDate birthDate, QStringView yyyymmdd, QDate today,
                                    const QString &id)
{
    if (birthDate.isValid() && birthDate >= kEarliestBirthDate && birthDate <= today)
        return std::nullopt;

    const QString masked = CitizenId::mask(id);
    const QString displayedDate =
        QStringLiteral("%1-%2-%3").arg(yyyymmdd.sliced(0, 4), yyyymmdd.sliced(4, 2), yyyymmdd.sliced(6, 2));
    if (!birthDate.isValid()) {
        return birthDateError(masked, "no such date",
                              QCoreApplication::translate("gov::CitizenId",
                                                          "The birth date %1 in the ID number %2 "
                                                          "does not exist. Check the number for "
                                                          "typing errors.")
                                  .arg(displayedDate, masked));
    }
    if (birthDate < kEarliestBirthDate) {
        return birthDateError(masked, "before 1900-01-01",
                              QCoreApplication::translate("gov::CitizenId",
                                                          "The birth date %1 in the ID number %2 "
                                                          "is before 1900-01-01. Check the number "
                                                          "for typing errors.")
                                  .arg(displayedDate, masked));
    }
    if (birthDate > today) {
        return birthDateError(masked, "in the future",
                              QCoreApplication::translate("gov::CitizenId",
                                                          "The birth date %1 in the ID number %2 "
                                                          "is in the future. Check the number for "
                                                          "typing errors.")
                                  .arg(displayedDate, masked));
    }
    return std::nullopt;
}

} // namespace

Result<CitizenIdInfo> CitizenId::validate(const QString &input, const DivisionCodes &divisions,
                                          QDate today)
{
    const QString id = input.trimmed();
    const qsizetype length = id.size();
    if (length != kLength && length != kLegacyLength)
        return lengthError(mask(id), length);

    if (const qsizetype position = invalidCharacterPosition(id))
        return characterError(mask(id), position);

    const QString regionCode = id.left(6);
    const Result<DivisionEntry> region = divisions.checkIdRegion(regionCode);
    if (!region)
        return regionError(mask(id), region.error());

    const bool legacy = length == kLegacyLength;
    // The legacy form has YYMMDD at positions 7-12 and always means 19YY.
    const QString birthDigits = legacy ? QStringLiteral("19") + id.sliced(6, 6)
                                       : id.sliced(6, 8);
    const QDate birthDate(digitsValue(QStringView(birthDigits).sliced(0, 4)),
                          digitsValue(QStringView(birthDigits).sliced(4, 2)),
                          digitsValue(QStringView(birthDigits).sliced(6, 2)));
    if (auto error = checkBirthDate(birthDate, birthDigits, today, id))
        return *error;

    QString first17 = legacy ? regionCode + birthDigits + id.sliced(12, 3)
                             : id.left(17);
    const QChar expected = checkCharacter(first17);
    if (!legacy && id[kLength - 1].toUpper() != expected)
        return checkCharacterError(mask(id));

    CitizenIdInfo info;
    info.male = (first17[16].unicode() - u'0') % 2 == 1;
    info.normalized = std::move(first17);
    info.normalized += expected;
    info.birthDate = birthDate;
    info.regionCode = regionCode;
    info.convertedFromLegacy = legacy;
    return info;
}

QChar CitizenId::checkCharacter(QStringView first17)
{
    if (first17.size() != 17)
        return {};

    int sum = 0;
    for (qsizetype i = 0; i < 17; ++i) {
        if (!isDigit(first17[i]))
            return {};
        sum += (first17[i].unicode() - u'0') * kWeights[size_t(i)];
    }
    return QChar(kCheckCharacters[size_t(sum % 11)]);
}

QString CitizenId::mask(const QString &id)
{
    const qsizetype length = id.size();
    if (length == kLength)
        return id.left(6) + QStringLiteral("********") + id.right(4);
    if (length == kLegacyLength)
        return id.left(6) + QStringLiteral("******") + id.right(3);
    if (length <= 6)
        return QString(length, u'*');
    return id.left(3) + QString(length - 3, u'*');
}

} // namespace gov
