#pragma once

#include <QString>

#include <optional>

namespace gov {

enum class ApplicantKind {
    NaturalPerson, // 自然人
    LegalPerson,   // 法人或其他组织
};

// The document type of a natural person's ID number. The field's declared
// type decides which validator runs; an ID number can pass the credit-code
// check too, so the type is never guessed from the checksum.
enum class IdType {
    ResidentIdCard, // 居民身份证 (GB 11643)
    Passport,       // 护照
    HkMacauPermit,  // 港澳居民来往内地通行证
    TaiwanPermit,   // 台湾居民来往大陆通行证
    ForeignerPermanentResidence, // 外国人永久居留身份证
};

// Returns the stable key that the database stores, e.g. "resident_id_card"
// or "hk_macau_permit".
QString idTypeKey(IdType type);
// Returns the type for a key of idTypeKey(), or nullopt for an unknown key.
std::optional<IdType> idTypeFromKey(const QString &key);
// Returns the document name for the user, e.g. 居民身份证 in Chinese.
QString idTypeDisplayName(IdType type);

// 申请人: a natural person or a legal person. Personal fields (name, ID
// number, phone, address) are stored encrypted; this struct holds plaintext
// only while a caller needs it.
struct Applicant {
    ApplicantKind kind = ApplicantKind::NaturalPerson;
    QString name;
    IdType idType = IdType::ResidentIdCard;
    QString idNumber;            // natural person: normalized ID number
    QString creditCode;          // legal person: unified social credit code
    QString legalRepresentative; // legal person: 法定代表人
    QString phone;
    QString address;
};

} // namespace gov
