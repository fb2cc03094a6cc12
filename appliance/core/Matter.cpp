#include "Matter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace gov {

namespace {

struct TypeEntry {
    MatterType type;
    const char *key;
};

// Catalog files and the cache store these keys, so they must not change.
constexpr TypeEntry kTypeKeys[] = {
    {MatterType::AdministrativeLicense, "license"},
    {MatterType::AdministrativeConfirmation, "confirmation"},
    {MatterType::AdministrativeBenefit, "benefit"},
    {MatterType::AdministrativeRuling, "ruling"},
    {MatterType::AdministrativeRecord, "record"},
    {MatterType::PublicService, "public_service"},
    {MatterType::Other, "other"},
};

QString allTypeKeys()
{
    QStringList keys;
    for (const TypeEntry &entry : kTypeKeys)
        keys << QString::fromLatin1(entry.key);
    return keys.join(QStringLiteral(", "));
}

// Keys of one matter object in catalog format 1. "note" and "limitBasis" are
// remarks for the people who maintain the catalog. They are checked for type
// but not kept in Matter.
const QSet<QString> &knownMatterKeys()
{
    static const QSet<QString> keys = {
        QStringLiteral("code"),         QStringLiteral("name"),
        QStringLiteral("type"),         QStringLiteral("agency"),
        QStringLiteral("divisionCode"), QStringLiteral("statutoryLimitDays"),
        QStringLiteral("promisedLimitDays"), QStringLiteral("feeFen"),
        QStringLiteral("legalBasis"),   QStringLiteral("materials"),
        QStringLiteral("note"),         QStringLiteral("limitBasis"),
    };
    return keys;
}

const QSet<QString> &knownMaterialKeys()
{
    static const QSet<QString> keys = {
        QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("required"),
        QStringLiteral("copies"), QStringLiteral("form"),
    };
    return keys;
}

// Material forms that Material.h documents: original, photocopy, electronic.
const QStringList &knownMaterialForms()
{
    static const QStringList forms = {
        QStringLiteral("原件"), QStringLiteral("复印件"), QStringLiteral("电子件"),
    };
    return forms;
}

// Matter codes are compared and printed as plain ASCII, so that a national
// 事项编码, a 12-digit power code or our own "HE-XK-001" form all fit.
bool isValidMatterCode(const QString &code)
{
    if (code.isEmpty() || code.size() > 64)
        return false;

    return std::all_of(code.cbegin(), code.cend(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z')
               || c == u'-' || c == u'_' || c == u'.';
    });
}

// Six ASCII digits, not starting with "00" (no GB/T 2260 province has that prefix).
bool isValidDivisionCode(const QString &code)
{
    if (code.size() != 6 || code.startsWith(QStringLiteral("00")))
        return false;

    return std::all_of(code.cbegin(), code.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// A value from the catalog file as errors quote it: at most 64 characters,
// with control characters replaced, so that a huge or multi-line value
// cannot flood the message or the log.
QString excerpt(const QString &value)
{
    constexpr qsizetype kMaxQuoted = 64;
    QString text = value.size() > kMaxQuoted ? value.left(kMaxQuoted) + QStringLiteral("…") : value;
    for (QChar &c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            c = QChar::ReplacementCharacter;
    }
    return text;
}

// The matter's code for logs, with a placeholder when the code is missing.
QString matterLabel(const QString &code)
{
    return code.isEmpty() ? QStringLiteral("(no code)") : code;
}

// The same for user text, translated.
QString userLabel(const QString &code)
{
    return code.isEmpty() ? QCoreApplication::translate("gov::Matter", "(no code)") : code;
}

Error fieldError(const QString &matterCode, const QString &field, const QString &developerText,
                 const QString &userText)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("matter %1, field %2: %3")
                         .arg(matterLabel(matterCode), field, developerText),
                     userText);
}

Error missingField(const QString &matterCode, const QString &field)
{
    return fieldError(matterCode, field, QStringLiteral("missing or empty"),
                      QCoreApplication::translate("gov::Matter", "Matter %1: the field \"%2\" is missing or empty. Enter a value in the catalog file.")
                          .arg(userLabel(matterCode), field));
}

enum class JsonKind { String, Number, Bool, Array, Object };

// The JSON type name for the log and the translated one for the user.
std::pair<QString, QString> jsonKindNames(JsonKind kind)
{
    switch (kind) {
    case JsonKind::String:
        return {QStringLiteral("string"), QCoreApplication::translate("gov::Matter", "text")};
    case JsonKind::Number:
        return {QStringLiteral("number"), QCoreApplication::translate("gov::Matter", "a number")};
    case JsonKind::Bool:
        return {QStringLiteral("bool"), QCoreApplication::translate("gov::Matter", "true or false")};
    case JsonKind::Array:
        return {QStringLiteral("array"), QCoreApplication::translate("gov::Matter", "a list")};
    case JsonKind::Object:
        break;
    }
    return {QStringLiteral("object"), QCoreApplication::translate("gov::Matter", "an object")};
}

Error wrongType(const QString &matterCode, const QString &field, JsonKind expected)
{
    const auto [developerName, userName] = jsonKindNames(expected);
    return fieldError(matterCode, field, QStringLiteral("expected %1").arg(developerName),
                      QCoreApplication::translate("gov::Matter", "Matter %1: the field \"%2\" has a value of the wrong type (expected: %3). Correct it in the catalog file.")
                          .arg(userLabel(matterCode), field, userName));
}

// Reads an optional string field. An absent field yields an empty string.
// `field` names the value in errors and is also the JSON key unless `key` is given.
Result<QString> readString(const QJsonObject &object, const QString &matterCode, const QString &field,
                           const QString &key = {})
{
    const QJsonValue value = object.value(key.isEmpty() ? field : key);
    if (value.isUndefined())
        return QString();
    if (!value.isString())
        return wrongType(matterCode, field, JsonKind::String);
    return value.toString().trimmed();
}

Result<QString> readRequiredString(const QJsonObject &object, const QString &matterCode,
                                   const QString &field, const QString &key = {})
{
    Result<QString> text = readString(object, matterCode, field, key);
    if (!text)
        return text.error();
    if (text->isEmpty())
        return missingField(matterCode, field);
    return text;
}

// Reads a whole number. JSON numbers are doubles, so a fraction or a value
// beyond `maximum` is rejected instead of being truncated.
Result<qint64> readInteger(const QJsonObject &object, const QString &matterCode, const QString &field,
                           qint64 maximum, const QString &key = {})
{
    const QJsonValue value = object.value(key.isEmpty() ? field : key);
    if (value.isUndefined())
        return missingField(matterCode, field);
    if (!value.isDouble())
        return wrongType(matterCode, field, JsonKind::Number);

    const double number = value.toDouble();
    if (std::floor(number) != number || std::fabs(number) > double(maximum)) {
        return fieldError(matterCode, field, QStringLiteral("not a whole number in range: %1").arg(number),
                          QCoreApplication::translate("gov::Matter", "Matter %1: the field \"%2\" must be a whole number, but it is %3. Correct it in the catalog file.")
                              .arg(userLabel(matterCode), field, QString::number(number)));
    }
    return qint64(number);
}

Error negativeValue(const QString &matterCode, const QString &field, qint64 value)
{
    return fieldError(matterCode, field, QStringLiteral("negative: %1").arg(value),
                      QCoreApplication::translate("gov::Matter", "Matter %1: the field \"%2\" must be 0 or more, but it is %3. Correct it in the catalog file.")
                          .arg(userLabel(matterCode), field, QString::number(value)));
}

Status checkKnownKeys(const QJsonObject &object, const QSet<QString> &known, const QString &matterCode,
                      const QString &prefix)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (known.contains(it.key()))
            continue;
        const QString field = prefix + excerpt(it.key());
        return fieldError(matterCode, field, QStringLiteral("unknown field"),
                          QCoreApplication::translate("gov::Matter", "Matter %1: the field \"%2\" is not part of the catalog format. Check its spelling or remove it.")
                              .arg(userLabel(matterCode), field));
    }
    return {};
}

