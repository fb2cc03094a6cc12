#include "TrustStore.h"

#include "Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <optional>

namespace gov::crypto {

namespace {

using Reason = TrustStore::Reason;
using Use = TrustStore::Use;
using Verification = TrustStore::Verification;

const char *reasonName(Reason reason)
{
    switch (reason) {
    case Reason::Valid: return "Valid";
    case Reason::Malformed: return "Malformed";
    case Reason::UnsupportedAlgorithm: return "UnsupportedAlgorithm";
    case Reason::UnhandledCriticalExtension: return "UnhandledCriticalExtension";
    case Reason::UnknownIssuer: return "UnknownIssuer";
    case Reason::NotTrustedForUse: return "NotTrustedForUse";
    case Reason::Expired: return "Expired";
    case Reason::NotYetValid: return "NotYetValid";
    case Reason::Revoked: return "Revoked";
    case Reason::WrongKeyUsage: return "WrongKeyUsage";
    case Reason::BadSignature: return "BadSignature";
    case Reason::NotACa: return "NotACa";
    case Reason::PathTooLong: return "PathTooLong";
    case Reason::CrlInvalid: return "CrlInvalid";
    }
    return "Unknown";
}

const char *useName(Use use)
{
    switch (use) {
    case Use::TerminalSignIn: return "TerminalSignIn";
    case Use::Exchange: return "Exchange";
    case Use::UpdateSigning: return "UpdateSigning";
    case Use::DocumentSigning: return "DocumentSigning";
    }
    return "Unknown";
}

QString useUserName(Use use)
{
    switch (use) {
    case Use::TerminalSignIn: return QCoreApplication::translate("gov::crypto::TrustStore", "terminal sign-in");
    case Use::Exchange:
        return QCoreApplication::translate("gov::crypto::TrustStore", "data exchange with other systems");
    case Use::UpdateSigning: return QCoreApplication::translate("gov::crypto::TrustStore", "software update signing");
    case Use::DocumentSigning: return QCoreApplication::translate("gov::crypto::TrustStore", "document signing");
    }
    return {};
}

QString formatTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

// The acceptable extendedKeyUsage purposes of a use; any one of them is
// enough. 0 means the extension is not checked.
unsigned purposesFor(Use use)
{
    switch (use) {
    case Use::TerminalSignIn: return Certificate::ClientAuth;
    case Use::Exchange: return Certificate::ServerAuth | Certificate::ClientAuth;
    case Use::UpdateSigning: return Certificate::CodeSigning;
    case Use::DocumentSigning: return 0;
    }
    return 0;
}

bool isCandidateIssuer(const Certificate &child, const Certificate &issuer)
{
    if (!child.issuerMatchesSubjectOf(issuer))
        return false;

    const QByteArray authorityKeyId = child.authorityKeyId();
    const QByteArray subjectKeyId = issuer.subjectKeyId();
    return authorityKeyId.isEmpty() || subjectKeyId.isEmpty() || authorityKeyId == subjectKeyId;
}

Verification makeFailure(Reason reason, const Certificate &culprit, QString detail, QString userText)
{
    Verification failure;
    failure.reason = reason;
    failure.subjectCommonName = culprit.subjectCommonName();
    failure.serialNumber = culprit.serialNumberHex();
    failure.detail = std::move(detail);
    failure.userText = std::move(userText);
    return failure;
}

Verification malformed(const QString &detail)
{
    Verification failure;
    failure.reason = Reason::Malformed;
    failure.detail = detail;
    failure.userText = QCoreApplication::translate(
        "gov::crypto::TrustStore",
        "The certificate could not be read. Check that it is an X.509 certificate in PEM or DER "
        "format.");
    return failure;
}

Verification signatureFailure(SignatureCheck check, const Certificate &child, const Certificate &issuer)
{
    const QString name = child.subjectCommonName();
    if (check == SignatureCheck::Unsupported)
        return makeFailure(
            Reason::UnsupportedAlgorithm, child,
            QStringLiteral("signature by \"%1\" is not SM2-with-SM3 over an SM2 key").arg(issuer.subjectCommonName()),
            QCoreApplication::translate("gov::crypto::TrustStore",
                                        "The certificate \"%1\" is not signed with SM2 and SM3, which the appliance "
                                        "requires. Ask the holder for an SM2 certificate.")
                .arg(name));

    return makeFailure(Reason::BadSignature, child,
                       QStringLiteral("signature does not verify with the key of \"%1\" and the SM2 ID")
                           .arg(issuer.subjectCommonName()),
                       QCoreApplication::translate(
                           "gov::crypto::TrustStore",
                           "The signature on the certificate \"%1\" does not verify against its issuing CA. The "
                           "certificate may be forged or damaged: do not accept it, and report it to the security "
                           "administrator.")
                           .arg(name));
}

Verification notTrustedForUse(const Certificate &child, const Certificate &root, Use use)
{
    return makeFailure(
        Reason::NotTrustedForUse, child,
        QStringLiteral("path ends at root \"%1\", which is not trusted for %2")
            .arg(root.subjectCommonName(), QLatin1String(useName(use))),
        QCoreApplication::translate("gov::crypto::TrustStore",
                                    "The certificate \"%1\" was issued under the root certificate \"%2\", which is not "
                                    "trusted for %3. Use a certificate from the CA configured for this purpose.")
            .arg(child.subjectCommonName(), root.subjectCommonName(), useUserName(use)));
}

Verification unknownIssuer(const Certificate &certificate)
{
    return makeFailure(Reason::UnknownIssuer, certificate,
                       QStringLiteral("no trusted root or CA certificate issued it (issuer \"%1\")")
                           .arg(certificate.issuerCommonName()),
                       QCoreApplication::translate(
                           "gov::crypto::TrustStore",
                           "The certificate \"%1\" was not issued by a trusted certification authority. Ask the "
                           "holder for a certificate from a recognized CA, or ask the administrator to add the "
                           "root certificate of \"%2\" to the trust store.")
                           .arg(certificate.subjectCommonName(), certificate.issuerCommonName()));
}

Verification pathTooLong(const Certificate &certificate, const QString &detail)
{
    return makeFailure(
        Reason::PathTooLong, certificate, detail,
        QCoreApplication::translate("gov::crypto::TrustStore",
                                    "The certificate chain through \"%1\" contains more intermediate CAs than its CAs "
                                    "allow. Ask the holder for a certificate issued along a permitted path.")
            .arg(certificate.subjectCommonName()));
}

Verification crlInvalid(const Certificate &certificate, const Certificate &issuer, const QString &detail)
{
    return makeFailure(
        Reason::CrlInvalid, certificate, detail,
        QCoreApplication::translate("gov::crypto::TrustStore",
                                    "The revocation status of the certificate \"%1\" cannot be checked because the "
                                    "certificate revocation list (CRL) of \"%2\" is invalid or out of date. Ask the "
                                    "administrator to load a current CRL from that CA.")
            .arg(certificate.subjectCommonName(), issuer.subjectCommonName()));
}

Verification wrongKeyUsage(const Certificate &certificate, Use use, const QString &detail)
{
    return makeFailure(Reason::WrongKeyUsage, certificate, detail,
                       QCoreApplication::translate(
                           "gov::crypto::TrustStore",
                           "The certificate \"%1\" may not be used for %2. Ask the holder for a certificate that "
                           "was issued for this purpose.")
                           .arg(certificate.subjectCommonName(), useUserName(use)));
}

Error rootError(const Certificate &root, const QString &detail, const QString &userText)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("trusted root \"%1\" (serial %2) rejected: %3")
                         .arg(root.subjectCommonName(), root.serialNumberHex(), detail),
                     userText);
}

