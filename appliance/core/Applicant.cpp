#include "Applicant.h"

#include <QCoreApplication>

namespace gov {

namespace {

struct IdTypeNames {
    IdType type;
    const char *key;
    const char *displayName; // English source of the translated name
};

// The keys are stored in the database: never change one.
constexpr IdTypeNames kIdTypes[] = {
    {IdType::ResidentIdCard, "resident_id_card",
     QT_TRANSLATE_NOOP("gov::Applicant", "Resident identity card")},
    {IdType::Passport, "passport", QT_TRANSLATE_NOOP("gov::Applicant", "Passport")},
    {IdType::HkMacauPermit, "hk_macau_permit",
     QT_TRANSLATE_NOOP("gov::Applicant", "Mainland travel permit for Hong Kong and Macao residents")},
    {IdType::TaiwanPermit, "taiwan_permit",
     QT_TRANSLATE_NOOP("gov::Applicant", "Mainland travel permit for Taiwan residents")},
    {IdType::ForeignerPermanentResidence, "foreigner_permanent_residence",
     QT_TRANSLATE_NOOP("gov::Applicant", "Foreign permanent resident ID card")},
};

const IdTypeNames &namesOf(IdType type)
{
    for (const IdTypeNames &names : kIdTypes) {
        if (names.type == type)
            return names;
    }
    return kIdTypes[0]; // unreachable while kIdTypes lists every enumerator
}

} // namespace

QString idTypeKey(IdType type)
{
    return QString::fromLatin1(namesOf(type).key);
}

std::optional<IdType> idTypeFromKey(const QString &key)
{
    for (const IdTypeNames &names : kIdTypes) {
        if (key == QLatin1StringView(names.key))
            return names.type;
    }
    return std::nullopt;
}

QString idTypeDisplayName(IdType type)
{
    return QCoreApplication::translate("gov::Applicant", namesOf(type).displayName);
}

} // namespace gov