QJsonObject materialToJson(const MaterialRequirement &material)
{
    QJsonObject object;
    object.insert(QStringLiteral("code"), material.code);
    object.insert(QStringLiteral("name"), material.name);
    object.insert(QStringLiteral("required"), material.required);
    object.insert(QStringLiteral("copies"), material.copies);
    object.insert(QStringLiteral("form"), material.form);
    return object;
}

// Parses materials[index]. Field names in errors read "materials[2].name".
Result<MaterialRequirement> materialFromJson(const QJsonValue &value, const QString &matterCode,
                                             qsizetype index)
{
    const QString prefix = QStringLiteral("materials[%1].").arg(index);
    if (!value.isObject())
        return wrongType(matterCode, QStringLiteral("materials[%1]").arg(index), JsonKind::Object);

    const QJsonObject object = value.toObject();
    if (Status keys = checkKnownKeys(object, knownMaterialKeys(), matterCode, prefix); !keys)
        return keys.error();

    MaterialRequirement material;

    Result<QString> code = readRequiredString(object, matterCode, prefix + QStringLiteral("code"), QStringLiteral("code"));
    if (!code)
        return code.error();
    material.code = *code;

    Result<QString> name = readRequiredString(object, matterCode, prefix + QStringLiteral("name"), QStringLiteral("name"));
    if (!name)
        return name.error();
    material.name = *name;

    const QJsonValue required = object.value(QStringLiteral("required"));
    if (!required.isUndefined() && !required.isBool())
        return wrongType(matterCode, prefix + QStringLiteral("required"), JsonKind::Bool);
    material.required = required.toBool(true);

    if (object.contains(QStringLiteral("copies"))) {
        Result<qint64> copies = readInteger(object, matterCode, prefix + QStringLiteral("copies"), 1000, QStringLiteral("copies"));
        if (!copies)
            return copies.error();
        if (*copies < 1) {
            return fieldError(matterCode, prefix + QStringLiteral("copies"),
                              QStringLiteral("less than 1: %1").arg(*copies),
                              QCoreApplication::translate("gov::Matter", "Matter %1: the field \"%2\" must be at least 1, but it is %3. Correct it in the catalog file.")
                                  .arg(userLabel(matterCode), prefix + QStringLiteral("copies"),
                                       QString::number(*copies)));
        }
        material.copies = int(*copies);
    }

    Result<QString> form = readRequiredString(object, matterCode, prefix + QStringLiteral("form"), QStringLiteral("form"));
    if (!form)
        return form.error();
    if (!knownMaterialForms().contains(*form)) {
        return fieldError(matterCode, prefix + QStringLiteral("form"),
                          QStringLiteral("unknown form: %1").arg(excerpt(*form)),
                          QCoreApplication::translate("gov::Matter", "Matter %1: the field \"%2\" has the unknown form \"%3\". Use one of: %4.")
                              .arg(userLabel(matterCode), prefix + QStringLiteral("form"), excerpt(*form),
                                   knownMaterialForms().join(QStringLiteral("、"))));
    }
    material.form = *form;

    return material;
}