// Checks that `root` can serve as a trust anchor.
Status checkRoot(const Certificate &root, const QByteArray &sm2Id)
{
    const QString name = root.subjectCommonName();
    if (!root.isCa() || (root.hasKeyUsage() && (root.keyUsage() & Certificate::KeyCertSign) == 0))
        return rootError(root, QStringLiteral("not a CA certificate"),
                         QCoreApplication::translate(
                             "gov::crypto::TrustStore",
                             "The certificate \"%1\" cannot be a trusted root because it is not a CA certificate. "
                             "Check that the file contains the root certificate of the CA.")
                             .arg(name));

    if (!root.usesSm2WithSm3())
        return rootError(root, QStringLiteral("not SM2-with-SM3"),
                         QCoreApplication::translate(
                             "gov::crypto::TrustStore",
                             "The certificate \"%1\" cannot be a trusted root because it does not use SM2 with "
                             "SM3. Only SM2 root certificates are supported.")
                             .arg(name));

    // A self-issued root must carry its own valid signature. A CA that is not
    // self-issued can also be configured as an anchor, and the store has no
    // key to check its signature with.
    if (root.isSelfIssued() && root.verifySignedBy(root, sm2Id) != SignatureCheck::Valid)
        return rootError(root, QStringLiteral("self-signature does not verify with the SM2 ID"),
                         QCoreApplication::translate(
                             "gov::crypto::TrustStore",
                             "The certificate \"%1\" cannot be a trusted root because its self-signature does "
                             "not verify with the SM2 ID. Obtain the root certificate from the CA again and "
                             "compare its fingerprint.")
                             .arg(name));
    return {};
}

