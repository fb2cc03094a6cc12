#include "SkfProvider.h"

#include "skf/SkfApi.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <type_traits>
#include <utility>

// govcrypto is linked below govcore, so it cannot use the categories that
// govcore defines in Logging.cpp. This one sits under the same "gov.crypto" prefix.
Q_LOGGING_CATEGORY(lcSkf, "gov.crypto.skf", QtInfoMsg)

namespace gov::crypto
{

// A loaded SKF library: the dlopen handle, the resolved functions, and the
// mutex that serializes every call into the library.
class SkfLibrary
{
public:
    ~SkfLibrary()
    {
        if (handle)
            dlclose(handle);
    }

    // Runs `call` (one SKF function call) under the library mutex.
    template <typename Call> ULONG invoke(Call call)
    {
        std::lock_guard lock(mutex);
        return call();
    }

    QString path;
    void *handle = nullptr;
    std::mutex mutex;

    PFN_SKF_EnumDev enumDev = nullptr;
    PFN_SKF_ConnectDev connectDev = nullptr;
    PFN_SKF_DisConnectDev disconnectDev = nullptr;
    PFN_SKF_EnumApplication enumApplication = nullptr;
    PFN_SKF_OpenApplication openApplication = nullptr;
    PFN_SKF_CloseApplication closeApplication = nullptr;
    PFN_SKF_VerifyPIN verifyPin = nullptr;
    PFN_SKF_EnumContainer enumContainer = nullptr;
    PFN_SKF_OpenContainer openContainer = nullptr;
    PFN_SKF_CloseContainer closeContainer = nullptr;
    PFN_SKF_ExportPublicKey exportPublicKey = nullptr;
    PFN_SKF_ECCSignData eccSignData = nullptr;
    PFN_SKF_GenRandom genRandom = nullptr;
};

namespace
{

constexpr int kSm2FieldBytes = 32;
constexpr int kSm2PublicKeyBytes = 1 + 2 * kSm2FieldBytes;
constexpr int kBlobCoordinateBytes = 64;

// ENTL is the ID length in bits as an unsigned 16-bit number.
constexpr qsizetype kMaxSm2IdBytes = 0xFFFF / 8;

// Name lists larger than this are treated as a broken library, not parsed.
constexpr ULONG kMaxNameListBytes = 64 * 1024;

// The recommended curve parameters a, b, Gx, Gy of GB/T 32918.5-2017,
// big-endian, as they enter Z_A.
constexpr char kCurveA[] = "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC";
constexpr char kCurveB[] = "28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93";
constexpr char kCurveGx[] = "32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7";
constexpr char kCurveGy[] = "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0";

struct PkeyFree {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct MdFree {
    void operator()(EVP_MD *md) const { EVP_MD_free(md); }
};
struct ParamBldFree {
    void operator()(OSSL_PARAM_BLD *bld) const { OSSL_PARAM_BLD_free(bld); }
};
struct ParamFree {
    void operator()(OSSL_PARAM *params) const { OSSL_PARAM_free(params); }
};
struct EcdsaSigFree {
    void operator()(ECDSA_SIG *sig) const { ECDSA_SIG_free(sig); }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using MdPtr = std::unique_ptr<EVP_MD, MdFree>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, ParamFree>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, EcdsaSigFree>;

QString takeOpenSslErrors()
{
    QStringList reasons;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char text[256] = {};
        ERR_error_string_n(code, text, sizeof text);
        reasons << QString::fromLatin1(text);
    }
    if (reasons.isEmpty())
        return QStringLiteral("no OpenSSL error was queued");
    return reasons.join(QStringLiteral("; "));
}

Error openSslError(const char *call)
{
    return makeError(
        ErrorCode::Crypto,
        QStringLiteral("SKF provider: %1 failed: %2").arg(QString::fromLatin1(call), takeOpenSslErrors()),
        QCoreApplication::translate("gov::crypto::SkfProvider",
                                    "A cryptographic operation for the USB key failed in the OpenSSL library. "
                                    "Try again or contact the system administrator."));
}

// The GM/T 0016 name of an SKF return code, for developer logs.
QString sarName(ULONG code)
{
    switch (code) {
    case SAR_OK: return QStringLiteral("SAR_OK");
    case SAR_FAIL: return QStringLiteral("SAR_FAIL");
    case SAR_UNKNOWNERR: return QStringLiteral("SAR_UNKNOWNERR");
    case SAR_NOTSUPPORTYETERR: return QStringLiteral("SAR_NOTSUPPORTYETERR");
    case SAR_INVALIDHANDLEERR: return QStringLiteral("SAR_INVALIDHANDLEERR");
    case SAR_INVALIDPARAMERR: return QStringLiteral("SAR_INVALIDPARAMERR");
    case SAR_NAMELENERR: return QStringLiteral("SAR_NAMELENERR");
    case SAR_KEYUSAGEERR: return QStringLiteral("SAR_KEYUSAGEERR");
    case SAR_MEMORYERR: return QStringLiteral("SAR_MEMORYERR");
    case SAR_TIMEOUTERR: return QStringLiteral("SAR_TIMEOUTERR");
    case SAR_INDATALENERR: return QStringLiteral("SAR_INDATALENERR");
    case SAR_INDATAERR: return QStringLiteral("SAR_INDATAERR");
    case SAR_GENRANDERR: return QStringLiteral("SAR_GENRANDERR");
    case SAR_KEYNOTFOUNTERR: return QStringLiteral("SAR_KEYNOTFOUNTERR");
    case SAR_BUFFER_TOO_SMALL: return QStringLiteral("SAR_BUFFER_TOO_SMALL");
    case SAR_DEVICE_REMOVED: return QStringLiteral("SAR_DEVICE_REMOVED");
    case SAR_PIN_INCORRECT: return QStringLiteral("SAR_PIN_INCORRECT");
    case SAR_PIN_LOCKED: return QStringLiteral("SAR_PIN_LOCKED");
    case SAR_PIN_INVALID: return QStringLiteral("SAR_PIN_INVALID");
    case SAR_PIN_LEN_RANGE: return QStringLiteral("SAR_PIN_LEN_RANGE");
    case SAR_USER_TYPE_INVALID: return QStringLiteral("SAR_USER_TYPE_INVALID");
    case SAR_USER_NOT_LOGGED_IN: return QStringLiteral("SAR_USER_NOT_LOGGED_IN");
    case SAR_APPLICATION_NOT_EXISTS: return QStringLiteral("SAR_APPLICATION_NOT_EXISTS");
    case SAR_FILE_NOT_EXIST: return QStringLiteral("SAR_FILE_NOT_EXIST");
    default: return QStringLiteral("vendor-specific code");
    }
}

QString sarText(ULONG code)
{
    return QStringLiteral("0x%1 (%2)").arg(code, 8, 16, QLatin1Char('0')).arg(sarName(code));
}

// An ErrorCode::Crypto error for an SKF call that returned `code`.
Error skfCallError(const char *call, ULONG code, const QString &where)
{
    const QString detail = QStringLiteral("%1 on %2 returned %3").arg(QString::fromLatin1(call), where, sarText(code));
    if (code == SAR_DEVICE_REMOVED)
        return makeError(ErrorCode::Crypto, detail,
                         QCoreApplication::translate("gov::crypto::SkfProvider",
                                                     "The USB key %1 was removed. Insert the USB key and try again.")
                             .arg(where));

    return makeError(ErrorCode::Crypto, detail,
                     QCoreApplication::translate(
                         "gov::crypto::SkfProvider",
                         "The operation %2 on the USB key %1 failed with error code 0x%3. Check that the key is "
                         "inserted and that the vendor's SKF driver is installed, then try again or contact "
                         "the system administrator.")
                         .arg(where, QString::fromLatin1(call))
                         .arg(code, 8, 16, QLatin1Char('0')));
}

// Reads a GM/T 0016 name list with the usual two calls: the first with a
// null buffer for the size, the second for the names.
template <typename ListCall>
Result<QStringList> readNameList(SkfLibrary &library, const char *call, const QString &where, ListCall list)
{
    ULONG size = 0;
    ULONG status = library.invoke([&] { return list(nullptr, &size); });
    if (status != SAR_OK)
        return skfCallError(call, status, where);
    if (size == 0)
        return QStringList();
    if (size > kMaxNameListBytes)
        return makeError(
            ErrorCode::Crypto,
            QStringLiteral("%1 on %2 reported a name list of %3 bytes").arg(QString::fromLatin1(call), where).arg(size),
            QCoreApplication::translate(
                "gov::crypto::SkfProvider",
                "The USB key driver returned an invalid list of names. Reinstall the vendor's SKF "
                "driver or contact the system administrator."));

    // One spare NUL so that a list without its final terminator still parses.
    QByteArray buffer(qsizetype(size) + 1, '\0');
    status = library.invoke([&] { return list(buffer.data(), &size); });
    if (status != SAR_OK)
        return skfCallError(call, status, where);

    QStringList names;
    const qsizetype end = std::min<qsizetype>(qsizetype(size), buffer.size() - 1);
    qsizetype start = 0;
    while (start < end && buffer.at(start) != '\0') {
        const qsizetype terminator = buffer.indexOf('\0', start);
        names << QString::fromUtf8(buffer.constData() + start, terminator - start);
        start = terminator + 1;
    }
    return names;
}

// The handles of one opened container. The destructor closes them in
// reverse order, which also ends the PIN login of the application.
struct SkfSession {
    std::shared_ptr<SkfLibrary> library;
    DEVHANDLE device = nullptr;
    HAPPLICATION application = nullptr;
    HCONTAINER container = nullptr;