Result<QList<MaterialRequirement>> materialsFromJson(const QJsonObject &object, const QString &matterCode)
{
    const QJsonValue value = object.value(QStringLiteral("materials"));
    if (value.isUndefined())
        return QList<MaterialRequirement>();
    if (!value.isArray())
        return wrongType(matterCode, QStringLiteral("materials"), JsonKind::Array);

    const QJsonArray array = value.toArray();
    QList<MaterialRequirement> materials;
    QSet<QString> seenCodes;
    for (qsizetype i = 0; i < array.size(); ++i) {
        Result<MaterialRequirement> material = materialFromJson(array.at(i), matterCode, i);
        if (!material)
            return material.error();

        if (seenCodes.contains(material->code)) {
            const QString field = QStringLiteral("materials[%1].code").arg(i);
            return fieldError(matterCode, field, QStringLiteral("duplicate material code %1").arg(material->code),
                              QCoreApplication::translate("gov::Matter", "Matter %1: the field \"%2\" repeats the material code \"%3\". Give every material its own code.")
                                  .arg(userLabel(matterCode), field, material->code));
        }
        seenCodes.insert(material->code);
        materials.append(*material);
    }
    return materials;
}

// Reads both limits and checks 0 <= promised <= statutory. The bound of
// 3650 working days only catches typos; no real limit comes near it.
Status readLimits(const QJsonObject &object, Matter &matter)
{
    constexpr qint64 maximumDays = 3650;

    Result<qint64> statutory = readInteger(object, matter.code, QStringLiteral("statutoryLimitDays"), maximumDays);
    if (!statutory)
        return statutory.error();
    if (*statutory < 0)
        return negativeValue(matter.code, QStringLiteral("statutoryLimitDays"), *statutory);

    Result<qint64> promised = readInteger(object, matter.code, QStringLiteral("promisedLimitDays"), maximumDays);
    if (!promised)
        return promised.error();
    if (*promised < 0)
        return negativeValue(matter.code, QStringLiteral("promisedLimitDays"), *promised);

    if (*promised > *statutory) {
        return fieldError(matter.code, QStringLiteral("promisedLimitDays"),
                          QStringLiteral("promised %1 > statutory %2").arg(*promised).arg(*statutory),
                          QCoreApplication::translate("gov::Matter", "Matter %1: the field \"promisedLimitDays\" (%2 working days) is longer than the statutory limit (%3 working days). The promised limit must not exceed the statutory limit.")
                              .arg(userLabel(matter.code), QString::number(*promised), QString::number(*statutory)));
    }

    matter.statutoryLimitDays = int(*statutory);
    matter.promisedLimitDays = int(*promised);
    return {};
}

