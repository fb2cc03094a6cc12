#pragma once

#include "Result.h"

#include <QString>

namespace gov {

struct PhoneInfo {
    // Mobile: 11 digits without country code ("13812345678"). Landline: area
    // code, subscriber number and extension joined by "-" ("0311-87654321",
    // "010-87654321-123").
    QString normalized;
    enum Kind { Mobile, Landline } kind = Mobile;
};

// Mainland China phone numbers.
//
// Mobile: 11 digits matching 1[3-9]\d{9}, with an optional +86, 0086 or 86
// prefix; spaces, hyphens and parentheses are ignored.
//
// Landline: area code, subscriber number, optional extension. Area codes are
// 010, 020-029, or 0 followed by three digits whose first is 3-9. The
// subscriber number has 7 or 8 digits and starts with neither 0 nor 1. Parts
// are separated by "-", spaces or parentheses, as in "(0311)87654321", or
// not at all when the area code length follows from its digits. The
// extension follows "-", "转" or "ext" and has 1-6 digits. The 6-digit limit
// is this project's choice. International landline forms (+86 311 …) are
// rejected.
//
// Full-width digits, letters and separators (as Chinese input methods type
// them) are read as their ASCII forms. Errors name the rule and never
// contain the number.
class PhoneNumber {
public:
    static Result<PhoneInfo> validate(const QString &input);
};

} // namespace gov
