#include "CreditCode.h"

#include <QCoreApplication>

#include <array>

namespace gov {

namespace {

constexpr qsizetype kLength = 18;
constexpr char16_t kCharacterSet[] = u"0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kModulus = 31;

constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8, 24, 10, 30, 28};
constexpr std::array<int, 8> kOrgCodeWeights = {3, 7, 9, 10, 5, 8, 4, 2};

// Value of an ASCII character in the code's character set, or -1.
constexpr std::array<int, 128> makeValueTable()
{
    std::array<int, 128> table{};
    for (int &value : table)
        value = -1;
    for (int i = 0; i < kModulus; ++i)
        table[size_t(kCharacterSet[i])] = i;
    return table;
}

constexpr std::array<int, 128> kValues = makeValueTable();

int characterValue(QChar c)
{
    return c.unicode() < 128 ? kValues[c.unicode()] : -1;
}

// GB 11714 values: digits as such, letters A-Z as 10-35.
int orgCodeValue(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'A' && c <= u'Z')
        return c.unicode() - u'A' + 10;
    return -1;
}

QString normalize(const QString &input)
{
    QString code = input.trimmed();
    for (QChar &c : code) {
        if (c >= u'a' && c <= u'z')
            c = QChar(c.unicode() - u'a' + u'A');
    }
    return code;
}

Error lengthError(qsizetype length)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("length: credit code has %1 characters").arg(length),
                     QCoreApplication::translate("gov::CreditCode",
                                                 "The unified social credit code has %1 "
                                                 "characters; it must have 18.")
                         .arg(length));
}

Error characterError(qsizetype position, QChar c)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("characters: credit code has '%1' at position %2").arg(c).arg(position),
                     QCoreApplication::translate("gov::CreditCode",
                                                 "The unified social credit code has the "
                                                 "character \"%1\" at position %2, which is not "
                                                 "allowed. Codes use only digits and the "
                                                 "capital letters A-H, J-N, P-R, T, U and W-Y.")
                         .arg(c)
                         .arg(position));
}

Error divisionDigitError(qsizetype position)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("characters: credit code position %1 is not a digit").arg(position),
                     QCoreApplication::translate("gov::CreditCode",
                                                 "Position %1 of the unified social credit code "
                                                 "is not a digit. Positions 3 to 8 hold the "
                                                 "administrative division code and must be "
                                                 "digits.")
                         .arg(position));
}

} // namespace

Result<CreditCodeInfo> CreditCode::validate(const QString &input)
{
    const QString code = normalize(input);
    if (code.size() != kLength)
        return lengthError(code.size());

    for (qsizetype i = 0; i < kLength; ++i) {
        if (characterValue(code[i]) < 0)
            return characterError(i + 1, code[i]);
    }
    for (qsizetype i = 2; i < 8; ++i) {
        if (code[i] < u'0' || code[i] > u'9')
            return divisionDigitError(i + 1);
    }

    CreditCodeInfo info;
    info.normalized = code;
    info.checkCharacterValid = checkCharacter(QStringView(code).first(17)) == code[17];
    info.orgCodeCheckValid = orgCodeCheckCharacter(QStringView(code).sliced(8, 8)) == code[16];
    if (!info.checkCharacterValid) {
        info.warning = QCoreApplication::translate(
            "gov::CreditCode",
            "The check character (18th character) of the unified social credit code does not "
            "match the first 17 characters. Some codes issued before GB 32100-2015 fail this "
            "check. Compare the code with the business licence or registration certificate; to "
            "accept it, an operator must override the check and record a reason.");
    }
    return info;
}

QChar CreditCode::checkCharacter(QStringView first17)
{
    if (first17.size() != 17)
        return {};

    int sum = 0;
    for (qsizetype i = 0; i < 17; ++i) {
        const int value = characterValue(first17[i]);
        if (value < 0)
            return {};
        sum += value * kWeights[size_t(i)];
    }
    const int check = (kModulus - sum % kModulus) % kModulus;
    return QChar(kCharacterSet[check]);
}

QChar CreditCode::orgCodeCheckCharacter(QStringView first8)
{
    if (first8.size() != 8)
        return {};

    int sum = 0;
    for (qsizetype i = 0; i < 8; ++i) {
        const int value = orgCodeValue(first8[i]);
        if (value < 0)
            return {};
        sum += value * kOrgCodeWeights[size_t(i)];
    }
    const int check = 11 - sum % 11;
    if (check == 10)
        return QChar(u'X');
    if (check == 11)
        return QChar(u'0');
    return QChar(char16_t(u'0' + check));
}

} // namespace gov