Status readIdentity(const QJsonObject &object, Matter &matter)
{
    const QJsonValue codeValue = object.value(QStringLiteral("code"));
    if (!codeValue.isUndefined() && !codeValue.isString())
        return wrongType(QString(), QStringLiteral("code"), JsonKind::String);
    matter.code = codeValue.toString().trimmed();
    if (matter.code.isEmpty())
        return missingField(QString(), QStringLiteral("code"));
    if (!isValidMatterCode(matter.code)) {
        return fieldError(QString(), QStringLiteral("code"), QStringLiteral("invalid code %1").arg(excerpt(matter.code)),
                          QCoreApplication::translate("gov::Matter", "Matter %1: the field \"code\" has the invalid value \"%2\". Use at most 64 characters from A-Z, a-z, 0-9, \"-\", \"_\" and \".\".")
                              .arg(userLabel(QString()), excerpt(matter.code)));
    }

    Result<QString> name = readRequiredString(object, matter.code, QStringLiteral("name"));
    if (!name)
        return name.error();
    matter.name = *name;

    Result<QString> typeKey = readRequiredString(object, matter.code, QStringLiteral("type"));
    if (!typeKey)
        return typeKey.error();
    Result<MatterType> type = matterTypeFromKey(*typeKey);
    if (!type) {
        return fieldError(matter.code, QStringLiteral("type"), QStringLiteral("unknown type %1").arg(excerpt(*typeKey)),
                          QCoreApplication::translate("gov::Matter", "Matter %1: the field \"type\" has the unknown value \"%2\". Use one of: %3.")
                              .arg(matter.code, excerpt(*typeKey), allTypeKeys()));
    }
    matter.type = *type;
    return {};
}

Status readAgency(const QJsonObject &object, Matter &matter)
{
    Result<QString> agency = readRequiredString(object, matter.code, QStringLiteral("agency"));
    if (!agency)
        return agency.error();
    matter.agency = *agency;

    Result<QString> division = readRequiredString(object, matter.code, QStringLiteral("divisionCode"));
    if (!division)
        return division.error();
    if (!isValidDivisionCode(*division)) {
        return fieldError(matter.code, QStringLiteral("divisionCode"),
                          QStringLiteral("not a 6-digit division code: %1").arg(excerpt(*division)),
                          QCoreApplication::translate("gov::Matter", "Matter %1: the field \"divisionCode\" has the invalid value \"%2\". Enter the 6-digit administrative division code (GB/T 2260) of the agency.")
                              .arg(matter.code, excerpt(*division)));
    }
    matter.divisionCode = *division;
    return {};
}

Status readFeeAndBasis(const QJsonObject &object, Matter &matter)
{
    // The fee may be left out for a free matter. 10^12 fen is far above any fee.
    if (object.contains(QStringLiteral("feeFen"))) {
        Result<qint64> fee = readInteger(object, matter.code, QStringLiteral("feeFen"), 1'000'000'000'000LL);
        if (!fee)
            return fee.error();
        if (*fee < 0)
            return negativeValue(matter.code, QStringLiteral("feeFen"), *fee);
        matter.feeFen = *fee;
    } else {
        matter.feeFen = 0;
    }

    Result<QString> basis = readString(object, matter.code, QStringLiteral("legalBasis"));
    if (!basis)
        return basis.error();
    matter.legalBasis = *basis;

    // Remarks are not stored, but a remark of the wrong type is still a mistake.
    for (const char *field : {"note", "limitBasis"}) {
        Result<QString> remark = readString(object, matter.code, QLatin1String(field));
        if (!remark)
            return remark.error();
    }
    return {};
}

} // namespace