    explicit SkfSession(std::shared_ptr<SkfLibrary> owner) : library(std::move(owner)) {}
    SkfSession(const SkfSession &) = delete;
    SkfSession &operator=(const SkfSession &) = delete;

    ~SkfSession()
    {
        // Close errors are not actionable here, because the handles are gone either way.
        if (container)
            library->invoke([&] { return library->closeContainer(container); });
        if (application)
            library->invoke([&] { return library->closeApplication(application); });
        if (device)
            library->invoke([&] { return library->disconnectDev(device); });
    }
};

QByteArray fromHex(const char *hex)
{
    return QByteArray::fromHex(QByteArray(hex));
}

// The last 32 bytes of a right-aligned 64-byte SKF value, or an empty array
// when the leading bytes are not zero (a value wider than 256 bits).
QByteArray rightAligned256(const BYTE *value)
{
    const BYTE *const lead = value;
    const BYTE *const tail = value + (kBlobCoordinateBytes - kSm2FieldBytes);
    if (std::any_of(lead, tail, [](BYTE b) { return b != 0; }))
        return {};
    return QByteArray(reinterpret_cast<const char *>(tail), kSm2FieldBytes);
}

// An SM2 public key object over 04||x||y. OpenSSL rejects a point that is
// not on the curve.
Result<PkeyPtr> makeSm2PublicKey(const QByteArray &publicKey)
{
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder)
        return openSslError("OSSL_PARAM_BLD_new");
    if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, publicKey.constData(),
                                            size_t(publicKey.size()))
               != 1)
        return openSslError("OSSL_PARAM_BLD_push");
    ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    if (!params)
        return openSslError("OSSL_PARAM_BLD_to_param");

    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
    if (!ctx)
        return openSslError("EVP_PKEY_CTX_new_from_name");
    if (EVP_PKEY_fromdata_init(ctx.get()) != 1)
        return openSslError("EVP_PKEY_fromdata_init");
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return openSslError("EVP_PKEY_fromdata");
    return PkeyPtr(key);
}

