#pragma once

#include "DivisionCodes.h"
#include "Result.h"

#include <QDate>
#include <QString>
#include <QStringView>

namespace gov {

struct CitizenIdInfo {
    QString normalized;       // 18 characters, check character upper case
    QDate birthDate;
    bool male = false;        // the sequence code is odd for men (GB 11643)
    QString regionCode;       // the address code: first 6 digits
    bool convertedFromLegacy = false; // input was the 15-digit form
};

// Citizen ID numbers (公民身份号码) of GB 11643-1999: a 6-digit address code
// (GB/T 2260), the birth date as YYYYMMDD, a 3-digit sequence code (odd for
// men) and an ISO 7064 MOD 11-2 check character (0-9 or X). The legacy
// 15-digit form has YYMMDD for 19YY and no check character.
//
// The field's declared ID type decides that this validator runs. An ID number
// can pass the unified social credit code check too (see CreditCode), so no
// caller may guess the type from a checksum.
class CitizenId {
public:
    // Validates an ID number after trimming surrounding white space. A lower
    // case x is accepted as the check character and stored as X. A 15-digit
    // number is converted to 18 characters ("19" inserted, check character
    // computed). The birth date must exist, lie between 1900-01-01 and
    // `today` (a valid date), and the address code must pass
    // DivisionCodes::checkIdRegion.
    // Rules run in this order: length, characters, region, birth date, check
    // character. The error's detail starts with the rule ("length:",
    // "characters:", "region:", "birth date:", "check character:") and
    // userText names it; neither contains the full number, only mask().
    static Result<CitizenIdInfo> validate(const QString &input, const DivisionCodes &divisions,
                                          QDate today);

    // Returns the MOD 11-2 check character for 17 digits, or a null QChar if
    // `first17` is not 17 ASCII digits.
    static QChar checkCharacter(QStringView first17);

    // Returns a form for logs and messages that hides the birth date.
    // 18 characters: first 6, "********", last 4 (130102********123X).
    // 15 characters: first 6, "******", last 3.
    // Any other length (a mistyped number): first 3 kept and the rest
    // starred, or everything starred when 6 characters or fewer.
    static QString mask(const QString &id);
};

} // namespace gov
