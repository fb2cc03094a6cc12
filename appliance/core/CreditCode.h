#pragma once

#include "Result.h"

#include <QString>
#include <QStringView>

namespace gov {

struct CreditCodeInfo {
    QString normalized;               // 18 characters, upper case
    bool checkCharacterValid = false; // 18th character matches (GB 32100)
    bool orgCodeCheckValid = false;   // 17th character matches (GB 11714)
    QString warning;                  // translated; set when checkCharacterValid is false
};

// Unified social credit codes (统一社会信用代码) of GB 32100-2015. Layout,
// 1-based positions:
//   1      registration authority code (1 机构编制, 5 民政, 9 工商 …)
//   2      organization category code
//   3-8    administrative division code (GB/T 2260), digits
//   9-17   organization code (GB 11714), whose 9th character is its own
//          check character: weights 3 7 9 10 5 8 4 2 over digit values and
//          A=10 … Z=35, check = 11 - sum mod 11, where 10 is X and 11 is 0
//   18     check character over positions 1-17: weights 3^(i-1) mod 31
//          (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28), character
//          values are the index in 0-9 A-H J-N P-R T U W-Y (I, O, Z, S and V
//          are not used), check = 31 - sum mod 31, where 31 is 0
// Positions 1 and 2 are not checked against the code tables.
//
// Hard errors: wrong length, a character outside the set, a non-digit in
// positions 3-8. A wrong 18th character is not: some codes issued before the
// standard fail it, so validate() returns the info with
// checkCharacterValid=false and a warning. The caller must then ask an
// operator to override with a reason and record that in the audit log. A
// wrong 17th character only clears orgCodeCheckValid, without a warning.
//
// The field's declared type decides which validator runs. A citizen ID
// number consists of characters of this set and passes the 18th-character
// check about once in 31 cases, so this class never guesses the type.
class CreditCode {
public:
    // Validates a code after trimming white space and upper-casing letters.
    // Errors name the rule and the position, never the full input, which
    // may be an ID number typed into the wrong field.
    static Result<CreditCodeInfo> validate(const QString &input);

    // Returns the 18th character for 17 characters of the set, or a null
    // QChar if `first17` has another length or a character outside the set.
    static QChar checkCharacter(QStringView first17);

    // Returns the GB 11714 check character for the 8-character body of an
    // organization code (digits and A-Z), or a null QChar.
    static QChar orgCodeCheckCharacter(QStringView first8);
};

} // namespace gov