// DER SEQUENCE { r, s } of GM/T 0009 from the 32-byte big-endian r and s.
Result<QByteArray> encodeSignature(const QByteArray &r, const QByteArray &s)
{
    EcdsaSigPtr sig(ECDSA_SIG_new());
    if (!sig)
        return openSslError("ECDSA_SIG_new");
    BIGNUM *rBn = BN_bin2bn(reinterpret_cast<const unsigned char *>(r.constData()), int(r.size()), nullptr);
    BIGNUM *sBn = BN_bin2bn(reinterpret_cast<const unsigned char *>(s.constData()), int(s.size()), nullptr);
    if (!rBn || !sBn || ECDSA_SIG_set0(sig.get(), rBn, sBn) != 1) {
        BN_free(rBn);
        BN_free(sBn);
        return openSslError("ECDSA_SIG_set0");
    }

    unsigned char *der = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &der);
    if (length <= 0)
        return openSslError("i2d_ECDSA_SIG");
    QByteArray result(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return result;
}

// Verifies a DER signature over the digest e (no Z_A is added here).
bool verifyDigest(EVP_PKEY *publicKey, const QByteArray &digest, const QByteArray &signature)
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, publicKey, nullptr));
    const bool valid =
        ctx && EVP_PKEY_verify_init(ctx.get()) == 1
        && EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                           size_t(signature.size()), reinterpret_cast<const unsigned char *>(digest.constData()),
                           size_t(digest.size()))
               == 1;
    ERR_clear_error();
    return valid;
}