QString matterTypeKey(MatterType type)
{
    for (const TypeEntry &entry : kTypeKeys) {
        if (entry.type == type)
            return QString::fromLatin1(entry.key);
    }
    return QStringLiteral("other");
}

Result<MatterType> matterTypeFromKey(const QString &key)
{
    for (const TypeEntry &entry : kTypeKeys) {
        if (key == QLatin1String(entry.key))
            return entry.type;
    }
    return makeError(ErrorCode::InvalidInput, QStringLiteral("unknown matter type key: %1").arg(excerpt(key)),
                     QCoreApplication::translate("gov::Matter", "The matter type \"%1\" is unknown. Use one of: %2.").arg(excerpt(key), allTypeKeys()));
}

QString matterTypeDisplayName(MatterType type)
{
    switch (type) {
    case MatterType::AdministrativeLicense:
        return QCoreApplication::translate("gov::Matter", "Administrative license");
    case MatterType::AdministrativeConfirmation:
        return QCoreApplication::translate("gov::Matter", "Administrative confirmation");
    case MatterType::AdministrativeBenefit:
        return QCoreApplication::translate("gov::Matter", "Administrative benefit");
    case MatterType::AdministrativeRuling:
        return QCoreApplication::translate("gov::Matter", "Administrative ruling");
    case MatterType::AdministrativeRecord:
        return QCoreApplication::translate("gov::Matter", "Administrative record filing");
    case MatterType::PublicService:
        return QCoreApplication::translate("gov::Matter", "Public service");
    case MatterType::Other:
        break;
    }
    return QCoreApplication::translate("gov::Matter", "Other administrative power");
}

// A promised limit of 0 means the matter is decided on the spot (即办). As
// the smaller value it wins, so the result 0 means "decide on the day of
// acceptance". Negative values cannot come from fromJson; a struct filled in
// code with them yields 0 rather than a deadline before acceptance.
int Matter::decisionLimitDays() const
{
    return std::max(0, std::min(statutoryLimitDays, promisedLimitDays));
}

QJsonObject Matter::toJson() const
{
    QJsonArray materialArray;
    for (const MaterialRequirement &material : materials)
        materialArray.append(materialToJson(material));

    QJsonObject object;
    object.insert(QStringLiteral("code"), code);
    object.insert(QStringLiteral("name"), name);
    object.insert(QStringLiteral("type"), matterTypeKey(type));
    object.insert(QStringLiteral("agency"), agency);
    object.insert(QStringLiteral("divisionCode"), divisionCode);
    object.insert(QStringLiteral("statutoryLimitDays"), statutoryLimitDays);
    object.insert(QStringLiteral("promisedLimitDays"), promisedLimitDays);
    object.insert(QStringLiteral("feeFen"), feeFen);
    object.insert(QStringLiteral("legalBasis"), legalBasis);
    object.insert(QStringLiteral("materials"), materialArray);
    return object;
}

// Validates in the order of the catalog format and returns the first error.
// Every error names the matter code (or "(no code)") and the field.
Result<Matter> Matter::fromJson(const QJsonObject &object)
{
    Matter matter;

    if (Status identity = readIdentity(object, matter); !identity)
        return identity.error();
    if (Status keys = checkKnownKeys(object, knownMatterKeys(), matter.code, QString()); !keys)
        return keys.error();
    if (Status agency = readAgency(object, matter); !agency)
        return agency.error();
    if (Status limits = readLimits(object, matter); !limits)
        return limits.error();
    if (Status fee = readFeeAndBasis(object, matter); !fee)
        return fee.error();

    Result<QList<MaterialRequirement>> materials = materialsFromJson(object, matter.code);
    if (!materials)
        return materials.error();
    matter.materials = *materials;

    return matter;
}

} // namespace gov
