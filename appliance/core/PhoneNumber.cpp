#include "PhoneNumber.h"

#include <QCoreApplication>
#include <QVarLengthArray>

namespace gov {

namespace {

constexpr qsizetype kMobileLength = 11;
constexpr qsizetype kMaxExtensionLength = 6;

using Groups = QVarLengthArray<QStringView, 4>;

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isDigits(QStringView text, qsizetype minLength, qsizetype maxLength)
{
    if (text.size() < minLength || text.size() > maxLength)
        return false;
    for (QChar c : text) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

// Maps full-width forms (U+FF01-U+FF5E) and the ideographic space to ASCII.
QString toHalfWidth(const QString &input)
{
    QString text = input;
    for (QChar &c : text) {
        if (c.unicode() >= 0xFF01 && c.unicode() <= 0xFF5E)
            c = QChar(char16_t(c.unicode() - 0xFEE0));
        else if (c.unicode() == 0x3000)
            c = QChar(u' ');
    }
    return text;
}

Error phoneError(const char *rule, const QString &userText)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("phone: %1").arg(QLatin1StringView(rule)),
                     userText);
}

Error areaCodeError()
{
    return phoneError("area code",
                      QCoreApplication::translate("gov::PhoneNumber",
                                                  "The area code of the landline number is "
                                                  "invalid. Area codes are 010, 020 to 029, or "
                                                  "four digits starting with 03 to 09."));
}

Error extensionError()
{
    return phoneError("extension",
                      QCoreApplication::translate("gov::PhoneNumber",
                                                  "The extension must have 1 to 6 digits."));
}

// 010 and 02x are the three-digit area codes; all others have four digits.
qsizetype areaCodeLength(QStringView digits)
{
    if (digits.startsWith(u"010") || digits.startsWith(u"02"))
        return 3;
    return 4;
}

bool isValidAreaCode(QStringView area)
{
    if (area.size() == 3)
        return area == u"010" || (area[0] == u'0' && area[1] == u'2' && isDigit(area[2]));
    if (area.size() == 4)
        return area[0] == u'0' && area[1] >= u'3' && area[1] <= u'9' && isDigit(area[2]) && isDigit(area[3]);
    return false;
}

// Splits off an extension written as "转123" or "ext123" / "ext. 123".
// Returns false if a marker is present but no valid extension follows it.
bool splitExtension(QStringView text, QStringView &main, QStringView &extension)
{
    qsizetype marker = text.indexOf(u'转');
    qsizetype markerLength = 1;
    if (marker < 0) {
        marker = text.indexOf(u"ext", 0, Qt::CaseInsensitive);
        markerLength = 3;
    }
    if (marker < 0) {
        main = text;
        return true;
    }

    extension = text.sliced(marker + markerLength).trimmed();
    while (!extension.isEmpty() && (extension.front() == u'.' || extension.front() == u':'))
        extension = extension.sliced(1).trimmed();

    main = text.first(marker).trimmed();
    while (!main.isEmpty() && main.back() == u'-')
        main = main.chopped(1).trimmed();

    return isDigits(extension, 1, kMaxExtensionLength);
}

Result<PhoneInfo> validateMobile(QStringView national, bool hasExtension)
{
    if (hasExtension) {
        return phoneError("mobile extension",
                          QCoreApplication::translate("gov::PhoneNumber",
                                                      "A mobile number has no extension."));
    }
    if (national.size() != kMobileLength) {
        return phoneError("mobile length",
                          QCoreApplication::translate("gov::PhoneNumber",
                                                      "A mobile number has 11 digits; this one has "
                                                      "%1.")
                              .arg(national.size()));
    }
    if (national[1] < u'3' || national[1] > u'9') {
        return phoneError("mobile prefix",
                          QCoreApplication::translate("gov::PhoneNumber",
                                                      "A mobile number starts with 13 to 19."));
    }
    return PhoneInfo{national.toString(), PhoneInfo::Mobile};
}

Result<PhoneInfo> validateLandline(const Groups &groups, QStringView markedExtension)
{
    QStringView area;
    QStringView subscriber;
    QStringView extension = markedExtension;

    // Area code and subscriber number written without a separator: one
    // group, or a first group long enough for both (3 + 7 digits at least)
    // followed by an extension.
    const bool joined = groups.size() == 1
        || (groups.size() == 2 && groups[0].size() >= 10 && extension.isEmpty());
    if (joined) {
        const QStringView digits = groups[0];
        const qsizetype areaLength = qMin(areaCodeLength(digits), digits.size());
        area = digits.first(areaLength);
        subscriber = digits.sliced(areaLength);
        if (groups.size() == 2)
            extension = groups[1];
    } else if (groups.size() == 2) {
        area = groups[0];
        subscriber = groups[1];
    } else if (groups.size() == 3 && extension.isEmpty()) {
        area = groups[0];
        subscriber = groups[1];
        extension = groups[2];
    } else {
        return phoneError("format",
                          QCoreApplication::translate("gov::PhoneNumber",
                                                      "The landline number has too many parts. "
                                                      "Write it as area code, number and an "
                                                      "optional extension, for example "
                                                      "0311-87654321-123."));
    }

    if (!isValidAreaCode(area))
        return areaCodeError();
    if (!isDigits(subscriber, 7, 8) || subscriber[0] == u'0' || subscriber[0] == u'1') {
        return phoneError("subscriber",
                          QCoreApplication::translate("gov::PhoneNumber",
                                                      "The landline number after the area code "
                                                      "must have 7 or 8 digits and must not start "
                                                      "with 0 or 1."));
    }
    if (!extension.isEmpty() && !isDigits(extension, 1, kMaxExtensionLength))
        return extensionError();

    QString normalized = area.toString() + u'-' + subscriber.toString();
    if (!extension.isEmpty())
        normalized += u'-' + extension.toString();
    return PhoneInfo{normalized, PhoneInfo::Landline};
}

} // namespace