Result<QByteArray> sm3(const QByteArray &data)
{
    MdPtr md(EVP_MD_fetch(nullptr, "SM3", nullptr));
    if (!md)
        return openSslError("EVP_MD_fetch(SM3)");
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx)
        return openSslError("EVP_MD_CTX_new");
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestInit_ex2(ctx.get(), md.get(), nullptr) != 1
        || EVP_DigestUpdate(ctx.get(), data.constData(), size_t(data.size())) != 1
        || EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1)
        return openSslError("SM3 digest");
    return QByteArray(reinterpret_cast<const char *>(digest), int(length));
}

// A signing key in an SKF container. The handles stay open, and the PIN
// login with them, until the key is destroyed.
class SkfPrivateKey final : public Sm2PrivateKey
{
public:
    SkfPrivateKey(std::unique_ptr<SkfSession> session, QByteArray publicKey, PkeyPtr verifyKey, QString origin)
        : m_session(std::move(session))
        , m_publicKey(std::move(publicKey))
        , m_verifyKey(std::move(verifyKey))
        , m_origin(std::move(origin))
    {
    }

    QByteArray publicKey() const override { return m_publicKey; }

    QString origin() const override { return m_origin; }

    Result<QByteArray> sign(const QByteArray &message, const QByteArray &id) const override
    {
        auto digest = SkfProvider::sm2SignatureDigest(m_publicKey, message, id);
        if (!digest)
            return digest.error();
        return signDigest(*digest);
    }