struct FileContents {
    QString path;
    QByteArray contents;
};

// Reads the files in `path` (a file, or the files of a folder that match
// `nameFilters`) and returns their paths and contents.
Result<QList<FileContents>> readFiles(const QString &path, const QStringList &nameFilters)
{
    QStringList files;
    const QFileInfo info(path);
    if (info.isDir()) {
        const QDir folder(path);
        for (const QString &name : folder.entryList(nameFilters, QDir::Files | QDir::Readable, QDir::Name))
            files.append(folder.filePath(name));
        if (files.isEmpty())
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("no %1 files in %2").arg(nameFilters.join(QLatin1Char(' ')), path),
                             QCoreApplication::translate(
                                 "gov::crypto::TrustStore",
                                 "The folder %1 contains no files of the types %2. Check the configured folder.")
                                 .arg(path, nameFilters.join(QStringLiteral(", "))));
    } else {
        files.append(path);
    }

    QList<FileContents> contents;
    for (const QString &file : files) {
        QFile input(file);
        if (!input.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io, QStringLiteral("cannot open %1: %2").arg(file, input.errorString()),
                             QCoreApplication::translate(
                                 "gov::crypto::TrustStore",
                                 "The file %1 could not be read: %2. Check the path and the file permissions.")
                                 .arg(file, input.errorString()));
        contents.append({file, input.readAll()});
    }
    return contents;
}

Error withFile(const Error &error, const QString &path)
{
    return makeError(error.code, QStringLiteral("%1: %2").arg(path, error.detail),
                     QCoreApplication::translate("gov::crypto::TrustStore", "%1 (file: %2)").arg(error.userText, path));
}

} // namespace

Error TrustStore::Verification::toError() const
{
    switch (reason) {
    case Reason::Malformed: return makeError(ErrorCode::InvalidInput, detail, userText);
    case Reason::UnsupportedAlgorithm:
    case Reason::UnhandledCriticalExtension: return makeError(ErrorCode::Unsupported, detail, userText);
    default: return makeError(ErrorCode::Integrity, detail, userText);
    }
}

// A depth-first search for a path from the leaf to a trust anchor. Several
// certificates may match an issuer name (a CA that changed keys, or a rogue
// CA that copied a trusted name), so each candidate is tried in turn and the
// most telling failure is kept for the report.
struct TrustStore::PathSearch {
    const TrustStore &store;
    QList<Certificate> pool;
    Use use;
    std::optional<Verification> failure;
    int signatureChecks = 0;

    // NOTE: no test reaches this limit, because TestPki cannot issue many
    // certificates that share one key.
    bool budgetExhausted(const Certificate &child)
    {
        if (++signatureChecks <= kMaxSignatureChecks)
            return false;
        failure = pathTooLong(child, QStringLiteral("path search stopped after %1 signature checks")
                                         .arg(kMaxSignatureChecks));
        return true;
    }

    // Keeps the first failure, but lets any specific failure replace an
    // UnknownIssuer, which only means that a branch found no issuer.
    void record(Verification candidate)
    {
        if (!failure || (failure->reason == Reason::UnknownIssuer && candidate.reason != Reason::UnknownIssuer))
            failure = std::move(candidate);
    }

