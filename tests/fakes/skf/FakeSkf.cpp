// A software stand-in for a USB key vendor's GM/T 0016 (SKF) library, for
// tests only. It exports the SKF functions of SkfApi.h with C linkage, so a
// program that loads it with dlopen cannot tell it from a vendor library.
//
// The key store is a text file named by the environment variable
// GOV_FAKE_SKF_STORE, read at SKF_EnumDev and SKF_ConnectDev. One
// `key=value` per line, '#' starts a comment:
//
//   device=FAKE-SKF-0001
//   application=GOV_APP
//   pin=123456
//   retry_limit=3
//   retries_left=3                       (optional, defaults to retry_limit)
//   container=SIGN1:<64 hex digits of the SM2 private key d>
//   container=SIGN2:<...>
//
// SKF_VerifyPIN writes retries_left back to the file, so a locked PIN stays
// locked across reconnects and library reloads. Each container contains one
// SM2 signing key pair and no encryption key pair.
//
// Built with GOV_FAKE_SKF_WITHOUT_SIGN defined, the library lacks
// SKF_ECCSignData, which is how tests get an incomplete SKF library.

#include "skf/SkfApi.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#define FAKE_SKF_EXPORT extern "C" __attribute__((visibility("default")))

namespace
{

struct StoredContainer {
    std::string name;
    std::string privateKeyHex;
};

struct Store {
    std::string path;
    std::string device;
    std::string application;
    std::string pin;
    unsigned retryLimit = 0;
    unsigned retriesLeft = 0;
    std::vector<StoredContainer> containers;
};

struct Device {
    std::string name;
};

struct Application {
    Device *device = nullptr;
    bool loggedIn = false;
};

struct Container {
    Application *application = nullptr;
    std::string privateKeyHex;
};

// All state is guarded by one mutex, because SKF callers may use several threads.
std::mutex g_mutex;
std::set<Device *> g_devices;
std::set<Application *> g_applications;
std::set<Container *> g_containers;

std::string trim(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

bool loadStore(Store &store)
{
    const char *path = std::getenv("GOV_FAKE_SKF_STORE");
    if (!path || !*path)
        return false;
    std::ifstream in(path);
    if (!in)
        return false;

    store = Store{};
    store.path = path;
    bool haveRetriesLeft = false;
    std::string line;
    while (std::getline(in, line)) {
        line = trim(line);
        if (line.empty() || line[0] == '#')
            continue;
        const auto equals = line.find('=');
        if (equals == std::string::npos)
            return false;
        const std::string key = trim(line.substr(0, equals));
        const std::string value = trim(line.substr(equals + 1));
        if (key == "device") {
            store.device = value;
        } else if (key == "application") {
            store.application = value;
        } else if (key == "pin") {
            store.pin = value;
        } else if (key == "retry_limit") {
            store.retryLimit = unsigned(std::strtoul(value.c_str(), nullptr, 10));
        } else if (key == "retries_left") {
            store.retriesLeft = unsigned(std::strtoul(value.c_str(), nullptr, 10));
            haveRetriesLeft = true;
        } else if (key == "container") {
            const auto colon = value.find(':');
            if (colon == std::string::npos)
                return false;
            store.containers.push_back({trim(value.substr(0, colon)), trim(value.substr(colon + 1))});
        }
    }
    if (!haveRetriesLeft)
        store.retriesLeft = store.retryLimit;
    return !store.device.empty() && !store.application.empty();
}

// Rewrites the store through a temporary file and rename, so a reader never
// sees half a file.
bool saveStore(const Store &store)
{
    const std::string temporary = store.path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        if (!out)
            return false;
        out << "device=" << store.device << '\n'
            << "application=" << store.application << '\n'
            << "pin=" << store.pin << '\n'
            << "retry_limit=" << store.retryLimit << '\n'
            << "retries_left=" << store.retriesLeft << '\n';
        for (const auto &container : store.containers)
            out << "container=" << container.name << ':' << container.privateKeyHex << '\n';
        if (!out.flush())
            return false;
    }
    return std::rename(temporary.c_str(), store.path.c_str()) == 0;
}

// Writes `names` as an SKF name list (each NUL-terminated, then one more NUL).
ULONG writeNameList(const std::vector<std::string> &names, LPSTR buffer, ULONG *size)
{
    if (!size)
        return SAR_INVALIDPARAMERR;
    std::string list;
    for (const auto &name : names) {
        list += name;
        list += '\0';
    }
    list += '\0';

    const ULONG needed = ULONG(list.size());
    if (!buffer) {
        *size = needed;
        return SAR_OK;
    }
    if (*size < needed) {
        *size = needed;
        return SAR_BUFFER_TOO_SMALL;
    }
    std::memcpy(buffer, list.data(), list.size());
    *size = needed;
    return SAR_OK;
}

struct PkeyFree {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// An SM2 key pair from the private scalar d in hex. The public point is
// d*G, written uncompressed to `publicPoint` (65 bytes) when non-null.
PkeyPtr makeKeyPair(const std::string &privateKeyHex, unsigned char *publicPoint)
{
    BIGNUM *d = nullptr;
    if (privateKeyHex.size() != 64 || BN_hex2bn(&d, privateKeyHex.c_str()) != 64) {
        BN_free(d);
        return nullptr;
    }

    EC_GROUP *group = EC_GROUP_new_by_curve_name(NID_sm2);
    EC_POINT *point = group ? EC_POINT_new(group) : nullptr;
    unsigned char pub[65] = {};
    const bool havePoint =
        point && EC_POINT_mul(group, point, d, nullptr, nullptr, nullptr) == 1
        && EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, pub, sizeof pub, nullptr) == sizeof pub;
    EC_POINT_free(point);
    EC_GROUP_free(group);