    Result<QByteArray> decrypt(const QByteArray &ciphertext) const override
    {
        // GM/T 0016-2012 has no function that returns data decrypted with a
        // container's private key: SKF_ImportSessionKey unwraps a session key
        // inside the token only. Vendors add such calls under their own names.
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("SKF: decryption of %1 bytes with %2 requested, but GM/T 0016-2012 has "
                           "no private-key decrypt function")
                .arg(ciphertext.size())
                .arg(m_origin),
            QCoreApplication::translate("gov::crypto::SkfProvider",
                                        "The USB key cannot decrypt data with its private key through the standard SKF "
                                        "interface. Use a software key or a crypto card for decryption."));
    }

    // Signs the 32-byte digest e on the token and checks the result against
    // the exported public key, so that a token that signs with another key
    // (its encryption key pair, say) is caught here and not by a verifier.
    Result<QByteArray> signDigest(const QByteArray &digest) const
    {
        SkfLibrary &library = *m_session->library;
        ECCSIGNATUREBLOB blob;
        std::memset(&blob, 0, sizeof blob);
        QByteArray input = digest;
        const ULONG status = library.invoke([&] {
            return library.eccSignData(m_session->container, reinterpret_cast<BYTE *>(input.data()),
                                       ULONG(input.size()), &blob);
        });
        if (status != SAR_OK)
            return skfCallError("SKF_ECCSignData", status, m_origin);

        const QByteArray r = rightAligned256(blob.r);
        const QByteArray s = rightAligned256(blob.s);
        if (r.isEmpty() || s.isEmpty())
            return invalidSignatureError(QStringLiteral("r or s is wider than 256 bits"));

        auto der = encodeSignature(r, s);
        if (!der)
            return der.error();
        if (!verifyDigest(m_verifyKey.get(), digest, *der))
            return invalidSignatureError(QStringLiteral("the signature does not verify with the exported public key"));
        return der;
    }

private:
    Error invalidSignatureError(const QString &reason) const
    {
        return makeError(ErrorCode::Integrity, QStringLiteral("SKF_ECCSignData on %1: %2").arg(m_origin, reason),
                         QCoreApplication::translate(
                             "gov::crypto::SkfProvider",
                             "The USB key %1 returned a signature that does not match its public key. Do not use "
                             "this key. Contact the system administrator to replace it.")
                             .arg(m_origin));
    }

    std::unique_ptr<SkfSession> m_session;
    QByteArray m_publicKey;
    PkeyPtr m_verifyKey;
    QString m_origin;
};

Error notFoundError(const QString &detail, const QString &userText)
{
    return makeError(ErrorCode::NotFound, detail, userText);
}

// The names for a message, or "none" for an empty list.
QString nameListText(const QStringList &names)
{
    if (names.isEmpty())
        return QCoreApplication::translate("gov::crypto::SkfProvider", "none");
    return names.join(QStringLiteral(", "));
}

// Resolves `device`: the named one if present, else the only one present.
Result<QString> chooseDevice(SkfLibrary &library, const QString &device)
{
    auto present = readNameList(library, "SKF_EnumDev", QStringLiteral("all devices"),
                                [&](LPSTR names, ULONG *size) { return library.enumDev(TRUE, names, size); });
    if (!present)
        return present.error();

    const QString list = nameListText(*present);
    if (device.isEmpty()) {
        if (present->size() == 1)
            return present->first();
        return notFoundError(QStringLiteral("SKF: no device named and %1 present").arg(present->size()),
                             QCoreApplication::translate(
                                 "gov::crypto::SkfProvider",
                                 "Exactly one USB key must be inserted when no key name is configured, but the "
                                 "connected keys are: %1. Insert one key or set the key name in the configuration.")
                                 .arg(list));
    }

    if (!present->contains(device))
        return notFoundError(QStringLiteral("SKF: device %1 not present (present: %2)").arg(device, list),
                             QCoreApplication::translate(
                                 "gov::crypto::SkfProvider",
                                 "The USB key %1 is not connected. Connected keys: %2. Insert the key or check the "
                                 "key name in the configuration.")
                                 .arg(device, list));
    return device;
}

