#include "SkfProvider.h"
#include "skf/SkfApi.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <dlfcn.h>

#include <cstring>

using gov::ErrorCode;
using gov::crypto::SkfProvider;
using gov::crypto::Sm2PrivateKey;

namespace
{

const QString kDevice = QStringLiteral("FAKE-SKF-0001");
const QString kApplication = QStringLiteral("GOV_APP");
const QString kContainer = QStringLiteral("SIGN1");
const QString kPin = QStringLiteral("246810");
constexpr int kRetryLimit = 3;

struct TestKey {
    QByteArray privateKey; // 32 bytes d
    QByteArray publicKey;  // 65 bytes 04||x||y
};

// A fresh SM2 key pair made by OpenSSL, independent of the fake library.
TestKey generateKey()
{
    TestKey key;
    EVP_PKEY *pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2");
    if (!pkey)
        return key;
    BIGNUM *d = nullptr;
    unsigned char pub[65] = {};
    size_t pubLength = 0;
    if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1
        && EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &pubLength) == 1) {
        key.privateKey.resize(32);
        BN_bn2binpad(d, reinterpret_cast<unsigned char *>(key.privateKey.data()), 32);
        key.publicKey = QByteArray(reinterpret_cast<const char *>(pub), qsizetype(pubLength));
    }
    BN_clear_free(d);
    EVP_PKEY_free(pkey);
    return key;
}

// Verifies an SM2 signature the standard way through OpenSSL's EVP digest
// API, which computes Z_A from the ID itself.
bool verifyWithOpenSsl(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature,
                       const QByteArray &id)
{
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0);
    OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, publicKey.constData(), size_t(publicKey.size()));
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *fromData = EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr);
    EVP_PKEY *pkey = nullptr;
    EVP_PKEY_fromdata_init(fromData);
    EVP_PKEY_fromdata(fromData, &pkey, EVP_PKEY_PUBLIC_KEY, params);

    bool valid = false;
    EVP_MD_CTX *mdCtx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pkeyCtx = pkey ? EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr) : nullptr;
    if (pkeyCtx && EVP_PKEY_CTX_set1_id(pkeyCtx, id.constData(), size_t(id.size())) == 1) {
        EVP_MD_CTX_set_pkey_ctx(mdCtx, pkeyCtx);
        valid = EVP_DigestVerifyInit(mdCtx, nullptr, EVP_sm3(), nullptr, pkey) == 1
                && EVP_DigestVerify(
                       mdCtx, reinterpret_cast<const unsigned char *>(signature.constData()), size_t(signature.size()),
                       reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()))
                       == 1;
    }
    EVP_MD_CTX_free(mdCtx);
    EVP_PKEY_CTX_free(pkeyCtx);
    EVP_PKEY_free(pkey);
    EVP_PKEY_CTX_free(fromData);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    ERR_clear_error();
    return valid;
}

// Values of the GM/T 0003.5 Annex A signature example from the shared
// reference data (lines "name = HEX"), or an empty map when it is absent.
QMap<QString, QByteArray> readAnnexA()
{
    QMap<QString, QByteArray> values;
    const QByteArray root = qgetenv("GOV_SHARED_DATA");
    if (root.isEmpty())
        return values;
    QFile file(QString::fromLocal8Bit(root) + QStringLiteral("/sm-vectors/gmt0003-5_annexA_sm2_sign.txt"));
    if (!file.open(QIODevice::ReadOnly))
        return values;
    static const QRegularExpression line(QStringLiteral("^(\\w+)\\s*=\\s*([0-9A-Fa-f]+)\\s*(\\(|$)"));
    while (!file.atEnd()) {
        const auto match = line.match(QString::fromLatin1(file.readLine().trimmed()));
        if (match.hasMatch())
            values.insert(match.captured(1), QByteArray::fromHex(match.captured(2).toLatin1()));
    }
    return values;
}

} // namespace

class TestSkfProvider : public QObject
{
    Q_OBJECT

private:
    QString m_storePath;
    TestKey m_key;
    TestKey m_otherKey;
    std::unique_ptr<QTemporaryDir> m_dir;