    EVP_PKEY *key = nullptr;
    OSSL_PARAM_BLD *builder = havePoint ? OSSL_PARAM_BLD_new() : nullptr;
    OSSL_PARAM *params = nullptr;
    if (builder && OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) == 1
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_PRIV_KEY, d) == 1
        && OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub) == 1)
        params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *ctx = params ? EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr) : nullptr;
    if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_KEYPAIR, params);

    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_clear_free(d);
    if (key && publicPoint)
        std::memcpy(publicPoint, pub, sizeof pub);
    return PkeyPtr(key);
}

PkeyPtr makePublicKey(const ECCPUBLICKEYBLOB &blob)
{
    unsigned char pub[65];
    pub[0] = 0x04;
    std::memcpy(pub + 1, blob.XCoordinate + 32, 32);
    std::memcpy(pub + 33, blob.YCoordinate + 32, 32);

    EVP_PKEY *key = nullptr;
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = nullptr;
    if (builder && OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) == 1
        && OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub) == 1)
        params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *ctx = params ? EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr) : nullptr;
    if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    return PkeyPtr(key);
}

bool isDevice(DEVHANDLE handle)
{
    return g_devices.count(static_cast<Device *>(handle)) != 0;
}

bool isApplication(HAPPLICATION handle)
{
    return g_applications.count(static_cast<Application *>(handle)) != 0;
}

bool isContainer(HCONTAINER handle)
{
    return g_containers.count(static_cast<Container *>(handle)) != 0;
}

void closeContainerLocked(Container *container)
{
    g_containers.erase(container);
    delete container;
}

void closeApplicationLocked(Application *application)
{
    for (auto it = g_containers.begin(); it != g_containers.end();) {
        Container *container = *it++;
        if (container->application == application)
            closeContainerLocked(container);
    }
    g_applications.erase(application);
    delete application;
}

} // namespace