    bool extend(QList<Certificate> &path)
    {
        const Certificate child = path.last();
        if (path.size() >= kMaxPathLength) {
            record(pathTooLong(child, QStringLiteral("path reached the maximum length of %1").arg(kMaxPathLength)));
            return false;
        }

        bool foundCandidate = false;
        for (const Anchor &anchor : store.m_roots) {
            if (!isCandidateIssuer(child, anchor.certificate) || path.contains(anchor.certificate))
                continue;
            foundCandidate = true;
            if (budgetExhausted(child))
                return false;

            const SignatureCheck check = child.verifySignedBy(anchor.certificate, store.m_sm2Id);
            if (check != SignatureCheck::Valid) {
                record(signatureFailure(check, child, anchor.certificate));
                continue;
            }
            if (!anchor.uses.testFlag(use)) {
                record(notTrustedForUse(child, anchor.certificate, use));
                continue;
            }
            path.append(anchor.certificate);
            return true;
        }

        for (const Certificate &candidate : pool) {
            if (!isCandidateIssuer(child, candidate) || path.contains(candidate) || store.anchorFor(candidate))
                continue;
            foundCandidate = true;
            if (budgetExhausted(child))
                return false;

            const SignatureCheck check = child.verifySignedBy(candidate, store.m_sm2Id);
            if (check != SignatureCheck::Valid) {
                record(signatureFailure(check, child, candidate));
                continue;
            }
            path.append(candidate);
            if (extend(path))
                return true;
            path.removeLast();
        }

        if (!foundCandidate)
            record(unknownIssuer(child));
        return false;
    }
};

TrustStore::TrustStore(QByteArray sm2Id) : m_sm2Id(std::move(sm2Id))
{
}

const TrustStore::Anchor *TrustStore::anchorFor(const Certificate &certificate) const
{
    for (const Anchor &anchor : m_roots) {
        if (anchor.certificate == certificate)
            return &anchor;
    }
    return nullptr;
}

Status TrustStore::addTrustedRoots(const QByteArray &pemOrDer, Uses uses)
{
    auto roots = Certificate::parseAll(pemOrDer);
    if (!roots)
        return roots.error();

    for (const Certificate &root : *roots) {
        const Status accepted = checkRoot(root, m_sm2Id);
        if (!accepted)
            return accepted;
    }

    for (const Certificate &root : *roots) {
        auto existing = std::find_if(m_roots.begin(), m_roots.end(),
                                     [&](const Anchor &anchor) { return anchor.certificate == root; });
        if (existing != m_roots.end())
            existing->uses = uses;
        else
            m_roots.append(Anchor{root, uses});
        qCInfo(lcCrypto) << "Trusted root added: CN" << root.subjectCommonName() << "serial" << root.serialNumberHex()
                         << "uses" << QStringLiteral("0x%1").arg(uses.toInt(), 0, 16);
    }
    return {};
}

Result<int> TrustStore::loadTrustedRoots(const QString &path, Uses uses)
{
    const QStringList filters{QStringLiteral("*.pem"), QStringLiteral("*.crt"), QStringLiteral("*.cer"),
                              QStringLiteral("*.der")};
    auto files = readFiles(path, filters);
    if (!files)
        return files.error();

    // Checks every file before adding any, so that a bad file leaves the
    // store as it was.
    TrustStore staged(m_sm2Id);
    for (const FileContents &file : *files) {
        const Status added = staged.addTrustedRoots(file.contents, uses);
        if (!added)
            return withFile(added.error(), file.path);
    }
    for (const Anchor &anchor : staged.m_roots) {
        const Status added = addTrustedRoots(anchor.certificate.der(), uses);
        if (!added)
            return added.error();
    }
    return int(staged.m_roots.size());
}

Status TrustStore::addIntermediates(const QByteArray &pemOrDer)
{
    auto certificates = Certificate::parseAll(pemOrDer);
    if (!certificates)
        return certificates.error();

    for (const Certificate &certificate : *certificates) {
        if (!m_intermediates.contains(certificate))
            m_intermediates.append(certificate);
    }
    return {};
}