Result<PhoneInfo> PhoneNumber::validate(const QString &input)
{
    const QString text = toHalfWidth(input).trimmed();
    if (text.isEmpty()) {
        return phoneError("empty",
                          QCoreApplication::translate("gov::PhoneNumber", "The phone number is empty."));
    }

    QStringView main;
    QStringView extension;
    if (!splitExtension(text, main, extension))
        return extensionError();

    // Digit groups between separators; a leading "+" marks a country code.
    Groups groups;
    bool international = false;
    qsizetype groupStart = -1;
    for (qsizetype i = 0; i <= main.size(); ++i) {
        const QChar c = i < main.size() ? main[i] : QChar(u' ');
        if (isDigit(c)) {
            if (groupStart < 0)
                groupStart = i;
            continue;
        }
        if (groupStart >= 0) {
            groups.append(main.sliced(groupStart, i - groupStart));
            groupStart = -1;
        }
        if (c == u'+' && i == 0) {
            international = true;
            continue;
        }
        if (c != u'-' && c != u' ' && c != u'(' && c != u')') {
            return phoneError("characters",
                              QCoreApplication::translate("gov::PhoneNumber",
                                                          "The phone number contains \"%1\", which "
                                                          "is not allowed. Use digits, with \"-\", "
                                                          "spaces or parentheses as separators.")
                                  .arg(c));
        }
    }
    if (groups.isEmpty()) {
        return phoneError("empty",
                          QCoreApplication::translate("gov::PhoneNumber", "The phone number is empty."));
    }

    QString digits;
    for (QStringView group : groups)
        digits += group;

    // Country code: +86, 0086, or a bare 86 in front of 11 mobile digits.
    QStringView national = digits;
    bool hadCountryCode = true;
    if (international) {
        if (!national.startsWith(u"86")) {
            return phoneError("country code",
                              QCoreApplication::translate("gov::PhoneNumber",
                                                          "Only the country code +86 (China) is "
                                                          "accepted."));
        }
        national = national.sliced(2);
    } else if (national.startsWith(u"0086")) {
        national = national.sliced(4);
    } else if (national.size() == kMobileLength + 2 && national.startsWith(u"861")) {
        national = national.sliced(2);
    } else {
        hadCountryCode = false;
    }

    // After a country code, 10 is Beijing's area code without its 0: no
    // mobile number starts with 10.
    if (national.startsWith(u'1') && !(hadCountryCode && national.startsWith(u"10")))
        return validateMobile(national, !extension.isEmpty());

    if (hadCountryCode) {
        return phoneError("country code",
                          QCoreApplication::translate("gov::PhoneNumber",
                                                      "Write a landline number with its area code "
                                                      "starting with 0, without the country code "
                                                      "+86."));
    }
    if (!national.startsWith(u'0')) {
        return phoneError("kind",
                          QCoreApplication::translate("gov::PhoneNumber",
                                                      "A phone number must be a mobile number (11 "
                                                      "digits starting with 1) or a landline number "
                                                      "that starts with its area code (0…)."));
    }
    return validateLandline(groups, extension);
}

} // namespace gov