FAKE_SKF_EXPORT ULONG DEVAPI SKF_EnumDev(BOOL bPresent, LPSTR szNameList, ULONG *pulSize)
{
    (void)bPresent;
    std::lock_guard lock(g_mutex);
    Store store;
    if (!loadStore(store))
        return writeNameList({}, szNameList, pulSize);
    return writeNameList({store.device}, szNameList, pulSize);
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_ConnectDev(LPSTR szName, DEVHANDLE *phDev)
{
    std::lock_guard lock(g_mutex);
    if (!szName || !phDev)
        return SAR_INVALIDPARAMERR;
    Store store;
    if (!loadStore(store))
        return SAR_FAIL;
    if (store.device != szName)
        return SAR_DEVICE_REMOVED;

    auto *device = new Device{store.device};
    g_devices.insert(device);
    *phDev = device;
    return SAR_OK;
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_DisConnectDev(DEVHANDLE hDev)
{
    std::lock_guard lock(g_mutex);
    if (!isDevice(hDev))
        return SAR_INVALIDHANDLEERR;
    auto *device = static_cast<Device *>(hDev);
    for (auto it = g_applications.begin(); it != g_applications.end();) {
        Application *application = *it++;
        if (application->device == device)
            closeApplicationLocked(application);
    }
    g_devices.erase(device);
    delete device;
    return SAR_OK;
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_EnumApplication(DEVHANDLE hDev, LPSTR szAppName, ULONG *pulSize)
{
    std::lock_guard lock(g_mutex);
    if (!isDevice(hDev))
        return SAR_INVALIDHANDLEERR;
    Store store;
    if (!loadStore(store))
        return SAR_DEVICE_REMOVED;
    return writeNameList({store.application}, szAppName, pulSize);
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_OpenApplication(DEVHANDLE hDev, LPSTR szAppName, HAPPLICATION *phApplication)
{
    std::lock_guard lock(g_mutex);
    if (!isDevice(hDev))
        return SAR_INVALIDHANDLEERR;
    if (!szAppName || !phApplication)
        return SAR_INVALIDPARAMERR;
    Store store;
    if (!loadStore(store))
        return SAR_DEVICE_REMOVED;
    if (store.application != szAppName)
        return SAR_APPLICATION_NOT_EXISTS;

    auto *application = new Application{static_cast<Device *>(hDev), false};
    g_applications.insert(application);
    *phApplication = application;
    return SAR_OK;
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_CloseApplication(HAPPLICATION hApplication)
{
    std::lock_guard lock(g_mutex);
    if (!isApplication(hApplication))
        return SAR_INVALIDHANDLEERR;
    closeApplicationLocked(static_cast<Application *>(hApplication));
    return SAR_OK;
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_VerifyPIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szPIN,
                                           ULONG *pulRetryCount)
{
    std::lock_guard lock(g_mutex);
    if (!isApplication(hApplication))
        return SAR_INVALIDHANDLEERR;
    if (!szPIN || !pulRetryCount)
        return SAR_INVALIDPARAMERR;
    if (ulPINType != USER_TYPE)
        return SAR_USER_TYPE_INVALID;

    // Re-read the store so that attempts made through other handles or
    // processes count.
    Store store;
    if (!loadStore(store))
        return SAR_DEVICE_REMOVED;
    auto *application = static_cast<Application *>(hApplication);
    if (store.retriesLeft == 0) {
        *pulRetryCount = 0;
        return SAR_PIN_LOCKED;
    }

    if (store.pin == szPIN) {
        store.retriesLeft = store.retryLimit;
        if (!saveStore(store))
            return SAR_WRITEFILEERR;
        application->loggedIn = true;
        *pulRetryCount = store.retriesLeft;
        return SAR_OK;
    }

    // The attempt that uses the last retry reports SAR_PIN_INCORRECT with a
    // count of 0; later attempts report SAR_PIN_LOCKED.
    store.retriesLeft -= 1;
    if (!saveStore(store))
        return SAR_WRITEFILEERR;
    application->loggedIn = false;
    *pulRetryCount = store.retriesLeft;
    return SAR_PIN_INCORRECT;
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_EnumContainer(HAPPLICATION hApplication, LPSTR szContainerName, ULONG *pulSize)
{
    std::lock_guard lock(g_mutex);
    if (!isApplication(hApplication))
        return SAR_INVALIDHANDLEERR;
    Store store;
    if (!loadStore(store))
        return SAR_DEVICE_REMOVED;
    std::vector<std::string> names;
    for (const auto &container : store.containers)
        names.push_back(container.name);
    return writeNameList(names, szContainerName, pulSize);
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_OpenContainer(HAPPLICATION hApplication, LPSTR szContainerName,
                                               HCONTAINER *phContainer)
{
    std::lock_guard lock(g_mutex);
    if (!isApplication(hApplication))
        return SAR_INVALIDHANDLEERR;
    if (!szContainerName || !phContainer)
        return SAR_INVALIDPARAMERR;
    Store store;
    if (!loadStore(store))
        return SAR_DEVICE_REMOVED;
    for (const auto &stored : store.containers) {
        if (stored.name != szContainerName)
            continue;
        auto *container = new Container{static_cast<Application *>(hApplication), stored.privateKeyHex};
        g_containers.insert(container);
        *phContainer = container;
        return SAR_OK;
    }
    return SAR_FILE_NOT_EXIST;
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_CloseContainer(HCONTAINER hContainer)
{
    std::lock_guard lock(g_mutex);
    if (!isContainer(hContainer))
        return SAR_INVALIDHANDLEERR;
    closeContainerLocked(static_cast<Container *>(hContainer));
    return SAR_OK;
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_ExportPublicKey(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbBlob, ULONG *pulBlobLen)
{
    std::lock_guard lock(g_mutex);
    if (!isContainer(hContainer))
        return SAR_INVALIDHANDLEERR;
    if (!pulBlobLen)
        return SAR_INVALIDPARAMERR;
    if (!bSignFlag)
        return SAR_KEYNOTFOUNTERR;
    if (!pbBlob) {
        *pulBlobLen = sizeof(ECCPUBLICKEYBLOB);
        return SAR_OK;
    }
    if (*pulBlobLen < sizeof(ECCPUBLICKEYBLOB)) {
        *pulBlobLen = sizeof(ECCPUBLICKEYBLOB);
        return SAR_BUFFER_TOO_SMALL;
    }

    unsigned char pub[65];
    if (!makeKeyPair(static_cast<Container *>(hContainer)->privateKeyHex, pub))
        return SAR_KEYNOTFOUNTERR;
    ECCPUBLICKEYBLOB blob;
    std::memset(&blob, 0, sizeof blob);
    blob.BitLen = 256;
    std::memcpy(blob.XCoordinate + 32, pub + 1, 32);
    std::memcpy(blob.YCoordinate + 32, pub + 33, 32);
    std::memcpy(pbBlob, &blob, sizeof blob);
    *pulBlobLen = sizeof blob;
    return SAR_OK;
}

#ifndef GOV_FAKE_SKF_WITHOUT_SIGN
namespace
{

// Copies a BIGNUM right-aligned into a 64-byte SKF field.
bool putRightAligned(const BIGNUM *value, BYTE *field)
{
    std::memset(field, 0, 64);
    return BN_bn2binpad(value, field + 32, 32) == 32;
}

} // namespace

// Signs pbData as the SM2 digest e. OpenSSL 3's EVP_PKEY_sign on an SM2 key
// does the same: it takes its input as e and adds no Z_A.
FAKE_SKF_EXPORT ULONG DEVAPI SKF_ECCSignData(HCONTAINER hContainer, BYTE *pbData, ULONG ulDataLen,
                                             PECCSIGNATUREBLOB pSignature)
{
    std::lock_guard lock(g_mutex);
    if (!isContainer(hContainer))
        return SAR_INVALIDHANDLEERR;
    if (!pbData || !pSignature)
        return SAR_INVALIDPARAMERR;
    if (ulDataLen != 32)
        return SAR_INDATALENERR;
    auto *container = static_cast<Container *>(hContainer);
    if (!container->application->loggedIn)
        return SAR_USER_NOT_LOGGED_IN;

    PkeyPtr key = makeKeyPair(container->privateKeyHex, nullptr);
    if (!key)
        return SAR_KEYNOTFOUNTERR;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr);
    unsigned char der[80];
    size_t derLength = sizeof der;
    const bool signedOk = ctx && EVP_PKEY_sign_init(ctx) == 1 && EVP_PKEY_sign(ctx, der, &derLength, pbData, 32) == 1;
    EVP_PKEY_CTX_free(ctx);
    if (!signedOk) {
        ERR_clear_error();
        return SAR_FAIL;
    }

    const unsigned char *cursor = der;
    ECDSA_SIG *sig = d2i_ECDSA_SIG(nullptr, &cursor, long(derLength));
    const bool copied = sig && putRightAligned(ECDSA_SIG_get0_r(sig), pSignature->r)
                        && putRightAligned(ECDSA_SIG_get0_s(sig), pSignature->s);
    ECDSA_SIG_free(sig);
    return copied ? SAR_OK : SAR_FAIL;
}
#endif

FAKE_SKF_EXPORT ULONG DEVAPI SKF_ExtECCVerify(DEVHANDLE hDev, ECCPUBLICKEYBLOB *pECCPubKeyBlob, BYTE *pbData,
                                              ULONG ulDataLen, PECCSIGNATUREBLOB pSignature)
{
    std::lock_guard lock(g_mutex);
    if (!isDevice(hDev))
        return SAR_INVALIDHANDLEERR;
    if (!pECCPubKeyBlob || !pbData || !pSignature || pECCPubKeyBlob->BitLen != 256)
        return SAR_INVALIDPARAMERR;
    if (ulDataLen != 32)
        return SAR_INDATALENERR;

    PkeyPtr key = makePublicKey(*pECCPubKeyBlob);
    if (!key)
        return SAR_INVALIDPARAMERR;

    ECDSA_SIG *sig = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(pSignature->r, 64, nullptr);
    BIGNUM *s = BN_bin2bn(pSignature->s, 64, nullptr);
    unsigned char *der = nullptr;
    int derLength = 0;
    if (sig && r && s && ECDSA_SIG_set0(sig, r, s) == 1) {
        derLength = i2d_ECDSA_SIG(sig, &der);
    } else {
        BN_free(r);
        BN_free(s);
    }
    ECDSA_SIG_free(sig);

    EVP_PKEY_CTX *ctx = derLength > 0 ? EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr) : nullptr;
    const bool valid =
        ctx && EVP_PKEY_verify_init(ctx) == 1 && EVP_PKEY_verify(ctx, der, size_t(derLength), pbData, ulDataLen) == 1;
    EVP_PKEY_CTX_free(ctx);
    OPENSSL_free(der);
    ERR_clear_error();
    return valid ? SAR_OK : SAR_FAIL;
}

FAKE_SKF_EXPORT ULONG DEVAPI SKF_GenRandom(DEVHANDLE hDev, BYTE *pbRandom, ULONG ulRandomLen)
{
    std::lock_guard lock(g_mutex);
    if (!isDevice(hDev))
        return SAR_INVALIDHANDLEERR;
    if (!pbRandom)
        return SAR_INVALIDPARAMERR;
    if (ulRandomLen == 0)
        return SAR_OK;
    return RAND_bytes(pbRandom, int(ulRandomLen)) == 1 ? SAR_OK : SAR_GENRANDERR;
}