Result<int> TrustStore::loadIntermediates(const QString &path)
{
    const QStringList filters{QStringLiteral("*.pem"), QStringLiteral("*.crt"), QStringLiteral("*.cer"),
                              QStringLiteral("*.der")};
    auto files = readFiles(path, filters);
    if (!files)
        return files.error();

    QList<Certificate> parsed;
    for (const FileContents &file : *files) {
        auto certificates = Certificate::parseAll(file.contents);
        if (!certificates)
            return withFile(certificates.error(), file.path);
        parsed.append(*certificates);
    }
    for (const Certificate &certificate : parsed) {
        if (!m_intermediates.contains(certificate))
            m_intermediates.append(certificate);
    }
    return int(parsed.size());
}

Status TrustStore::addCrls(const QByteArray &pemOrDer)
{
    auto crls = CertificateRevocationList::parseAll(pemOrDer);
    if (!crls)
        return crls.error();
    m_crls.append(*crls);
    return {};
}

Result<int> TrustStore::loadCrls(const QString &path)
{
    const QStringList filters{QStringLiteral("*.pem"), QStringLiteral("*.crl"), QStringLiteral("*.der")};
    auto files = readFiles(path, filters);
    if (!files)
        return files.error();

    QList<CertificateRevocationList> parsed;
    for (const FileContents &file : *files) {
        auto crls = CertificateRevocationList::parseAll(file.contents);
        if (!crls)
            return withFile(crls.error(), file.path);
        parsed.append(*crls);
    }
    m_crls.append(parsed);
    return int(parsed.size());
}

TrustStore::Verification TrustStore::verify(const QByteArray &leaf, const QList<QByteArray> &extraChain, Use use,
                                            const QDateTime &at) const
{
    auto parsedLeaf = Certificate::parse(leaf);
    if (!parsedLeaf) {
        qCWarning(lcCrypto) << "Certificate rejected: Malformed, use" << useName(use) << parsedLeaf.error().detail;
        return malformed(parsedLeaf.error().detail);
    }

    PathSearch search{*this, {}, use, std::nullopt};
    for (const QByteArray &extra : extraChain) {
        auto certificates = Certificate::parseAll(extra);
        if (!certificates) {
            qCWarning(lcCrypto) << "Certificate rejected: Malformed chain certificate, use" << useName(use);
            return malformed(QStringLiteral("chain certificate: %1").arg(certificates.error().detail));
        }
        search.pool.append(*certificates);
    }
    search.pool.append(m_intermediates);

    Verification result = [&] {
        QList<Certificate> path{*parsedLeaf};
        if (!parsedLeaf->usesSm2WithSm3())
            return signatureFailure(SignatureCheck::Unsupported, *parsedLeaf, *parsedLeaf);

        if (const Anchor *anchor = anchorFor(*parsedLeaf)) {
            if (!anchor->uses.testFlag(use))
                return notTrustedForUse(*parsedLeaf, anchor->certificate, use);
        } else if (!search.extend(path)) {
            return *search.failure;
        }
        return checkPath(path, use, at);
    }();

    if (result.ok()) {
        qCDebug(lcCrypto) << "Certificate verified: CN" << result.subjectCommonName << "serial" << result.serialNumber
                          << "use" << useName(use) << "path length" << result.chain.size();
    } else {
        qCWarning(lcCrypto).noquote() << "Certificate rejected:" << reasonName(result.reason) << "CN"
                                      << result.subjectCommonName << "serial" << result.serialNumber << "use"
                                      << useName(use) << "-" << result.detail;
    }
    return result;
}

TrustStore::Verification TrustStore::checkPath(const QList<Certificate> &path, Use use, const QDateTime &at) const
{
    for (const Certificate &certificate : path) {
        if (certificate.hasUnhandledCriticalExtension())
            return makeFailure(Reason::UnhandledCriticalExtension, certificate,
                               QStringLiteral("unhandled critical extension"),
                               QCoreApplication::translate(
                                   "gov::crypto::TrustStore",
                                   "The certificate \"%1\" contains a critical extension that the appliance does "
                                   "not support, so it cannot be accepted. Ask the issuing CA for a certificate "
                                   "without it.")
                                   .arg(certificate.subjectCommonName()));
    }

    // The order puts structural faults before time and revocation, so that
    // a forged path is never reported as merely expired.
    if (Verification failure = checkIssuers(path); !failure.ok())
        return failure;
    if (Verification failure = checkValidity(path, at); !failure.ok())
        return failure;
    if (Verification failure = checkRevocation(path, at); !failure.ok())
        return failure;
    if (Verification failure = checkUsage(path, use); !failure.ok())
        return failure;

    Verification success;
    success.subjectCommonName = path.first().subjectCommonName();
    success.serialNumber = path.first().serialNumberHex();
    success.chain = path;
    return success;
}