Status verifyPin(SkfLibrary &library, HAPPLICATION application, const QString &pin, const QString &where)
{
    QByteArray pinBytes = pin.toUtf8();
    ULONG retries = 0;
    const ULONG status =
        library.invoke([&] { return library.verifyPin(application, USER_TYPE, pinBytes.data(), &retries); });
    OPENSSL_cleanse(pinBytes.data(), size_t(pinBytes.size()));
    if (status == SAR_OK)
        return {};

    // A token reports the attempt that locks it either as SAR_PIN_LOCKED or
    // as SAR_PIN_INCORRECT with no retries left.
    if (status == SAR_PIN_LOCKED || (status == SAR_PIN_INCORRECT && retries == 0)) {
        qCWarning(lcSkf) << "SKF user PIN locked on" << where;
        return makeError(ErrorCode::Crypto,
                         QStringLiteral("SKF_VerifyPIN on %1 returned %2, PIN locked").arg(where, sarText(status)),
                         QCoreApplication::translate(
                             "gov::crypto::SkfProvider",
                             "The user PIN of the USB key %1 is locked after too many wrong entries. Ask the "
                             "key's administrator to unlock it with the administrator PIN.")
                             .arg(where));
    }
    if (status == SAR_PIN_INCORRECT) {
        qCWarning(lcSkf) << "SKF user PIN incorrect on" << where << "retries left:" << retries;
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("SKF_VerifyPIN on %1 returned %2, %3 retries left").arg(where, sarText(status)).arg(retries),
            QCoreApplication::translate(
                "gov::crypto::SkfProvider",
                "The PIN for the USB key %1 is incorrect. Attempts left before the key is locked: %2. "
                "Enter the PIN again.")
                .arg(where)
                .arg(retries));
    }
    return skfCallError("SKF_VerifyPIN", status, where);
}

Result<QByteArray> exportSignPublicKey(SkfLibrary &library, HCONTAINER container, const QString &where)
{
    ECCPUBLICKEYBLOB blob;
    std::memset(&blob, 0, sizeof blob);
    ULONG length = sizeof blob;
    const ULONG status = library.invoke(
        [&] { return library.exportPublicKey(container, TRUE, reinterpret_cast<BYTE *>(&blob), &length); });
    if (status != SAR_OK)
        return skfCallError("SKF_ExportPublicKey", status, where);

    const QByteArray x = rightAligned256(blob.XCoordinate);
    const QByteArray y = rightAligned256(blob.YCoordinate);
    if (length != sizeof blob || blob.BitLen != 256 || x.isEmpty() || y.isEmpty())
        return makeError(ErrorCode::Crypto,
                         QStringLiteral("SKF_ExportPublicKey on %1: blob of %2 bytes with BitLen %3 is not an SM2 key")
                             .arg(where)
                             .arg(length)
                             .arg(blob.BitLen),
                         QCoreApplication::translate(
                             "gov::crypto::SkfProvider",
                             "The signing key in the USB key %1 is not an SM2 key. Use a container with an SM2 "
                             "signing key or contact the system administrator.")
                             .arg(where));
    return QByteArray(1, '\x04') + x + y;
}

} // namespace

SkfProvider::SkfProvider(std::shared_ptr<SkfLibrary> library) : m_library(std::move(library)) {}

SkfProvider::~SkfProvider() = default;

QString SkfProvider::libraryPath() const
{
    return m_library->path;
}