    void writeStore(const QByteArray &privateKey, int retriesLeft = kRetryLimit)
    {
        QFile file(m_storePath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("# fake USB key for tst_skfprovider\n");
        file.write("device=" + kDevice.toUtf8() + "\n");
        file.write("application=" + kApplication.toUtf8() + "\n");
        file.write("pin=" + kPin.toUtf8() + "\n");
        file.write("retry_limit=" + QByteArray::number(kRetryLimit) + "\n");
        file.write("retries_left=" + QByteArray::number(retriesLeft) + "\n");
        file.write("container=" + kContainer.toUtf8() + ":" + privateKey.toHex() + "\n");
        file.write("container=ENC1:" + m_otherKey.privateKey.toHex() + "\n");
    }

    QByteArray storedRetries() const
    {
        QFile file(m_storePath);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.startsWith("retries_left="))
                return line.mid(int(std::strlen("retries_left=")));
        }
        return {};
    }

    std::unique_ptr<SkfProvider> loadFake()
    {
        auto provider = SkfProvider::load(QStringLiteral(GOV_FAKE_SKF_LIBRARY));
        if (!provider) {
            qWarning() << provider.error().detail;
            return nullptr;
        }
        return std::move(*provider);
    }

private slots:
    void initTestCase()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_storePath = m_dir->filePath(QStringLiteral("fake-skf-store.txt"));
        qputenv("GOV_FAKE_SKF_STORE", QFile::encodeName(m_storePath));
        m_key = generateKey();
        m_otherKey = generateKey();
        QCOMPARE(m_key.privateKey.size(), 32);
        QCOMPARE(m_key.publicKey.size(), 65);
        QCOMPARE(m_otherKey.privateKey.size(), 32);
    }

    void init() { writeStore(m_key.privateKey); }

    void load_missingFile()
    {
        const QString path = m_dir->filePath(QStringLiteral("libnosuchvendor.so"));
        auto provider = SkfProvider::load(path);
        QVERIFY(!provider);
        QCOMPARE(provider.error().code, ErrorCode::NotFound);
        QVERIFY(provider.error().detail.contains(path));
        QVERIFY(provider.error().userText.contains(path));
    }

    void load_notElf()
    {
        const QString path = m_dir->filePath(QStringLiteral("libnotelf.so"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is a text file, not a shared library\n");
        file.close();

        auto provider = SkfProvider::load(path);
        QVERIFY(!provider);
        QCOMPARE(provider.error().code, ErrorCode::InvalidInput);
        QVERIFY(provider.error().detail.contains(path));
        QVERIFY(provider.error().detail.contains(QStringLiteral("dlopen")));
    }

    void load_missingSymbol()
    {
        const QString path = QStringLiteral(GOV_FAKE_SKF_NOSIGN_LIBRARY);
        auto provider = SkfProvider::load(path);
        QVERIFY(!provider);
        QCOMPARE(provider.error().code, ErrorCode::Unsupported);
        QVERIFY(provider.error().detail.contains(path));
        QVERIFY(provider.error().detail.contains(QStringLiteral("SKF_ECCSignData")));
        QVERIFY(!provider.error().detail.contains(QStringLiteral("SKF_VerifyPIN")));
        QVERIFY(provider.error().userText.contains(QStringLiteral("SKF_ECCSignData")));
    }

    void load_fakeListsDevice()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        QCOMPARE(provider->libraryPath(), QStringLiteral(GOV_FAKE_SKF_LIBRARY));
        auto devices = provider->devices();
        QVERIFY(devices);
        QCOMPARE(*devices, QStringList{kDevice});
    }

    void openKey_publicKeyMatchesStore()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(kDevice, kApplication, kContainer, kPin);
        QVERIFY2(key, qPrintable(key ? QString() : key.error().detail));
        QCOMPARE((*key)->publicKey().toHex(), m_key.publicKey.toHex());
        QCOMPARE((*key)->origin(), QStringLiteral("SKF FAKE-SKF-0001/GOV_APP/SIGN1"));
    }

    void openKey_emptyDeviceSelectsOnlyKey()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(QString(), kApplication, kContainer, kPin);
        QVERIFY2(key, qPrintable(key ? QString() : key.error().detail));
        QCOMPARE((*key)->publicKey(), m_key.publicKey);
    }

    void openKey_annexAPublicKey()
    {
        const auto annexA = readAnnexA();
        if (annexA.isEmpty())
            QSKIP("GOV_SHARED_DATA with sm-vectors is not available");
        writeStore(annexA.value(QStringLiteral("d")));

        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(kDevice, kApplication, kContainer, kPin);
        QVERIFY2(key, qPrintable(key ? QString() : key.error().detail));
        const QByteArray expected =
            QByteArray(1, '\x04') + annexA.value(QStringLiteral("Px")) + annexA.value(QStringLiteral("Py"));
        QCOMPARE((*key)->publicKey().toHex(), expected.toHex());
    }

    void sign_verifiesOnlyWithSameId_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("signId");
        QTest::newRow("default id") << QByteArray("SM2 signature over an audit checkpoint")
                                    << gov::crypto::defaultSm2Id();
        QTest::newRow("other id") << QByteArray("SM2 signature over an audit checkpoint")
                                  << QByteArray("ALICE123@YAHOO.COM");
        QTest::newRow("empty message") << QByteArray() << gov::crypto::defaultSm2Id();
        QTest::newRow("long message") << QByteArray(100000, 'x') << gov::crypto::defaultSm2Id();
    }

    void sign_verifiesOnlyWithSameId()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, signId);
        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(kDevice, kApplication, kContainer, kPin);
        QVERIFY2(key, qPrintable(key ? QString() : key.error().detail));

        auto signature = (*key)->sign(message, signId);
        QVERIFY2(signature, qPrintable(signature ? QString() : signature.error().detail));
        QCOMPARE(signature->at(0), '\x30');

        QVERIFY(verifyWithOpenSsl(m_key.publicKey, message, *signature, signId));
        const QByteArray otherId =
            signId == gov::crypto::defaultSm2Id() ? QByteArray("8765432187654321") : gov::crypto::defaultSm2Id();
        QVERIFY(!verifyWithOpenSsl(m_key.publicKey, message, *signature, otherId));
        QVERIFY(!verifyWithOpenSsl(m_key.publicKey, message, *signature, QByteArray()));
        QVERIFY(!verifyWithOpenSsl(m_otherKey.publicKey, message, *signature, signId));
        QVERIFY(!verifyWithOpenSsl(m_key.publicKey, message + "!", *signature, signId));

        // The same checks through the software provider that verifiers in
        // the appliance use.
        const auto software = gov::crypto::createOpenSslProvider();
        const gov::Status sameId = software->sm2Verify(m_key.publicKey, message, *signature, signId);
        QVERIFY2(sameId, qPrintable(sameId ? QString() : sameId.error().detail));
        const gov::Status wrongId = software->sm2Verify(m_key.publicKey, message, *signature, otherId);
        QVERIFY(!wrongId);
        QCOMPARE(wrongId.error().code, ErrorCode::Integrity);
    }

    void sign_defaultArgumentIsDefaultId()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(kDevice, kApplication, kContainer, kPin);
        QVERIFY(key);
        const QByteArray message("default ID check");
        auto signature = (*key)->sign(message);
        QVERIFY(signature);
        QVERIFY(verifyWithOpenSsl(m_key.publicKey, message, *signature, QByteArray("1234567812345678")));
    }

    void sign_idTooLong()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(kDevice, kApplication, kContainer, kPin);
        QVERIFY(key);
        QVERIFY((*key)->sign("m", QByteArray(8191, 'i')));
        auto signature = (*key)->sign("m", QByteArray(8192, 'i'));
        QVERIFY(!signature);
        QCOMPARE(signature.error().code, ErrorCode::InvalidInput);
    }

    void signatureDigest_annexA()
    {
        const auto annexA = readAnnexA();
        if (annexA.isEmpty())
            QSKIP("GOV_SHARED_DATA with sm-vectors is not available");
        const QByteArray publicKey =
            QByteArray(1, '\x04') + annexA.value(QStringLiteral("Px")) + annexA.value(QStringLiteral("Py"));
        auto digest = SkfProvider::sm2SignatureDigest(publicKey, "message digest", gov::crypto::defaultSm2Id());
        QVERIFY(digest);
        QCOMPARE(digest->toHex(), annexA.value(QStringLiteral("e")).toHex());
    }

    // The fake must sign its input as the digest e, like a real token. The
    // Annex A nonce k cannot be set in OpenSSL, so the check verifies the
    // standard's (r, s) over e with the fake's SKF_ExtECCVerify instead.
    void fake_verifiesAnnexASignatureOverE()
    {
        const auto annexA = readAnnexA();
        if (annexA.isEmpty())
            QSKIP("GOV_SHARED_DATA with sm-vectors is not available");

        void *handle = dlopen(GOV_FAKE_SKF_LIBRARY, RTLD_NOW | RTLD_LOCAL);
        QVERIFY(handle);
        auto connect = reinterpret_cast<PFN_SKF_ConnectDev>(dlsym(handle, "SKF_ConnectDev"));
        auto disconnect = reinterpret_cast<PFN_SKF_DisConnectDev>(dlsym(handle, "SKF_DisConnectDev"));
        auto verify = reinterpret_cast<PFN_SKF_ExtECCVerify>(dlsym(handle, "SKF_ExtECCVerify"));
        QVERIFY(connect && disconnect && verify);

        QByteArray deviceName = kDevice.toUtf8();
        DEVHANDLE device = nullptr;
        QCOMPARE(connect(deviceName.data(), &device), SAR_OK);

        ECCPUBLICKEYBLOB publicKey;
        std::memset(&publicKey, 0, sizeof publicKey);
        publicKey.BitLen = 256;
        std::memcpy(publicKey.XCoordinate + 32, annexA.value(QStringLiteral("Px")).constData(), 32);
        std::memcpy(publicKey.YCoordinate + 32, annexA.value(QStringLiteral("Py")).constData(), 32);
        ECCSIGNATUREBLOB signature;
        std::memset(&signature, 0, sizeof signature);
        std::memcpy(signature.r + 32, annexA.value(QStringLiteral("r")).constData(), 32);
        std::memcpy(signature.s + 32, annexA.value(QStringLiteral("s")).constData(), 32);

        QByteArray e = annexA.value(QStringLiteral("e"));
        QCOMPARE(e.size(), 32);
        const ULONG overE = verify(device, &publicKey, reinterpret_cast<BYTE *>(e.data()), 32, &signature);
        // SM3("message digest") without Z_A must not verify.
        QByteArray noZ(32, '\0');
        unsigned int noZLength = 0;
        QVERIFY(EVP_Digest("message digest", 14, reinterpret_cast<unsigned char *>(noZ.data()), &noZLength, EVP_sm3(),
                           nullptr)
                == 1);
        const ULONG overNoZ = verify(device, &publicKey, reinterpret_cast<BYTE *>(noZ.data()), 32, &signature);
        QCOMPARE(disconnect(device), SAR_OK);
        dlclose(handle);

        QCOMPARE(overE, SAR_OK);
        QCOMPARE(overNoZ, SAR_FAIL);
    }

    void openKey_wrongPinReportsRetries()
    {
        auto provider = loadFake();
        QVERIFY(provider);

        auto first = provider->openKey(kDevice, kApplication, kContainer, QStringLiteral("000000"));
        QVERIFY(!first);
        QCOMPARE(first.error().code, ErrorCode::InvalidInput);
        QVERIFY(first.error().detail.contains(QStringLiteral("2 retries left")));
        QVERIFY(first.error().userText.contains(QStringLiteral(": 2.")));
        QCOMPARE(storedRetries(), QByteArray("2"));

        auto second = provider->openKey(kDevice, kApplication, kContainer, QStringLiteral("111111"));
        QVERIFY(!second);
        QCOMPARE(second.error().code, ErrorCode::InvalidInput);
        QVERIFY(second.error().detail.contains(QStringLiteral("1 retries left")));
        QCOMPARE(storedRetries(), QByteArray("1"));
    }

    void openKey_correctPinResetsRetries()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        QVERIFY(!provider->openKey(kDevice, kApplication, kContainer, QStringLiteral("000000")));
        QCOMPARE(storedRetries(), QByteArray("2"));
        QVERIFY(provider->openKey(kDevice, kApplication, kContainer, kPin));
        QCOMPARE(storedRetries(), QByteArray::number(kRetryLimit));
    }

    void openKey_retryLimitLocks()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        for (int attempt = 1; attempt < kRetryLimit; ++attempt)
            QCOMPARE(provider->openKey(kDevice, kApplication, kContainer, QStringLiteral("000000")).error().code,
                     ErrorCode::InvalidInput);

        auto locking = provider->openKey(kDevice, kApplication, kContainer, QStringLiteral("000000"));
        QVERIFY(!locking);
        QCOMPARE(locking.error().code, ErrorCode::Crypto);
        QVERIFY(locking.error().detail.contains(QStringLiteral("PIN locked")));
        QCOMPARE(storedRetries(), QByteArray("0"));

        // The right PIN no longer opens the key, after a reconnect or a
        // reload of the library either.
        auto afterLock = provider->openKey(kDevice, kApplication, kContainer, kPin);
        QVERIFY(!afterLock);
        QVERIFY(afterLock.error().detail.contains(QStringLiteral("SAR_PIN_LOCKED")));
        provider.reset();
        provider = loadFake();
        QVERIFY(provider);
        auto afterReload = provider->openKey(kDevice, kApplication, kContainer, kPin);
        QVERIFY(!afterReload);
        QCOMPARE(afterReload.error().code, ErrorCode::Crypto);
        QVERIFY(afterReload.error().detail.contains(QStringLiteral("PIN locked")));
    }

    void openKey_notFound_data()
    {
        QTest::addColumn<QString>("device");
        QTest::addColumn<QString>("application");
        QTest::addColumn<QString>("container");
        QTest::newRow("device") << QStringLiteral("OTHER-KEY") << kApplication << kContainer;
        QTest::newRow("application") << kDevice << QStringLiteral("NO_APP") << kContainer;
        QTest::newRow("container") << kDevice << kApplication << QStringLiteral("NO_CONTAINER");
    }

    void openKey_notFound()
    {
        QFETCH(QString, device);
        QFETCH(QString, application);
        QFETCH(QString, container);
        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(device, application, container, kPin);
        QVERIFY(!key);
        QCOMPARE(key.error().code, ErrorCode::NotFound);
        // A wrong name must not cost a PIN attempt.
        QCOMPARE(storedRetries(), QByteArray::number(kRetryLimit));
    }

    void openKey_emptyPinRejected()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(kDevice, kApplication, kContainer, QString());
        QVERIFY(!key);
        QCOMPARE(key.error().code, ErrorCode::InvalidInput);
        QCOMPARE(storedRetries(), QByteArray::number(kRetryLimit));
    }

    void key_outlivesProvider()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(kDevice, kApplication, kContainer, kPin);
        QVERIFY(key);
        std::unique_ptr<Sm2PrivateKey> owned = std::move(*key);
        provider.reset();

        const QByteArray message("signed after the provider is gone");
        auto signature = owned->sign(message);
        QVERIFY(signature);
        QVERIFY(verifyWithOpenSsl(m_key.publicKey, message, *signature, gov::crypto::defaultSm2Id()));
    }

    void decrypt_unsupported()
    {
        auto provider = loadFake();
        QVERIFY(provider);
        auto key = provider->openKey(kDevice, kApplication, kContainer, kPin);
        QVERIFY(key);
        auto plaintext = (*key)->decrypt(QByteArray(120, '\x30'));
        QVERIFY(!plaintext);
        QCOMPARE(plaintext.error().code, ErrorCode::Unsupported);
    }
};

QTEST_GUILESS_MAIN(TestSkfProvider)
#include "tst_skfprovider.moc"