TrustStore::Verification TrustStore::checkIssuers(const QList<Certificate> &path) const
{
    for (qsizetype i = 1; i < path.size(); ++i) {
        const Certificate &issuer = path.at(i);
        if (!issuer.isCa())
            return makeFailure(Reason::NotACa, issuer,
                               QStringLiteral("issued \"%1\" without basicConstraints cA=TRUE")
                                   .arg(path.at(i - 1).subjectCommonName()),
                               QCoreApplication::translate(
                                   "gov::crypto::TrustStore",
                                   "The certificate \"%1\" is not a CA certificate but was used to issue \"%2\". "
                                   "Do not accept this chain; ask the holder for a certificate issued by a CA.")
                                   .arg(issuer.subjectCommonName(), path.at(i - 1).subjectCommonName()));
        if (issuer.hasKeyUsage() && (issuer.keyUsage() & Certificate::KeyCertSign) == 0)
            return makeFailure(Reason::NotACa, issuer,
                               QStringLiteral("issued \"%1\" but its keyUsage lacks keyCertSign")
                                   .arg(path.at(i - 1).subjectCommonName()),
                               QCoreApplication::translate(
                                   "gov::crypto::TrustStore",
                                   "The certificate \"%1\" is not a CA certificate but was used to issue \"%2\". "
                                   "Do not accept this chain; ask the holder for a certificate issued by a CA.")
                                   .arg(issuer.subjectCommonName(), path.at(i - 1).subjectCommonName()));

        // RFC 5280 4.2.1.9: the pathLenConstraint counts the non-self-issued
        // intermediate CA certificates below this one, the leaf excluded.
        const int constraint = issuer.pathLengthConstraint();
        if (constraint < 0)
            continue;
        int intermediatesBelow = 0;
        for (qsizetype j = 1; j < i; ++j) {
            if (!path.at(j).isSelfIssued())
                ++intermediatesBelow;
        }
        if (intermediatesBelow > constraint)
            return pathTooLong(issuer,
                               QStringLiteral("pathLenConstraint %1 but %2 intermediate CA(s) below")
                                   .arg(constraint)
                                   .arg(intermediatesBelow));
    }
    return {};
}

TrustStore::Verification TrustStore::checkValidity(const QList<Certificate> &path, const QDateTime &at) const
{
    for (const Certificate &certificate : path) {
        const QDateTime notBefore = certificate.notBefore();
        const QDateTime notAfter = certificate.notAfter();
        if (!notBefore.isValid() || !notAfter.isValid())
            return makeFailure(
                Reason::Malformed, certificate, QStringLiteral("unreadable validity period"),
                QCoreApplication::translate("gov::crypto::TrustStore",
                                            "The validity period of the certificate \"%1\" could not be read. Ask the "
                                            "holder for a new certificate.")
                    .arg(certificate.subjectCommonName()));

        if (at < notBefore)
            return makeFailure(
                Reason::NotYetValid, certificate,
                QStringLiteral("not valid before %1, checked at %2").arg(formatTime(notBefore), formatTime(at)),
                QCoreApplication::translate(
                    "gov::crypto::TrustStore",
                    "The certificate \"%1\" is not valid until %2. Check the system clock of the "
                    "appliance, or use the certificate from that time on.")
                    .arg(certificate.subjectCommonName(), formatTime(notBefore)));
        if (at > notAfter)
            return makeFailure(
                Reason::Expired, certificate,
                QStringLiteral("expired at %1, checked at %2").arg(formatTime(notAfter), formatTime(at)),
                QCoreApplication::translate("gov::crypto::TrustStore",
                                            "The certificate \"%1\" expired on %2. Ask the holder to renew the "
                                            "certificate with the issuing CA.")
                    .arg(certificate.subjectCommonName(), formatTime(notAfter)));
    }
    return {};
}