Result<std::unique_ptr<SkfProvider>> SkfProvider::load(const QString &libraryPath)
{
    const QFileInfo info(libraryPath);
    const QString path = info.absoluteFilePath();
    if (libraryPath.isEmpty() || !info.exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("SKF library %1 does not exist").arg(path),
                         QCoreApplication::translate(
                             "gov::crypto::SkfProvider",
                             "The USB key driver library %1 does not exist. Install the USB key vendor's SKF "
                             "driver, or correct the library path in the configuration.")
                             .arg(libraryPath));

    // dlopen is given the absolute path, so it does not search the library path.
    auto library = std::make_shared<SkfLibrary>();
    library->path = path;
    library->handle = dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL);
    if (!library->handle) {
        const char *reason = dlerror();
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("dlopen(%1) failed: %2")
                             .arg(path, QString::fromLocal8Bit(reason ? reason : "no reason given")),
                         QCoreApplication::translate(
                             "gov::crypto::SkfProvider",
                             "The file %1 is not a USB key driver library that this system can load. Install the "
                             "USB key vendor's SKF driver for this processor architecture, or correct the "
                             "library path in the configuration.")
                             .arg(path));
    }

    QStringList missing;
    auto resolve = [&](auto &slot, const char *symbol) {
        dlerror();
        void *address = dlsym(library->handle, symbol);
        if (!address) {
            missing << QString::fromLatin1(symbol);
            return;
        }
        slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(address);
    };
    resolve(library->enumDev, "SKF_EnumDev");
    resolve(library->connectDev, "SKF_ConnectDev");
    resolve(library->disconnectDev, "SKF_DisConnectDev");
    resolve(library->enumApplication, "SKF_EnumApplication");
    resolve(library->openApplication, "SKF_OpenApplication");
    resolve(library->closeApplication, "SKF_CloseApplication");
    resolve(library->verifyPin, "SKF_VerifyPIN");
    resolve(library->enumContainer, "SKF_EnumContainer");
    resolve(library->openContainer, "SKF_OpenContainer");
    resolve(library->closeContainer, "SKF_CloseContainer");
    resolve(library->exportPublicKey, "SKF_ExportPublicKey");
    resolve(library->eccSignData, "SKF_ECCSignData");
    resolve(library->genRandom, "SKF_GenRandom");

    if (!missing.isEmpty()) {
        const QString names = missing.join(QStringLiteral(", "));
        return makeError(ErrorCode::Unsupported, QStringLiteral("SKF library %1 lacks the symbols %2").arg(path, names),
                         QCoreApplication::translate(
                             "gov::crypto::SkfProvider",
                             "The library %1 lacks the SKF functions %2, so it is not a complete GM/T 0016 USB key "
                             "driver. Install the USB key vendor's SKF driver, or correct the library path in the "
                             "configuration.")
                             .arg(path, names));
    }

    qCInfo(lcSkf) << "Loaded SKF library" << path;
    return std::unique_ptr<SkfProvider>(new SkfProvider(std::move(library)));
}

Result<QStringList> SkfProvider::devices() const
{
    SkfLibrary &library = *m_library;
    return readNameList(library, "SKF_EnumDev", QStringLiteral("all devices"),
                        [&](LPSTR names, ULONG *size) { return library.enumDev(TRUE, names, size); });
}

