#pragma once

#include "Certificate.h"
#include "CertificateRevocationList.h"
#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QFlags>
#include <QList>
#include <QString>

namespace gov::crypto {

// The trusted root certificates of several certification authorities at once
// (for example the provincial CAs whose certificates the appliance
// recognizes), with intermediate CA certificates and CRLs, and the path
// validation that checks a certificate against them.
//
// Only SM2 certificates signed with SM2-with-SM3 are accepted. RSA and ECDSA
// certificates are rejected with Reason::UnsupportedAlgorithm, not handed to
// OpenSSL's verifier. The chain is built and checked here, not by
// X509_verify_cert, because OpenSSL 3.0 sets the SM2 distinguishing ID on
// the leaf only, so it cannot check an SM2 CA's signature made with the
// GM/T 0009 ID. Every signature (certificates and CRLs) is checked with
// `sm2Id`.
//
// Not thread-safe while roots, intermediates or CRLs are added. verify() is
// const and may run on several threads once loading is done.
class TrustStore {
public:
    // The purpose a verified certificate serves. Each use has a key usage
    // policy for the end-entity certificate, and each trusted root lists the
    // uses it is trusted for.
    enum class Use : unsigned {
        // An operator terminal signs in with its client certificate:
        // digitalSignature and the clientAuth extended key usage.
        TerminalSignIn = 0x1,
        // Mutual TLS with another government system: digitalSignature and
        // the serverAuth or clientAuth extended key usage.
        Exchange = 0x2,
        // A signed software update: digitalSignature and codeSigning.
        UpdateSigning = 0x4,
        // A signature on a document from another province's system:
        // digitalSignature or nonRepudiation. The extended key usage is not
        // checked, because signing certificates of Chinese CAs often have
        // none.
        DocumentSigning = 0x8,
    };
    Q_DECLARE_FLAGS(Uses, Use)

    // The uses a root is trusted for unless the caller says otherwise.
    // Update signing is left out: it is trusted only from a root added
    // with Use::UpdateSigning explicitly.
    static constexpr Uses defaultRootUses()
    {
        return Uses(unsigned(Use::TerminalSignIn) | unsigned(Use::Exchange) | unsigned(Use::DocumentSigning));
    }

    // The reason a verification failed. Each value has its own user text.
    enum class Reason {
        Valid,
        Malformed,                  // the certificate data could not be parsed
        UnsupportedAlgorithm,       // not an SM2 key with an SM2-with-SM3 signature
        UnhandledCriticalExtension, // a critical extension this code does not process
        UnknownIssuer,              // no path to a trusted root
        NotTrustedForUse,           // the path ends at a root not trusted for this use
        Expired,
        NotYetValid,
        Revoked,
        WrongKeyUsage,
        BadSignature,
        NotACa,      // an issuer lacks cA=TRUE or the keyCertSign key usage
        PathTooLong, // a pathLenConstraint or the maximum depth is exceeded
        CrlInvalid,  // a CRL of an issuer on the path is bad, stale or not yet valid
    };

    // The outcome of verify(). On failure, `subjectCommonName` and
    // `serialNumber` name the certificate that failed (the leaf, or the
    // CA on the path whose check failed).
    struct [[nodiscard]] Verification {
        Reason reason = Reason::Valid;
        QString subjectCommonName;
        QString serialNumber;
        QString detail;
        QString userText;
        // Leaf first, trust anchor last; empty on failure.
        QList<Certificate> chain;

        bool ok() const { return reason == Reason::Valid; }
        // ErrorCode::InvalidInput for Malformed, Unsupported for
        // UnsupportedAlgorithm and UnhandledCriticalExtension, and
        // Integrity for every other reason.
        Error toError() const;
    };

    // Paths longer than this (leaf and anchor included) are rejected with
    // Reason::PathTooLong whatever the CAs' pathLenConstraints allow.
    static constexpr int kMaxPathLength = 8;

    // The path search stops with Reason::PathTooLong after this many
    // signature checks, so that a peer cannot make it try every ordering of
    // many certificates with the same name and key.
    static constexpr int kMaxSignatureChecks = 64;

    explicit TrustStore(QByteArray sm2Id = defaultSm2Id());

    // Adds the root certificates in `pemOrDer` (PEM blocks or one DER
    // certificate) as trust anchors for `uses`. Each must be an SM2 CA
    // certificate (cA=TRUE, keyCertSign when keyUsage is present) whose
    // self-signature verifies with the SM2 ID. Nothing is added when one of
    // them is rejected. Adding a root again replaces its uses.
    Status addTrustedRoots(const QByteArray &pemOrDer, Uses uses = defaultRootUses());

    // Adds the roots in the file `path`, or in every *.pem, *.crt, *.cer and
    // *.der file of the folder `path` (not recursive). Returns the number of
    // certificates added; an empty folder is NotFound.
    Result<int> loadTrustedRoots(const QString &path, Uses uses = defaultRootUses());

    // Adds intermediate CA certificates that paths may pass through. They
    // are not trusted by themselves: each must chain to a root in verify().
    Status addIntermediates(const QByteArray &pemOrDer);
    Result<int> loadIntermediates(const QString &path);

    // Adds CRLs (PEM "X509 CRL" blocks or one DER CRL). Their signatures
    // and validity are checked in verify(), against the issuer on the path.
    // A certificate whose issuer has no CRL here is not checked for
    // revocation. The folder form reads *.pem, *.crl and *.der files.
    Status addCrls(const QByteArray &pemOrDer);
    Result<int> loadCrls(const QString &path);

    int rootCount() const { return int(m_roots.size()); }
    int intermediateCount() const { return int(m_intermediates.size()); }
    int crlCount() const { return int(m_crls.size()); }

    // Verifies `leaf` (PEM or DER) for `use` at the time `at`. The path runs
    // through `extraChain` (certificates the peer sent) and the stored
    // intermediates to a root trusted for `use`, matching issuer names and
    // authority/subject key identifiers. Every signature is checked with the
    // SM2 ID, then the CA flags and path lengths, the validity periods at
    // `at`, revocation through the stored CRLs and the key usage policy of
    // `use`. A certificate on a CRL counts as revoked from its revocation
    // date on.
    Verification verify(const QByteArray &leaf, const QList<QByteArray> &extraChain, Use use,
                        const QDateTime &at = QDateTime::currentDateTimeUtc()) const;

private:
    struct Anchor {
        Certificate certificate;
        Uses uses;
    };
    struct PathSearch;

    Verification checkPath(const QList<Certificate> &path, Use use, const QDateTime &at) const;
    Verification checkIssuers(const QList<Certificate> &path) const;
    Verification checkValidity(const QList<Certificate> &path, const QDateTime &at) const;
    Verification checkRevocation(const QList<Certificate> &path, const QDateTime &at) const;
    Verification checkUsage(const QList<Certificate> &path, Use use) const;

    const Anchor *anchorFor(const Certificate &certificate) const;

    QByteArray m_sm2Id;
    QList<Anchor> m_roots;
    QList<Certificate> m_intermediates;
    QList<CertificateRevocationList> m_crls;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(TrustStore::Uses)

} // namespace gov::crypto