TrustStore::Verification TrustStore::checkRevocation(const QList<Certificate> &path, const QDateTime &at) const
{
    for (qsizetype i = 0; i + 1 < path.size(); ++i) {
        const Certificate &certificate = path.at(i);
        const Certificate &issuer = path.at(i + 1);

        for (const CertificateRevocationList &crl : m_crls) {
            if (!crl.isFrom(issuer))
                continue;

            if (issuer.hasKeyUsage() && (issuer.keyUsage() & Certificate::CrlSign) == 0)
                return crlInvalid(certificate, issuer, QStringLiteral("issuer keyUsage lacks cRLSign"));
            if (crl.verifySignedBy(issuer, m_sm2Id) != SignatureCheck::Valid)
                return crlInvalid(certificate, issuer,
                                  QStringLiteral("CRL signature does not verify with the issuer key and SM2 ID"));
            if (crl.hasUnhandledCriticalExtension())
                return crlInvalid(certificate, issuer, QStringLiteral("CRL has an unhandled critical extension"));

            const QDateTime thisUpdate = crl.thisUpdate();
            const QDateTime nextUpdate = crl.nextUpdate();
            if (!thisUpdate.isValid() || at < thisUpdate)
                return crlInvalid(
                    certificate, issuer,
                    QStringLiteral("CRL thisUpdate %1 is after %2").arg(formatTime(thisUpdate), formatTime(at)));
            if (nextUpdate.isValid() && at > nextUpdate)
                return crlInvalid(
                    certificate, issuer,
                    QStringLiteral("CRL nextUpdate %1 has passed at %2").arg(formatTime(nextUpdate), formatTime(at)));

            const std::optional<QDateTime> revoked = crl.revocationDateOf(certificate);
            if (revoked && (!revoked->isValid() || *revoked <= at))
                return makeFailure(Reason::Revoked, certificate,
                                   QStringLiteral("revoked at %1 by the CRL of \"%2\"")
                                       .arg(formatTime(*revoked), issuer.subjectCommonName()),
                                   QCoreApplication::translate(
                                       "gov::crypto::TrustStore",
                                       "The certificate \"%1\" has been revoked by its issuing CA \"%2\". Do not "
                                       "accept it; the holder must apply for a new certificate.")
                                       .arg(certificate.subjectCommonName(), issuer.subjectCommonName()));
        }
    }
    return {};
}

TrustStore::Verification TrustStore::checkUsage(const QList<Certificate> &path, Use use) const
{
    const Certificate &leaf = path.first();
    const unsigned keyUsage = leaf.keyUsage();
    const bool signs = use == Use::DocumentSigning
        ? (keyUsage & (Certificate::DigitalSignature | Certificate::NonRepudiation)) != 0
        : (keyUsage & Certificate::DigitalSignature) != 0;
    if (!leaf.hasKeyUsage() || !signs)
        return wrongKeyUsage(
            leaf, use,
            QStringLiteral("keyUsage 0x%1 does not allow %2").arg(keyUsage, 0, 16).arg(QLatin1String(useName(use))));

    const unsigned purposes = purposesFor(use);
    if (purposes == 0)
        return {};

    // The leaf must name the purpose itself; anyExtendedKeyUsage is not enough.
    if (!leaf.hasExtendedKeyUsage() || (leaf.extendedKeyUsage() & purposes) == 0)
        return wrongKeyUsage(leaf, use,
                             QStringLiteral("extendedKeyUsage 0x%1 does not allow %2")
                                 .arg(leaf.extendedKeyUsage(), 0, 16)
                                 .arg(QLatin1String(useName(use))));

    // A CA that restricts its extendedKeyUsage may issue only for those
    // purposes. OpenSSL 3.0's X509_check_purpose applies the same rule to CA
    // certificates.
    for (qsizetype i = 1; i < path.size(); ++i) {
        const Certificate &issuer = path.at(i);
        const unsigned issuerPurposes = issuer.extendedKeyUsage();
        if (issuer.hasExtendedKeyUsage() && (issuerPurposes & (purposes | Certificate::AnyExtendedKeyUsage)) == 0)
            return wrongKeyUsage(issuer, use,
                                 QStringLiteral("CA extendedKeyUsage 0x%1 does not allow %2")
                                     .arg(issuerPurposes, 0, 16)
                                     .arg(QLatin1String(useName(use))));
    }
    return {};
}

} // namespace gov::crypto