Result<std::unique_ptr<Sm2PrivateKey>> SkfProvider::openKey(const QString &device, const QString &application,
                                                            const QString &container, const QString &pin) const
{
    SkfLibrary &library = *m_library;
    if (application.isEmpty() || container.isEmpty() || pin.isEmpty())
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("SKF openKey: empty application, container or PIN"),
            QCoreApplication::translate("gov::crypto::SkfProvider",
                                        "The USB key application, container and PIN must all be set. Check the USB key "
                                        "settings in the configuration."));

    auto deviceName = chooseDevice(library, device);
    if (!deviceName)
        return deviceName.error();

    auto session = std::make_unique<SkfSession>(m_library);
    QByteArray deviceBytes = deviceName->toUtf8();
    ULONG status = library.invoke([&] { return library.connectDev(deviceBytes.data(), &session->device); });
    if (status != SAR_OK)
        return skfCallError("SKF_ConnectDev", status, *deviceName);

    // NOTE: names go to the library as UTF-8. Vendors whose tokens store
    // GBK names need ASCII names in the configuration.
    const QString applicationWhere = *deviceName + QLatin1Char('/') + application;
    auto applications = readNameList(library, "SKF_EnumApplication", *deviceName, [&](LPSTR names, ULONG *size) {
        return library.enumApplication(session->device, names, size);
    });
    if (!applications)
        return applications.error();
    if (!applications->contains(application))
        return notFoundError(
            QStringLiteral("SKF: application %1 not found").arg(applicationWhere),
            QCoreApplication::translate("gov::crypto::SkfProvider",
                                        "The USB key %1 has no application %2. Applications on the key: %3. Check the "
                                        "application name in the configuration.")
                .arg(*deviceName, application, nameListText(*applications)));

    QByteArray applicationBytes = application.toUtf8();
    status = library.invoke(
        [&] { return library.openApplication(session->device, applicationBytes.data(), &session->application); });
    if (status != SAR_OK)
        return skfCallError("SKF_OpenApplication", status, applicationWhere);

    // Checked before the PIN so that a wrong container name costs no PIN attempt.
    const QString where = applicationWhere + QLatin1Char('/') + container;
    auto containers = readNameList(library, "SKF_EnumContainer", applicationWhere, [&](LPSTR names, ULONG *size) {
        return library.enumContainer(session->application, names, size);
    });
    if (!containers)
        return containers.error();
    if (!containers->contains(container))
        return notFoundError(
            QStringLiteral("SKF: container %1 not found").arg(where),
            QCoreApplication::translate("gov::crypto::SkfProvider",
                                        "The USB key application %1 has no container %2. Check the container name in "
                                        "the configuration.")
                .arg(applicationWhere, container));

    if (Status pinStatus = verifyPin(library, session->application, pin, applicationWhere); !pinStatus)
        return pinStatus.error();

    QByteArray containerBytes = container.toUtf8();
    status = library.invoke(
        [&] { return library.openContainer(session->application, containerBytes.data(), &session->container); });
    if (status != SAR_OK)
        return skfCallError("SKF_OpenContainer", status, where);

    auto publicKey = exportSignPublicKey(library, session->container, where);
    if (!publicKey)
        return publicKey.error();
    auto verifyKey = makeSm2PublicKey(*publicKey);
    if (!verifyKey)
        return verifyKey.error();

    QByteArray challenge(kSm2FieldBytes, '\0');
    const DEVHANDLE deviceHandle = session->device;
    status = library.invoke([&] {
        return library.genRandom(deviceHandle, reinterpret_cast<BYTE *>(challenge.data()), ULONG(challenge.size()));
    });
    if (status != SAR_OK)
        return skfCallError("SKF_GenRandom", status, *deviceName);

    auto key = std::make_unique<SkfPrivateKey>(std::move(session), *publicKey, std::move(*verifyKey),
                                               QStringLiteral("SKF ") + where);
    auto selfTest = key->signDigest(challenge);
    if (!selfTest)
        return selfTest.error();

    qCInfo(lcSkf) << "Opened SKF signing key" << where;
    return std::unique_ptr<Sm2PrivateKey>(std::move(key));
}

Result<QByteArray> SkfProvider::sm2SignatureDigest(const QByteArray &publicKey, const QByteArray &message,
                                                   const QByteArray &id)
{
    if (publicKey.size() != kSm2PublicKeyBytes || publicKey.at(0) != '\x04')
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("SM2 digest: public key is %1 bytes, expected 65 bytes 04||x||y").arg(publicKey.size()),
            QCoreApplication::translate("gov::crypto::SkfProvider",
                                        "The SM2 public key is malformed. This is a program error. Contact the system "
                                        "administrator."));
    if (id.size() > kMaxSm2IdBytes)
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("SM2 digest: ID is %1 bytes, at most %2 allowed").arg(id.size()).arg(kMaxSm2IdBytes),
            QCoreApplication::translate("gov::crypto::SkfProvider",
                                        "The SM2 signer ID is %1 bytes long, but at most 8191 bytes are allowed. Use a "
                                        "shorter ID.")
                .arg(id.size()));

    const quint16 entl = quint16(id.size() * 8);
    QByteArray zInput;
    zInput.append(char(entl >> 8)).append(char(entl & 0xFF));
    zInput.append(id);
    zInput.append(fromHex(kCurveA)).append(fromHex(kCurveB));
    zInput.append(fromHex(kCurveGx)).append(fromHex(kCurveGy));
    zInput.append(publicKey.mid(1));

    auto z = sm3(zInput);
    if (!z)
        return z.error();
    return sm3(*z + message);
}

} // namespace gov::crypto
